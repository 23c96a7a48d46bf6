package org.shouhu.services.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.shouhu.Conditions;
import org.shouhu.beneficiaries.control.Beneficiaries;
import org.shouhu.beneficiaries.control.Enrolments;
import org.shouhu.beneficiaries.entity.BeneficiaryId;
import org.shouhu.contracts.entity.Project;
import org.shouhu.contracts.entity.ProjectId;
import org.shouhu.contracts.entity.ProjectStatus;
import org.shouhu.contracts.entity.ServiceKind;
import org.shouhu.problems.entity.InvalidValueException;
import org.shouhu.problems.entity.ProblemException;
import org.shouhu.problems.entity.StateConflictException;
import org.shouhu.regions.entity.DivisionCode;
import org.shouhu.services.control.ServiceRecords.Actor;
import org.shouhu.services.control.ServiceRecords.Visit;
import org.shouhu.services.entity.Attendance;
import org.shouhu.services.entity.GroupAttendance;
import org.shouhu.services.entity.GroupStatus;
import org.shouhu.services.entity.ServiceGroup;
import org.shouhu.services.entity.ServiceRecord;

/**
 * Groups (小组) of the bound organization, their members and their sessions with attendance. A group is seen by its
 * facilitator and by supervisors and ORG_ADMIN (it lists children); anyone else gets 404. A supervisor or the
 * facilitator sets a group up and changes its members; only the facilitator logs its sessions; closing is the
 * facilitator's or a supervisor's, and a supervisor hands the group over to another facilitator. Sessions go through
 * {@link ServiceRecords}: every rule, review and the period lock apply; the members present are the participants.
 */
@ApplicationScoped
public class ServiceGroups {

  @PersistenceContext(unitName = "shouhu")
  EntityManager em;

  @Inject Enrolments enrolments;
  @Inject Beneficiaries beneficiaries;
  @Inject ServiceRecords records;

  public record NewGroup(ProjectId project, String name, String purpose, int plannedSessions, String schedule) {}

  /** A session as the facilitator writes it: attendance for every member of the day, in the order given. */
  public record Session(
      UUID deliverableId, OffsetDateTime startedAt, OffsetDateTime endedAt, DivisionCode place, String topic,
      Map<BeneficiaryId, Attendance> attendance) {}

  public record Filter(GroupStatus status, UUID project, UUID facilitator) {}

  /** A session with its attendance lines. */
  public record Held(ServiceRecord record, List<GroupAttendance> attendance) {}

  /** Set up by {@code createdBy}: the facilitator themselves, or a supervisor naming a worker checked by the caller. */
  public ServiceGroup open(NewGroup g, UUID facilitator, UUID createdBy) {
    Project project = enrolments.ownProject(g.project());
    if (project.status() != ProjectStatus.ACTIVE) {
      throw new StateConflictException("GRP_PROJECT_NOT_ACTIVE", "Groups are set up under active projects only.");
    }
    ServiceGroup group;
    try {
      group = ServiceGroup.open(g.project(), g.name(), g.purpose(), g.plannedSessions(), g.schedule(), facilitator, createdBy);
    } catch (InvalidValueException e) {
      throw ProblemException.invalid(e.code().startsWith("GRP_PLANNED") ? "plannedSessions" : "schedule", e);
    }
    em.persist(group);
    return group;
  }

  /**
   * Another worker facilitates the OPEN group from now on. {@code to} is an active social worker of the organization,
   * which the caller has checked (identity is another context). Used by a supervisor on the group and by a caseload
   * transfer, which finds the leaving worker's groups with {@link #openFacilitatedBy}.
   */
  public ServiceGroup handOver(UUID id, UUID to, Actor actor) {
    ServiceGroup group = visible(id, actor);
    if (!actor.supervisory()) {
      throw ProblemException.forbidden("GRP_HAND_OVER_NEEDS_SUPERVISOR", "A supervisor changes a group's facilitator.");
    }
    group.reassignTo(to);
    return group;
  }

  /** The OPEN groups {@code worker} facilitates, oldest first. */
  public List<ServiceGroup> openFacilitatedBy(UUID worker) {
    return em.createQuery(
            "select g from ServiceGroup g where g.facilitatorId = :w and g.status = :open order by g.createdAt, g.id",
            ServiceGroup.class)
        .setParameter("w", worker)
        .setParameter("open", GroupStatus.OPEN)
        .getResultList();
  }

  /** The person must be a live beneficiary enrolled in the group's project. */
  public ServiceGroup join(UUID id, BeneficiaryId person, LocalDate on, Actor actor) {
    ServiceGroup group = membersKeptBy(id, actor);
    if (beneficiaries.find(person).filter(b -> !b.isVoided()).isEmpty()) {
      throw ProblemException.invalid("beneficiaryId", "BENEFICIARY_UNKNOWN", "No such beneficiary.");
    }
    if (enrolments.enrolledAmong(group.projectId(), Set.of(person)).isEmpty()) {
      throw ProblemException.invalid("beneficiaryId", "GRP_MEMBER_NOT_ENROLLED", "The person has no live enrolment in the group's project.");
    }
    try {
      group.join(person, on, today());
    } catch (InvalidValueException e) {
      throw ProblemException.invalid("joinedOn", e);
    }
    return group;
  }

