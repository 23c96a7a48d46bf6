package org.shouhu.services.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.shouhu.Conditions;
import org.shouhu.audit.control.AuditTrail;
import org.shouhu.beneficiaries.control.Beneficiaries;
import org.shouhu.beneficiaries.control.Enrolments;
import org.shouhu.beneficiaries.control.PersonalDataCipher;
import org.shouhu.beneficiaries.entity.Beneficiary;
import org.shouhu.beneficiaries.entity.BeneficiaryId;
import org.shouhu.beneficiaries.entity.Consent;
import org.shouhu.contracts.entity.Deliverable;
import org.shouhu.contracts.entity.Project;
import org.shouhu.contracts.entity.ProjectId;
import org.shouhu.contracts.entity.ProjectStatus;
import org.shouhu.contracts.entity.ServiceKind;
import org.shouhu.problems.entity.FieldError;
import org.shouhu.problems.entity.InvalidValueException;
import org.shouhu.problems.entity.ProblemException;
import org.shouhu.problems.entity.StateConflictException;
import org.shouhu.regions.entity.DivisionCode;
import org.shouhu.services.control.ServiceRecords.Actor;
import org.shouhu.services.control.ServiceRecords.Visit;
import org.shouhu.services.entity.CaseOutcome;
import org.shouhu.services.entity.CaseStatus;
import org.shouhu.services.entity.CounselingCase;
import org.shouhu.services.entity.Goal;
import org.shouhu.services.entity.GoalOutcome;
import org.shouhu.services.entity.GoalProgress;
import org.shouhu.services.entity.ReferralSource;
import org.shouhu.services.entity.SessionGoalProgress;
import org.shouhu.services.entity.ServiceRecord;
import org.shouhu.services.entity.ServiceStatus;
import org.shouhu.services.entity.SessionMethod;
import org.shouhu.services.entity.SessionNote;

/**
 * Counseling cases of the bound organization and their sessions. A case is seen by its case worker and by
 * supervisors and ORG_ADMIN; anyone else gets 404, as for another tenant's id. Only the case worker changes it,
 * except the confirmation or return of a proposed closure, which is a supervisor's. Sessions are logged and revised
 * through {@link ServiceRecords} so every rule and the period lock apply; their confidential notes are sealed with
 * the beneficiaries context's {@link PersonalDataCipher} and every opening of one is audited
 * ({@code CASE_NOTE_READ}).
 */
@ApplicationScoped
public class CounselingCases {

  static final List<ServiceStatus> OPEN_SESSION = List.of(ServiceStatus.DRAFT, ServiceStatus.SUBMITTED, ServiceStatus.RETURNED);

  @PersistenceContext(unitName = "shouhu")
  EntityManager em;

  @Inject Enrolments enrolments;
  @Inject Beneficiaries beneficiaries;
  @Inject ServiceRecords records;
  @Inject PersonalDataCipher cipher;
  @Inject AuditTrail audit;

  /** What the worker writes at intake. */
  public record Intake(
      ProjectId project, UUID deliverableId, BeneficiaryId client, LocalDate intakeOn, String issue, ReferralSource referral,
      Consent consent) {}

  /**
   * A session as the worker writes it; {@code deliverableId} null means the project's one COUNSELING_SESSION
   * deliverable; {@code progress} null (on a revision) leaves the goals' ratings as they were.
   */
  public record Session(
      UUID deliverableId, OffsetDateTime startedAt, OffsetDateTime endedAt, DivisionCode place, SessionMethod method,
      String note, List<Progress> progress) {}

  /** The progress toward the plan's goal at {@code position}, as the worker rates it in a session. */
  public record Progress(int position, GoalProgress progress, String note) {}

  /** Filters of the list; null means "any". */
  public record Filter(CaseStatus status, UUID project, UUID worker, UUID client) {}

  /** A confidential note as opened for an entitled reader. */
  public record Note(UUID sessionId, String text, UUID writtenBy, OffsetDateTime writtenAt) {}

