package org.shouhu.services.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.shouhu.audit.control.AuditTrail;
import org.shouhu.beneficiaries.control.Enrolments;
import org.shouhu.beneficiaries.entity.BeneficiaryId;
import org.shouhu.contracts.entity.Deliverable;
import org.shouhu.contracts.entity.Project;
import org.shouhu.contracts.entity.ProjectId;
import org.shouhu.contracts.entity.ProjectStatus;
import org.shouhu.contracts.entity.ServiceKind;
import org.shouhu.problems.entity.InvalidValueException;
import org.shouhu.problems.entity.ProblemException;
import org.shouhu.problems.entity.StateConflictException;
import org.shouhu.regions.control.Regions;
import org.shouhu.regions.entity.DivisionCode;
import org.shouhu.services.entity.Evidence;
import org.shouhu.services.entity.GroupAttendance;
import org.shouhu.services.entity.HomeVisitReport;
import org.shouhu.services.entity.ServiceFlag;
import org.shouhu.services.entity.ServiceRecord;
import org.shouhu.services.entity.ServiceStatus;
import org.shouhu.tenancy.control.TenantSession;
import org.shouhu.tenancy.control.Tenants;

/**
 * Logging, revising and reviewing service records of the bound organization. Every write of a record's content
 * runs all {@link ServiceRules}; a worker's writes are serialized (transaction-scoped advisory lock) so two
 * concurrent requests cannot both pass the double-booking check. Every change of a record checks its monthly
 * period lock ({@link PeriodLockRule}); ORG_ADMIN may change a locked record and leaves an audit entry
 * {@code SERVICE_CHANGED_IN_LOCKED_PERIOD}. Each change is flushed before it is answered, so the version a client
 * receives is the one a later revision must name.
 */
@ApplicationScoped
public class ServiceRecords {

  /** Days, periods and "the same day" are China's, whatever the server's zone. */
  public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

  /** Namespace of this context's advisory locks (first key of pg_advisory_xact_lock(int, int)). */
  private static final int WORKER_LOCK = 4_0001;

  @PersistenceContext(unitName = "shouhu")
  EntityManager em;

  @Inject Enrolments enrolments;
  @Inject Regions regions;
  @Inject Tenants tenants;
  @Inject TenantSession session;
  @Inject AuditTrail audit;

  /** Decides which periods are locked; replaced in tests to cross a lock day exactly. */
  Clock clock = Clock.systemUTC();

  /**
   * Who acts: a worker sees and changes their own records; supervisors and ORG_ADMIN see all and review; only
   * ORG_ADMIN changes records in a locked period.
   */
  public record Actor(UUID id, boolean supervisory, boolean orgAdmin) {

    public Actor(UUID id, boolean supervisory) {
      this(id, supervisory, false);
    }
  }

  /** The content of a home visit as the worker writes it. */
  public record Visit(
      OffsetDateTime startedAt, OffsetDateTime endedAt, DivisionCode place, Set<BeneficiaryId> participants,
      HomeVisitReport report) {}

  /** @param team when not null, only records of these workers (a supervisor's team; empty: none) */
  public record Filter(ServiceStatus status, UUID worker, UUID project, ServiceKind kind, Collection<UUID> team) {

    public Filter(ServiceStatus status, UUID worker, UUID project, ServiceKind kind) {
      this(status, worker, project, kind, null);
    }
  }

  /** What a reviewer judges a record by besides the record: who attended, the live evidence files, a sealed note. */
  public record ReviewFacts(
      Map<UUID, List<GroupAttendance>> attendance, Map<UUID, List<Evidence>> evidence, Set<UUID> withNote) {}

  public enum Action {
    APPROVE,
    RETURN
  }

  /** One record's answer in a bulk review: APPROVED, RETURNED or REFUSED with the code of the refusal. */
  public record Outcome(UUID id, String result, String code, String message) {}

