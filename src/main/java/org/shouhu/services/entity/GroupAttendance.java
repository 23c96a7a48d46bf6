package org.shouhu.services.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.UUID;
import org.eclipse.persistence.annotations.Multitenant;
import org.eclipse.persistence.annotations.MultitenantType;
import org.eclipse.persistence.annotations.TenantDiscriminatorColumn;
import org.shouhu.beneficiaries.entity.BeneficiaryId;
import org.shouhu.tenancy.entity.TenantOwned;

/**
 * Whether one member attended one group session. Every member of the group on the session's day has a line
 * ({@link ServiceGroup#takeAttendance}); a revised session updates the lines in place. Kept beside the session's
 * {@link ServiceRecord}, whose participants are the members PRESENT.
 */
@Entity
@Table(name = "group_attendance")
@IdClass(GroupAttendance.Key.class)
@Multitenant(MultitenantType.SINGLE_TABLE)
@TenantDiscriminatorColumn(name = "tenant_id", contextProperty = TenantOwned.TENANT_PROPERTY, primaryKey = false)
public class GroupAttendance {

  /** The line's identity inside the tenant. */
  public static class Key implements Serializable {
    private UUID recordId;
    private UUID beneficiaryId;

    public Key() {}

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && Objects.equals(k.recordId, recordId) && Objects.equals(k.beneficiaryId, beneficiaryId);
    }

    @Override
    public int hashCode() {
      return Objects.hash(recordId, beneficiaryId);
    }
  }

  @Id
  @Column(name = "record_id", updatable = false)
  private UUID recordId;

  @Id
  @Column(name = "beneficiary_id", updatable = false)
  private UUID beneficiaryId;

  @Column(name = "group_id", nullable = false, updatable = false)
  private UUID groupId;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private Attendance attendance;

  @Column(name = "removed_at")
  private OffsetDateTime removedAt;

  protected GroupAttendance() {}

  public GroupAttendance(UUID recordId, UUID groupId, BeneficiaryId member, Attendance attendance) {
    this.recordId = recordId;
    this.groupId = groupId;
    this.beneficiaryId = member.value();
    this.attendance = attendance;
  }

  public void mark(Attendance value) {
    attendance = value;
    removedAt = null;
  }

  /** The session was moved to a day its member no longer belonged to the group. */
  public void remove() {
    if (removedAt == null) {
      removedAt = OffsetDateTime.now(ZoneOffset.UTC);
    }
  }

  public boolean isCurrent() {
    return removedAt == null;
  }

  public UUID recordId() {
    return recordId;
  }

  public BeneficiaryId member() {
    return new BeneficiaryId(beneficiaryId);
  }

  public Attendance attendance() {
    return attendance;
  }
}
