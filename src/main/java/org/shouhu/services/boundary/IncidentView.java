package org.shouhu.services.boundary;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.shouhu.services.entity.Authority;
import org.shouhu.services.entity.Concern;
import org.shouhu.services.entity.Incident;
import org.shouhu.services.entity.IncidentStatus;
import org.shouhu.services.entity.IncidentStep;

/**
 * An incident as each party may read it. The organization reads the whole card; the funding bureau reads what it
 * needs to follow the handling, minimized: no beneficiary id, no "what was found" text, no void reason, and of the
 * child only the masked name and town (the row holds nothing more). Fields a party may not read are null and
 * left out of the JSON.
 */
public record IncidentView(
    UUID id,
    UUID projectId,
    UUID organizationId,
    String child,
    String townCode,
    Concern concern,
    OffsetDateTime foundAt,
    Set<Authority> reportedTo,
    OffsetDateTime reportedAt,
    IncidentStatus status,
    LocalDate openSince,
    long ageDays,
    long daysSinceFound,
    boolean overdue,
    LocalDate acknowledgedOn,
    Incident.Party closedBy,
    List<Step> steps,
    LocalDate closedOn,
    String outcome,
    OffsetDateTime voidedAt,
    // The organization's view only:
    UUID beneficiaryId,
    UUID serviceRecordId,
    String found,
    UUID raisedBy,
    String voidReason,
    Long version) {

  public record Step(
      int position, Incident.Party party, String referredTo, LocalDate takenOn, String action, String doneBy,
      OffsetDateTime recordedAt, UUID referralId) {
    static Step of(IncidentStep s) {
      return new Step(s.position(), s.party(), s.referredTo(), s.takenOn(), s.action(), s.doneBy(), s.recordedAt(),
          s.referralId());
    }
  }

  /** The organization's own view. */
  static IncidentView full(Incident i, LocalDate today) {
    return new IncidentView(i.id(), i.projectId().value(), i.organizationId(), i.childMaskedName(), i.townCode(),
        i.concern(), i.foundAt(), i.reportedTo(), i.reportedAt(), i.status(), i.openedOn(), i.ageDays(today),
        i.daysSinceFound(today), i.overdue(today), i.acknowledgedOn(), i.closedByParty(),
        steps(i), i.closedOn(), i.outcome(), i.voidedAt(),
        i.beneficiaryId().value(), i.sourceRecordId(), i.found(), i.raisedBy(), i.voidReason(), i.version());
  }

  /** The funding bureau's view: follows the handling, learns nothing it does not need about the child. */
  static IncidentView forBureau(Incident i, LocalDate today) {
    return new IncidentView(i.id(), i.projectId().value(), i.organizationId(), i.childMaskedName(), i.townCode(),
        i.concern(), i.foundAt(), i.reportedTo(), i.reportedAt(), i.status(), i.openedOn(), i.ageDays(today),
        i.daysSinceFound(today), i.overdue(today), i.acknowledgedOn(), i.closedByParty(),
        steps(i), i.closedOn(), i.outcome(), i.voidedAt(),
        null, null, null, null, null, null);
  }

  /** The view the bound tenant may read, chosen by its part in the incident, not by its role. */
  static IncidentView forParty(Incident i, UUID tenant, LocalDate today) {
    return i.organizationId().equals(tenant) ? full(i, today) : forBureau(i, today);
  }

  private static List<Step> steps(Incident i) {
    return i.steps().stream().map(Step::of).toList();
  }
}