  public ServiceGroup leave(UUID id, BeneficiaryId person, LocalDate on, Actor actor) {
    ServiceGroup group = membersKeptBy(id, actor);
    try {
      group.leave(person, on, today());
    } catch (InvalidValueException e) {
      throw ProblemException.invalid("leftOn", e);
    }
    return group;
  }

  /** The facilitator or a supervisor closes the group once its sessions are settled. */
  public ServiceGroup close(UUID id, LocalDate on, String summary, Actor actor) {
    ServiceGroup group = visible(id, actor);
    requireFacilitatorOrSupervisor(group, actor);
    try {
      group.close(on, summary, actor.id(), today(), (int) openSessions(group.id()));
    } catch (InvalidValueException e) {
      throw ProblemException.invalid(on == null || e.code().startsWith("GRP_DATE") ? "closedOn" : "summary", e);
    }
    return group;
  }

  /** The facilitator voids the group until it is closed; then only a supervisor does. */
  public ServiceGroup voidBecause(UUID id, String reason, Actor actor) {
    ServiceGroup group = visible(id, actor);
    requireFacilitatorOrSupervisor(group, actor);
    if (!actor.supervisory() && group.status() == GroupStatus.CLOSED) {
      throw ProblemException.forbidden("GRP_VOID_NEEDS_SUPERVISOR", "A closed group is voided by a supervisor.");
    }
    try {
      group.voidBecause(reason, actor.id(), (int) openSessions(group.id()));
    } catch (InvalidValueException e) {
      throw ProblemException.invalid("reason", e);
    }
    return group;
  }

  public Held logSession(UUID id, Session s, boolean submit, Actor actor) {
    ServiceGroup group = facilitated(id, actor);
    group.requireOpenForSessions();
    Set<BeneficiaryId> present = attendance(group, s);
    Project project = enrolments.ownProject(group.projectId());
    UUID deliverable = s.deliverableId() != null
        ? s.deliverableId()
        : CounselingCases.onlyDeliverable(project, ServiceKind.GROUP_SESSION);
    Visit visit = new Visit(s.startedAt(), s.endedAt(), s.place(), present, null);
    ServiceRecord record = records.logSession(project, deliverable, ServiceKind.GROUP_SESSION, visit, submit, actor.id(),
        flags -> ServiceRecord.groupSession(project.id(), deliverable, actor.id(), group.id(), group.numberNextSession(),
            s.startedAt(), s.endedAt(), s.place(), present, s.topic(), flags));
    // The attendance rows refer to the record's: the record is written first.
    em.flush();
    s.attendance().forEach((member, a) -> em.persist(new GroupAttendance(record.id(), group.id(), member, a)));
    return new Held(record, attendanceOf(record.id()));
  }

  /** Revises a DRAFT or RETURNED session of an OPEN group: times, place, topic and the whole attendance. */
  public Held reviseSession(UUID id, UUID sessionId, Session s, Actor actor) {
    ServiceGroup group = facilitated(id, actor);
    ServiceRecord record = session(group, sessionId);
    group.requireOpenForSessions();
    Set<BeneficiaryId> present = attendance(group, s);
    Visit visit = new Visit(s.startedAt(), s.endedAt(), s.place(), present, null);
    records.reviseSession(record, visit, actor,
        (r, flags) -> r.reviseSession(s.startedAt(), s.endedAt(), s.place(), present, null, s.topic(), flags));
    Map<BeneficiaryId, GroupAttendance> lines = new HashMap<>();
    em.createQuery("select a from GroupAttendance a where a.recordId = :r", GroupAttendance.class)
        .setParameter("r", record.id())
        .getResultList()
        .forEach(a -> lines.put(a.member(), a));
    lines.forEach((member, line) -> {
      if (!s.attendance().containsKey(member)) {
        line.remove();
      }
    });
    s.attendance().forEach((member, a) -> {
      GroupAttendance line = lines.get(member);
      if (line == null) {
        em.persist(new GroupAttendance(record.id(), group.id(), member, a));
      } else {
        line.mark(a);
      }
    });
    em.flush();
    return new Held(record, attendanceOf(record.id()));
  }

