package org.shouhu.contracts.boundary;

import java.time.LocalDate;
import java.util.UUID;
import org.shouhu.contracts.entity.SatisfactionSurvey;

/** A satisfaction survey; {@code recordedBy} says which party entered it (ORGANIZATION or BUREAU). */
public record SurveyView(
    UUID id, UUID projectId, String respondent, String respondentLabel, String scale, String score, String percent,
    LocalDate surveyedOn, String comment, String recordedBy, boolean voided, String voidReason) {

  public static SurveyView of(SatisfactionSurvey s) {
    return new SurveyView(s.id(), s.projectId().value(), s.respondent().name(), s.respondent().label(), s.scale().name(),
        s.score().stripTrailingZeros().toPlainString(), EvaluationView.text(s.percent()), s.surveyedOn(), s.comment(),
        s.recordedByTenant().equals(s.bureauId()) ? "BUREAU" : "ORGANIZATION", s.isVoided(),
        s.isVoided() ? s.voiding().reason() : null);
  }
}
