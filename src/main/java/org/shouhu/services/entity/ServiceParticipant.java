package org.shouhu.services.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.eclipse.persistence.annotations.Multitenant;
import org.eclipse.persistence.annotations.MultitenantType;
import org.eclipse.persistence.annotations.TenantDiscriminatorColumn;
import org.shouhu.beneficiaries.entity.BeneficiaryId;
import org.shouhu.tenancy.entity.TenantOwned;

/**
 * A person a service record served; part of the {@link ServiceRecord} aggregate. Someone taken off a record while
 * it is revised is marked removed, not deleted, and comes back on the same row if added again.
 */
@Entity
@Table(name = "service_participant")
@IdClass(ServiceParticipant.Key.class)
@Multitenant(MultitenantType.SINGLE_TABLE)
@TenantDiscriminatorColumn(name = "tenant_id", contextProperty = TenantOwned.TENANT_PROPERTY, primaryKey = false)
public class ServiceParticipant {

  /** The composite key inside the tenant (EclipseLink sets its fields reflectively, so not a record). */
  public static class Key implements Serializable {
    private UUID recordId;
    private UUID beneficiaryId;

    public Key() {}

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && java.util.Objects.equals(k.recordId, recordId) && java.util.Objects.equals(k.beneficiaryId, beneficiaryId);
    }

    @Override
    public int hashCode() {
      return java.util.Objects.hash(recordId, beneficiaryId);
    }
  }

  @Id
  @Column(name = "record_id", updatable = false)
  private UUID recordId;

  @Id
  @Column(name = "beneficiary_id", updatable = false)
  private UUID beneficiaryId;

  @Column(name = "removed_at")
  private OffsetDateTime removedAt;

  /**
   * The record's start, copied by the database (V170) so that a person's services between two instants are one
   * index range; never written from here, and not read either (null in an entity persisted in this transaction).
   */
  @Column(name = "started_at", insertable = false, updatable = false)
  private OffsetDateTime startedAt;

  protected ServiceParticipant() {}

  ServiceParticipant(UUID recordId, BeneficiaryId beneficiary) {
    this.recordId = recordId;
    this.beneficiaryId = beneficiary.value();
  }

  void remove() {
    if (removedAt == null) {
      removedAt = OffsetDateTime.now(ZoneOffset.UTC);
    }
  }

  void restore() {
    removedAt = null;
  }

  public boolean isPresent() {
    return removedAt == null;
  }

  public BeneficiaryId beneficiaryId() {
    return new BeneficiaryId(beneficiaryId);
  }
}
