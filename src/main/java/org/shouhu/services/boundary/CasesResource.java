package org.shouhu.services.boundary;

import jakarta.annotation.security.RolesAllowed;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.shouhu.Page;
import org.shouhu.audit.control.AuditTrail;
import org.shouhu.beneficiaries.entity.BeneficiaryId;
import org.shouhu.beneficiaries.entity.Consent;
import org.shouhu.beneficiaries.entity.ConsentMethod;
import org.shouhu.beneficiaries.entity.PersonName;
import org.shouhu.beneficiaries.entity.Relationship;
import org.shouhu.contracts.entity.ProjectId;
import org.shouhu.identity.control.Accounts;
import org.shouhu.problems.boundary.Fields;
import org.shouhu.regions.entity.DivisionCode;
import org.shouhu.services.control.CounselingCases;
import org.shouhu.services.control.ServiceRecords;
import org.shouhu.services.control.ServiceRecords.Actor;
import org.shouhu.services.entity.CaseOutcome;
import org.shouhu.services.entity.CaseStatus;
import org.shouhu.services.entity.CounselingCase;
import org.shouhu.services.entity.CounselingGoal;
import org.shouhu.services.entity.Goal;
import org.shouhu.services.entity.GoalOutcome;
import org.shouhu.services.entity.GoalProgress;
import org.shouhu.services.entity.ReferralSource;
import org.shouhu.services.entity.SessionGoalProgress;
import org.shouhu.services.entity.ServiceRecord;
import org.shouhu.services.entity.SessionMethod;
import org.shouhu.services.entity.SessionNote;
import org.shouhu.tenancy.boundary.BindTenant;
import org.shouhu.tenancy.boundary.Caller;
import org.shouhu.tenancy.control.Tenants;

/**
 * Counseling cases (个案) of the caller's organization: the case worker opens, assesses, plans and proposes closure
 * of their cases and logs and revises their sessions; supervisors and ORG_ADMIN see every case, confirm or return
 * closures, and review sessions in the services review queue like any record. A session's confidential note is read
 * only through {@code GET /cases/{id}/sessions/{sid}/note}, by the case worker, SUPERVISOR or ORG_ADMIN, and every
 * reading is audited. The funding bureau has no access here at all. Every POST may carry an
 * {@code Idempotency-Key}.
 */
@ApplicationScoped
@Path("v1/cases")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({"SOCIAL_WORKER", "SUPERVISOR", "ORG_ADMIN"})
@Transactional
@BindTenant
public class CasesResource {

  @Inject CounselingCases cases;
  @Inject org.shouhu.beneficiaries.control.Referrals referrals;
  @Inject Caller caller;
  @Inject Tenants tenants;
  @Inject AuditTrail audit;
  @Inject Accounts accounts;
  @Context UriInfo uri;

  public record NewCase(
      String projectId, String beneficiaryId, String deliverableId, String intakeOn, String presentingIssue,
      String referralSource, ConsentInput consent) {}

  /** Consent to counseling, in the register's shape: when, by whom, their relationship to the client, how. */
  public record ConsentInput(String givenOn, String givenBy, String relationship, String method) {}

  public record Assessing(String assessment) {}

  /**
   * The plan: each goal an object {@code {"goal", "dueOn", "measure"}} (all three required) or, as before #12, a
   * plain string saying only what should change; {@code sessionEveryDays} how often sessions are meant to be held.
   */
  public record Planning(List<JsonValue> goals, Integer sessionEveryDays) {}

  public record GoalOutcomeInput(Integer position, String outcome) {}

  /** {@code referralId}: with outcome REFERRED, the caller's referral of the same person that carries the case on (#17). */
  public record Closing(String outcome, String summary, List<GoalOutcomeInput> goalOutcomes, String referralId) {}

  public record ProgressInput(Integer position, String progress, String note) {}

  public record Comment(String comment) {}

  public record Voiding(String reason) {}

  public record NewSession(
      String deliverableId, String startedAt, String endedAt, String placeCode, String method, String note, Boolean submit,
      List<ProgressInput> goalProgress) {}

