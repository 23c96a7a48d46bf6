package org.shouhu.services.boundary;

import jakarta.annotation.security.RolesAllowed;
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
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.shouhu.Page;
import org.shouhu.audit.control.AuditTrail;
import org.shouhu.beneficiaries.control.Beneficiaries;
import org.shouhu.beneficiaries.entity.BeneficiaryId;
import org.shouhu.beneficiaries.entity.RiskLevel;
import org.shouhu.contracts.entity.ProjectId;
import org.shouhu.contracts.entity.ServiceKind;
import org.shouhu.identity.control.Accounts;
import org.shouhu.problems.boundary.Fields;
import org.shouhu.problems.entity.InvalidValueException;
import org.shouhu.problems.entity.ProblemException;
import org.shouhu.regions.entity.DivisionCode;
import org.shouhu.services.control.ServiceRecords;
import org.shouhu.services.control.ServiceRecords.Action;
import org.shouhu.services.control.ServiceRecords.Actor;
import org.shouhu.services.control.ServiceRecords.Outcome;
import org.shouhu.services.control.ServiceRecords.Visit;
import org.shouhu.services.entity.Area;
import org.shouhu.services.entity.Assessment;
import org.shouhu.services.entity.HomeVisitReport;
import org.shouhu.services.entity.Presence;
import org.shouhu.services.entity.ServiceRecord;
import org.shouhu.services.entity.ServiceStatus;
import org.shouhu.tenancy.boundary.BindTenant;
import org.shouhu.tenancy.boundary.Caller;

/**
 * Service records of the caller's organization: workers log and revise their home visits and submit them;
 * supervisors and ORG_ADMIN review them. The funding bureau has no access here (it sees approved counts in
 * reports). Every POST may carry an {@code Idempotency-Key}.
 */
@ApplicationScoped
@Path("v1/services")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({"SOCIAL_WORKER", "SUPERVISOR", "ORG_ADMIN"})
@Transactional
@BindTenant
public class ServicesResource {

  static final int MAX_PARTICIPANTS = 50;
  static final int MAX_BATCH = 100;

  @Inject ServiceRecords records;
  @Inject Caller caller;
  @Inject AuditTrail audit;
  @Inject Accounts accounts;
  @Inject Beneficiaries beneficiaries;
  @Context UriInfo uri;

  public record FindingForm(String area, Integer rating, String note) {}

  public record HomeVisitForm(
      String present, List<FindingForm> findings, String riskAfter, String followUp, String nextVisitOn) {}

  public record NewHomeVisit(
      String projectId, String deliverableId, String startedAt, String endedAt, String placeCode,
      List<String> participants, HomeVisitForm homeVisit, Boolean submit) {}

  /** @param version the record's version the worker edited; when given, a newer record answers 409 SVC_STALE */
  public record Revision(
      String startedAt, String endedAt, String placeCode, List<String> participants, HomeVisitForm homeVisit,
      Long version) {}

  public record Voiding(String reason) {}

  public record Review(List<String> ids, String action, String comment) {}

  public record ReviewAnswer(List<Outcome> items, int approved, int returned, int refused) {}

  @POST
  @RolesAllowed("SOCIAL_WORKER")
  public Response logHomeVisit(NewHomeVisit request) {
    Fields check = Fields.of(request);
    UUID project = check.parse("projectId", () -> Fields.id(request.projectId()));
    UUID deliverable = check.parse("deliverableId", () -> Fields.id(request.deliverableId()));
    Visit visit = visit(check, request.startedAt(), request.endedAt(), request.placeCode(), request.participants(),
        request.homeVisit());
    check.verify();
    boolean submit = Boolean.TRUE.equals(request.submit());
    ServiceRecord record =
        records.logHomeVisit(new ProjectId(project), deliverable, visit, submit, caller.userId());
    audit.record(caller.userId(), "SERVICE_LOGGED", "service_record", record.id(), record.kind().name());
    if (submit) {
      audit.record(caller.userId(), "SERVICE_SUBMITTED", "service_record", record.id(), null);
    }
    return Response.created(uri.getAbsolutePathBuilder().path(record.id().toString()).build())
        .entity(ServiceView.of(record))
        .build();
  }

