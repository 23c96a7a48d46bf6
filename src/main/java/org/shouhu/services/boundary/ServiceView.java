package org.shouhu.services.boundary;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.shouhu.services.control.ServiceRecords;
import org.shouhu.services.entity.Assessment;
import org.shouhu.services.entity.HomeVisitReport;
import org.shouhu.services.entity.SchoolActivity;
import org.shouhu.services.entity.ServiceFlag;
import org.shouhu.services.entity.ServiceRecord;

/**
 * A service record as the organization's staff see it: times in UTC, flags for the reviewer. {@code workerName} is
 * the worker's display name where a colleague reads the record (the review queue), null elsewhere.
 */
public record ServiceView(
    UUID id, UUID projectId, UUID deliverableId, String kind, UUID workerId, OffsetDateTime startedAt,
    OffsetDateTime endedAt, String placeCode, String status, Set<ServiceFlag> flags, List<UUID> participants,
    HomeVisitView homeVisit, SessionView session, OffsetDateTime submittedAt, String returnComment, UUID reviewedBy,
    OffsetDateTime reviewedAt, String voidReason, OffsetDateTime voidedAt, boolean countsTowardDeliverable,
    OffsetDateTime createdAt, OffsetDateTime updatedAt, long version, SchoolActivityView schoolActivity,
    String workerName, ReviewView review) {

  /**
   * What the review queue adds for the reviewer to judge by: a group session's attendance (every member of the day
   * with PRESENT, ABSENT or EXCUSED), the record's live evidence files (photos open through
   * {@code /evidence/{id}/content}) and whether a counseling session has a confidential note (never the note).
   */
  public record ReviewView(List<AttendanceLine> attendance, List<EvidenceFile> evidence, boolean hasNote) {}

  public record AttendanceLine(UUID beneficiaryId, String attendance) {}

  public record EvidenceFile(UUID id, String fileName, String contentType) {}

  public record HomeVisitView(
      String present, Map<String, Assessment> findings, String riskAfter, String followUp, LocalDate nextVisitOn) {

    static HomeVisitView of(HomeVisitReport r) {
      if (r == null) {
        return null;
      }
      Map<String, Assessment> findings = new TreeMap<>();
      r.findings().forEach((area, a) -> findings.put(area.name(), a));
      return new HomeVisitView(r.present().name(), findings, r.riskAfter().name(), r.followUp(), r.nextVisitOn());
    }
  }

  /**
   * Where a counseling or group session belongs: its case or group and its number there, how it was held or its
   * topic. Null for other kinds. Never a confidential note: those are read only through the cases' note endpoint.
   */
  public record SessionView(
      UUID caseId, UUID groupId, Integer number, String method, String topic, List<GoalProgressView> goalProgress) {

    static SessionView of(ServiceRecord r) {
      if (r.caseId() == null && r.groupId() == null) {
        return null;
      }
      return new SessionView(r.caseId(), r.groupId(), r.sessionNo(),
          r.sessionMethod() == null ? null : r.sessionMethod().name(), r.sessionTopic(),
          r.caseId() == null ? null : r.goalProgress().stream().map(GoalProgressView::of).toList());
    }
  }

  /**
   * The progress a counseling session found toward one goal of its case's plan: the goal's position and text as the
   * plan read when the session was rated, NOT_STARTED, SOME_PROGRESS or ACHIEVED, and the worker's short remark.
   */
  public record GoalProgressView(int position, String goal, String progress, String note) {

    static GoalProgressView of(org.shouhu.services.entity.SessionGoalProgress p) {
      return new GoalProgressView(p.position(), p.goal(), p.progress().name(), p.note());
    }
  }

  /** A school activity's own part; the school's place is the record's {@code placeCode}. */
  public record SchoolActivityView(String schoolName, String topic, String topicNote, int participantCount) {

    static SchoolActivityView of(SchoolActivity a) {
      return a == null ? null : new SchoolActivityView(a.school(), a.topic().name(), a.topicNote(), a.participantCount());
    }
  }

  static ServiceView of(ServiceRecord r) {
    return of(r, Map.of());
  }

  /** The record with its worker's name taken from {@code workerNames} (absent: null). */
  static ServiceView of(ServiceRecord r, Map<UUID, String> workerNames) {
    return new ServiceView(
        r.id(), r.projectId().value(), r.deliverableId(), r.kind().name(), r.workerId(), r.startedAt(), r.endedAt(),
        r.place().value(), r.status().name(), r.flags(),
        r.participants().stream().map(b -> b.value()).toList(), HomeVisitView.of(r.homeVisit()), SessionView.of(r),
        r.submittedAt(), r.returnComment(), r.reviewedBy(), r.reviewedAt(), r.voidReason(), r.voidedAt(),
        r.countsTowardDeliverable(), r.createdAt(), r.updatedAt(), r.version(), SchoolActivityView.of(r.schoolActivity()),
        workerNames.get(r.workerId()), null);
  }

  /** A record in the review queue: its worker's name and what it is judged by, from facts read for the whole page. */
  static ServiceView inQueue(ServiceRecord r, Map<UUID, String> workerNames, ServiceRecords.ReviewFacts facts) {
    ServiceView v = of(r, workerNames);
    var review = new ReviewView(
        facts.attendance().getOrDefault(r.id(), List.of()).stream()
            .map(a -> new AttendanceLine(a.member().value(), a.attendance().name()))
            .toList(),
        facts.evidence().getOrDefault(r.id(), List.of()).stream()
            .map(e -> new EvidenceFile(e.id(), e.fileName(), e.contentType()))
            .toList(),
        facts.withNote().contains(r.id()));
    return new ServiceView(v.id(), v.projectId(), v.deliverableId(), v.kind(), v.workerId(), v.startedAt(), v.endedAt(),
        v.placeCode(), v.status(), v.flags(), v.participants(), v.homeVisit(), v.session(), v.submittedAt(),
        v.returnComment(), v.reviewedBy(), v.reviewedAt(), v.voidReason(), v.voidedAt(), v.countsTowardDeliverable(),
        v.createdAt(), v.updatedAt(), v.version(), v.schoolActivity(), v.workerName(), review);
  }
}
