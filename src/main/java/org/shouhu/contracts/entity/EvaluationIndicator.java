package org.shouhu.contracts.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * One line of an evaluation sheet: the indicator, its weight, the score the data suggest (with how it was
 * reckoned), the score the officer gave, a comment, and — when the officer departed from the suggestion — why.
 * Part of the {@link Evaluation} aggregate, changed only through it.
 */
@Entity
@Table(name = "evaluation_indicator")
public class EvaluationIndicator {

  public static final int COMMENT_MAX = 1000;
  public static final int REASON_MAX = 500;
  public static final int BASIS_MAX = 500;

  @Id private UUID id;

  @Column(name = "tenant_id", nullable = false, updatable = false)
  private UUID organizationId;

  @Column(name = "bureau_id", nullable = false, updatable = false)
  private UUID bureauId;

  @Column(name = "evaluation_id", nullable = false, updatable = false)
  private UUID evaluationId;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, updatable = false)
  private Indicator code;

  @Column(nullable = false, updatable = false)
  private int position;

  /** Changed only while the sheet is a draft, when the bureau re-weighs the project (#13). */
  @Column(nullable = false)
  private int weight;

  private BigDecimal prefilled;

  @Column(name = "prefill_basis")
  private String prefillBasis;

  private BigDecimal score;

  private String comment;

  @Column(name = "override_reason")
  private String overrideReason;

  @Column(name = "scored_by")
  private UUID scoredBy;

  @Column(name = "scored_at")
  private OffsetDateTime scoredAt;

  protected EvaluationIndicator() {}

  EvaluationIndicator(Evaluation evaluation, Indicator code, int weight) {
    this.id = UUID.randomUUID();
    this.organizationId = evaluation.organizationId();
    this.bureauId = evaluation.bureauId();
    this.evaluationId = evaluation.id();
    this.code = code;
    this.position = code.ordinal() + 1;
    this.weight = weight;
  }

  void reweigh(int weight) {
    this.weight = weight;
  }

  void prefill(BigDecimal value, String basis) {
    this.prefilled = value == null ? null : value.setScale(2, RoundingMode.HALF_UP);
    this.prefillBasis = basis == null ? null : basis.length() > BASIS_MAX ? basis.substring(0, BASIS_MAX) : basis;
  }

  void score(BigDecimal value, String comment, String overrideReason, UUID by) {
    this.score = value.setScale(2, RoundingMode.HALF_UP);
    this.comment = comment;
    this.overrideReason = overrideReason;
    this.scoredBy = by;
    this.scoredAt = OffsetDateTime.now(ZoneOffset.UTC);
  }

  /** The points this line adds to the total: weight × score / 100, unrounded. */
  BigDecimal points() {
    return score.multiply(BigDecimal.valueOf(weight)).divide(BigDecimal.valueOf(100));
  }

  public Indicator code() {
    return code;
  }

  public int weight() {
    return weight;
  }

  public BigDecimal prefilled() {
    return prefilled;
  }

  public String prefillBasis() {
    return prefillBasis;
  }

  public BigDecimal score() {
    return score;
  }

  public String comment() {
    return comment;
  }

  public String overrideReason() {
    return overrideReason;
  }

  public UUID scoredBy() {
    return scoredBy;
  }

  public OffsetDateTime scoredAt() {
    return scoredAt;
  }

  public boolean isScored() {
    return score != null;
  }

  /** Scored differently from what the data suggested. */
  public boolean isOverridden() {
    return score != null && prefilled != null && score.compareTo(prefilled) != 0;
  }
}