  public CounselingCase open(Intake intake, UUID worker) {
    Project project = enrolments.ownProject(intake.project());
    if (project.status() != ProjectStatus.ACTIVE) {
      throw new StateConflictException("CASE_PROJECT_NOT_ACTIVE", "Cases are opened under active projects only.");
    }
    List<FieldError> errors = new ArrayList<>();
    Beneficiary client = beneficiaries.find(intake.client()).filter(b -> !b.isVoided()).orElse(null);
    if (client == null) {
      errors.add(new FieldError("beneficiaryId", "BENEFICIARY_UNKNOWN", "No such beneficiary."));
    } else if (enrolments.enrolledAmong(intake.project(), Set.of(intake.client())).isEmpty()) {
      errors.add(new FieldError("beneficiaryId", "CASE_CLIENT_NOT_ENROLLED", "The client has no live enrolment in this project."));
    }
    if (intake.deliverableId() != null) {
      Deliverable d = project.deliverables().stream().filter(x -> x.id().equals(intake.deliverableId())).findFirst().orElse(null);
      if (d == null) {
        errors.add(new FieldError("deliverableId", "CASE_DELIVERABLE_UNKNOWN", "The project has no such deliverable."));
      } else if (d.kind() != ServiceKind.CASE) {
        errors.add(new FieldError("deliverableId", "CASE_DELIVERABLE_KIND_MISMATCH", "A case counts toward a CASE deliverable, not " + d.kind() + "."));
      }
    }
    if (intake.intakeOn().isAfter(LocalDate.now(ServiceRecords.ZONE))) {
      errors.add(new FieldError("intakeOn", "CASE_INTAKE_IN_FUTURE", "A case is opened once the client is taken in."));
    } else if (!project.period().contains(intake.intakeOn())) {
      errors.add(new FieldError("intakeOn", "CASE_INTAKE_OUTSIDE_PERIOD", "The intake date lies outside the project period."));
    }
    if (!errors.isEmpty()) {
      throw ProblemException.invalid(errors);
    }
    boolean live = !em.createQuery("select c.id from CounselingCase c where c.projectId = :p and c.beneficiaryId = :b"
            + " and c.status not in :ended", UUID.class)
        .setParameter("p", intake.project().value())
        .setParameter("b", intake.client().value())
        .setParameter("ended", List.of(CaseStatus.CLOSED, CaseStatus.VOIDED))
        .setMaxResults(1)
        .getResultList()
        .isEmpty();
    if (live) {
      throw new StateConflictException("CASE_ALREADY_OPEN", "This client already has an open case in this project.");
    }
    CounselingCase c;
    try {
      c = CounselingCase.open(intake.project(), intake.deliverableId(), intake.client(), worker, intake.intakeOn(),
          intake.issue(), intake.referral(), intake.consent(), client.birthDate());
    } catch (InvalidValueException e) {
      throw ProblemException.invalid(switch (e.code()) {
        case "CASE_REFERRAL_REQUIRED" -> "referralSource";
        case "CASE_CONSENT_REQUIRED" -> "consent";
        case "CONSENT_GUARDIAN_REQUIRED" -> "consent.relationship";
        case "CONSENT_BEFORE_BIRTH" -> "consent.givenOn";
        default -> "presentingIssue";
      }, e);
    }
    em.persist(c);
    return c;
  }

  public CounselingCase assess(UUID id, String assessment, Actor actor) {
    CounselingCase c = worked(id, actor);
    try {
      c.assess(assessment);
    } catch (InvalidValueException e) {
      throw ProblemException.invalid("assessment", e);
    }
    return c;
  }

  public CounselingCase plan(UUID id, List<Goal> goals, Integer sessionEveryDays, Actor actor) {
    CounselingCase c = worked(id, actor);
    try {
      c.plan(goals, sessionEveryDays);
    } catch (InvalidValueException e) {
      throw ProblemException.invalid(e.code().equals("CASE_SESSION_EVERY_RANGE") ? "sessionEveryDays" : "goals", e);
    }
    return c;
  }

  public CounselingCase proposeClosure(
      UUID id, CaseOutcome outcome, String summary, Map<Integer, GoalOutcome> goalOutcomes, Actor actor) {
    CounselingCase c = worked(id, actor);
    try {
      c.proposeClosure(outcome, summary, goalOutcomes,
          (int) sessions(c.id(), List.of(ServiceStatus.APPROVED)), (int) sessions(c.id(), OPEN_SESSION));
    } catch (InvalidValueException e) {
      throw ProblemException.invalid(e.code().startsWith("CASE_GOAL_") ? "goalOutcomes" : "summary", e);
    }
    return c;
  }

  /** Each case's latest session that is not voided, by its China-time day: what "next session due" counts from. */
  public Map<UUID, LocalDate> lastSessions(List<UUID> caseIds) {
    Map<UUID, LocalDate> last = new HashMap<>();
    if (caseIds.isEmpty()) {
      return last;
    }
    List<Object[]> rows = em.createQuery("select r.caseId, max(r.startedAt) from ServiceRecord r where r.caseId in :ids"
            + " and r.status <> :voided group by r.caseId", Object[].class)
        .setParameter("ids", caseIds)
        .setParameter("voided", ServiceStatus.VOIDED)
        .getResultList();
    for (Object[] row : rows) {
      last.put((UUID) row[0], ((OffsetDateTime) row[1]).atZoneSameInstant(ServiceRecords.ZONE).toLocalDate());
    }
    return last;
  }

  public CounselingCase confirmClosure(UUID id, Actor supervisor) {
    CounselingCase c = visible(id, supervisor);
    c.confirmClosure(supervisor.id());
    return c;
  }

