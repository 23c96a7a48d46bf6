package org.shouhu.services.entity;

import java.time.LocalDate;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.shouhu.beneficiaries.entity.RiskLevel;
import org.shouhu.problems.entity.InvalidValueException;

/**
 * What a worker reports from a home visit (入户探视): who was present, every area assessed, the risk judged after the
 * visit, what happens next. Complete or refused: a visit record with an unassessed area is not a visit record.
 */
public record HomeVisitReport(
    Presence present, Map<Area, Assessment> findings, RiskLevel riskAfter, String followUp, LocalDate nextVisitOn) {

  public static final int FOLLOW_UP_MAX = 2000;

  public HomeVisitReport {
    if (present == null) {
      throw new InvalidValueException("REQUIRED", "Say who was present.");
    }
    if (riskAfter == null) {
      throw new InvalidValueException("REQUIRED", "Judge the risk after the visit.");
    }
    Set<Area> missing = EnumSet.allOf(Area.class);
    if (findings != null) {
      missing.removeAll(findings.keySet());
    }
    if (!missing.isEmpty()) {
      throw new InvalidValueException("SVC_FINDINGS_INCOMPLETE", "Every area is assessed; missing: " + missing + ".");
    }
    if (followUp != null && followUp.strip().length() > FOLLOW_UP_MAX) {
      throw new InvalidValueException("TOO_LONG", "Follow-up actions have at most " + FOLLOW_UP_MAX + " characters.");
    }
    findings = Map.copyOf(new EnumMap<>(findings));
    followUp = followUp == null || followUp.isBlank() ? null : followUp.strip();
  }
}