  public ServiceRecord logHomeVisit(ProjectId projectId, UUID deliverableId, Visit visit, boolean submit, UUID worker) {
    Project project = enrolments.ownProject(projectId);
    if (project.status() != ProjectStatus.ACTIVE) {
      throw new StateConflictException("SVC_PROJECT_NOT_ACTIVE", "Work is logged against active projects only.");
    }
    regions.requireKnown(visit.place(), "placeCode");
    lockWorker(worker);
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    Set<ServiceFlag> flags = ServiceRules.judge(candidate(project, deliverableId, ServiceKind.HOME_VISIT, null, worker, visit, now));
    // After the field rules, like the other conflict: a visit before the project began is first out of period.
    // Only workers log, and nobody overrides for a new record: work is logged into open periods.
    guardLock(visit.startedAt(), project, zone(), null);
    ServiceRecord record;
    try {
      record = ServiceRecord.homeVisit(projectId, deliverableId, worker, visit.startedAt(), visit.endedAt(),
          visit.place(), visit.participants(), visit.report(), flags);
    } catch (InvalidValueException e) {
      throw ProblemException.invalid("", e);
    }
    if (submit) {
      record.submit();
    }
    em.persist(record);
    em.flush();
    return record;
  }

  /** @param expectedVersion the version the worker edited, when the client names it (else the last write wins) */
  public ServiceRecord revise(UUID id, Visit visit, Long expectedVersion, Actor actor) {
    ServiceRecord record = owned(id, actor);
    if (expectedVersion != null) {
      record.requireVersion(expectedVersion);
    }
    if (record.caseId() != null || record.groupId() != null) {
      // The home-visit form would drop the session's method, topic, attendance or client; sessions have their own.
      throw new StateConflictException("SVC_REVISED_WITH_ITS_CASE_OR_GROUP",
          "A session is revised through its case or group: /cases/{id}/sessions/{sid}/revise or /groups/{id}/sessions/{sid}/revise.");
    }
    Project project = enrolments.ownProject(record.projectId());
    regions.requireKnown(visit.place(), "placeCode");
    ZoneId zone = zone();
    // A record in a locked period is closed whatever the new content; moving one into a locked period is judged
    // after the field rules, as for a new record.
    PeriodLockRule.Lock was = guardLock(record.startedAt(), project, zone, actor);
    lockWorker(record.workerId());
    Set<ServiceFlag> flags = ServiceRules.judge(candidate(project, record.deliverableId(), record.kind(), record.id(),
        record.workerId(), visit, record.createdAt()));
    PeriodLockRule.Lock becomes = guardLock(visit.startedAt(), project, zone, actor);
    try {
      record.revise(visit.startedAt(), visit.endedAt(), visit.place(), visit.participants(), visit.report(), flags);
    } catch (InvalidValueException e) {
      throw ProblemException.invalid("", e);
    }
    auditLockedChange(record, "REVISE", was != null ? was : becomes, actor);
    em.flush();
    return record;
  }

  /**
   * Hands the record to review after judging it once more as it stands: what was fine for a draft (its people
   * enrolled, its worker free at that hour) may no longer be, and a reviewer must not approve work the rules would
   * refuse today.
   */
  public ServiceRecord submit(UUID id, Actor actor) {
    ServiceRecord record = owned(id, actor);
    Project project = enrolments.ownProject(record.projectId());
    PeriodLockRule.Lock lock = guardLock(record.startedAt(), project, zone(), actor);
    lockWorker(record.workerId());
    Visit asItStands = new Visit(record.startedAt(), record.endedAt(), record.place(), record.participants(), null);
    record.reflag(ServiceRules.judge(candidate(project, record.deliverableId(), record.kind(), record.id(),
        record.workerId(), asItStands, record.createdAt())));
    record.submit();
    auditLockedChange(record, "SUBMIT", lock, actor);
    em.flush();
    return record;
  }

