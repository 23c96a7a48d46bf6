package org.shouhu.contracts.entity;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.shouhu.problems.entity.InvalidValueException;
import org.shouhu.problems.entity.StateConflictException;
import org.shouhu.tenancy.entity.Timestamped;

/**
 * A performance evaluation (绩效评估) of a project by its funding bureau: a sheet of four weighted indicators,
 * each scored 0–100 with a comment, giving a total (Σ weight × score / 100, to two decimals) and a {@link Grade}.
 *
 * <p>Lifecycle: the bureau {@link #open opens} the sheet as DRAFT with the project's weights copied onto it and the
 * data-driven indicators {@link #prefill prefilled}; its officer {@link #confirm confirms} a prefilled score or
 * {@link #score scores} an indicator (departing from a prefilled value needs a reason, which is audited). Once
 * every indicator is scored the officer {@link #sign signs}: the total and grade are fixed and the sheet is frozen.
 * A passed sheet releases the payment milestone it was opened for (the caller does that, see
 * {@code contracts.control.Evaluations}). Nothing is ever deleted; a failed sheet stays, and a new one may follow
 * after rectification (整改).
 *
 * <pre>
 *   DRAFT ──sign──► SIGNED (frozen: EVAL_SIGNED for any change, EVAL_ALREADY_SIGNED for a second signature)
 *     │ prefill / confirm / score
 * </pre>
 *
 * <p>Two-party data like {@link Project}: the row lives in the organization's tenant and names the bureau.
 */
@Entity
@Table(name = "evaluation")
public class Evaluation extends Timestamped {

  public static final int CONCLUSION_MAX = 2000;
  private static final BigDecimal HUNDRED = new BigDecimal("100");

  @Id private UUID id;

  @Column(name = "tenant_id", nullable = false, updatable = false)
  private UUID organizationId;

  @Column(name = "bureau_id", nullable = false, updatable = false)
  private UUID bureauId;

