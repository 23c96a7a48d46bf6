package org.shouhu.beneficiaries.entity;

import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.UUID;
import org.shouhu.problems.entity.InvalidValueException;

/** A worker's judgement of a person's risk, and who made it, why and when. Replaced whole by the next one. */
public record RiskAssessment(RiskLevel level, String reason, UUID assessedBy, OffsetDateTime assessedAt) {

  public static final int MAX_REASON = 1000;

  public RiskAssessment {
    Objects.requireNonNull(level, "risk level");
    Objects.requireNonNull(assessedBy, "assessor");
    Objects.requireNonNull(assessedAt, "assessment time");
    if (reason == null || reason.isBlank()) {
      throw new InvalidValueException("RISK_REASON_REQUIRED", "Say why the risk is at this level.");
    }
    reason = reason.strip();
    if (reason.length() > MAX_REASON) {
      throw new InvalidValueException("RISK_REASON_TOO_LONG", "A reason has at most " + MAX_REASON + " characters.");
    }
  }
}
