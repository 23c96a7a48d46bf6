package org.shouhu.services.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.UUID;

/**
 * One handling step of an incident (处置情况): on which day, what was done, by whom. Part of the incident
 * aggregate; appended, never edited (the application role cannot update the table).
 */
@Entity
@Table(name = "incident_step")
@IdClass(IncidentStep.Key.class)
public class IncidentStep {

  public static final int ACTION_MAX = 2000;
  public static final int DONE_BY_MAX = 100;

  /** The step's identity inside the incident (the tenant leads the key in the database). */
  public static class Key implements Serializable {
    private UUID incidentId;
    private int position;

    public Key() {}

    public Key(UUID incidentId, int position) {
      this.incidentId = incidentId;
      this.position = position;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && Objects.equals(incidentId, k.incidentId) && position == k.position;
    }

    @Override
    public int hashCode() {
      return Objects.hash(incidentId, position);
    }
  }

  @Id
  @Column(name = "incident_id", nullable = false, updatable = false)
  private UUID incidentId;

  @Id
  @Column(nullable = false, updatable = false)
  private int position;

  @Column(name = "tenant_id", nullable = false, updatable = false)
  private UUID organizationId;

  @Column(name = "bureau_id", nullable = false, updatable = false)
  private UUID bureauId;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, updatable = false)
  private Incident.Party party;

  @Column(name = "referred_to", updatable = false)
  private String referredTo;

  @Column(name = "referral_id", updatable = false)
  private UUID referralId;

  @Column(name = "taken_on", nullable = false, updatable = false)
  private LocalDate takenOn;

  @Column(nullable = false, updatable = false)
  private String action;

  @Column(name = "done_by", nullable = false, updatable = false)
  private String doneBy;

  @Column(name = "recorded_by", nullable = false, updatable = false)
  private UUID recordedBy;

  @Column(name = "recorded_at", nullable = false, updatable = false)
  private OffsetDateTime recordedAt;

  protected IncidentStep() {}

  IncidentStep(
      Incident incident, int position, Incident.Party party, String referredTo, LocalDate takenOn, String action,
      String doneBy, UUID recordedBy) {
    this.party = party;
    this.referredTo = referredTo;
    this.incidentId = incident.id();
    this.organizationId = incident.organizationId();
    this.bureauId = incident.bureauId();
    this.position = position;
    this.takenOn = takenOn;
    this.action = action;
    this.doneBy = doneBy;
    this.recordedBy = recordedBy;
    this.recordedAt = OffsetDateTime.now(ZoneOffset.UTC);
  }

  public int position() {
    return position;
  }

  public Incident.Party party() {
    return party;
  }

  /** The department a referral step handed the report to; null for other steps. */
  public String referredTo() {
    return referredTo;
  }

  /** The organization's referral of the child this step made (#17); null for other steps. */
  public UUID referralId() {
    return referralId;
  }

  void referral(UUID id) {
    this.referralId = id;
  }

  public LocalDate takenOn() {
    return takenOn;
  }

  public String action() {
    return action;
  }

  public String doneBy() {
    return doneBy;
  }

  public UUID recordedBy() {
    return recordedBy;
  }

  public OffsetDateTime recordedAt() {
    return recordedAt;
  }
}
