package org.shouhu.audit.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.eclipse.persistence.annotations.Multitenant;
import org.eclipse.persistence.annotations.MultitenantType;
import org.eclipse.persistence.annotations.TenantDiscriminatorColumn;
import org.shouhu.tenancy.entity.TenantOwned;

/**
 * One thing that happened: an actor (or the system, when null) did an action to a subject. Immutable once
 * written; the table grants no update or delete to the application.
 */
@Entity
@Table(name = "audit_event")
@Multitenant(MultitenantType.SINGLE_TABLE)
@TenantDiscriminatorColumn(name = "tenant_id", contextProperty = TenantOwned.TENANT_PROPERTY, primaryKey = false)
public class AuditEvent {

  /** The column's width (V175): wide enough for a ledger batch naming every record it registered. */
  static final int MAX_DETAIL = 40000;

  @Id private UUID id;

  @Column(name = "occurred_at", nullable = false, updatable = false)
  private OffsetDateTime occurredAt;

  @Column(name = "actor_id", updatable = false)
  private UUID actorId;

  @Column(nullable = false, updatable = false)
  private String action;

  @Column(nullable = false, updatable = false)
  private String subject;

  @Column(name = "subject_id", updatable = false)
  private UUID subjectId;

  @Column(updatable = false)
  private String detail;

  @Column(name = "request_id", updatable = false)
  private String requestId;

  protected AuditEvent() {}

  public AuditEvent(UUID actorId, String action, String subject, UUID subjectId, String detail, String requestId) {
    this.id = UUID.randomUUID();
    this.occurredAt = OffsetDateTime.now(ZoneOffset.UTC);
    this.actorId = actorId;
    this.action = action;
    this.subject = subject;
    this.subjectId = subjectId;
    this.detail = detail == null || detail.length() <= MAX_DETAIL ? detail : detail.substring(0, MAX_DETAIL);
    this.requestId = requestId;
  }

  public UUID id() {
    return id;
  }

  public OffsetDateTime occurredAt() {
    return occurredAt;
  }

  public UUID actorId() {
    return actorId;
  }

  public String action() {
    return action;
  }

  public String subject() {
    return subject;
  }

  public UUID subjectId() {
    return subjectId;
  }

  public String detail() {
    return detail;
  }
}
