package org.shouhu.contracts.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;
import org.shouhu.problems.entity.InvalidValueException;
import org.shouhu.problems.entity.StateConflictException;

/**
 * A payment the bureau owes at a point of the contract (首付款, 中期款, 尾款): a share of the budget, due on a date,
 * and, when {@code requiresEvaluation}, released only by a passed evaluation (see reporting).
 */
@Entity
@Table(name = "payment_milestone")
public class PaymentMilestone {

  public enum Status {
    PENDING,
    RELEASED,
    PAID
  }

  @Id private UUID id;

  @Column(name = "tenant_id", nullable = false, updatable = false)
  private UUID organizationId;

  @Column(name = "bureau_id", nullable = false, updatable = false)
  private UUID bureauId;

  @Column(name = "project_id", nullable = false, updatable = false)
  private UUID projectId;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private MilestoneKind kind;

  @Column(nullable = false)
  private String label;

  @Column(name = "share_percent", nullable = false)
  private BigDecimal sharePercent;

  @Column(name = "due_date", nullable = false)
  private LocalDate dueDate;

  @Column(name = "requires_evaluation", nullable = false)
  private boolean requiresEvaluation;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private Status status;

  protected PaymentMilestone() {}

  PaymentMilestone(
      Project project, MilestoneKind kind, String label, BigDecimal sharePercent, LocalDate dueDate,
      boolean requiresEvaluation) {
    if (kind == null) {
      throw new InvalidValueException("MILESTONE_KIND_REQUIRED", "A milestone is FIRST, INTERIM or FINAL.");
    }
    if (sharePercent == null || sharePercent.signum() <= 0 || sharePercent.compareTo(new BigDecimal("100")) > 0
        || sharePercent.stripTrailingZeros().scale() > 2) {
      throw new InvalidValueException(
          "MILESTONE_SHARE_INVALID", "A milestone's share is above 0 and at most 100 percent, to two decimals.");
    }
    if (dueDate == null) {
      throw new InvalidValueException("MILESTONE_DUE_DATE_REQUIRED", "A milestone needs a due date.");
    }
    this.id = UUID.randomUUID();
    this.organizationId = project.organizationId();
    this.bureauId = project.bureauId();
    this.projectId = project.id().value();
    this.kind = kind;
    this.label = label == null || label.isBlank() ? defaultLabel(kind) : label.strip();
    this.sharePercent = sharePercent.setScale(2);
    this.dueDate = dueDate;
    this.requiresEvaluation = requiresEvaluation;
    this.status = Status.PENDING;
  }

  private static String defaultLabel(MilestoneKind kind) {
    return switch (kind) {
      case FIRST -> "首付款";
      case INTERIM -> "中期款";
      case FINAL -> "尾款";
    };
  }

  /**
   * PENDING → RELEASED: the evaluation this milestone waited for was signed and passed, so the bureau may now pay
   * it. Only a milestone that {@link #requiresEvaluation() requires an evaluation} is released this way.
   */
  public void release() {
    if (status != Status.PENDING) {
      throw new StateConflictException("MILESTONE_NOT_PENDING", "This milestone is already " + status + ".");
    }
    if (!requiresEvaluation) {
      throw new StateConflictException(
          "MILESTONE_NEEDS_NO_EVALUATION", "This milestone falls due by date; no evaluation releases it.");
    }
    status = Status.RELEASED;
  }

  /** The amount due: the share of the budget, rounded half-up to the fen. */
  public BigDecimal amountOf(BigDecimal budget) {
    return budget.multiply(sharePercent).divide(new BigDecimal("100"), 2, java.math.RoundingMode.HALF_UP);
  }

  public UUID id() {
    return id;
  }

  public MilestoneKind kind() {
    return kind;
  }

  public String label() {
    return label;
  }

  public BigDecimal sharePercent() {
    return sharePercent;
  }

  public LocalDate dueDate() {
    return dueDate;
  }

  public boolean requiresEvaluation() {
    return requiresEvaluation;
  }

  public Status status() {
    return status;
  }
}
