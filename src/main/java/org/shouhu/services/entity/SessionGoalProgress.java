package org.shouhu.services.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;
import java.util.UUID;
import org.eclipse.persistence.annotations.Multitenant;
import org.eclipse.persistence.annotations.MultitenantType;
import org.eclipse.persistence.annotations.TenantDiscriminatorColumn;
import org.shouhu.problems.entity.InvalidValueException;
import org.shouhu.tenancy.entity.TenantOwned;

/**
 * The progress one counseling session found toward one goal of its case's plan; part of the {@link ServiceRecord}
 * aggregate. The goal's text is copied as it read when the session was rated, so a reviewer judges the session
 * against the plan of that day even after the plan is revised. A goal no longer rated in a revision of the session
 * keeps its row with no progress.
 */
@Entity
@Table(name = "session_goal_progress")
@IdClass(SessionGoalProgress.Key.class)
@Multitenant(MultitenantType.SINGLE_TABLE)
@TenantDiscriminatorColumn(name = "tenant_id", contextProperty = TenantOwned.TENANT_PROPERTY, primaryKey = false)
public class SessionGoalProgress {

  public static final int NOTE_MAX = 500;

  /** A goal's rating as the worker gives it. */
  public record Rating(int position, String goal, GoalProgress progress, String note) {

    public Rating {
      Objects.requireNonNull(goal, "goal");
      if (progress == null) {
        throw new InvalidValueException("CASE_GOAL_PROGRESS_UNKNOWN", "Say how far the client came toward the goal.");
      }
      if (note != null && note.strip().length() > NOTE_MAX) {
        throw new InvalidValueException("TOO_LONG", "At most " + NOTE_MAX + " characters.");
      }
      note = note == null || note.isBlank() ? null : note.strip();
    }
  }

  /** The key inside the tenant (EclipseLink sets its fields reflectively, so not a record). */
  public static class Key implements Serializable {
    private UUID recordId;
    private int position;

    public Key() {}

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && Objects.equals(k.recordId, recordId) && k.position == position;
    }

    @Override
    public int hashCode() {
      return Objects.hash(recordId, position);
    }
  }

  @Id
  @Column(name = "record_id", updatable = false)
  private UUID recordId;

  @Id
  @Column(updatable = false)
  private int position;

  @Column(nullable = false)
  private String goal;

  @Enumerated(EnumType.STRING)
  private GoalProgress progress;

  private String note;

  protected SessionGoalProgress() {}

  SessionGoalProgress(UUID recordId, Rating rating) {
    this.recordId = recordId;
    this.position = rating.position();
    rate(rating);
  }

  void rate(Rating rating) {
    goal = rating.goal();
    progress = rating.progress();
    note = rating.note();
  }

  void clear() {
    progress = null;
    note = null;
  }

  public boolean isRated() {
    return progress != null;
  }

  public int position() {
    return position;
  }

  public String goal() {
    return goal;
  }

  public GoalProgress progress() {
    return progress;
  }

  public String note() {
    return note;
  }
}