  public CounselingCase returnClosure(UUID id, String comment, Actor supervisor) {
    CounselingCase c = visible(id, supervisor);
    try {
      c.returnClosure(comment, supervisor.id());
    } catch (InvalidValueException e) {
      throw ProblemException.invalid("comment", e);
    }
    return c;
  }

  /** The case worker voids their case until it is closed; a closed case has counted, so only a supervisor does. */
  public CounselingCase voidBecause(UUID id, String reason, Actor actor) {
    CounselingCase c = visible(id, actor);
    if (!actor.supervisory() && c.status() == CaseStatus.CLOSED) {
      throw ProblemException.forbidden("CASE_VOID_NEEDS_SUPERVISOR", "A closed case is voided by a supervisor.");
    }
    try {
      c.voidBecause(reason, actor.id(), (int) sessions(c.id(), OPEN_SESSION));
    } catch (InvalidValueException e) {
      throw ProblemException.invalid("reason", e);
    }
    return c;
  }

  /** Logs the case's next session (PLANNED only, by the case worker), its client the one participant. */
  public ServiceRecord logSession(UUID id, Session s, boolean submit, Actor actor) {
    CounselingCase c = worked(id, actor);
    c.requirePlanned();
    Project project = enrolments.ownProject(c.projectId());
    UUID deliverable = s.deliverableId() != null ? s.deliverableId() : onlyDeliverable(project, ServiceKind.COUNSELING_SESSION);
    Visit visit = new Visit(s.startedAt(), s.endedAt(), s.place(), Set.of(c.client()), null);
    List<SessionGoalProgress.Rating> ratings = ratings(c, s.progress() == null ? List.of() : s.progress());
    ServiceRecord record = records.logSession(project, deliverable, ServiceKind.COUNSELING_SESSION, visit, submit, actor.id(),
        flags -> {
          ServiceRecord r = ServiceRecord.counselingSession(project.id(), deliverable, actor.id(), c.id(), c.numberNextSession(),
              s.startedAt(), s.endedAt(), s.place(), c.client(), s.method(), flags);
          rate(r, ratings);
          return r;
        });
    if (s.note() != null) {
      // The note's row refers to the record's: the record is written first.
      em.flush();
      em.persist(new SessionNote(record.id(), c.id(), cipher.seal(s.note(), SessionNote.context(record.id())), actor.id()));
    }
    return record;
  }

  /** Revises a DRAFT or RETURNED session of a PLANNED case; a note given replaces the session's note. */
  public ServiceRecord reviseSession(UUID id, UUID sessionId, Session s, Actor actor) {
    CounselingCase c = worked(id, actor);
    ServiceRecord record = session(c, sessionId);
    c.requirePlanned();
    Visit visit = new Visit(s.startedAt(), s.endedAt(), s.place(), Set.of(c.client()), null);
    List<SessionGoalProgress.Rating> ratings = s.progress() == null ? null : ratings(c, s.progress());
    records.reviseSession(record, visit, actor, (r, flags) -> {
      r.reviseSession(s.startedAt(), s.endedAt(), s.place(), Set.of(c.client()), s.method(), null, flags);
      if (ratings != null) {
        rate(r, ratings);
      }
    });
    if (s.note() != null) {
      var sealed = cipher.seal(s.note(), SessionNote.context(record.id()));
      SessionNote note = em.find(SessionNote.class, record.id());
      if (note == null) {
        em.persist(new SessionNote(record.id(), c.id(), sealed, actor.id()));
      } else {
        note.rewrite(sealed, actor.id());
      }
    }
    return record;
  }

  /** Every session of the case, in order (voided ones too: their numbers stay taken). */
  public List<ServiceRecord> sessions(UUID id, Actor actor) {
    CounselingCase c = visible(id, actor);
    return em.createQuery("select r from ServiceRecord r where r.caseId = :c order by r.sessionNo", ServiceRecord.class)
        .setParameter("c", c.id())
        .getResultList();
  }

  public ServiceRecord session(UUID id, UUID sessionId, Actor actor) {
    return session(visible(id, actor), sessionId);
  }

  /** Which of these sessions have a confidential note (not what it says). */
  public Set<UUID> noted(List<UUID> sessionIds) {
    if (sessionIds.isEmpty()) {
      return Set.of();
    }
    return Set.copyOf(em.createQuery("select n.recordId from SessionNote n where n.recordId in :ids", UUID.class)
        .setParameter("ids", sessionIds)
        .getResultList());
  }

