package org.shouhu.services.boundary;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.shouhu.services.control.CounselingCases;
import org.shouhu.services.entity.CounselingCase;
import org.shouhu.services.entity.ServiceRecord;

/**
 * A counseling case as its worker, supervisors and ORG_ADMIN see it. Its sessions' confidential notes are never
 * part of it: {@link CaseSessionView#hasNote} only says whether one exists.
 */
public record CaseView(
    UUID id, UUID projectId, UUID deliverableId, UUID clientId, UUID workerId, String status, LocalDate intakeOn,
    String presentingIssue, String referralSource, ConsentView consent, String assessment, OffsetDateTime assessedAt,
    List<GoalView> goals, Integer sessionEveryDays, OffsetDateTime plannedAt, LocalDate lastSessionOn,
    LocalDate nextSessionDue,
    int sessionCount, String outcome, String closureSummary, OffsetDateTime closureProposedAt,
    Integer approvedSessions, String closureComment, UUID closedBy, OffsetDateTime closedAt, String voidReason,
    OffsetDateTime voidedAt, boolean countsTowardDeliverable, OffsetDateTime createdAt, OffsetDateTime updatedAt,
    long version, String workerName) {

  /** Consent to counseling as recorded at intake. */
  public record ConsentView(LocalDate givenOn, String givenBy, String relationship, String method) {}

  /** A goal of the current plan; {@code outcome} is the one proposed at closure (null before). */
  public record GoalView(int position, String goal, LocalDate dueOn, String measure, String outcome) {}

  /** A session of the case: the service record, and whether a confidential note was written for it. */
  public record CaseSessionView(ServiceView record, boolean hasNote) {

    static List<CaseSessionView> of(List<ServiceRecord> sessions, Set<UUID> noted) {
      return sessions.stream().map(r -> new CaseSessionView(ServiceView.of(r), noted.contains(r.id()))).toList();
    }
  }

  /** A confidential note, answered only by the note endpoint. */
  public record NoteView(UUID sessionId, String note, UUID writtenBy, OffsetDateTime writtenAt) {

    static NoteView of(CounselingCases.Note n) {
      return new NoteView(n.sessionId(), n.text(), n.writtenBy(), n.writtenAt());
    }
  }

  /**
   * The case; {@code lastSessionOn} is the day of its latest session not voided (null: none), from which
   * {@code nextSessionDue} counts the plan's interval; {@code workerName} the case worker's display name.
   */
  static CaseView of(CounselingCase c, LocalDate lastSessionOn, String workerName) {
    var consent = c.consent();
    return new CaseView(
        c.id(), c.projectId().value(), c.deliverableId(), c.client().value(), c.workerId(), c.status().name(),
        c.intakeOn(), c.presentingIssue(), c.referralSource() == null ? null : c.referralSource().name(),
        consent == null ? null : new ConsentView(consent.givenOn(), consent.givenBy().value(), consent.relationship().name(),
            consent.method().name()),
        c.assessment(), c.assessedAt(),
        c.goals().stream().map(g -> new GoalView(g.position(), g.goal(), g.dueOn(), g.measure(),
            g.outcome() == null ? null : g.outcome().name())).toList(),
        c.sessionEveryDays(), c.plannedAt(), lastSessionOn, c.nextSessionDue(lastSessionOn), c.sessionCount(),
        c.outcome() == null ? null : c.outcome().name(), c.closureSummary(), c.closureProposedAt(),
        c.approvedSessions(), c.closureComment(), c.closedBy(), c.closedAt(), c.voidReason(), c.voidedAt(),
        c.countsTowardDeliverable(), c.createdAt(), c.updatedAt(), c.version(), workerName);
  }
}
