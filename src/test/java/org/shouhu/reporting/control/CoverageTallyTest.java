package org.shouhu.reporting.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.shouhu.reporting.control.BureauReports.CategoryCoverage;
import org.shouhu.reporting.control.BureauReports.CoverageTally;

class CoverageTallyTest {

  @Test
  void aPersonCountsOnceInTheTownAndOnceInEachOfTheirCategories() {
    CoverageTally tally = new CoverageTally();
    // town A: 3 children in difficulty who are also left behind (2 served, 1 not visited in 30 days, none in 90),
    // 4 left-behind children only (1 served); town B: 2 elderly, nobody served.
    tally.add("A", "CHILD_IN_DIFFICULTY,LEFT_BEHIND_CHILD", 3, 2, 1, 0);
    tally.add("A", "LEFT_BEHIND_CHILD", 4, 1, 4, 4);
    tally.add("B", "LEFT_BEHIND_ELDERLY", 2, 0, 2, 2);

    assertEquals(List.of("A", "B"), List.copyOf(tally.towns.keySet()));
    assertArrayEquals(new long[] {7, 3, 3, 1, 0}, tally.towns.get("A"),
        "registered, served, children in difficulty, not visited in 30 and in 90 days (only theirs)");
    assertArrayEquals(new long[] {2, 0, 0, 0, 0}, tally.towns.get("B"));
    assertEquals(List.of(new CategoryCoverage("CHILD_IN_DIFFICULTY", 3, 2), new CategoryCoverage("LEFT_BEHIND_CHILD", 7, 3)),
        tally.categories().get("A"));
    assertEquals(List.of(new CategoryCoverage("LEFT_BEHIND_ELDERLY", 2, 0)), tally.categories().get("B"));
  }

  @Test
  void aCategoryWithNobodyRegisteredOrServedHasNoLine() {
    CoverageTally tally = new CoverageTally();
    tally.add("A", "CHILD_IN_DIFFICULTY", 0, 0, 0, 0); // only people no longer enrolled and not served
    tally.add("A", "LEFT_BEHIND_CHILD", 0, 1, 0, 0);
    assertEquals(List.of(new CategoryCoverage("LEFT_BEHIND_CHILD", 0, 1)), tally.categories().get("A"));
    assertArrayEquals(new long[] {0, 1, 0, 0, 0}, tally.towns.get("A"));
  }

  @Test
  void categoriesSplitAsPostgresSplitsThem() {
    CoverageTally tally = new CoverageTally();
    tally.add("A", "", 5, 5, 5, 5); // string_to_array('', ',') is empty: no line, no town total
    assertEquals(List.of(), List.copyOf(tally.towns.keySet()));
    tally.add("A", "CHILD_IN_DIFFICULTY,", 1, 0, 1, 1); // a trailing comma is an empty category, as in SQL
    assertEquals(List.of(new CategoryCoverage("", 1, 0), new CategoryCoverage("CHILD_IN_DIFFICULTY", 1, 0)),
        tally.categories().get("A"));
    assertArrayEquals(new long[] {1, 0, 1, 1, 1}, tally.towns.get("A"));
  }
}