  public record SessionRevision(
      String startedAt, String endedAt, String placeCode, String method, String note, List<ProgressInput> goalProgress) {}

  @POST
  @RolesAllowed("SOCIAL_WORKER")
  public Response open(NewCase request) {
    organizationsOnly();
    Fields check = Fields.of(request);
    UUID project = check.parse("projectId", () -> Fields.id(request.projectId()));
    UUID client = check.parse("beneficiaryId", () -> Fields.id(request.beneficiaryId()));
    UUID deliverable = blank(request.deliverableId()) ? null : check.parse("deliverableId", () -> Fields.id(request.deliverableId()));
    LocalDate intakeOn = blank(request.intakeOn())
        ? LocalDate.now(ServiceRecords.ZONE)
        : check.parse("intakeOn", () -> Fields.date(request.intakeOn()));
    String issue = check.text("presentingIssue", request.presentingIssue(), CounselingCase.ISSUE_MAX);
    ReferralSource referral = check.parse("referralSource",
        () -> Fields.constant(ReferralSource.class, request.referralSource(), "CASE_REFERRAL_UNKNOWN"));
    Consent consent = request.consent() == null ? null : consent(check, request.consent());
    check.verify();
    CounselingCase c = cases.open(
        new CounselingCases.Intake(new ProjectId(project), deliverable, new BeneficiaryId(client), intakeOn, issue, referral, consent),
        caller.userId());
    audit.record(caller.userId(), "CASE_OPENED", "counseling_case", c.id(), null);
    return Response.created(uri.getAbsolutePathBuilder().path(c.id().toString()).build()).entity(view(c)).build();
  }

  @GET
  public Page<CaseView> list(
      @QueryParam("status") String status,
      @QueryParam("project") String project,
      @QueryParam("worker") String worker,
      @QueryParam("client") String client,
      @QueryParam("offset") String offset,
      @QueryParam("limit") String limit) {
    organizationsOnly();
    Fields check = Fields.query();
    CaseStatus wanted = blank(status) ? null : check.parse("status", () -> Fields.constant(CaseStatus.class, status, "CASE_STATUS_UNKNOWN"));
    UUID projectId = blank(project) ? null : check.parse("project", () -> Fields.id(project));
    UUID workerId = blank(worker) ? null : check.parse("worker", () -> Fields.id(worker));
    UUID clientId = blank(client) ? null : check.parse("client", () -> Fields.id(client));
    check.verify();
    int first = Page.offset(offset);
    int size = Page.limit(limit);
    var filter = new CounselingCases.Filter(wanted, projectId, workerId, clientId);
    Actor actor = actor();
    List<CounselingCase> found = cases.page(filter, actor, first, size);
    Map<UUID, LocalDate> last = cases.lastSessions(found.stream().map(CounselingCase::id).toList());
    Map<UUID, String> names = accounts.displayNames(found.stream().map(CounselingCase::workerId).distinct().toList());
    return new Page<>(found.stream().map(c -> CaseView.of(c, last.get(c.id()), names.get(c.workerId()))).toList(),
        cases.count(filter, actor), first, size);
  }

  @GET
  @Path("{id}")
  public CaseView get(@PathParam("id") String id) {
    organizationsOnly();
    return view(cases.visible(caseId(id), actor()));
  }

  @POST
  @Path("{id}/assess")
  @RolesAllowed("SOCIAL_WORKER")
  public CaseView assess(@PathParam("id") String id, Assessing request) {
    organizationsOnly();
    UUID caseId = caseId(id);
    Fields check = Fields.of(request);
    String text = check.text("assessment", request.assessment(), CounselingCase.ASSESSMENT_MAX);
    check.verify();
    return changed(cases.assess(caseId, text, actor()), "CASE_ASSESSED");
  }