  /**
   * Opens a session's confidential note for the case worker, a supervisor or ORG_ADMIN (the boundary admits no other
   * role; {@link #visible} refuses other workers) and audits the reading.
   */
  public Note readNote(UUID id, UUID sessionId, Actor actor) {
    ServiceRecord record = session(visible(id, actor), sessionId);
    SessionNote note = em.find(SessionNote.class, record.id());
    if (note == null) {
      throw ProblemException.notFound("Session note");
    }
    String text = cipher.open(note.sealed(), SessionNote.context(record.id()));
    audit.record(actor.id(), "CASE_NOTE_READ", "session_note", record.id(), "case " + id);
    return new Note(record.id(), text, note.writtenBy(), note.writtenAt());
  }

  /** A case the actor may see: the worker's own, or any for a supervisor or ORG_ADMIN. Else 404. */
  public CounselingCase visible(UUID id, Actor actor) {
    CounselingCase c = em.find(CounselingCase.class, id);
    if (c == null || !(actor.supervisory() || c.isWorkedBy(actor.id()))) {
      throw ProblemException.notFound("Counseling case");
    }
    return c;
  }

  public List<CounselingCase> page(Filter filter, Actor actor, int offset, int limit) {
    Conditions where = conditions(filter, actor);
    return where.bind(em.createQuery("select c from CounselingCase c where " + where.where()
            + " order by c.intakeOn desc, c.id", CounselingCase.class))
        .setFirstResult(offset)
        .setMaxResults(limit)
        .getResultList();
  }

  public long count(Filter filter, Actor actor) {
    Conditions where = conditions(filter, actor);
    return where.bind(em.createQuery("select count(c) from CounselingCase c where " + where.where(), Long.class))
        .getSingleResult();
  }

  /** The project's one deliverable of {@code kind}, when the worker names none. */
  static UUID onlyDeliverable(Project project, ServiceKind kind) {
    List<UUID> ids = project.deliverables().stream().filter(d -> d.kind() == kind).map(Deliverable::id).toList();
    if (ids.size() != 1) {
      throw ProblemException.invalid("deliverableId", ids.isEmpty() ? "SVC_DELIVERABLE_UNKNOWN" : "SVC_DELIVERABLE_AMBIGUOUS",
          ids.isEmpty()
              ? "The project has no " + kind + " deliverable for this session to count toward."
              : "The project has several " + kind + " deliverables: name one.");
    }
    return ids.get(0);
  }

  private CounselingCase worked(UUID id, Actor actor) {
    CounselingCase c = visible(id, actor);
    if (!c.isWorkedBy(actor.id())) {
      throw ProblemException.forbidden("CASE_NOT_WORKER", "Only the case worker changes a case and logs its sessions.");
    }
    return c;
  }

  /** The worker's ratings with each goal's text as the plan reads now; a position the plan lacks is refused. */
  private static List<SessionGoalProgress.Rating> ratings(CounselingCase c, List<Progress> progress) {
    List<SessionGoalProgress.Rating> ratings = new ArrayList<>();
    for (int i = 0; i < progress.size(); i++) {
      Progress p = progress.get(i);
      var goal = c.goalAt(p.position());
      if (goal.isEmpty()) {
        throw ProblemException.invalid("goalProgress[" + i + "].position", "CASE_GOAL_UNKNOWN", "The plan has no goal " + p.position() + ".");
      }
      try {
        ratings.add(new SessionGoalProgress.Rating(p.position(), goal.get().goal(), p.progress(), p.note()));
      } catch (InvalidValueException e) {
        throw ProblemException.invalid("goalProgress[" + i + "]", e);
      }
    }
    return ratings;
  }

  private static void rate(ServiceRecord r, List<SessionGoalProgress.Rating> ratings) {
    try {
      r.rateGoals(ratings);
    } catch (InvalidValueException e) {
      throw ProblemException.invalid("goalProgress", e);
    }
  }

  private ServiceRecord session(CounselingCase c, UUID sessionId) {
    ServiceRecord record = em.find(ServiceRecord.class, sessionId);
    if (record == null || !c.id().equals(record.caseId())) {
      throw ProblemException.notFound("Session");
    }
    return record;
  }

  private long sessions(UUID caseId, List<ServiceStatus> statuses) {
    return em.createQuery("select count(r) from ServiceRecord r where r.caseId = :c and r.status in :s", Long.class)
        .setParameter("c", caseId)
        .setParameter("s", statuses)
        .getSingleResult();
  }

  private static Conditions conditions(Filter f, Actor actor) {
    // Conditions starts from one parameterized clause: for supervisors, one every row meets.
    Conditions where = actor.supervisory()
        ? Conditions.always("c.sessionCount >= :none", "none", 0)
        : Conditions.always("c.workerId = :me", "me", actor.id());
    return where
        .andIf(f.status(), "c.status = :status", "status")
        .andIf(f.project(), "c.projectId = :project", "project")
        .andIf(f.worker(), "c.workerId = :worker", "worker")
        .andIf(f.client(), "c.beneficiaryId = :client", "client");
  }
}
