package org.shouhu.services.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.LocalDate;
import java.util.Objects;
import java.util.UUID;
import org.eclipse.persistence.annotations.Multitenant;
import org.eclipse.persistence.annotations.MultitenantType;
import org.eclipse.persistence.annotations.TenantDiscriminatorColumn;
import org.shouhu.beneficiaries.entity.BeneficiaryId;
import org.shouhu.tenancy.entity.TenantOwned;

/**
 * One membership of a beneficiary in a {@link ServiceGroup}, from the day they joined to the day they left (both
 * included); part of the group aggregate. Ended, never deleted; someone who comes back gets a new membership.
 */
@Entity
@Table(name = "group_member")
@IdClass(GroupMember.Key.class)
@Multitenant(MultitenantType.SINGLE_TABLE)
@TenantDiscriminatorColumn(name = "tenant_id", contextProperty = TenantOwned.TENANT_PROPERTY, primaryKey = false)
public class GroupMember {

  /** The membership's identity inside the tenant (EclipseLink sets its fields reflectively, so not a record). */
  public static class Key implements Serializable {
    private UUID groupId;
    private int position;

    public Key() {}

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && Objects.equals(k.groupId, groupId) && k.position == position;
    }

    @Override
    public int hashCode() {
      return Objects.hash(groupId, position);
    }
  }

  @Id
  @Column(name = "group_id", updatable = false)
  private UUID groupId;

  @Id
  @Column(updatable = false)
  private int position;

  @Column(name = "beneficiary_id", nullable = false, updatable = false)
  private UUID beneficiaryId;

  @Column(name = "joined_on", nullable = false, updatable = false)
  private LocalDate joinedOn;

  @Column(name = "left_on")
  private LocalDate leftOn;

  protected GroupMember() {}

  GroupMember(UUID groupId, int position, BeneficiaryId beneficiary, LocalDate joinedOn) {
    this.groupId = groupId;
    this.position = position;
    this.beneficiaryId = beneficiary.value();
    this.joinedOn = joinedOn;
  }

  void leave(LocalDate on) {
    leftOn = on;
  }

  public boolean isCurrent() {
    return leftOn == null;
  }

  /** A member on {@code day}: joined by then and not left before it. */
  public boolean isMemberOn(LocalDate day) {
    return !joinedOn.isAfter(day) && (leftOn == null || !leftOn.isBefore(day));
  }

  public int position() {
    return position;
  }

  public BeneficiaryId beneficiaryId() {
    return new BeneficiaryId(beneficiaryId);
  }

  public LocalDate joinedOn() {
    return joinedOn;
  }

  public LocalDate leftOn() {
    return leftOn;
  }
}