  @POST
  @Path("{id}/plan")
  @RolesAllowed("SOCIAL_WORKER")
  public CaseView plan(@PathParam("id") String id, Planning request) {
    organizationsOnly();
    UUID caseId = caseId(id);
    Fields check = Fields.of(request);
    List<Goal> goals = new ArrayList<>();
    if (request.goals() == null || request.goals().isEmpty()) {
      check.add("goals", "CASE_GOALS_REQUIRED", "A plan has at least one goal.");
    } else if (request.goals().size() > CounselingCase.MAX_GOALS) {
      check.add("goals", "CASE_TOO_MANY_GOALS", "A plan has at most " + CounselingCase.MAX_GOALS + " goals.");
    } else {
      for (int i = 0; i < request.goals().size(); i++) {
        goals.add(goal(check, "goals[" + i + "]", request.goals().get(i)));
      }
    }
    check.verify();
    return changed(cases.plan(caseId, goals, request.sessionEveryDays(), actor()), "CASE_PLANNED");
  }

  /** The case worker proposes closure; a supervisor confirms it ({@code closure/confirm}) or returns it. */
  @POST
  @Path("{id}/close")
  @RolesAllowed("SOCIAL_WORKER")
  public CaseView proposeClosure(@PathParam("id") String id, Closing request) {
    organizationsOnly();
    UUID caseId = caseId(id);
    Fields check = Fields.of(request);
    CaseOutcome outcome = check.parse("outcome", () -> Fields.constant(CaseOutcome.class, request.outcome(), "CASE_OUTCOME_UNKNOWN"));
    String summary = check.text("summary", request.summary(), CounselingCase.SUMMARY_MAX);
    Map<Integer, GoalOutcome> goalOutcomes = new HashMap<>();
    List<GoalOutcomeInput> given = request.goalOutcomes() == null ? List.of() : request.goalOutcomes();
    for (int i = 0; i < given.size(); i++) {
      GoalOutcomeInput in = given.get(i);
      String field = "goalOutcomes[" + i + "]";
      if (in == null || in.position() == null) {
        check.add(field + ".position", "REQUIRED", "Say which goal.");
        continue;
      }
      GoalOutcome how = check.parse(field + ".outcome", () -> Fields.constant(GoalOutcome.class, in.outcome(), "CASE_GOAL_OUTCOME_UNKNOWN"));
      if (goalOutcomes.put(in.position(), how) != null) {
        check.add(field + ".position", "CASE_GOAL_RATED_TWICE", "Goal " + in.position() + " is given twice.");
      }
    }
    UUID referral = request.referralId() == null || request.referralId().isBlank() ? null
        : check.parse("referralId", () -> Fields.id(request.referralId()));
    if (referral != null && outcome != null && outcome != CaseOutcome.REFERRED) {
      check.add("referralId", "CASE_REFERRAL_NEEDS_REFERRED_OUTCOME", "Only a case closed as REFERRED names a referral.");
    }
    check.verify();
    CounselingCase closing = cases.proposeClosure(caseId, outcome, summary, goalOutcomes, actor());
    if (referral != null) {
      referrals.linkCase(referral, caseId, closing.client(), caller.userId());
    }
    return changed(closing, "CASE_CLOSURE_PROPOSED");
  }

  @POST
  @Path("{id}/closure/confirm")
  @RolesAllowed({"SUPERVISOR", "ORG_ADMIN"})
  public CaseView confirmClosure(@PathParam("id") String id) {
    organizationsOnly();
    return changed(cases.confirmClosure(caseId(id), actor()), "CASE_CLOSED");
  }

  @POST
  @Path("{id}/closure/return")
  @RolesAllowed({"SUPERVISOR", "ORG_ADMIN"})
  public CaseView returnClosure(@PathParam("id") String id, Comment request) {
    organizationsOnly();
    UUID caseId = caseId(id);
    Fields check = Fields.of(request);
    String comment = check.text("comment", request.comment(), CounselingCase.COMMENT_MAX);
    check.verify();
    return changed(cases.returnClosure(caseId, comment, actor()), "CASE_CLOSURE_RETURNED");
  }