  /**
   * Logs a counseling or group session (for {@link CounselingCases} and {@link ServiceGroups}): the checks of a home
   * visit (active own project, known place, every rule, the period lock) under the worker's advisory lock; once the
   * rules have spoken, {@code build} makes the record from the flags they raised.
   */
  public ServiceRecord logSession(
      Project project, UUID deliverableId, ServiceKind kind, Visit visit, boolean submit, UUID worker,
      Function<Set<ServiceFlag>, ServiceRecord> build) {
    if (project.status() != ProjectStatus.ACTIVE) {
      throw new StateConflictException("SVC_PROJECT_NOT_ACTIVE", "Work is logged against active projects only.");
    }
    regions.requireKnown(visit.place(), "placeCode");
    lockWorker(worker);
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    Set<ServiceFlag> flags = ServiceRules.judge(candidate(project, deliverableId, kind, null, worker, visit, now));
    guardLock(visit.startedAt(), project, zone(), null);
    ServiceRecord record;
    try {
      record = build.apply(flags);
    } catch (InvalidValueException e) {
      throw ProblemException.invalid("", e);
    }
    if (submit) {
      record.submit();
    }
    em.persist(record);
    return record;
  }

  /**
   * Revises a session as {@link #revise} does a home visit (owner only, both period locks, every rule), applying the
   * new content through {@code change}.
   */
  public ServiceRecord reviseSession(
      ServiceRecord record, Visit visit, Actor actor, BiConsumer<ServiceRecord, Set<ServiceFlag>> change) {
    if (!record.isOwnedBy(actor.id())) {
      throw ProblemException.forbidden("SVC_NOT_OWNER", "Only the worker who logged a record changes or submits it.");
    }
    Project project = enrolments.ownProject(record.projectId());
    regions.requireKnown(visit.place(), "placeCode");
    ZoneId zone = zone();
    PeriodLockRule.Lock was = guardLock(record.startedAt(), project, zone, actor);
    lockWorker(record.workerId());
    Set<ServiceFlag> flags = ServiceRules.judge(candidate(project, record.deliverableId(), record.kind(), record.id(),
        record.workerId(), visit, record.createdAt()));
    PeriodLockRule.Lock becomes = guardLock(visit.startedAt(), project, zone, actor);
    try {
      change.accept(record, flags);
    } catch (InvalidValueException e) {
      throw ProblemException.invalid("", e);
    }
    auditLockedChange(record, "REVISE", was != null ? was : becomes, actor);
    return record;
  }

  /**
   * Voids a record. The worker may void their own until it is approved; an approved record has counted, so only a
   * supervisor or ORG_ADMIN takes it back.
   */
  public ServiceRecord voidBecause(UUID id, String reason, Actor actor) {
    ServiceRecord record = visible(id, actor);
    if (!actor.supervisory() && record.status() == ServiceStatus.APPROVED) {
      throw ProblemException.forbidden("SVC_VOID_NEEDS_SUPERVISOR", "An approved record is voided by a supervisor.");
    }
    // An already voided record is refused by the verb with its own code, locked or not.
    PeriodLockRule.Lock lock = record.status() == ServiceStatus.VOIDED
        ? null
        : guardLock(record.startedAt(), enrolments.ownProject(record.projectId()), zone(), actor);
    try {
      record.voidBecause(reason, actor.id());
    } catch (InvalidValueException e) {
      throw ProblemException.invalid("reason", e);
    }
    auditLockedChange(record, "VOID", lock, actor);
    em.flush();
    return record;
  }

  /** A record the actor may see: their own, or any of the organization's for a supervisor. Else 404. */
  public ServiceRecord visible(UUID id, Actor actor) {
    ServiceRecord record = em.find(ServiceRecord.class, id);
    if (record == null || !(actor.supervisory() || record.isOwnedBy(actor.id()))) {
      throw ProblemException.notFound("Service record");
    }
    return record;
  }

