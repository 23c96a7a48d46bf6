package org.shouhu.contracts.entity;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * How the data-driven indicators are reckoned from the facts, 0–100 to two decimals, or null when there is
 * nothing to go by (the officer then scores by judgement). Pure arithmetic, so every rule is unit-tested:
 *
 * <ul>
 *   <li><b>Completion</b>: for each deliverable, approved ÷ expected, capped at 1; the indicator is 100 × the mean
 *       over deliverables. A FINAL sheet expects the full target; a MID_TERM sheet expects the target pro-rated to
 *       the share of the contract period elapsed on its day (both ends counted), so being on schedule scores 100.
 *   <li><b>Compliance</b>: the share of records handed to review (SUBMITTED, APPROVED, RETURNED) that were neither
 *       flagged LATE_ENTRY nor ever returned; and the share of the project's incidents (强制报告, not voided) that are
 *       handled — closed, or open with at least one handling step. The indicator is 100 × the mean of the two shares,
 *       or of the one that exists.
 *   <li><b>Satisfaction</b>: the mean of the surveys on the 0–100 scale ({@link SurveyScale#toPercent}).
 * </ul>
 */
public final class Prefill {

  private static final BigDecimal HUNDRED = new BigDecimal("100");
  private static final MathContext PRECISION = MathContext.DECIMAL64;

  private Prefill() {}

  /** One deliverable's target and approved count; the label is the deliverable's kind code. */
  public record Delivery(String label, int target, long approved) {}

  /** A record-quality tally: records handed to review and how many of them were late or returned. */
  public record RecordTally(long considered, long flawed) {}

  /** The incidents of the project that count (not voided) and how many of them are handled. */
  public record IncidentTally(long total, long handled) {}

  public record Value(BigDecimal score, String basis) {}

  /** The share of the contract period elapsed on a day, 0–1, both the first and the last day counted. */
  public static BigDecimal elapsedShare(ContractPeriod period, LocalDate day) {
    if (day.isBefore(period.start())) {
      return BigDecimal.ZERO;
    }
    if (!day.isBefore(period.end())) {
      return BigDecimal.ONE;
    }
    long length = ChronoUnit.DAYS.between(period.start(), period.end()) + 1;
    long elapsed = ChronoUnit.DAYS.between(period.start(), day) + 1;
    return BigDecimal.valueOf(elapsed).divide(BigDecimal.valueOf(length), PRECISION);
  }

  public static Value completion(List<Delivery> deliveries, EvaluationStage stage, ContractPeriod period, LocalDate asOf) {
    if (deliveries.isEmpty()) {
      return new Value(null, Basis.of(List.of(Basis.part("NO_DELIVERABLES"))));
    }
    BigDecimal share = stage == EvaluationStage.FINAL ? BigDecimal.ONE : elapsedShare(period, asOf);
    BigDecimal sum = BigDecimal.ZERO;
    for (Delivery d : deliveries) {
      BigDecimal expected = BigDecimal.valueOf(d.target()).multiply(share, PRECISION);
      BigDecimal ratio = expected.signum() == 0
          ? BigDecimal.ONE
          : BigDecimal.valueOf(d.approved()).divide(expected, PRECISION).min(BigDecimal.ONE);
      sum = sum.add(ratio);
    }
    BigDecimal score = sum.multiply(HUNDRED).divide(BigDecimal.valueOf(deliveries.size()), 2, RoundingMode.HALF_UP);
    List<Basis.Part> parts = new java.util.ArrayList<>(
        deliveries.stream().map(d -> Basis.part("DELIVERED", d.label(), d.approved(), d.target())).toList());
    if (stage != EvaluationStage.FINAL) {
      parts.add(Basis.part("EXPECTED_SHARE", share.multiply(HUNDRED).setScale(1, RoundingMode.HALF_UP).toPlainString()));
    }
    return new Value(score, Basis.of(parts));
  }

  public static Value compliance(RecordTally records, IncidentTally incidents) {
    BigDecimal recordShare = records.considered() == 0
        ? null
        : BigDecimal.valueOf(records.considered() - records.flawed()).divide(BigDecimal.valueOf(records.considered()), PRECISION);
    BigDecimal incidentShare = incidents.total() == 0
        ? null
        : BigDecimal.valueOf(incidents.handled()).divide(BigDecimal.valueOf(incidents.total()), PRECISION);
    String basis = Basis.of(List.of(
        Basis.part("RECORDS_IN_ORDER", records.considered() - records.flawed(), records.considered()),
        Basis.part("INCIDENTS_HANDLED", incidents.handled(), incidents.total())));
    if (recordShare == null && incidentShare == null) {
      return new Value(null, basis);
    }
    BigDecimal mean = recordShare == null ? incidentShare
        : incidentShare == null ? recordShare
        : recordShare.add(incidentShare).divide(BigDecimal.valueOf(2), PRECISION);
    return new Value(mean.multiply(HUNDRED).setScale(2, RoundingMode.HALF_UP), basis);
  }

  public static Value satisfaction(List<BigDecimal> percents) {
    if (percents.isEmpty()) {
      return new Value(null, Basis.of(List.of(Basis.part("NO_SURVEY"))));
    }
    BigDecimal sum = percents.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    return new Value(sum.divide(BigDecimal.valueOf(percents.size()), 2, RoundingMode.HALF_UP), Basis.of(List.of(Basis.part("SURVEYS", percents.size()))));
  }
}