  @GET
  @Path("{id}")
  public ServiceView get(@PathParam("id") String id) {
    return ServiceView.of(records.visible(Fields.pathId(id, "Service record"), actor()));
  }

  @POST
  @Path("{id}/revise")
  @RolesAllowed("SOCIAL_WORKER")
  public ServiceView revise(@PathParam("id") String id, Revision request) {
    UUID recordId = Fields.pathId(id, "Service record");
    Fields check = Fields.of(request);
    Visit visit = visit(check, request.startedAt(), request.endedAt(), request.placeCode(), request.participants(),
        request.homeVisit());
    check.verify();
    ServiceRecord record = records.revise(recordId, visit, request.version(), actor());
    audit.record(caller.userId(), "SERVICE_REVISED", "service_record", record.id(), null);
    return ServiceView.of(record);
  }

  @POST
  @Path("{id}/submit")
  @RolesAllowed("SOCIAL_WORKER")
  public ServiceView submit(@PathParam("id") String id) {
    ServiceRecord record = records.submit(Fields.pathId(id, "Service record"), actor());
    audit.record(caller.userId(), "SERVICE_SUBMITTED", "service_record", record.id(), null);
    return ServiceView.of(record);
  }

  @POST
  @Path("{id}/void")
  public ServiceView voidRecord(@PathParam("id") String id, Voiding voiding) {
    UUID recordId = Fields.pathId(id, "Service record");
    Fields check = Fields.of(voiding);
    String reason = check.text("reason", voiding.reason(), org.shouhu.tenancy.entity.Voiding.MAX_REASON);
    check.verify();
    ServiceRecord record = records.voidBecause(recordId, reason, actor());
    audit.record(caller.userId(), "SERVICE_VOIDED", "service_record", record.id(), null);
    return ServiceView.of(record);
  }

  /**
   * The services one person received, newest first (a child's record lists them): a worker sees their own records,
   * SUPERVISOR and ORG_ADMIN the organization's. A person who is not the organization's is 404.
   */
  @GET
  public Page<ServiceView> ofBeneficiary(
      @QueryParam("beneficiary") String beneficiary, @QueryParam("offset") String offset, @QueryParam("limit") String limit) {
    Fields check = Fields.query();
    if (beneficiary == null || beneficiary.isBlank()) {
      check.add("beneficiary", "REQUIRED", "Name the beneficiary whose services to list.");
    }
    UUID person = beneficiary == null || beneficiary.isBlank() ? null : check.parse("beneficiary", () -> Fields.id(beneficiary));
    check.verify();
    BeneficiaryId id = new BeneficiaryId(person);
    beneficiaries.find(id).orElseThrow(() -> ProblemException.notFound("Beneficiary"));
    int first = Page.offset(offset);
    int size = Page.limit(limit);
    Actor actor = actor();
    List<ServiceRecord> page = records.ofBeneficiary(id, actor, first, size);
    Map<UUID, String> names = accounts.displayNames(page.stream().map(ServiceRecord::workerId).toList());
    return new Page<>(page.stream().map(r -> ServiceView.of(r, names)).toList(), records.countOfBeneficiary(id, actor), first, size);
  }

  /**
   * The calling worker's own records, newest first: drafts to finish, records returned with the reviewer's comment,
   * what is waiting for review. {@code status} narrows to one state; without it every state but VOIDED.
   */
  @GET
  @Path("mine")
  @RolesAllowed("SOCIAL_WORKER")
  public Page<ServiceView> mine(
      @QueryParam("status") String status, @QueryParam("offset") String offset, @QueryParam("limit") String limit) {
    Fields check = Fields.query();
    ServiceStatus wanted = status == null || status.isBlank()
        ? null
        : check.parse("status", () -> Fields.constant(ServiceStatus.class, status, "SVC_STATUS_UNKNOWN"));
    check.verify();
    int first = Page.offset(offset);
    int size = Page.limit(limit);
    return new Page<>(records.ofWorker(caller.userId(), wanted, first, size).stream().map(ServiceView::of).toList(),
        records.countOfWorker(caller.userId(), wanted), first, size);
  }