  @POST
  @Path("{id}/void")
  public CaseView voidCase(@PathParam("id") String id, Voiding request) {
    organizationsOnly();
    UUID caseId = caseId(id);
    Fields check = Fields.of(request);
    String reason = check.text("reason", request.reason(), org.shouhu.tenancy.entity.Voiding.MAX_REASON);
    check.verify();
    return changed(cases.voidBecause(caseId, reason, actor()), "CASE_VOIDED");
  }

  @GET
  @Path("{id}/sessions")
  public List<CaseView.CaseSessionView> sessions(@PathParam("id") String id) {
    organizationsOnly();
    List<ServiceRecord> sessions = cases.sessions(caseId(id), actor());
    return CaseView.CaseSessionView.of(sessions, cases.noted(sessions.stream().map(ServiceRecord::id).toList()));
  }

  @GET
  @Path("{id}/sessions/{sid}")
  public CaseView.CaseSessionView session(@PathParam("id") String id, @PathParam("sid") String sid) {
    organizationsOnly();
    ServiceRecord r = cases.session(caseId(id), Fields.pathId(sid, "Session"), actor());
    return CaseView.CaseSessionView.of(List.of(r), cases.noted(List.of(r.id()))).get(0);
  }

  /** Logs the case's next session; {@code "submit": true} hands it to review at once. */
  @POST
  @Path("{id}/sessions")
  @RolesAllowed("SOCIAL_WORKER")
  public Response logSession(@PathParam("id") String id, NewSession request) {
    organizationsOnly();
    UUID caseId = caseId(id);
    Fields check = Fields.of(request);
    UUID deliverable = blank(request.deliverableId()) ? null : check.parse("deliverableId", () -> Fields.id(request.deliverableId()));
    CounselingCases.Session session = session(check, deliverable, request.startedAt(), request.endedAt(),
        request.placeCode(), request.method(), request.note(),
        request.goalProgress() == null ? List.of() : request.goalProgress());
    check.verify();
    boolean submit = Boolean.TRUE.equals(request.submit());
    ServiceRecord record = cases.logSession(caseId, session, submit, actor());
    audit.record(caller.userId(), "SERVICE_LOGGED", "service_record", record.id(), record.kind().name() + " of case " + caseId);
    if (submit) {
      audit.record(caller.userId(), "SERVICE_SUBMITTED", "service_record", record.id(), null);
    }
    return Response.created(uri.getAbsolutePathBuilder().path(record.id().toString()).build())
        .entity(new CaseView.CaseSessionView(ServiceView.of(record), session.note() != null))
        .build();
  }

  /** Revises a DRAFT or RETURNED session; submit it again with {@code POST /services/{sid}/submit}. */
  @POST
  @Path("{id}/sessions/{sid}/revise")
  @RolesAllowed("SOCIAL_WORKER")
  public CaseView.CaseSessionView reviseSession(@PathParam("id") String id, @PathParam("sid") String sid, SessionRevision request) {
    organizationsOnly();
    UUID caseId = caseId(id);
    UUID sessionId = Fields.pathId(sid, "Session");
    Fields check = Fields.of(request);
    CounselingCases.Session session = session(check, null, request.startedAt(), request.endedAt(),
        request.placeCode(), request.method(), request.note(), request.goalProgress());
    check.verify();
    ServiceRecord record = cases.reviseSession(caseId, sessionId, session, actor());
    audit.record(caller.userId(), "SERVICE_REVISED", "service_record", record.id(), null);
    return CaseView.CaseSessionView.of(List.of(record), cases.noted(List.of(record.id()))).get(0);
  }

  /** The session's confidential note, for the case worker, SUPERVISOR and ORG_ADMIN only; every reading is audited. */
  @GET
  @Path("{id}/sessions/{sid}/note")
  public CaseView.NoteView note(@PathParam("id") String id, @PathParam("sid") String sid) {
    organizationsOnly();
    return CaseView.NoteView.of(cases.readNote(caseId(id), Fields.pathId(sid, "Session"), actor()));
  }

