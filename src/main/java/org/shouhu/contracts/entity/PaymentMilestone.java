package org.shouhu.contracts.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
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

  @Column(name = "paid_on")
  private LocalDate paidOn;

  @Column(name = "paid_by")
  private UUID paidBy;

  @Column(name = "paid_at")
  private OffsetDateTime paidAt;

  @Column(name = "payment_reference")
  private String paymentReference;

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

  /**
   * RELEASED, or PENDING without an evaluation to wait for → PAID: the bureau paid it on {@code paidOn}. A milestone
   * that waits for an evaluation cannot be paid before a passed one released it — the point of the evaluation — and
   * a payment is recorded after the fact, so never for a day still to come.
   *
   * @param reference the voucher number in the bureau's books, optional
   */
  public void pay(LocalDate paidOn, String reference, UUID by, LocalDate today) {
    if (status == Status.PAID) {
      throw new StateConflictException("MILESTONE_ALREADY_PAID", "This milestone was paid on " + this.paidOn + ".");
    }
    if (status == Status.PENDING && requiresEvaluation) {
      throw new StateConflictException(
          "MILESTONE_NOT_RELEASED", "This milestone is paid only after a passed evaluation releases it.");
    }
    if (paidOn == null) {
      throw new InvalidValueException("REQUIRED", "Say on which day it was paid.");
    }
    if (paidOn.isAfter(today)) {
      throw new InvalidValueException("MILESTONE_PAID_IN_FUTURE", "A payment is recorded once made, not ahead.");
    }
    String voucher = reference == null || reference.isBlank() ? null : reference.strip();
    if (voucher != null && voucher.length() > 100) {
      throw new InvalidValueException("TOO_LONG", "A voucher number has at most 100 characters.");
    }
    this.status = Status.PAID;
    this.paidOn = paidOn;
    this.paymentReference = voucher;
    this.paidBy = by;
    this.paidAt = OffsetDateTime.now(ZoneOffset.UTC);
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

  /**
   * The label the bureau gave, or null when it is the kind's default (首付款, 中期款, 尾款): screens then name the
   * milestone by its kind in the reader's language.
   */
  public String customLabel() {
    return label.equals(defaultLabel(kind)) ? null : label;
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

  public LocalDate paidOn() {
    return paidOn;
  }

  public String paymentReference() {
    return paymentReference;
  }
}
