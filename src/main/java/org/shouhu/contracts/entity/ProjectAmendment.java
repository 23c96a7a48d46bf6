package org.shouhu.contracts.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.shouhu.problems.entity.InvalidValueException;

/**
 * A change of an active contract's terms (合同变更): which term, its value before and after, why, from which day,
 * and who recorded it. Made only through the {@link Project}'s amend verbs; never changed or deleted, so the history
 * of a contract reads from its award to its end.
 *
 * <p>Values are kept as text in one shape per kind: a target as its number, a period as {@code start/end}, towns as
 * their division codes joined by commas.
 */
@Entity
@Table(name = "project_amendment")
public class ProjectAmendment {

  public enum Kind {
    TARGET,
    PERIOD,
    TOWNS
  }

  @Id private UUID id;

  @Column(name = "tenant_id", nullable = false, updatable = false)
  private UUID organizationId;

  @Column(name = "bureau_id", nullable = false, updatable = false)
  private UUID bureauId;

  @Column(name = "project_id", nullable = false, updatable = false)
  private UUID projectId;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, updatable = false)
  private Kind kind;

  @Column(name = "deliverable_id", updatable = false)
  private UUID deliverableId;

  @Column(name = "before_value", nullable = false, updatable = false)
  private String before;

  @Column(name = "after_value", nullable = false, updatable = false)
  private String after;

  @Column(nullable = false, updatable = false)
  private String reason;

  @Column(name = "effective_on", nullable = false, updatable = false)
  private LocalDate effectiveOn;

  @Column(name = "created_by", nullable = false, updatable = false)
  private UUID createdBy;

  @Column(name = "created_at", nullable = false, updatable = false)
  private OffsetDateTime createdAt;

  protected ProjectAmendment() {}

  ProjectAmendment(
      Project project, Kind kind, UUID deliverableId, String before, String after, String reason,
      LocalDate effectiveOn, UUID actor) {
    this.id = UUID.randomUUID();
    this.organizationId = project.organizationId();
    this.bureauId = project.bureauId();
    this.projectId = project.id().value();
    this.kind = kind;
    this.deliverableId = deliverableId;
    this.before = before;
    this.after = after;
    this.reason = reason;
    this.effectiveOn = effectiveOn;
    this.createdBy = actor;
    this.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
  }

  /** The reason every amendment carries: a change of terms without one is a silent edit. */
  static String requireReason(String reason) {
    if (reason == null || reason.isBlank()) {
      throw new InvalidValueException("AMENDMENT_REASON_REQUIRED", "Say why the contract is amended.");
    }
    if (reason.strip().length() > 500) {
      throw new InvalidValueException("AMENDMENT_REASON_TOO_LONG", "At most 500 characters.");
    }
    return reason.strip();
  }

  public UUID id() {
    return id;
  }

  public UUID projectId() {
    return projectId;
  }

  public Kind kind() {
    return kind;
  }

  public UUID deliverableId() {
    return deliverableId;
  }

  public String before() {
    return before;
  }

  public String after() {
    return after;
  }

  public String reason() {
    return reason;
  }

  public LocalDate effectiveOn() {
    return effectiveOn;
  }

  public UUID createdBy() {
    return createdBy;
  }

  public OffsetDateTime createdAt() {
    return createdAt;
  }
}
