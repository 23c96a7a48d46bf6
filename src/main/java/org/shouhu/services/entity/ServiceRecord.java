package org.shouhu.services.entity;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OneToMany;
import jakarta.persistence.Table;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.shouhu.beneficiaries.entity.BeneficiaryId;
import org.shouhu.beneficiaries.entity.RiskLevel;
import org.shouhu.contracts.entity.CodeSetConverter;
import org.shouhu.contracts.entity.ProjectId;
import org.shouhu.contracts.entity.ServiceKind;
import org.shouhu.problems.entity.InvalidValueException;
import org.shouhu.problems.entity.StateConflictException;
import org.shouhu.regions.entity.DivisionCode;
import org.shouhu.tenancy.entity.TenantOwned;
import org.shouhu.tenancy.entity.Voiding;

/**
 * One piece of work a social worker did under one deliverable of the organization's project: who did it, when,
 * where, for whom, and what its kind reports: for a home visit what was found, for a school activity the school,
 * the topic and how many took part (a school activity may list nobody; every other kind serves someone listed).
 *
 * <p>Lifecycle: the worker logs it as a DRAFT and may revise it; {@link #submit() submitting} hands it to review.
 * A supervisor {@link #approve approves} it, and only then does it count toward the deliverable, or
 * {@link #returnToWorker returns} it with a comment: RETURNED is the worker's again, to revise and submit anew. A
 * record that should never count is {@link #voidBecause voided} with a reason, from any state; nothing is deleted.
 *
 * <pre>
 *   DRAFT ──submit──► SUBMITTED ──approve──► APPROVED
 *     ▲                 │    ▲
 *  revise            return  submit
 *     │                 ▼    │
 *     └──────────── RETURNED ┘ (revise)          any state but VOIDED ──void──► VOIDED
 * </pre>
 *
 * Each illegal transition has its own code, so a client (or the bulk review) can say exactly why.
 *
 * <p>Counseling sessions and group sessions are records of this kind too, so they pass the same rules, review and
 * period lock: they carry their {@link CounselingCase case} or {@link ServiceGroup group} and their number there,
 * and are written through {@link #reviseSession}, never through the home-visit {@link #revise}.
 */
@Entity
@Table(name = "service_record")
public class ServiceRecord extends TenantOwned {

  public static final int RETURN_COMMENT_MAX = 1000;

  @Id private UUID id;

  @Column(name = "project_id", nullable = false, updatable = false)
  private UUID projectId;

