package org.shouhu.services.control;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.shouhu.beneficiaries.entity.BeneficiaryId;
import org.shouhu.contracts.entity.ContractPeriod;
import org.shouhu.contracts.entity.ServiceKind;
import org.shouhu.regions.entity.DivisionCode;

/**
 * Everything the rules need to judge one record as it is about to be stored, gathered beforehand so every rule is
 * a pure function (and unit-testable without a database).
 *
 * @param deliverableKind the kind of the named deliverable, or null when the project has no such deliverable
 * @param enrolled those of the participants who are enrolled in the project today
 * @param overlapping the worker's other live records whose times overlap this one's
 * @param servedSameDay those of the participants already served under the same project on the same day
 * @param bookedElsewhere those of the participants in another live record of the organization (any project, any
 *     worker) whose times overlap this one's
 * @param loggedAt when the record was first logged (now for a new one)
 */
public record Candidate(
    ServiceKind kind,
    OffsetDateTime startedAt,
    OffsetDateTime endedAt,
    DivisionCode place,
    Set<BeneficiaryId> participants,
    ContractPeriod period,
    Set<String> coveredTowns,
    ServiceKind deliverableKind,
    Set<BeneficiaryId> enrolled,
    List<UUID> overlapping,
    Set<BeneficiaryId> servedSameDay,
    Set<BeneficiaryId> bookedElsewhere,
    OffsetDateTime loggedAt,
    OffsetDateTime now,
    ZoneId zone) {

  public boolean timesInOrder() {
    return startedAt.isBefore(endedAt);
  }
}
