package org.shouhu.reporting.entity;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * The progress arithmetic of one deliverable on one day, pure and exact (integers only; decimals appear only when
 * a figure is shown). Definitions (docs/reporting.md):
 *
 * <ul>
 *   <li>{@code D} = days of the contract period, both ends counted; {@code e} = elapsed days, counting today, from
 *       0 before the start to {@code D} from the last day on; {@code r = D - e} days remain.
 *   <li>expected {@code E = target × e / D}: the target pro-rated over the elapsed share of the period.
 *   <li>pace: approved units whose service day lies in the last 30 days (today included). It is judged only once
 *       30 days have elapsed and while days remain; the projection is {@code approved + pace × r / 30}.
 *   <li>status, first match wins: AT_RISK when approved &lt; 70% of E (and E ≥ 1) or the projection falls short of
 *       the target; BEHIND when approved &lt; 90% of E (and E ≥ 1); AHEAD when approved &gt; 110% of E; else
 *       ON_TRACK. While less than one whole unit is expected (E &lt; 1) nothing is judged behind.
 * </ul>
 */
public record Progress(int target, int approved, int approvedLast30Days, LocalDate start, LocalDate end, LocalDate today) {

  /** Days in the pace window. */
  public static final int PACE_DAYS = 30;

  public Progress {
    if (target < 0 || approved < 0 || approvedLast30Days < 0) {
      throw new IllegalArgumentException("counts are never negative");
    }
    if (end.isBefore(start)) {
      throw new IllegalArgumentException("the period ends before it starts");
    }
  }

  public long periodDays() {
    return ChronoUnit.DAYS.between(start, end) + 1;
  }

  public long elapsedDays() {
    long e = ChronoUnit.DAYS.between(start, today) + 1;
    return Math.max(0, Math.min(e, periodDays()));
  }

  public long remainingDays() {
    return periodDays() - elapsedDays();
  }

  /** {@code target × e / D}, half-up to two decimals. */
  public BigDecimal expected() {
    return BigDecimal.valueOf((long) target * elapsedDays())
        .divide(BigDecimal.valueOf(periodDays()), 2, RoundingMode.HALF_UP);
  }

  /** Approved as a percentage of expected, one decimal; null while nothing is expected. */
  public BigDecimal percentOfExpected() {
    long expectedTimesD = (long) target * elapsedDays();
    if (expectedTimesD == 0) {
      return null;
    }
    return BigDecimal.valueOf((long) approved * periodDays() * 100)
        .divide(BigDecimal.valueOf(expectedTimesD), 1, RoundingMode.HALF_UP);
  }

  /** Whether the 30-day pace is judged: a whole window inside the period, and days left to deliver in. */
  public boolean paceJudged() {
    return elapsedDays() >= PACE_DAYS && remainingDays() > 0;
  }

  /** What the period will end with at the last 30 days' pace, two decimals; null when the pace is not judged. */
  public BigDecimal projectedAtEnd() {
    if (!paceJudged()) {
      return null;
    }
    return BigDecimal.valueOf((long) approved * PACE_DAYS + (long) approvedLast30Days * remainingDays())
        .divide(BigDecimal.valueOf(PACE_DAYS), 2, RoundingMode.HALF_UP);
  }

  public boolean unreachableAtPace() {
    return paceJudged() && (long) approved * PACE_DAYS + (long) approvedLast30Days * remainingDays() < (long) target * PACE_DAYS;
  }

  public ProgressStatus status() {
    long d = periodDays();
    long expectedTimesD = (long) target * elapsedDays();
    long approvedTimesD = (long) approved * d;
    boolean somethingWholeExpected = expectedTimesD >= d;
    if (unreachableAtPace() || (somethingWholeExpected && 10 * approvedTimesD < 7 * expectedTimesD)) {
      return ProgressStatus.AT_RISK;
    }
    if (somethingWholeExpected && 10 * approvedTimesD < 9 * expectedTimesD) {
      return ProgressStatus.BEHIND;
    }
    if (10 * approvedTimesD > 11 * expectedTimesD) {
      return ProgressStatus.AHEAD;
    }
    return ProgressStatus.ON_TRACK;
  }
}
