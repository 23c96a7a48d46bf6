package org.shouhu.services.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
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
import org.shouhu.tenancy.entity.TenantOwned;

/**
 * One goal of a counseling case's plan, at its position (1 first); part of the {@link CounselingCase} aggregate. A
 * revised plan rewrites goals in place; a position the new plan no longer has is marked dropped, not deleted.
 */
@Entity
@Table(name = "counseling_goal")
@IdClass(CounselingGoal.Key.class)
@Multitenant(MultitenantType.SINGLE_TABLE)
@TenantDiscriminatorColumn(name = "tenant_id", contextProperty = TenantOwned.TENANT_PROPERTY, primaryKey = false)
public class CounselingGoal {

  public static final int MAX_LENGTH = 500;

  /** The goal's identity inside the tenant (EclipseLink sets its fields reflectively, so not a record). */
  public static class Key implements Serializable {
    private UUID caseId;
    private int position;

    public Key() {}

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && Objects.equals(k.caseId, caseId) && k.position == position;
    }

    @Override
    public int hashCode() {
      return Objects.hash(caseId, position);
    }
  }

  @Id
  @Column(name = "case_id", updatable = false)
  private UUID caseId;

  @Id
  @Column(updatable = false)
  private int position;

  @Column(nullable = false)
  private String goal;

  @Column(name = "dropped_at")
  private OffsetDateTime droppedAt;

  protected CounselingGoal() {}

  CounselingGoal(UUID caseId, int position, String goal) {
    this.caseId = caseId;
    this.position = position;
    this.goal = goal;
  }

  void rewrite(String text) {
    goal = text;
    droppedAt = null;
  }

  void drop() {
    if (droppedAt == null) {
      droppedAt = OffsetDateTime.now(ZoneOffset.UTC);
    }
  }

  public boolean isCurrent() {
    return droppedAt == null;
  }

  public int position() {
    return position;
  }

  public String goal() {
    return goal;
  }
}
