package org.shouhu.beneficiaries.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDate;
import java.util.UUID;
import org.shouhu.problems.entity.StateConflictException;
import org.shouhu.tenancy.entity.TenantOwned;
import org.shouhu.tenancy.entity.Voiding;

/**
 * A beneficiary taken on under a purchased service project: from this day the organization serves this person
 * under that contract, and per-beneficiary deliverables ("每名困境儿童每月至少探视一次") count over the enrolled.
 * Ended by voiding with a reason (moved away, aged out, enrolled by mistake); never deleted.
 */
@Entity
@Table(name = "enrolment")
public class Enrolment extends TenantOwned {

  @Id private UUID id;

  @Column(name = "project_id", nullable = false, updatable = false)
  private UUID projectId;

  @Column(name = "beneficiary_id", nullable = false, updatable = false)
  private UUID beneficiaryId;

  @Column(name = "enrolled_on", nullable = false, updatable = false)
  private LocalDate enrolledOn;

  @Column(name = "enrolled_by", updatable = false)
  private UUID enrolledBy;

  @Column(nullable = false)
  private String status;

  @Embedded private Voiding voiding;

  protected Enrolment() {}

  public Enrolment(UUID projectId, BeneficiaryId beneficiary, LocalDate enrolledOn, UUID by) {
    this.id = UUID.randomUUID();
    this.projectId = projectId;
    this.beneficiaryId = beneficiary.value();
    this.enrolledOn = enrolledOn;
    this.enrolledBy = by;
    this.status = "ACTIVE";
  }

  public void voidBecause(String reason, UUID by) {
    if (isVoided()) {
      throw new StateConflictException("ENROLMENT_ALREADY_VOIDED", "This enrolment is already voided.");
    }
    this.voiding =
        Voiding.because(reason, by, "ENROLMENT_VOID_REASON_REQUIRED", "Say why the enrolment is voided.");
    this.status = "VOIDED";
  }

  public boolean isVoided() {
    return "VOIDED".equals(status);
  }

  public UUID id() {
    return id;
  }

  public UUID projectId() {
    return projectId;
  }

  public BeneficiaryId beneficiaryId() {
    return new BeneficiaryId(beneficiaryId);
  }

  public LocalDate enrolledOn() {
    return enrolledOn;
  }

  public String status() {
    return status;
  }

  public String voidReason() {
    return voiding == null ? null : voiding.reason();
  }
}
