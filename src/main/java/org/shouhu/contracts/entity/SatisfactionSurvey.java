package org.shouhu.contracts.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;
import org.shouhu.problems.entity.InvalidValueException;
import org.shouhu.problems.entity.StateConflictException;
import org.shouhu.tenancy.entity.Timestamped;
import org.shouhu.tenancy.entity.Voiding;

/**
 * One answered satisfaction survey (满意度调查) about a project: who answered — by kind only, never who they are —
 * the score on its scale, the day, and an optional comment. Recorded by either party of the project (the
 * organization's staff collect most questionnaires; the bureau runs its own spot checks), and voided by the party
 * that recorded it if it was entered wrongly. Non-voided surveys up to an evaluation's day feed its satisfaction
 * indicator.
 */
@Entity
@Table(name = "satisfaction_survey")
public class SatisfactionSurvey extends Timestamped {

  public static final int COMMENT_MAX = 500;

  @Id private UUID id;

  @Column(name = "tenant_id", nullable = false, updatable = false)
  private UUID organizationId;

  @Column(name = "bureau_id", nullable = false, updatable = false)
  private UUID bureauId;

  @Column(name = "project_id", nullable = false, updatable = false)
  private UUID projectId;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, updatable = false)
  private RespondentType respondent;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, updatable = false)
  private SurveyScale scale;

  @Column(nullable = false, updatable = false)
  private BigDecimal score;

  @Column(name = "surveyed_on", nullable = false, updatable = false)
  private LocalDate surveyedOn;

  @Column(updatable = false)
  private String comment;

  @Column(name = "recorded_by", nullable = false, updatable = false)
  private UUID recordedBy;

  @Column(name = "recorded_by_tenant", nullable = false, updatable = false)
  private UUID recordedByTenant;

  @Embedded private Voiding voiding;

  protected SatisfactionSurvey() {}

  public static SatisfactionSurvey record(
      Project project, RespondentType respondent, SurveyScale scale, BigDecimal score, LocalDate surveyedOn,
      String comment, UUID by, UUID byTenant, LocalDate today) {
    if (surveyedOn.isAfter(today)) {
      throw new InvalidValueException("SURVEY_IN_FUTURE", "A survey is recorded once answered.");
    }
    if (surveyedOn.isBefore(project.period().start())) {
      throw new InvalidValueException("SURVEY_BEFORE_PROJECT", "The project had not started on that day.");
    }
    if (comment != null && comment.strip().length() > COMMENT_MAX) {
      throw new InvalidValueException("TOO_LONG", "A comment has at most " + COMMENT_MAX + " characters.");
    }
    SatisfactionSurvey s = new SatisfactionSurvey();
    s.id = UUID.randomUUID();
    s.organizationId = project.organizationId();
    s.bureauId = project.bureauId();
    s.projectId = project.id().value();
    s.respondent = respondent;
    s.scale = scale;
    s.score = scale.check(score);
    s.surveyedOn = surveyedOn;
    s.comment = comment == null || comment.isBlank() ? null : comment.strip();
    s.recordedBy = by;
    s.recordedByTenant = byTenant;
    return s;
  }

  public void voidBecause(String reason, UUID by) {
    if (isVoided()) {
      throw new StateConflictException("SURVEY_ALREADY_VOIDED", "This survey is already voided.");
    }
    voiding = Voiding.because(reason, by, "SURVEY_VOID_REASON_REQUIRED", "Say why the survey is voided.");
  }

  public BigDecimal percent() {
    return scale.toPercent(score);
  }

  public UUID id() {
    return id;
  }

  public ProjectId projectId() {
    return new ProjectId(projectId);
  }

  public UUID bureauId() {
    return bureauId;
  }

  public UUID organizationId() {
    return organizationId;
  }

  public RespondentType respondent() {
    return respondent;
  }

  public SurveyScale scale() {
    return scale;
  }

  public BigDecimal score() {
    return score;
  }

  public LocalDate surveyedOn() {
    return surveyedOn;
  }

  public String comment() {
    return comment;
  }

  public UUID recordedByTenant() {
    return recordedByTenant;
  }

  public boolean isVoided() {
    return voiding != null && voiding.reason() != null;
  }

  public Voiding voiding() {
    return voiding;
  }
}