  /**
   * Approves or returns each record on its own: a record that cannot take the action is refused with its code and
   * the others go ahead. The verbs check before they change anything, so a refusal leaves its record untouched and
   * the whole batch commits in the caller's one transaction. A SUBMITTED record in a locked period is refused with
   * {@code SVC_PERIOD_LOCKED} unless the reviewer is ORG_ADMIN, or the action is an approval of a record submitted
   * before the lock (see {@link PeriodLockRule}); either change in a locked period is audited.
   */
  public List<Outcome> review(List<UUID> ids, Action action, String comment, Actor reviewer) {
    List<Outcome> outcomes = new ArrayList<>();
    ZoneId zone = zone();
    Map<ProjectId, Project> projects = new HashMap<>();
    for (UUID id : ids) {
      ServiceRecord record = em.find(ServiceRecord.class, id);
      if (record == null) {
        outcomes.add(new Outcome(id, "REFUSED", "NOT_FOUND", "Service record was not found."));
        continue;
      }
      // Only a reviewable record is judged by its lock; any other is refused below with its state's code.
      PeriodLockRule.Lock lock = null;
      if (record.status() == ServiceStatus.SUBMITTED) {
        Project project = projects.computeIfAbsent(record.projectId(), enrolments::ownProject);
        lock = lockHolding(record.startedAt(), project, zone).orElse(null);
        boolean allowed = lock == null
            || reviewer.orgAdmin()
            || (action == Action.APPROVE && PeriodLockRule.approvalAfterLockAllowed(lock, record.submittedAt()));
        if (!allowed) {
          outcomes.add(new Outcome(id, "REFUSED", PeriodLockRule.CODE, lock.message()));
          continue;
        }
      }
      try {
        if (action == Action.APPROVE) {
          record.approve(reviewer.id());
          outcomes.add(new Outcome(id, "APPROVED", null, null));
        } else {
          record.returnToWorker(comment, reviewer.id());
          outcomes.add(new Outcome(id, "RETURNED", null, null));
        }
        auditLockedChange(record, action.name(), lock, reviewer);
      } catch (StateConflictException e) {
        outcomes.add(new Outcome(id, "REFUSED", e.code(), e.getMessage()));
      } catch (InvalidValueException e) {
        outcomes.add(new Outcome(id, "REFUSED", e.code(), e.getMessage()));
      }
    }
    return outcomes;
  }

  public List<ServiceRecord> queue(Filter filter, int offset, int limit) {
    TypedQuery<ServiceRecord> q = em.createQuery(
        "select r from ServiceRecord r where " + where(filter) + " order by r.startedAt, r.id", ServiceRecord.class);
    parameters(filter).forEach(q::setParameter);
    return q.setFirstResult(offset).setMaxResults(limit).getResultList();
  }

  /** The review facts of a page of records in three queries, whatever the page's size. */
  public ReviewFacts reviewFacts(List<ServiceRecord> page) {
    List<UUID> ids = page.stream().map(ServiceRecord::id).toList();
    if (ids.isEmpty()) {
      return new ReviewFacts(Map.of(), Map.of(), Set.of());
    }
    Map<UUID, List<GroupAttendance>> attendance = em.createQuery(
            "select a from GroupAttendance a where a.recordId in :ids and a.removedAt is null", GroupAttendance.class)
        .setParameter("ids", ids)
        .getResultStream()
        .collect(Collectors.groupingBy(GroupAttendance::recordId));
    Map<UUID, List<Evidence>> evidence = em.createQuery(
            "select e from Evidence e where e.recordId in :ids and e.voiding.at is null order by e.createdAt, e.id",
            Evidence.class)
        .setParameter("ids", ids)
        .getResultStream()
        .collect(Collectors.groupingBy(Evidence::recordId));
    Set<UUID> withNote = Set.copyOf(em.createQuery("select n.recordId from SessionNote n where n.recordId in :ids", UUID.class)
        .setParameter("ids", ids)
        .getResultList());
    return new ReviewFacts(attendance, evidence, withNote);
  }

