package org.shouhu.contracts.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;
import org.shouhu.problems.entity.InvalidValueException;

/**
 * One thing the contract buys: a kind of service, counted in a unit, up to a target, optionally for one target
 * group and with a per-beneficiary minimum ("每名困境儿童每月至少探视一次"). Part of the project aggregate;
 * fixed once the project is active.
 */
@Entity
@Table(name = "deliverable")
public class Deliverable {

  @Id private UUID id;

  @Column(name = "tenant_id", nullable = false, updatable = false)
  private UUID organizationId;

  @Column(name = "bureau_id", nullable = false, updatable = false)
  private UUID bureauId;

  @Column(name = "project_id", nullable = false, updatable = false)
  private UUID projectId;

  @Column(nullable = false)
  private int position;

  @Enumerated(EnumType.STRING)
  @Column(name = "service_kind", nullable = false)
  private ServiceKind kind;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private DeliveryUnit unit;

  @Column(name = "target_quantity", nullable = false)
  private int target;

  @Enumerated(EnumType.STRING)
  @Column(name = "target_group")
  private TargetGroup targetGroup;

  @Column(name = "minimum_per_beneficiary")
  private Integer minimumPerBeneficiary;

  @Enumerated(EnumType.STRING)
  @Column(name = "cadence")
  private Cadence cadence;

  private String description;

  protected Deliverable() {}

  Deliverable(
      Project project,
      int position,
      ServiceKind kind,
      DeliveryUnit unit,
      int target,
      TargetGroup targetGroup,
      Integer minimumPerBeneficiary,
      Cadence cadence,
      String description) {
    if (kind == null || unit == null) {
      throw new InvalidValueException("DELIVERABLE_KIND_REQUIRED", "A deliverable needs a service kind and a unit.");
    }
    if (target <= 0) {
      throw new InvalidValueException("DELIVERABLE_TARGET_NOT_POSITIVE", "A deliverable's target is a positive number.");
    }
    if ((minimumPerBeneficiary == null) != (cadence == null)) {
      throw new InvalidValueException(
          "DELIVERABLE_MINIMUM_INCOMPLETE", "A per-beneficiary minimum needs both a number and a cadence.");
    }
    if (minimumPerBeneficiary != null && (minimumPerBeneficiary <= 0 || targetGroup == null)) {
      throw new InvalidValueException(
          "DELIVERABLE_MINIMUM_INVALID", "A per-beneficiary minimum is positive and names the target group.");
    }
    this.id = UUID.randomUUID();
    this.organizationId = project.organizationId();
    this.bureauId = project.bureauId();
    this.projectId = project.id().value();
    this.position = position;
    this.kind = kind;
    this.unit = unit;
    this.target = target;
    this.targetGroup = targetGroup;
    this.minimumPerBeneficiary = minimumPerBeneficiary;
    this.cadence = cadence;
    this.description = description == null || description.isBlank() ? null : description.strip();
  }

  /** The target as amended (see {@link Project#amendTarget}); the old one stays in the amendment. */
  void retarget(int target) {
    this.target = target;
  }

  public UUID id() {
    return id;
  }

  public int position() {
    return position;
  }

  public ServiceKind kind() {
    return kind;
  }

  public DeliveryUnit unit() {
    return unit;
  }

  public int target() {
    return target;
  }

  public TargetGroup targetGroup() {
    return targetGroup;
  }

  public Integer minimumPerBeneficiary() {
    return minimumPerBeneficiary;
  }

  public Cadence cadence() {
    return cadence;
  }

  public String description() {
    return description;
  }
}