  private CaseView changed(CounselingCase c, String action) {
    audit.record(caller.userId(), action, "counseling_case", c.id(), null);
    return view(c);
  }

  private CaseView view(CounselingCase c) {
    return CaseView.of(c, cases.lastSessions(List.of(c.id())).get(c.id()),
        accounts.displayNames(List.of(c.workerId())).get(c.workerId()));
  }

  private static Consent consent(Fields check, ConsentInput in) {
    LocalDate givenOn = check.parse("consent.givenOn", () -> Fields.date(in.givenOn()));
    PersonName givenBy = check.parse("consent.givenBy", () -> new PersonName(in.givenBy()));
    Relationship relationship = check.parse("consent.relationship",
        () -> Fields.constant(Relationship.class, in.relationship(), "RELATIONSHIP_UNKNOWN"));
    ConsentMethod method = check.parse("consent.method",
        () -> Fields.constant(ConsentMethod.class, in.method(), "CONSENT_METHOD_UNKNOWN"));
    if (givenOn == null || givenBy == null || relationship == null || method == null) {
      return null;
    }
    return check.parse("consent.givenOn", () -> new Consent(givenOn, givenBy, relationship, method));
  }

  /** A goal of the plan: an object with what, by when and how measured, or (as before #12) only its text. */
  private static Goal goal(Fields check, String field, JsonValue value) {
    if (value instanceof JsonString text) {
      return Goal.of(check.text(field, text.getString(), CounselingGoal.MAX_LENGTH));
    }
    if (!(value instanceof JsonObject o)) {
      check.add(field, "REQUIRED", "A goal says what should change, by when and how it is measured.");
      return null;
    }
    String what = check.text(field + ".goal", string(o, "goal"), CounselingGoal.MAX_LENGTH);
    LocalDate dueOn = check.parse(field + ".dueOn", () -> Fields.date(string(o, "dueOn")));
    String measure = check.text(field + ".measure", string(o, "measure"), CounselingGoal.MAX_LENGTH);
    return new Goal(what, dueOn, measure);
  }

  private static String string(JsonObject o, String name) {
    JsonValue v = o.get(name);
    return v instanceof JsonString s ? s.getString() : null;
  }

  private void organizationsOnly() {
    Staff.requireOrganization(tenants, caller);
  }

  private Actor actor() {
    return Staff.actor(caller);
  }

  private static UUID caseId(String raw) {
    return Fields.pathId(raw, "Counseling case");
  }

  private static CounselingCases.Session session(
      Fields check, UUID deliverable, String startedAt, String endedAt, String placeCode, String method, String note,
      List<ProgressInput> goalProgress) {
    OffsetDateTime start = check.parse("startedAt", () -> ServicesResource.instant(startedAt));
    OffsetDateTime end = check.parse("endedAt", () -> ServicesResource.instant(endedAt));
    DivisionCode place = check.parse("placeCode", () -> ServicesResource.place(placeCode));
    SessionMethod how = check.parse("method", () -> Fields.constant(SessionMethod.class, method, "CASE_SESSION_METHOD_UNKNOWN"));
    String text = check.optionalText("note", note, SessionNote.MAX_LENGTH);
    List<CounselingCases.Progress> progress = null;
    if (goalProgress != null) {
      progress = new ArrayList<>();
      for (int i = 0; i < goalProgress.size(); i++) {
        ProgressInput in = goalProgress.get(i);
        String field = "goalProgress[" + i + "]";
        if (in == null || in.position() == null) {
          check.add(field + ".position", "REQUIRED", "Say which goal.");
          continue;
        }
        GoalProgress rated = check.parse(field + ".progress",
            () -> Fields.constant(GoalProgress.class, in.progress(), "CASE_GOAL_PROGRESS_UNKNOWN"));
        String remark = check.optionalText(field + ".note", in.note(), SessionGoalProgress.NOTE_MAX);
        progress.add(new CounselingCases.Progress(in.position(), rated, remark));
      }
    }
    return new CounselingCases.Session(deliverable, start, end, place, how, text, progress);
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
