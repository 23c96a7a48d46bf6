package org.shouhu.beneficiaries.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.UUID;
import org.shouhu.problems.entity.InvalidValueException;
import org.shouhu.problems.entity.StateConflictException;
import org.shouhu.tenancy.entity.TenantOwned;
import org.shouhu.tenancy.entity.Voiding;

/**
 * A beneficiary taken on under a purchased service project: from this day the organization serves this person
 * under that contract, and per-beneficiary deliverables ("每名困境儿童每月至少探视一次") count over the enrolled.
 *
 * <pre>
 *   ACTIVE ──endOn(day, reason)──► ENDED      served until that day, rightly (moved away, aged out, ...)
 *   ACTIVE or ENDED ──voidBecause(reason)──► VOIDED      it was a mistake
 * </pre>
 *
 * Never deleted. The person counts as enrolled on a day up to and including the day the enrolment ended.
 */
@Entity
@Table(name = "enrolment")
public class Enrolment extends TenantOwned {

  public static final int MAX_NOTE = 500;

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

  @Column(name = "ended_on")
  private LocalDate endedOn;

  @Enumerated(EnumType.STRING)
  @Column(name = "end_reason")
  private EnrolmentEndReason endReason;

  @Column(name = "end_note")
  private String endNote;

  @Column(name = "ended_by")
  private UUID endedBy;

  @Column(name = "ended_at")
  private OffsetDateTime endedAt;

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

  /**
   * ACTIVE → ENDED: the person was served until {@code on} (inclusive) and leaves the project for {@code reason};
   * OTHER says why in {@code note}. The day lies between the enrolment day and today.
   */
  public void endOn(LocalDate on, EnrolmentEndReason reason, String note, UUID by, LocalDate today) {
    if (!"ACTIVE".equals(status)) {
      throw new StateConflictException("ENROLMENT_NOT_ACTIVE", "Only an active enrolment ends; this one is " + status + ".");
    }
    if (on == null) {
      throw new InvalidValueException("REQUIRED", "Say on which day the enrolment ends.");
    }
    if (on.isBefore(enrolledOn)) {
      throw new InvalidValueException(
          "ENROLMENT_END_BEFORE_START", "An enrolment ends on or after the day it began (" + enrolledOn + ").");
    }
    if (on.isAfter(today)) {
      throw new InvalidValueException("ENROLMENT_END_IN_FUTURE", "Record the end once it has happened.");
    }
    if (reason == null) {
      throw new InvalidValueException("REQUIRED", "Say why the enrolment ends.");
    }
    String said = note == null || note.isBlank() ? null : note.strip();
    if (reason == EnrolmentEndReason.OTHER && said == null) {
      throw new InvalidValueException("ENROLMENT_END_NOTE_REQUIRED", "Say in a note why the enrolment ends.");
    }
    if (said != null && said.length() > MAX_NOTE) {
      throw new InvalidValueException("TOO_LONG", "At most " + MAX_NOTE + " characters.");
    }
    this.endedOn = on;
    this.endReason = reason;
    this.endNote = said;
    this.endedBy = Objects.requireNonNull(by, "ended by");
    this.endedAt = OffsetDateTime.now(ZoneOffset.UTC);
    this.status = "ENDED";
  }

  /** Whether the person was served under this enrolment on {@code day}. */
  public boolean coversDay(LocalDate day) {
    return switch (status) {
      case "ACTIVE" -> true;
      case "ENDED" -> !day.isAfter(endedOn);
      default -> false;
    };
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

  public LocalDate endedOn() {
    return endedOn;
  }

  public EnrolmentEndReason endReason() {
    return endReason;
  }

  public String endNote() {
    return endNote;
  }
}
