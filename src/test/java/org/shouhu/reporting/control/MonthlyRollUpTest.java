package org.shouhu.reporting.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.shouhu.reporting.control.MonthlyRollUp.Days;

class MonthlyRollUpTest {

  private static final LocalDate TODAY = LocalDate.of(2026, 12, 6);

  /** How often each day is counted when the plan's months are read whole and its day ranges added or taken away. */
  private static Map<LocalDate, Integer> counted(MonthlyRollUp plan) {
    Map<LocalDate, Integer> times = new TreeMap<>();
    if (plan.firstMonth() != null) {
      for (LocalDate d = plan.firstMonth(); d.isBefore(plan.lastMonth().plusMonths(1)); d = d.plusDays(1)) {
        times.merge(d, 1, Integer::sum);
      }
    }
    for (Days r : plan.days()) {
      assertEquals(r.from().withDayOfMonth(1), r.to().withDayOfMonth(1), "a day range stays in one month: " + r);
      for (LocalDate d = r.from(); !d.isAfter(r.to()); d = d.plusDays(1)) {
        times.merge(d, r.sign(), Integer::sum);
      }
    }
    times.values().removeIf(n -> n == 0);
    return times;
  }

  @Test
  void everyPeriodCountsEachOfItsDaysOnceAndNoOtherDay() {
    LocalDate start = LocalDate.of(2025, 12, 20);
    for (LocalDate today : List.of(LocalDate.of(2026, 2, 14), LocalDate.of(2026, 9, 1))) {
      for (LocalDate from = start; from.isBefore(start.plusDays(80)); from = from.plusDays(1)) {
        for (int length = 0; length < 100; length++) {
          LocalDate to = from.plusDays(length);
          Map<LocalDate, Integer> expected = new TreeMap<>();
          for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            expected.put(d, 1);
          }
          assertEquals(expected, counted(MonthlyRollUp.of(from, to, today)), from + ".." + to + " on " + today);
        }
      }
    }
  }

  @Test
  void theLast90DaysReadFourMonthsAndTheFirstMonthsWeekOutsideThePeriod() {
    MonthlyRollUp plan = MonthlyRollUp.of(TODAY.minusDays(89), TODAY, TODAY);
    assertEquals(LocalDate.of(2026, 9, 1), plan.firstMonth());
    assertEquals(LocalDate.of(2026, 12, 1), plan.lastMonth());
    assertEquals(List.of(new Days(LocalDate.of(2026, 9, 1), LocalDate.of(2026, 9, 7), -1),
        new Days(LocalDate.of(2026, 12, 7), LocalDate.of(2026, 12, 31), -1)), plan.days(),
        "September 8 on: its first week taken away; December read whole, the days to come taken away (none logged)");
  }

  @Test
  void aPartialMonthWithFewerDaysInsideIsReadFromTheDays() {
    MonthlyRollUp plan = MonthlyRollUp.of(LocalDate.of(2026, 9, 25), LocalDate.of(2026, 11, 3), TODAY);
    assertEquals(LocalDate.of(2026, 10, 1), plan.firstMonth());
    assertEquals(LocalDate.of(2026, 10, 1), plan.lastMonth());
    assertEquals(List.of(new Days(LocalDate.of(2026, 9, 25), LocalDate.of(2026, 9, 30), 1),
        new Days(LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 3), 1)), plan.days());
  }

  @Test
  void aFewDaysInsideOneMonthReadNoMonth() {
    MonthlyRollUp plan = MonthlyRollUp.of(LocalDate.of(2026, 11, 10), LocalDate.of(2026, 11, 12), TODAY);
    assertNull(plan.firstMonth());
    assertEquals(List.of(new Days(LocalDate.of(2026, 11, 10), LocalDate.of(2026, 11, 12), 1)), plan.days());
  }

  @Test
  void wholeMonthsReadNoDay() {
    MonthlyRollUp plan = MonthlyRollUp.of(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 10, 31), TODAY);
    assertEquals(LocalDate.of(2026, 1, 1), plan.firstMonth());
    assertEquals(LocalDate.of(2026, 10, 1), plan.lastMonth());
    assertTrue(plan.days().isEmpty());
  }

  @Test
  void aReversedPeriodIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> MonthlyRollUp.of(TODAY, TODAY.minusDays(1), TODAY));
  }
}