  @GET
  @Path("review")
  @RolesAllowed({"SUPERVISOR", "ORG_ADMIN"})
  public Page<ServiceView> queue(
      @QueryParam("status") String status,
      @QueryParam("worker") String worker,
      @QueryParam("project") String project,
      @QueryParam("kind") String kind,
      @QueryParam("team") String team,
      @QueryParam("offset") String offset,
      @QueryParam("limit") String limit) {
    Fields check = Fields.query();
    if (team != null && !team.isBlank() && !team.equals("mine")) {
      check.add("team", "SVC_TEAM_UNKNOWN", "team is 'mine' (the caller's team) or absent (everyone's records).");
    }
    ServiceStatus wanted = status == null || status.isBlank()
        ? ServiceStatus.SUBMITTED
        : check.parse("status", () -> Fields.constant(ServiceStatus.class, status, "SVC_STATUS_UNKNOWN"));
    UUID workerId = worker == null || worker.isBlank() ? null : check.parse("worker", () -> Fields.id(worker));
    UUID projectId = project == null || project.isBlank() ? null : check.parse("project", () -> Fields.id(project));
    ServiceKind serviceKind = kind == null || kind.isBlank()
        ? null
        : check.parse("kind", () -> Fields.constant(ServiceKind.class, kind, "SERVICE_KIND_UNKNOWN"));
    check.verify();
    int first = Page.offset(offset);
    int size = Page.limit(limit);
    // team=mine narrows to the workers the caller supervises (assigned by the org admin); permissions are unchanged.
    var filter = new ServiceRecords.Filter(wanted, workerId, projectId, serviceKind,
        "mine".equals(team) ? accounts.team(caller.userId()) : null);
    List<ServiceRecord> page = records.queue(filter, first, size);
    // Reviewers judge a colleague's work by name; names of the caller's own organization only (same tenant).
    Map<UUID, String> names = accounts.displayNames(page.stream().map(ServiceRecord::workerId).toList());
    ServiceRecords.ReviewFacts facts = records.reviewFacts(page);
    return new Page<>(page.stream().map(r -> ServiceView.inQueue(r, names, facts)).toList(), records.count(filter), first, size);
  }

  /**
   * Approves or returns many records in one transaction, answering per id. A record that cannot take the action
   * (not SUBMITTED, the reviewer's own, not found) is refused with its code and does not hold up the others.
   */
  @POST
  @Path("review")
  @RolesAllowed({"SUPERVISOR", "ORG_ADMIN"})
  public ReviewAnswer review(Review request) {
    Fields check = Fields.of(request);
    Action action = check.parse("action", () -> Fields.constant(Action.class, request.action(), "SVC_REVIEW_ACTION_UNKNOWN"));
    List<UUID> ids = new ArrayList<>();
    if (request.ids() == null || request.ids().isEmpty()) {
      check.add("ids", "REQUIRED", "Name at least one record.");
    } else if (request.ids().size() > MAX_BATCH) {
      check.add("ids", "SVC_BATCH_TOO_LARGE", "At most " + MAX_BATCH + " records at once.");
    } else {
      for (int i = 0; i < request.ids().size(); i++) {
        String raw = request.ids().get(i);
        UUID id = check.parse("ids[" + i + "]", () -> Fields.id(raw));
        if (id != null && !ids.contains(id)) {
          ids.add(id);
        }
      }
    }
    String comment = action == Action.RETURN
        ? check.text("comment", request.comment(), ServiceRecord.RETURN_COMMENT_MAX)
        : check.optionalText("comment", request.comment(), ServiceRecord.RETURN_COMMENT_MAX);
    check.verify();
    List<Outcome> outcomes = records.review(ids, action, comment, actor());
    for (Outcome o : outcomes) {
      if (!"REFUSED".equals(o.result())) {
        audit.record(caller.userId(), "SERVICE_" + o.result(), "service_record", o.id(), null);
      }
    }
    return new ReviewAnswer(outcomes,
        (int) outcomes.stream().filter(o -> o.result().equals("APPROVED")).count(),
        (int) outcomes.stream().filter(o -> o.result().equals("RETURNED")).count(),
        (int) outcomes.stream().filter(o -> o.result().equals("REFUSED")).count());
  }

