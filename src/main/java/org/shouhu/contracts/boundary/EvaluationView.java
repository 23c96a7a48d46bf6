package org.shouhu.contracts.boundary;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.shouhu.contracts.entity.Basis;
import org.shouhu.contracts.entity.Evaluation;
import org.shouhu.contracts.entity.EvaluationIndicator;
import org.shouhu.contracts.entity.Grade;

/**
 * An evaluation sheet as its readers see it. Scores and the total are strings (two decimals) so no client reads
 * them as floats; the total and grade of a draft are what they would be now (null until every line is scored).
 */
public record EvaluationView(
    UUID id,
    UUID projectId,
    String stage,
    String stageLabel,
    LocalDate asOf,
    String status,
    UUID milestoneId,
    List<IndicatorView> indicators,
    String total,
    String grade,
    String gradeLabel,
    Boolean passed,
    String conclusion,
    OffsetDateTime signedAt,
    UUID signedBy,
    OffsetDateTime createdAt) {

  public record IndicatorView(
      String code, String label, int weight, String prefilled, String prefillBasis, List<Basis.Part> basisParts,
      String score, String comment, boolean overridden, String overrideReason, OffsetDateTime scoredAt) {

    /** prefillBasis in Chinese words (as the exports print it); basisParts the same as codes and numbers. */
    static IndicatorView of(EvaluationIndicator i) {
      return new IndicatorView(i.code().name(), i.code().label(), i.weight(), text(i.prefilled()),
          Basis.zh(i.prefillBasis()), Basis.parts(i.prefillBasis()),
          text(i.score()), i.comment(), i.isOverridden(), i.overrideReason(), i.scoredAt());
    }
  }

  public static EvaluationView of(Evaluation e) {
    Grade grade = e.grade().orElse(null);
    return new EvaluationView(
        e.id(), e.projectId().value(), e.stage().name(), e.stage().label(), e.asOf(), e.status().name(),
        e.milestoneId(), e.indicators().stream().map(IndicatorView::of).toList(),
        e.total().map(EvaluationView::text).orElse(null),
        grade == null ? null : grade.name(), grade == null ? null : grade.label(),
        e.isSigned() ? e.passed() : null, e.conclusion(), e.signedAt(), e.signedBy(), e.createdAt());
  }

  static String text(BigDecimal value) {
    return value == null ? null : value.setScale(2, java.math.RoundingMode.HALF_UP).toPlainString();
  }
}