  public long count(Filter filter) {
    TypedQuery<Long> q = em.createQuery("select count(r) from ServiceRecord r where " + where(filter), Long.class);
    parameters(filter).forEach(q::setParameter);
    return q.getSingleResult();
  }

  /**
   * A worker's own records, newest service first: their drafts, what came back to them, what they submitted. A null
   * status means every state but VOIDED.
   */
  public List<ServiceRecord> ofWorker(UUID worker, ServiceStatus status, int offset, int limit) {
    return em.createQuery(
            "select r from ServiceRecord r where r.workerId = :worker and "
                + (status == null ? "r.status <> :status" : "r.status = :status")
                + " order by r.startedAt desc, r.id",
            ServiceRecord.class)
        .setParameter("worker", worker)
        .setParameter("status", status == null ? ServiceStatus.VOIDED : status)
        .setFirstResult(offset)
        .setMaxResults(limit)
        .getResultList();
  }

  public long countOfWorker(UUID worker, ServiceStatus status) {
    return em.createQuery(
            "select count(r) from ServiceRecord r where r.workerId = :worker and "
                + (status == null ? "r.status <> :status" : "r.status = :status"),
            Long.class)
        .setParameter("worker", worker)
        .setParameter("status", status == null ? ServiceStatus.VOIDED : status)
        .getSingleResult();
  }

  /**
   * The services a person received, newest first, that the actor may see: a worker their own records, SUPERVISOR
   * and ORG_ADMIN the organization's (the same rule as {@link #visible}). VOIDED records are left out, and so are
   * records the person was taken off while they were revised.
   */
  public List<ServiceRecord> ofBeneficiary(BeneficiaryId person, Actor actor, int offset, int limit) {
    TypedQuery<ServiceRecord> q = em.createQuery(
        "select r from ServiceRecord r where " + ofBeneficiaryWhere(actor) + " order by r.startedAt desc, r.id",
        ServiceRecord.class);
    ofBeneficiaryParameters(person, actor).forEach(q::setParameter);
    return q.setFirstResult(offset).setMaxResults(limit).getResultList();
  }

  public long countOfBeneficiary(BeneficiaryId person, Actor actor) {
    TypedQuery<Long> q = em.createQuery("select count(r) from ServiceRecord r where " + ofBeneficiaryWhere(actor), Long.class);
    ofBeneficiaryParameters(person, actor).forEach(q::setParameter);
    return q.getSingleResult();
  }

  private static String ofBeneficiaryWhere(Actor actor) {
    return "r.status <> :voided and exists (select p from ServiceParticipant p where p.recordId = r.id"
        + " and p.beneficiaryId = :person and p.removedAt is null)"
        + (actor.supervisory() ? "" : " and r.workerId = :worker");
  }

  private static Map<String, Object> ofBeneficiaryParameters(BeneficiaryId person, Actor actor) {
    Map<String, Object> p = new HashMap<>();
    p.put("voided", ServiceStatus.VOIDED);
    p.put("person", person.value());
    if (!actor.supervisory()) {
      p.put("worker", actor.id());
    }
    return p;
  }

  /** The bound organization's time zone, in which its months begin and end. */
  ZoneId zone() {
    return tenants.get(session.require()).timeZone();
  }

  private Optional<PeriodLockRule.Lock> lockHolding(OffsetDateTime startedAt, Project project, ZoneId zone) {
    return PeriodLockRule.locked(startedAt, project.lockDays(), zone, clock.instant());
  }