  private Actor actor() {
    return Staff.actor(caller);
  }

  private static Visit visit(
      Fields check, String startedAt, String endedAt, String placeCode, List<String> participants, HomeVisitForm form) {
    OffsetDateTime start = check.parse("startedAt", () -> instant(startedAt));
    OffsetDateTime end = check.parse("endedAt", () -> instant(endedAt));
    DivisionCode place = check.parse("placeCode", () -> place(placeCode));
    Set<BeneficiaryId> people = new LinkedHashSet<>();
    if (participants == null || participants.isEmpty()) {
      check.add("participants", "REQUIRED", "A home visit serves at least one person.");
    } else if (participants.size() > MAX_PARTICIPANTS) {
      check.add("participants", "TOO_LONG", "At most " + MAX_PARTICIPANTS + " participants.");
    } else {
      for (int i = 0; i < participants.size(); i++) {
        String raw = participants.get(i);
        UUID id = check.parse("participants[" + i + "]", () -> Fields.id(raw));
        if (id != null) {
          people.add(new BeneficiaryId(id));
        }
      }
    }
    HomeVisitReport report = check.present("homeVisit", form) == null ? null : report(check, form);
    return new Visit(start, end, place, people, report);
  }

  private static HomeVisitReport report(Fields check, HomeVisitForm form) {
    Presence present = check.parse("homeVisit.present", () -> Fields.constant(Presence.class, form.present(), "SVC_PRESENCE_UNKNOWN"));
    RiskLevel risk = check.parse("homeVisit.riskAfter", () -> Fields.constant(RiskLevel.class, form.riskAfter(), "RISK_LEVEL_UNKNOWN"));
    String followUp = check.optionalText("homeVisit.followUp", form.followUp(), HomeVisitReport.FOLLOW_UP_MAX);
    var next = form.nextVisitOn() == null || form.nextVisitOn().isBlank()
        ? null
        : check.parse("homeVisit.nextVisitOn", () -> Fields.date(form.nextVisitOn()));
    Map<Area, Assessment> findings = new EnumMap<>(Area.class);
    List<FindingForm> given = form.findings() == null ? List.of() : form.findings();
    for (int i = 0; i < given.size(); i++) {
      FindingForm f = given.get(i);
      String field = "homeVisit.findings[" + i + "]";
      if (f == null) {
        check.add(field, "REQUIRED", "A finding names its area and rating.");
        continue;
      }
      Area area = check.parse(field + ".area", () -> Fields.constant(Area.class, f.area(), "SVC_AREA_UNKNOWN"));
      Assessment a = f.rating() == null
          ? null
          : check.parse(field + ".rating", () -> new Assessment(f.rating(), f.note()));
      if (f.rating() == null) {
        check.present(field + ".rating", null);
      }
      if (area != null && findings.containsKey(area)) {
        check.add(field + ".area", "SVC_AREA_TWICE", "Area " + area + " is assessed twice.");
      } else if (area != null && a != null) {
        findings.put(area, a);
      }
    }
    if (!check.ok()) {
      return null;
    }
    return check.parse("homeVisit", () -> new HomeVisitReport(present, findings, risk, followUp, next));
  }

  static OffsetDateTime instant(String raw) {
    if (raw == null || raw.isBlank()) {
      throw new InvalidValueException("REQUIRED", "A time is required.");
    }
    try {
      return OffsetDateTime.parse(raw.strip());
    } catch (DateTimeParseException e) {
      throw new InvalidValueException("DATE_TIME_FORMAT", "Times are ISO 8601 with an offset, e.g. 2026-03-10T09:30:00+08:00.");
    }
  }

  static DivisionCode place(String raw) {
    DivisionCode code = DivisionCode.of(raw);
    if (code.level() != DivisionCode.Level.TOWN && code.level() != DivisionCode.Level.VILLAGE) {
      throw new InvalidValueException("SVC_PLACE_LEVEL", "A place is a village (12 digits) or a town (9 digits).");
    }
    return code;
  }
}