  @Column(name = "project_id", nullable = false, updatable = false)
  private UUID projectId;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, updatable = false)
  private EvaluationStage stage;

  @Column(name = "milestone_id", updatable = false)
  private UUID milestoneId;

  /** The day the sheet measures up to (the day it was opened): mid-term completion is pro-rated to it. */
  @Column(name = "as_of", nullable = false, updatable = false)
  private LocalDate asOf;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private EvaluationStatus status;

  private BigDecimal total;

  @Enumerated(EnumType.STRING)
  private Grade grade;

  private String conclusion;

  @Column(name = "opened_by", nullable = false, updatable = false)
  private UUID openedBy;

  @Column(name = "signed_by")
  private UUID signedBy;

  @Column(name = "signed_at")
  private OffsetDateTime signedAt;

  @OneToMany(cascade = CascadeType.PERSIST)
  @JoinColumn(name = "evaluation_id", referencedColumnName = "id", insertable = false, updatable = false)
  @OrderBy("position")
  private List<EvaluationIndicator> indicators = new ArrayList<>();

  protected Evaluation() {}

  /**
   * The bureau opens a sheet for its project. The milestone, if any, is the one a pass will release; it must be of
   * the stage's kind ({@link EvaluationStage#releases}) and still pending.
   */
  public static Evaluation open(
      Project project, EvaluationStage stage, PaymentMilestone milestone, Weights weights, LocalDate asOf, UUID by) {
    if (stage == null) {
      throw new InvalidValueException("EVAL_STAGE_UNKNOWN", "An evaluation is MID_TERM or FINAL.");
    }
    if (project.status() != ProjectStatus.ACTIVE && project.status() != ProjectStatus.CLOSED) {
      throw new StateConflictException(
          "EVAL_PROJECT_NOT_RUNNING", "Only an active or closed project is evaluated; this one is " + project.status() + ".");
    }
    if (milestone != null) {
      if (milestone.kind() != stage.releases()) {
        throw new InvalidValueException(
            "EVAL_MILESTONE_MISMATCH", "A " + stage + " evaluation releases a " + stage.releases() + " milestone.");
      }
      if (milestone.status() != PaymentMilestone.Status.PENDING) {
        throw new StateConflictException("EVAL_MILESTONE_NOT_PENDING", "This milestone is already " + milestone.status() + ".");
      }
    }
    Evaluation e = new Evaluation();
    e.id = UUID.randomUUID();
    e.organizationId = project.organizationId();
    e.bureauId = project.bureauId();
    e.projectId = project.id().value();
    e.stage = stage;
    e.milestoneId = milestone == null ? null : milestone.id();
    e.asOf = asOf;
    e.status = EvaluationStatus.DRAFT;
    e.openedBy = by;
    for (Indicator i : Indicator.values()) {
      e.indicators.add(new EvaluationIndicator(e, i, weights.of(i)));
    }
    return e;
  }

  /** What the data suggest for an indicator (null: nothing to go by). Scores already given stay as they are. */
  public void prefill(Indicator code, BigDecimal value, String basis) {
    requireDraft();
    if (value != null && (value.signum() < 0 || value.compareTo(HUNDRED) > 0)) {
      throw new IllegalArgumentException("a prefilled score is between 0 and 100: " + value);
    }
    line(code).prefill(value, basis);
  }

  /** The officer takes the prefilled score as it is. */
  public void confirm(Indicator code, String comment, UUID by) {
    requireDraft();
    EvaluationIndicator line = line(code);
    if (line.prefilled() == null) {
      throw new StateConflictException(
          "EVAL_NOTHING_PREFILLED", "Nothing was prefilled for " + code + ": give a score instead.");
    }
    line.score(line.prefilled(), text(comment, EvaluationIndicator.COMMENT_MAX, "comment"), null, by);
  }

  /**
   * The officer gives a score of their own. Departing from a prefilled score needs a reason; the answer says
   * whether it departed, so the caller can audit the override.
   */
  public boolean score(Indicator code, BigDecimal score, String comment, String reason, UUID by) {
    requireDraft();
    if (score == null || score.signum() < 0 || score.compareTo(HUNDRED) > 0 || score.stripTrailingZeros().scale() > 2) {
      throw new InvalidValueException("EVAL_SCORE_RANGE", "A score is between 0 and 100, to two decimals.");
    }
    EvaluationIndicator line = line(code);
    boolean overrides = line.prefilled() != null && score.compareTo(line.prefilled()) != 0;
    String why = text(reason, EvaluationIndicator.REASON_MAX, "reason");
    if (overrides && why == null) {
      throw new InvalidValueException(
          "EVAL_OVERRIDE_REASON_REQUIRED", "The data suggest " + line.prefilled().toPlainString()
              + " for " + code + ": say why the score differs.");
    }
    line.score(score, text(comment, EvaluationIndicator.COMMENT_MAX, "comment"), overrides ? why : null, by);
    return overrides;
  }

  /** DRAFT → SIGNED: every indicator scored; fixes total and grade. The sheet never changes again. */
  public void sign(String conclusion, UUID by) {
    if (status == EvaluationStatus.SIGNED) {
      throw new StateConflictException("EVAL_ALREADY_SIGNED", "This evaluation was signed on " + signedAt + ".");
    }
    List<String> missing = indicators.stream().filter(i -> !i.isScored()).map(i -> i.code().name()).toList();
    if (!missing.isEmpty()) {
      throw new StateConflictException("EVAL_INCOMPLETE", "Score every indicator before signing; missing: " + missing + ".");
    }
    this.conclusion = text(conclusion, CONCLUSION_MAX, "conclusion");
    this.total = total().orElseThrow();
    this.grade = Grade.of(total);
    this.status = EvaluationStatus.SIGNED;
    this.signedBy = by;
    this.signedAt = OffsetDateTime.now(ZoneOffset.UTC);
  }

  /** Σ weight × score / 100 to two decimals (half up), once every indicator has a score. */
  public Optional<BigDecimal> total() {
    if (total != null) {
      return Optional.of(total);
    }
    if (indicators.stream().anyMatch(i -> !i.isScored())) {
      return Optional.empty();
    }
    return Optional.of(indicators.stream().map(EvaluationIndicator::points).reduce(BigDecimal.ZERO, BigDecimal::add)
        .setScale(2, RoundingMode.HALF_UP));
  }

  /** The grade the total gives: fixed at signing, or what it would be now. */
  public Optional<Grade> grade() {
    return grade != null ? Optional.of(grade) : total().map(Grade::of);
  }

  public boolean passed() {
    return status == EvaluationStatus.SIGNED && grade.passed();
  }

  public boolean isSigned() {
    return status == EvaluationStatus.SIGNED;
  }

  /** A draft takes the project's new weights (the officer weighs the indicators before signing). */
  public void reweigh(Weights weights) {
    requireDraft();
    indicators.forEach(line -> line.reweigh(weights.of(line.code())));
  }

  private void requireDraft() {
    if (status == EvaluationStatus.SIGNED) {
      throw new StateConflictException("EVAL_SIGNED", "The evaluation is signed and its sheet frozen.");
    }
  }

  private EvaluationIndicator line(Indicator code) {
    if (code == null) {
      throw new InvalidValueException("EVAL_INDICATOR_UNKNOWN", "Name one of " + List.of(Indicator.values()) + ".");
    }
    return indicators.stream().filter(i -> i.code() == code).findFirst().orElseThrow();
  }

  private static String text(String value, int max, String what) {
    if (value == null || value.isBlank()) {
      return null;
    }
    if (value.strip().length() > max) {
      throw new InvalidValueException("TOO_LONG", "The " + what + " has at most " + max + " characters.");
    }
    return value.strip();
  }

  public UUID id() {
    return id;
  }

  public UUID organizationId() {
    return organizationId;
  }

  public UUID bureauId() {
    return bureauId;
  }

  public ProjectId projectId() {
    return new ProjectId(projectId);
  }

  public EvaluationStage stage() {
    return stage;
  }

  public UUID milestoneId() {
    return milestoneId;
  }

  public LocalDate asOf() {
    return asOf;
  }

  public EvaluationStatus status() {
    return status;
  }

  public String conclusion() {
    return conclusion;
  }

  public UUID openedBy() {
    return openedBy;
  }

  public UUID signedBy() {
    return signedBy;
  }

  public OffsetDateTime signedAt() {
    return signedAt;
  }

  public List<EvaluationIndicator> indicators() {
    return List.copyOf(indicators);
  }

  public EvaluationIndicator indicator(Indicator code) {
    return line(code);
  }
}
