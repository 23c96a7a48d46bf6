package org.shouhu.services.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import java.io.Serializable;
import java.time.LocalDate;
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

  @Column(name = "due_on")
  private LocalDate dueOn;

  private String measure;

  @Enumerated(EnumType.STRING)
  private GoalOutcome outcome;

  @Column(name = "dropped_at")
  private OffsetDateTime droppedAt;

  protected CounselingGoal() {}

  CounselingGoal(UUID caseId, int position, Goal goal) {
    this.caseId = caseId;
    this.position = position;
    rewrite(goal);
  }

  void rewrite(Goal g) {
    goal = g.goal();
    dueOn = g.dueOn();
    measure = g.measure();
    outcome = null;
    droppedAt = null;
  }

  void conclude(GoalOutcome how) {
    outcome = how;
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

  public LocalDate dueOn() {
    return dueOn;
  }

  public String measure() {
    return measure;
  }

  /** The outcome proposed at closure; null before a proposal and after a returned one. */
  public GoalOutcome outcome() {
    return outcome;
  }
}