  public List<Held> sessions(UUID id, Actor actor) {
    ServiceGroup group = visible(id, actor);
    List<ServiceRecord> held = em.createQuery(
            "select r from ServiceRecord r where r.groupId = :g order by r.sessionNo", ServiceRecord.class)
        .setParameter("g", group.id())
        .getResultList();
    Map<UUID, List<GroupAttendance>> lines = new LinkedHashMap<>();
    em.createQuery("select a from GroupAttendance a where a.groupId = :g", GroupAttendance.class)
        .setParameter("g", group.id())
        .getResultList()
        .stream()
        .filter(GroupAttendance::isCurrent)
        .forEach(a -> lines.computeIfAbsent(a.recordId(), k -> new java.util.ArrayList<>()).add(a));
    return held.stream().map(r -> new Held(r, lines.getOrDefault(r.id(), List.of()))).toList();
  }

  public Held session(UUID id, UUID sessionId, Actor actor) {
    ServiceRecord record = session(visible(id, actor), sessionId);
    return new Held(record, attendanceOf(record.id()));
  }

  /** A group the actor may see: their own as facilitator, or any for a supervisor or ORG_ADMIN. Else 404. */
  public ServiceGroup visible(UUID id, Actor actor) {
    ServiceGroup group = em.find(ServiceGroup.class, id);
    if (group == null || !(actor.supervisory() || group.isFacilitatedBy(actor.id()))) {
      throw ProblemException.notFound("Group");
    }
    return group;
  }

  public List<ServiceGroup> page(Filter filter, Actor actor, int offset, int limit) {
    Conditions where = conditions(filter, actor);
    return where.bind(em.createQuery("select g from ServiceGroup g where " + where.where()
            + " order by g.createdAt desc, g.id", ServiceGroup.class))
        .setFirstResult(offset)
        .setMaxResults(limit)
        .getResultList();
  }

  public long count(Filter filter, Actor actor) {
    Conditions where = conditions(filter, actor);
    return where.bind(em.createQuery("select count(g) from ServiceGroup g where " + where.where(), Long.class))
        .getSingleResult();
  }

  private Set<BeneficiaryId> attendance(ServiceGroup group, Session s) {
    LocalDate day = s.startedAt().atZoneSameInstant(ServiceRecords.ZONE).toLocalDate();
    try {
      return group.takeAttendance(day, s.attendance());
    } catch (InvalidValueException e) {
      throw ProblemException.invalid("attendance", e);
    }
  }

  private List<GroupAttendance> attendanceOf(UUID recordId) {
    return em.createQuery("select a from GroupAttendance a where a.recordId = :r", GroupAttendance.class)
        .setParameter("r", recordId)
        .getResultList()
        .stream()
        .filter(GroupAttendance::isCurrent)
        .toList();
  }

  private ServiceGroup facilitated(UUID id, Actor actor) {
    ServiceGroup group = visible(id, actor);
    if (!group.isFacilitatedBy(actor.id())) {
      throw ProblemException.forbidden("GRP_NOT_FACILITATOR", "Only the group's facilitator changes its members and logs its sessions.");
    }
    return group;
  }

  /** Members are taken in and let go by the facilitator or by a supervisor (who set the group up). */
  private ServiceGroup membersKeptBy(UUID id, Actor actor) {
    ServiceGroup group = visible(id, actor);
    if (!actor.supervisory() && !group.isFacilitatedBy(actor.id())) {
      throw ProblemException.forbidden("GRP_NOT_FACILITATOR", "Only the group's facilitator or a supervisor changes its members.");
    }
    return group;
  }

  private static void requireFacilitatorOrSupervisor(ServiceGroup group, Actor actor) {
    if (!actor.supervisory() && !group.isFacilitatedBy(actor.id())) {
      throw ProblemException.forbidden("GRP_NOT_FACILITATOR", "Only the facilitator or a supervisor closes or voids a group.");
    }
  }

  private ServiceRecord session(ServiceGroup group, UUID sessionId) {
    ServiceRecord record = em.find(ServiceRecord.class, sessionId);
    if (record == null || !group.id().equals(record.groupId())) {
      throw ProblemException.notFound("Session");
    }
    return record;
  }

  private long openSessions(UUID groupId) {
    return em.createQuery("select count(r) from ServiceRecord r where r.groupId = :g and r.status in :s", Long.class)
        .setParameter("g", groupId)
        .setParameter("s", CounselingCases.OPEN_SESSION)
        .getSingleResult();
  }

  private static LocalDate today() {
    return LocalDate.now(ServiceRecords.ZONE);
  }

  private static Conditions conditions(Filter f, Actor actor) {
    // Conditions starts from one parameterized clause: for supervisors, one every row meets.
    Conditions where = actor.supervisory()
        ? Conditions.always("g.sessionCount >= :none", "none", 0)
        : Conditions.always("g.facilitatorId = :me", "me", actor.id());
    return where
        .andIf(f.status(), "g.status = :status", "status")
        .andIf(f.project(), "g.projectId = :project", "project")
        .andIf(f.facilitator(), "g.facilitatorId = :facilitator", "facilitator");
  }
}