  @Column(name = "deliverable_id", nullable = false, updatable = false)
  private UUID deliverableId;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, updatable = false)
  private ServiceKind kind;

  @Column(name = "worker_id", nullable = false, updatable = false)
  private UUID workerId;

  @Column(name = "started_at", nullable = false)
  private OffsetDateTime startedAt;

  @Column(name = "ended_at", nullable = false)
  private OffsetDateTime endedAt;

  @Column(name = "place_code", nullable = false)
  private String placeCode;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private ServiceStatus status;

  @Column(name = "submitted_at")
  private OffsetDateTime submittedAt;

  @Column(name = "return_comment")
  private String returnComment;

  @Column(name = "reviewed_by")
  private UUID reviewedBy;

  @Column(name = "reviewed_at")
  private OffsetDateTime reviewedAt;

  @Embedded private Voiding voiding;

  @Convert(converter = CodeSetConverter.class)
  @Column(nullable = false)
  private Set<String> flags = new TreeSet<>();

  @Enumerated(EnumType.STRING)
  private Presence present;

  @Enumerated(EnumType.STRING)
  @Column(name = "risk_after")
  private RiskLevel riskAfter;

  @Column(name = "follow_up")
  private String followUp;

  @Column(name = "next_visit_on")
  private LocalDate nextVisitOn;

  @Column(name = "created_by", nullable = false, updatable = false)
  private UUID createdBy;

  // Counseling and group sessions (V55, V56): the case or group a session belongs to and its number there.
  @Column(name = "case_id", updatable = false)
  private UUID caseId;

  @Column(name = "group_id", updatable = false)
  private UUID groupId;

  @Column(name = "session_no", updatable = false)
  private Integer sessionNo;

  @Enumerated(EnumType.STRING)
  @Column(name = "session_method")
  private SessionMethod sessionMethod;

  @Column(name = "session_topic")
  private String sessionTopic;

  /** School activity (进校园活动) details; null for other kinds. */
  @Embedded private SchoolActivity schoolActivity;

  @OneToMany(cascade = {CascadeType.PERSIST, CascadeType.MERGE})
  @JoinColumn(name = "record_id", referencedColumnName = "id", insertable = false, updatable = false)
  private List<HomeVisitFinding> findings = new ArrayList<>();

  @OneToMany(cascade = {CascadeType.PERSIST, CascadeType.MERGE})
  @JoinColumn(name = "record_id", referencedColumnName = "id", insertable = false, updatable = false)
  private List<ServiceParticipant> participants = new ArrayList<>();

  @OneToMany(cascade = {CascadeType.PERSIST, CascadeType.MERGE})
  @JoinColumn(name = "record_id", referencedColumnName = "id", insertable = false, updatable = false)
  @jakarta.persistence.OrderBy("position")
  private List<SessionGoalProgress> goalProgress = new ArrayList<>();

  protected ServiceRecord() {}

  private ServiceRecord(ProjectId project, UUID deliverableId, ServiceKind kind, UUID worker) {
    this.id = UUID.randomUUID();
    this.projectId = project.value();
    this.deliverableId = deliverableId;
    this.kind = kind;
    this.workerId = worker;
    this.createdBy = worker;
    this.status = ServiceStatus.DRAFT;
  }

  /** A worker logs a home visit as a DRAFT. The content has passed the rules; the flags are theirs. */
  public static ServiceRecord homeVisit(
      ProjectId project, UUID deliverableId, UUID worker, OffsetDateTime startedAt, OffsetDateTime endedAt,
      DivisionCode place, Set<BeneficiaryId> participants, HomeVisitReport report, Set<ServiceFlag> flags) {
    ServiceRecord record = new ServiceRecord(project, deliverableId, ServiceKind.HOME_VISIT, worker);
    record.write(startedAt, endedAt, place, participants, report, flags);
    return record;
  }

  /**
   * A counseling session of a case, numbered in it: the case's client is its one participant. The case checks
   * that it may take a session (planned, the worker's) before numbering it.
   */
  public static ServiceRecord counselingSession(
      ProjectId project, UUID deliverableId, UUID worker, UUID caseId, int number, OffsetDateTime startedAt,
      OffsetDateTime endedAt, DivisionCode place, BeneficiaryId client, SessionMethod method, Set<ServiceFlag> flags) {
    ServiceRecord record = new ServiceRecord(project, deliverableId, ServiceKind.COUNSELING_SESSION, worker);
    record.caseId = caseId;
    record.sessionNo = number;
    record.reviseSession(startedAt, endedAt, place, Set.of(client), method, null, flags);
    return record;
  }

  /** A session of a group, numbered in it; its participants are the members present (attendance is the group's). */
  public static ServiceRecord groupSession(
      ProjectId project, UUID deliverableId, UUID worker, UUID groupId, int number, OffsetDateTime startedAt,
      OffsetDateTime endedAt, DivisionCode place, Set<BeneficiaryId> present, String topic, Set<ServiceFlag> flags) {
    ServiceRecord record = new ServiceRecord(project, deliverableId, ServiceKind.GROUP_SESSION, worker);
    record.groupId = groupId;
    record.sessionNo = number;
    record.reviseSession(startedAt, endedAt, place, present, null, topic, flags);
    return record;
  }

  /** The worker changes a session's content while it is a DRAFT or RETURNED; its case or group and number stay. */
  public void reviseSession(
      OffsetDateTime startedAt, OffsetDateTime endedAt, DivisionCode place, Set<BeneficiaryId> participants,
      SessionMethod method, String topic, Set<ServiceFlag> flags) {
    requireEditable();
    if (kind == ServiceKind.COUNSELING_SESSION && method == null) {
      throw new InvalidValueException("CASE_SESSION_METHOD_UNKNOWN", "Say how the session was held.");
    }
    if (kind == ServiceKind.GROUP_SESSION && (topic == null || topic.isBlank())) {
      throw new InvalidValueException("REQUIRED", "A group session has a topic.");
    }
    write(startedAt, endedAt, place, participants, null, flags);
    sessionMethod = kind == ServiceKind.COUNSELING_SESSION ? method : null;
    sessionTopic = kind == ServiceKind.GROUP_SESSION ? topic.strip() : null;
  }

  /**
   * The progress this counseling session found toward the goals of its case's plan (the case has checked the
   * positions and given each goal's text); replaces an earlier rating, goals not in {@code ratings} are unrated.
   */
  public void rateGoals(List<SessionGoalProgress.Rating> ratings) {
    requireEditable();
    requireKind(ServiceKind.COUNSELING_SESSION);
    java.util.Map<Integer, SessionGoalProgress.Rating> byPosition = new java.util.HashMap<>();
    for (SessionGoalProgress.Rating r : ratings) {
      if (byPosition.put(r.position(), r) != null) {
        throw new InvalidValueException("CASE_GOAL_RATED_TWICE", "Goal " + r.position() + " is rated twice.");
      }
    }
    for (SessionGoalProgress row : goalProgress) {
      SessionGoalProgress.Rating r = byPosition.remove(row.position());
      if (r == null) {
        row.clear();
      } else {
        row.rate(r);
      }
    }
    byPosition.values().stream()
        .sorted(java.util.Comparator.comparingInt(SessionGoalProgress.Rating::position))
        .forEach(r -> goalProgress.add(new SessionGoalProgress(id, r)));
  }

  /** The goals this counseling session rated, in the plan's order. */
  public List<SessionGoalProgress> goalProgress() {
    if (kind != ServiceKind.COUNSELING_SESSION) {
      return List.of();
    }
    return goalProgress.stream().filter(SessionGoalProgress::isRated)
        .sorted(java.util.Comparator.comparingInt(SessionGoalProgress::position)).toList();
  }

  /** The worker changes the content of a DRAFT or of a record returned to them. */
  public void revise(
      OffsetDateTime startedAt, OffsetDateTime endedAt, DivisionCode place, Set<BeneficiaryId> participants,
      HomeVisitReport report, Set<ServiceFlag> flags) {
    requireEditable();
    requireKind(ServiceKind.HOME_VISIT);
    write(startedAt, endedAt, place, participants, report, flags);
  }

  /**
   * The editor changes the version they opened, or nothing: a phone that kept a record open (or offline) for an
   * hour must not silently overwrite the revision made meanwhile from another device.
   */
  public void requireVersion(long expected) {
    if (expected != version()) {
      throw new StateConflictException("SVC_STALE",
          "The record was changed meanwhile (version " + version() + ", you edited version " + expected
              + "). Open it again and repeat your changes.");
    }
  }

  /**
   * The rules judged the record again at submission (an enrolment may have ended, another record may now sit on
   * the same day): the reviewer sees the warnings as they stand when the record reaches them.
   */
  public void reflag(Set<ServiceFlag> raised) {
    requireEditable();
    flags = new TreeSet<>();
    raised.forEach(f -> flags.add(f.name()));
  }

  /**
   * A worker logs a school activity as a DRAFT. Unlike a visit it may name nobody: the audience is counted, and
   * those listed (enrolled, like any participant) are at most that many.
   */
  public static ServiceRecord schoolActivity(
      ProjectId project, UUID deliverableId, UUID worker, OffsetDateTime startedAt, OffsetDateTime endedAt,
      DivisionCode place, Set<BeneficiaryId> participants, SchoolActivity activity, Set<ServiceFlag> flags) {
    ServiceRecord record = new ServiceRecord(project, deliverableId, ServiceKind.SCHOOL_ACTIVITY, worker);
    record.writeSchoolActivity(startedAt, endedAt, place, participants, activity, flags);
    return record;
  }

  /** The worker changes the content of a school activity that is a DRAFT or was returned to them. */
  public void reviseSchoolActivity(
      OffsetDateTime startedAt, OffsetDateTime endedAt, DivisionCode place, Set<BeneficiaryId> participants,
      SchoolActivity activity, Set<ServiceFlag> flags) {
    requireEditable();
    requireKind(ServiceKind.SCHOOL_ACTIVITY);
    writeSchoolActivity(startedAt, endedAt, place, participants, activity, flags);
  }

  /** Evidence files are attached while the worker may still change the record, as its content is. */
  public void requireOpenForEvidence() {
    requireEditable();
  }

  private void writeSchoolActivity(
      OffsetDateTime startedAt, OffsetDateTime endedAt, DivisionCode place, Set<BeneficiaryId> people,
      SchoolActivity activity, Set<ServiceFlag> raised) {
    if (activity == null) {
      throw new InvalidValueException("REQUIRED", "A school activity needs its school, topic and count.");
    }
    if (people != null && people.size() > activity.participantCount()) {
      throw new InvalidValueException("SVC_PARTICIPANT_COUNT_BELOW_LIST",
          "The count (" + activity.participantCount() + ") is smaller than the list of participants (" + people.size() + ").");
    }
    schoolActivity = activity;
    write(startedAt, endedAt, place, people == null ? Set.of() : people, null, raised);
  }

  private void requireKind(ServiceKind expected) {
    if (kind != expected) {
      throw new StateConflictException(
          "SVC_KIND_MISMATCH", "This record is a " + kind + ", not a " + expected + ": revise it as one.");
    }
  }

  /** DRAFT or RETURNED → SUBMITTED: the worker hands the record to review. */
  public void submit() {
    if (status != ServiceStatus.DRAFT && status != ServiceStatus.RETURNED) {
      throw new StateConflictException(
          "SVC_NOT_SUBMITTABLE", "Only a draft or a returned record can be submitted; this one is " + status + ".");
    }
    status = ServiceStatus.SUBMITTED;
    submittedAt = now();
  }

  /** SUBMITTED → APPROVED by a reviewer other than the worker: from now on the record counts. */
  public void approve(UUID by) {
    requireAwaitingReview(by);
    status = ServiceStatus.APPROVED;
    reviewedBy = by;
    reviewedAt = now();
  }

  /** SUBMITTED → RETURNED: back to the worker, with the reviewer's comment saying what to fix. */
  public void returnToWorker(String comment, UUID by) {
    requireAwaitingReview(by);
    if (comment == null || comment.isBlank()) {
      throw new InvalidValueException("SVC_RETURN_COMMENT_REQUIRED", "Say what the worker should fix.");
    }
    if (comment.strip().length() > RETURN_COMMENT_MAX) {
      throw new InvalidValueException("TOO_LONG", "A comment has at most " + RETURN_COMMENT_MAX + " characters.");
    }
    status = ServiceStatus.RETURNED;
    returnComment = comment.strip();
    reviewedBy = by;
    reviewedAt = now();
  }

  /** Any state but VOIDED → VOIDED, with the reason on record. The record stays, and never counts. */
  public void voidBecause(String reason, UUID by) {
    if (status == ServiceStatus.VOIDED) {
      throw new StateConflictException("SVC_ALREADY_VOIDED", "This record is already voided.");
    }
    voiding = Voiding.because(reason, by, "SVC_VOID_REASON_REQUIRED", "Say why the record is voided.");
    status = ServiceStatus.VOIDED;
  }

  /** Only approved work is delivered work. */
  public boolean countsTowardDeliverable() {
    return status == ServiceStatus.APPROVED;
  }

  public boolean isOwnedBy(UUID user) {
    return workerId.equals(user);
  }

  private void requireEditable() {
    if (status != ServiceStatus.DRAFT && status != ServiceStatus.RETURNED) {
      throw new StateConflictException(
          "SVC_NOT_EDITABLE", "Only a draft or a returned record can be revised; this one is " + status + ".");
    }
  }

  private void requireAwaitingReview(UUID by) {
    if (status != ServiceStatus.SUBMITTED) {
      throw new StateConflictException(
          "SVC_NOT_AWAITING_REVIEW", "Only a submitted record can be reviewed; this one is " + status + ".");
    }
    if (workerId.equals(by)) {
      throw new StateConflictException("SVC_SELF_REVIEW", "Nobody reviews their own record.");
    }
  }

  private void write(
      OffsetDateTime startedAt, OffsetDateTime endedAt, DivisionCode place, Set<BeneficiaryId> people,
      HomeVisitReport report, Set<ServiceFlag> raised) {
    if ((people == null || people.isEmpty()) && kind != ServiceKind.SCHOOL_ACTIVITY) {
      throw new InvalidValueException("SVC_PARTICIPANTS_REQUIRED", "A record serves at least one person.");
    }
    this.startedAt = startedAt;
    this.endedAt = endedAt;
    this.placeCode = place.value();
    this.flags = new TreeSet<>();
    raised.forEach(f -> flags.add(f.name()));
    writeParticipants(people);
    if (kind == ServiceKind.HOME_VISIT) {
      if (report == null) {
        throw new InvalidValueException("REQUIRED", "A home visit needs its report.");
      }
      present = report.present();
      riskAfter = report.riskAfter();
      followUp = report.followUp();
      nextVisitOn = report.nextVisitOn();
      for (Map.Entry<Area, Assessment> e : report.findings().entrySet()) {
        findings.stream()
            .filter(f -> f.area() == e.getKey())
            .findFirst()
            .ifPresentOrElse(f -> f.reassess(e.getValue()), () -> findings.add(new HomeVisitFinding(id, e.getKey(), e.getValue())));
      }
    }
  }

  private void writeParticipants(Set<BeneficiaryId> people) {
    Set<BeneficiaryId> wanted = new LinkedHashSet<>(people);
    for (ServiceParticipant p : participants) {
      if (wanted.remove(p.beneficiaryId())) {
        p.restore();
      } else {
        p.remove();
      }
    }
    wanted.forEach(b -> participants.add(new ServiceParticipant(id, b)));
  }

  private static OffsetDateTime now() {
    return OffsetDateTime.now(ZoneOffset.UTC);
  }

  public UUID id() {
    return id;
  }

  public ProjectId projectId() {
    return new ProjectId(projectId);
  }

  public UUID deliverableId() {
    return deliverableId;
  }

  public ServiceKind kind() {
    return kind;
  }

  public UUID workerId() {
    return workerId;
  }

  public OffsetDateTime startedAt() {
    return startedAt;
  }

  public OffsetDateTime endedAt() {
    return endedAt;
  }

  public DivisionCode place() {
    return DivisionCode.of(placeCode);
  }

  public ServiceStatus status() {
    return status;
  }

  public OffsetDateTime submittedAt() {
    return submittedAt;
  }

  public String returnComment() {
    return returnComment;
  }

  public UUID reviewedBy() {
    return reviewedBy;
  }

  public OffsetDateTime reviewedAt() {
    return reviewedAt;
  }

  public String voidReason() {
    return voiding == null ? null : voiding.reason();
  }

  public UUID voidedBy() {
    return voiding == null ? null : voiding.by();
  }

  public OffsetDateTime voidedAt() {
    return voiding == null ? null : voiding.at();
  }

  public Set<ServiceFlag> flags() {
    Set<ServiceFlag> set = EnumSet.noneOf(ServiceFlag.class);
    flags.forEach(f -> set.add(ServiceFlag.valueOf(f)));
    return set;
  }

  /** The people served now (those taken off during revision are not). */
  public Set<BeneficiaryId> participants() {
    Set<BeneficiaryId> present = new LinkedHashSet<>();
    participants.stream().filter(ServiceParticipant::isPresent).forEach(p -> present.add(p.beneficiaryId()));
    return present;
  }

  /** The counseling case of a counseling session, else null. */
  public UUID caseId() {
    return caseId;
  }

  /** The group of a group session, else null. */
  public UUID groupId() {
    return groupId;
  }

  /** The session's number in its case or group, else null. */
  public Integer sessionNo() {
    return sessionNo;
  }

  public SessionMethod sessionMethod() {
    return sessionMethod;
  }

  public String sessionTopic() {
    return sessionTopic;
  }

  /** The home-visit report, or null for other kinds. */
  public HomeVisitReport homeVisit() {
    if (kind != ServiceKind.HOME_VISIT) {
      return null;
    }
    Map<Area, Assessment> byArea = new EnumMap<>(Area.class);
    findings.forEach(f -> byArea.put(f.area(), f.assessment()));
    return new HomeVisitReport(present, byArea, riskAfter, followUp, nextVisitOn);
  }

  /** The school-activity report, or null for other kinds. */
  public SchoolActivity schoolActivity() {
    return kind == ServiceKind.SCHOOL_ACTIVITY ? schoolActivity : null;
  }
}
