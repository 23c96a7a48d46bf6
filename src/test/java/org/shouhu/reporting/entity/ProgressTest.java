package org.shouhu.reporting.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/**
 * Hand-computed cases on a 2026 contract (365 days). On 10 April, 31 + 28 + 31 + 10 = 100 days have elapsed and 265
 * remain, so a target of 365 expects exactly 100.
 */
class ProgressTest {

  static final LocalDate START = LocalDate.of(2026, 1, 1);
  static final LocalDate END = LocalDate.of(2026, 12, 31);
  static final LocalDate APRIL_10 = LocalDate.of(2026, 4, 10);

  static Progress on(LocalDate today, int target, int approved, int last30) {
    return new Progress(target, approved, last30, START, END, today);
  }

  @Test
  void proRatesTheTargetOverTheElapsedShareOfAPeriodNotEnded() {
    Progress p = on(APRIL_10, 365, 100, 30);
    assertEquals(365, p.periodDays());
    assertEquals(100, p.elapsedDays());
    assertEquals(265, p.remainingDays());
    assertEquals(new BigDecimal("100.00"), p.expected());
    assertEquals(new BigDecimal("100.0"), p.percentOfExpected());
    // 100 + 30 × 265 / 30 = 365: exactly reachable.
    assertEquals(new BigDecimal("365.00"), p.projectedAtEnd());
    assertEquals(ProgressStatus.ON_TRACK, p.status());
  }

  @Test
  void expectedIsRoundedHalfUpToTheFen() {
    // 100 × 100 / 365 = 27.397…
    assertEquals(new BigDecimal("27.40"), on(APRIL_10, 100, 0, 0).expected());
  }

  @Test
  void belowNinetyPercentIsBehindAndBelowSeventyAtRisk() {
    // 89 of 100; at 40 per 30 days the end reaches 89 + 40 × 265 / 30 = 442.33.
    assertEquals(ProgressStatus.BEHIND, on(APRIL_10, 365, 89, 40).status());
    assertEquals(ProgressStatus.ON_TRACK, on(APRIL_10, 365, 90, 40).status());
    assertEquals(ProgressStatus.AT_RISK, on(APRIL_10, 365, 69, 200).status());
    assertEquals(ProgressStatus.BEHIND, on(APRIL_10, 365, 70, 200).status());
  }

  @Test
  void aheadMeansMoreThanOneHundredTenPercentOfExpected() {
    assertEquals(ProgressStatus.AHEAD, on(APRIL_10, 365, 111, 30).status());
    assertEquals(ProgressStatus.ON_TRACK, on(APRIL_10, 365, 110, 30).status());
  }

  @Test
  void aTargetOutOfReachAtTheLastThirtyDaysPaceIsAtRiskEvenWhenAhead() {
    // 120 approved but none in the last 30 days: 120 + 0 × 265 / 30 < 365.
    Progress stalled = on(APRIL_10, 365, 120, 0);
    assertTrue(stalled.unreachableAtPace());
    assertEquals(new BigDecimal("120.00"), stalled.projectedAtEnd());
    assertEquals(ProgressStatus.AT_RISK, stalled.status());
    // 100 + 29 × 265 / 30 = 356.17 < 365.
    assertEquals(ProgressStatus.AT_RISK, on(APRIL_10, 365, 100, 29).status());
  }

  @Test
  void thePaceIsJudgedOnlyOnceAWholeWindowHasElapsed() {
    // 29 January: 29 days elapsed, no window yet; 30 January: 30.
    assertFalse(on(LocalDate.of(2026, 1, 29), 365, 29, 29).paceJudged());
    assertNull(on(LocalDate.of(2026, 1, 29), 365, 29, 29).projectedAtEnd());
    assertTrue(on(LocalDate.of(2026, 1, 30), 365, 30, 30).paceJudged());
  }

  @Test
  void anEndedPeriodExpectsTheWholeTargetAndJudgesNoPace() {
    LocalDate after = LocalDate.of(2027, 1, 15);
    Progress met = on(after, 365, 365, 0);
    assertEquals(365, met.elapsedDays());
    assertEquals(0, met.remainingDays());
    assertEquals(new BigDecimal("365.00"), met.expected());
    assertFalse(met.paceJudged());
    assertEquals(ProgressStatus.ON_TRACK, met.status());
    // 320 / 365 = 87.7%.
    assertEquals(new BigDecimal("87.7"), on(after, 365, 320, 0).percentOfExpected());
    assertEquals(ProgressStatus.BEHIND, on(after, 365, 320, 0).status());
    // 402 > 1.1 × 365 = 401.5.
    assertEquals(ProgressStatus.AHEAD, on(after, 365, 402, 0).status());
    assertEquals(ProgressStatus.ON_TRACK, on(after, 365, 401, 0).status());
    // The last day counts whole: on 31 December the entire target is expected.
    assertEquals(new BigDecimal("365.00"), on(END, 365, 0, 0).expected());
  }

  @Test
  void beforeTheStartNothingIsExpected() {
    Progress p = on(LocalDate.of(2025, 12, 20), 365, 0, 0);
    assertEquals(0, p.elapsedDays());
    assertEquals(new BigDecimal("0.00"), p.expected());
    assertNull(p.percentOfExpected());
    assertNull(p.projectedAtEnd());
    assertEquals(ProgressStatus.ON_TRACK, p.status());
  }

  @Test
  void aZeroTargetIsOnTrackUntilSomethingIsDelivered() {
    assertEquals(ProgressStatus.ON_TRACK, on(APRIL_10, 0, 0, 0).status());
    assertNull(on(APRIL_10, 0, 0, 0).percentOfExpected());
    assertEquals(ProgressStatus.AHEAD, on(APRIL_10, 0, 5, 5).status());
  }

  @Test
  void nothingIsBehindWhileLessThanOneWholeUnitIsExpected() {
    // 2 January, target 100: 100 × 2 / 365 = 0.55 expected.
    assertEquals(new BigDecimal("0.55"), on(LocalDate.of(2026, 1, 2), 100, 0, 0).expected());
    assertEquals(ProgressStatus.ON_TRACK, on(LocalDate.of(2026, 1, 2), 100, 0, 0).status());
    // 5 January: 500 / 365 = 1.37; 0 is below 70%, 1 is 73%.
    assertEquals(ProgressStatus.AT_RISK, on(LocalDate.of(2026, 1, 5), 100, 0, 0).status());
    assertEquals(ProgressStatus.BEHIND, on(LocalDate.of(2026, 1, 5), 100, 1, 1).status());
  }

  @Test
  void theWorstStatusWins() {
    assertEquals(ProgressStatus.AT_RISK, ProgressStatus.worst(ProgressStatus.AHEAD, ProgressStatus.AT_RISK));
    assertEquals(ProgressStatus.BEHIND, ProgressStatus.worst(ProgressStatus.BEHIND, ProgressStatus.ON_TRACK));
  }
}