  /**
   * Null when the period of {@code startedAt} is open; its lock when the actor is ORG_ADMIN (the change goes ahead
   * and is audited); else the change is refused (409 {@code SVC_PERIOD_LOCKED}).
   */
  PeriodLockRule.Lock guardLock(OffsetDateTime startedAt, Project project, ZoneId zone, Actor actor) {
    Optional<PeriodLockRule.Lock> lock = lockHolding(startedAt, project, zone);
    if (lock.isEmpty()) {
      return null;
    }
    if (actor != null && actor.orgAdmin()) {
      return lock.get();
    }
    throw new StateConflictException(PeriodLockRule.CODE, lock.get().message());
  }

  void auditLockedChange(ServiceRecord record, String change, PeriodLockRule.Lock lock, Actor actor) {
    if (lock == null) {
      return;
    }
    audit.record(actor.id(), "SERVICE_CHANGED_IN_LOCKED_PERIOD", "service_record", record.id(),
        change + " " + record.status() + " in period " + lock.month() + " locked since " + lock.lockedOn());
  }

  ServiceRecord owned(UUID id, Actor actor) {
    ServiceRecord record = visible(id, actor);
    if (!record.isOwnedBy(actor.id())) {
      throw ProblemException.forbidden("SVC_NOT_OWNER", "Only the worker who logged a record changes or submits it.");
    }
    return record;
  }

  Candidate candidate(
      Project project, UUID deliverableId, ServiceKind kind, UUID self, UUID worker, Visit v, OffsetDateTime loggedAt) {
    ServiceKind deliverableKind = project.deliverables().stream()
        .filter(d -> d.id().equals(deliverableId))
        .map(Deliverable::kind)
        .findFirst()
        .orElse(null);
    return new Candidate(kind, v.startedAt(), v.endedAt(), v.place(), v.participants(), project.period(),
        project.coveredTowns(), deliverableKind, enrolments.enrolledAmongOn(project.id(), v.participants(), v.startedAt().atZoneSameInstant(ZONE).toLocalDate()),
        overlapping(worker, self, v), servedSameDay(project.id(), self, v), bookedElsewhere(self, v), loggedAt,
        OffsetDateTime.now(ZoneOffset.UTC), ZONE);
  }

  private List<UUID> overlapping(UUID worker, UUID self, Visit v) {
    if (!v.startedAt().isBefore(v.endedAt())) {
      return List.of();
    }
    // No stored service lasts longer than PlausibleDurationRule.LONGEST, so one that overlaps began after start
    // minus that: the lower bound makes this a short range of service_record_by_worker instead of the worker's whole
    // history before the end (#15).
    return em.createQuery(
            "select r.id from ServiceRecord r where r.workerId = :w and r.status <> :voided and r.id <> :self"
                + " and r.startedAt > :earliest and r.startedAt < :end and r.endedAt > :start order by r.startedAt",
            UUID.class)
        .setParameter("w", worker)
        .setParameter("voided", ServiceStatus.VOIDED)
        .setParameter("self", self == null ? new UUID(0, 0) : self)
        .setParameter("earliest", v.startedAt().minus(PlausibleDurationRule.LONGEST))
        .setParameter("start", v.startedAt())
        .setParameter("end", v.endedAt())
        .getResultList();
  }

  private Set<BeneficiaryId> servedSameDay(ProjectId project, UUID self, Visit v) {
    if (v.participants().isEmpty()) {
      return Set.of();
    }
    var day = v.startedAt().atZoneSameInstant(ZONE).toLocalDate();
    OffsetDateTime from = day.atStartOfDay(ZONE).toOffsetDateTime();
    OffsetDateTime to = day.plusDays(1).atStartOfDay(ZONE).toOffsetDateTime();
    // The participant's copy of the start (V170) bounds the person's rows to that day before any record is read; the
    // records are then read by key. Two statements rather than a join: with a join the planner, misled by a person
    // with a long history, may hash the project's whole service_record (seen in CI's WritePathCostIT).
    List<UUID> found = withRecordsWhere(em.createQuery(
            "select p.recordId, p.beneficiaryId from ServiceParticipant p where p.recordId <> :self"
                + " and p.removedAt is null and p.startedAt >= :from and p.startedAt < :to and p.beneficiaryId in :people",
            Object[].class)
        .setParameter("self", self == null ? new UUID(0, 0) : self)
        .setParameter("from", from)
        .setParameter("to", to)
        .setParameter("people", v.participants().stream().map(BeneficiaryId::value).toList())
        .getResultList(), "r.projectId = :project", "project", project.value());
    return new HashSet<>(found.stream().map(BeneficiaryId::new).collect(Collectors.toSet()));
  }

  private Set<BeneficiaryId> bookedElsewhere(UUID self, Visit v) {
    if (v.participants().isEmpty() || !v.startedAt().isBefore(v.endedAt())) {
      return Set.of();
    }
    // As for the worker's overlap, bounded below by the longest plausible service, on the participant's copy of the
    // start (V170): the person's rows of those hours, not their whole history; then their records by key.
    List<UUID> found = withRecordsWhere(em.createQuery(
            "select p.recordId, p.beneficiaryId from ServiceParticipant p where p.recordId <> :self"
                + " and p.removedAt is null and p.startedAt > :earliest and p.startedAt < :end"
                + " and p.beneficiaryId in :people", Object[].class)
        .setParameter("self", self == null ? new UUID(0, 0) : self)
        .setParameter("earliest", v.startedAt().minus(PlausibleDurationRule.LONGEST))
        .setParameter("end", v.endedAt())
        .setParameter("people", v.participants().stream().map(BeneficiaryId::value).toList())
        .getResultList(), "r.endedAt > :start", "start", v.startedAt());
    return found.stream().map(BeneficiaryId::new).collect(Collectors.toSet());
  }

  /**
   * Of the (record, person) rows found among the participants, the people whose record is not voided and meets the
   * condition: one read of those few records by key.
   */
  private List<UUID> withRecordsWhere(List<Object[]> participants, String condition, String name, Object value) {
    if (participants.isEmpty()) {
      return List.of();
    }
    Set<UUID> records = participants.stream().map(row -> (UUID) row[0]).collect(Collectors.toSet());
    Set<UUID> kept = new HashSet<>(em.createQuery(
            "select r.id from ServiceRecord r where r.id in :records and r.status <> :voided and " + condition, UUID.class)
        .setParameter("records", records)
        .setParameter("voided", ServiceStatus.VOIDED)
        .setParameter(name, value)
        .getResultList());
    return participants.stream().filter(row -> kept.contains((UUID) row[0])).map(row -> (UUID) row[1]).distinct().toList();
  }

  /** Serializes one worker's writes until the transaction ends, so the overlap check sees committed rivals. */
  void lockWorker(UUID worker) {
    em.createNativeQuery("select count(*) from (select pg_advisory_xact_lock(?1, hashtext(?2))) l")
        .setParameter(1, WORKER_LOCK)
        .setParameter(2, worker.toString())
        .getSingleResult();
  }

  private static String where(Filter f) {
    StringBuilder w = new StringBuilder("r.status = :status");
    if (f.worker() != null) {
      w.append(" and r.workerId = :worker");
    }
    if (f.project() != null) {
      w.append(" and r.projectId = :project");
    }
    if (f.kind() != null) {
      w.append(" and r.kind = :kind");
    }
    if (f.team() != null) {
      w.append(f.team().isEmpty() ? " and r.workerId is null" : " and r.workerId in :team");
    }
    return w.toString();
  }

  private static Map<String, Object> parameters(Filter f) {
    Map<String, Object> p = new HashMap<>();
    p.put("status", f.status());
    if (f.worker() != null) {
      p.put("worker", f.worker());
    }
    if (f.project() != null) {
      p.put("project", f.project());
    }
    if (f.kind() != null) {
      p.put("kind", f.kind());
    }
    if (f.team() != null && !f.team().isEmpty()) {
      p.put("team", List.copyOf(f.team()));
    }
    return p;
  }
}
