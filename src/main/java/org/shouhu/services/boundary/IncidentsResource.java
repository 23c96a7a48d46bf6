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
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.shouhu.Page;
import org.shouhu.audit.control.AuditTrail;
import org.shouhu.beneficiaries.entity.BeneficiaryId;
import org.shouhu.contracts.entity.ProjectId;
import org.shouhu.identity.control.Accounts;
import org.shouhu.problems.boundary.Fields;
import org.shouhu.problems.entity.InvalidValueException;
import org.shouhu.services.control.Incidents;
import org.shouhu.services.entity.Authority;
import org.shouhu.services.entity.Concern;
import org.shouhu.services.entity.Incident;
import org.shouhu.services.entity.IncidentStatus;
import org.shouhu.services.entity.IncidentStep;
import org.shouhu.services.entity.Report;
import org.shouhu.tenancy.boundary.BindTenant;
import org.shouhu.tenancy.boundary.Caller;

/**
 * Mandatory-report incidents (强制报告). The organization raises them, appends handling steps, closes or voids
 * them; the funding bureau reads those of its projects, minimized (see {@link IncidentView}). Anyone else, and any
 * id that is not the caller's, gets 404. Every POST may carry an {@code Idempotency-Key}.
 */
@ApplicationScoped
@Path("v1/incidents")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({"SOCIAL_WORKER", "SUPERVISOR", "ORG_ADMIN"})
@Transactional
@BindTenant
public class IncidentsResource {

  static final int MAX_AUTHORITIES = Authority.values().length;

  @Inject Incidents incidents;
  @Inject Caller caller;
  @Inject AuditTrail audit;
  @Inject Accounts accounts;
  @Context UriInfo uri;

  public record NewIncident(
      String projectId, String serviceRecordId, String beneficiaryId, String concern, String found, String foundAt,
      List<String> reportedTo, String reportedAt, String immediateAction) {}

  /** {@code referralId}: the organization's referral of the child this step made (#17), optional. */
  public record NewStep(String takenOn, String action, String doneBy, String referralId) {}

  public record Closing(String closedOn, String outcome) {}

  public record Voiding(String reason) {}

  public record Referral(String referredOn, String referredTo, String action, String doneBy) {}

  @POST
  public Response raise(NewIncident request) {
    Fields check = Fields.of(request);
    UUID project = check.parse("projectId", () -> Fields.id(request.projectId()));
    UUID record = request.serviceRecordId() == null || request.serviceRecordId().isBlank()
        ? null
        : check.parse("serviceRecordId", () -> Fields.id(request.serviceRecordId()));
    UUID child = check.parse("beneficiaryId", () -> Fields.id(request.beneficiaryId()));
    Concern concern = check.parse("concern", () -> Fields.constant(Concern.class, request.concern(), "INC_CONCERN_UNKNOWN"));
    String found = check.text("found", request.found(), Incident.FOUND_MAX);
    OffsetDateTime foundAt = check.parse("foundAt", () -> instant(request.foundAt()));
    Set<Authority> to = authorities(check, request.reportedTo());
    OffsetDateTime reportedAt = check.parse("reportedAt", () -> instant(request.reportedAt()));
    Report report = to == null || reportedAt == null ? null : check.parse("reportedTo", () -> new Report(to, reportedAt));
    String immediate = request.immediateAction() == null || request.immediateAction().isBlank()
        ? null
        : check.text("immediateAction", request.immediateAction(), IncidentStep.ACTION_MAX);
    check.verify();
    Incident incident = incidents.raise(
        new Incidents.Card(new ProjectId(project), record, new BeneficiaryId(child), concern, found, foundAt, report),
        caller.userId());
    audit.record(caller.userId(), "INCIDENT_RAISED", "incident", incident.id(), concern.name());
    if (immediate != null) {
      // What the worker did on the spot is the first step of the handling, dated the day the concern was found and
      // done by the worker who raises the report.
      String by = accounts.displayNames(List.of(caller.userId())).getOrDefault(caller.userId(), "");
      IncidentStep step = incidents.appendStep(incident.id(), foundAt.atZoneSameInstant(Incident.ZONE).toLocalDate(),
          immediate, by.length() > IncidentStep.DONE_BY_MAX ? by.substring(0, IncidentStep.DONE_BY_MAX) : by, caller.userId());
      audit.record(caller.userId(), "INCIDENT_STEP_ADDED", "incident", incident.id(), "step " + step.position());
    }
    return Response.created(uri.getAbsolutePathBuilder().path(incident.id().toString()).build())
        .entity(IncidentView.full(incident, Incidents.today()))
        .build();
  }

  @GET
  @RolesAllowed({"SOCIAL_WORKER", "SUPERVISOR", "ORG_ADMIN", "BUREAU_OFFICER"})
  public Page<IncidentView> list(
      @QueryParam("status") String status,
      @QueryParam("project") String project,
      @QueryParam("concern") String concern,
      @QueryParam("record") String record,
      @QueryParam("acknowledged") String acknowledged,
      @QueryParam("offset") String offset,
      @QueryParam("limit") String limit) {
    Fields check = Fields.query();
    IncidentStatus wanted = status == null || status.isBlank()
        ? null
        : check.parse("status", () -> Fields.constant(IncidentStatus.class, status, "INC_STATUS_UNKNOWN"));
    UUID projectId = project == null || project.isBlank() ? null : check.parse("project", () -> Fields.id(project));
    Concern kind = concern == null || concern.isBlank()
        ? null
        : check.parse("concern", () -> Fields.constant(Concern.class, concern, "INC_CONCERN_UNKNOWN"));
    UUID recordId = record == null || record.isBlank() ? null : check.parse("record", () -> Fields.id(record));
    Boolean acked = acknowledged == null || acknowledged.isBlank()
        ? null
        : check.parse("acknowledged", () -> switch (acknowledged.strip()) {
          case "true" -> Boolean.TRUE;
          case "false" -> Boolean.FALSE;
          default -> throw new InvalidValueException("BOOLEAN_FORMAT", "true or false.");
        });
    check.verify();
    int first = Page.offset(offset);
    int size = Page.limit(limit);
    var filter = new Incidents.Filter(wanted, projectId, kind, recordId, acked);
    UUID tenant = caller.tenant().value();
    LocalDate today = Incidents.today();
    return new Page<>(
        incidents.page(filter, first, size).stream().map(i -> IncidentView.forParty(i, tenant, today)).toList(),
        incidents.count(filter), first, size);
  }

  @GET
  @Path("{id}")
  @RolesAllowed({"SOCIAL_WORKER", "SUPERVISOR", "ORG_ADMIN", "BUREAU_OFFICER"})
  public IncidentView get(@PathParam("id") String id) {
    Incident incident = incidents.visible(Fields.pathId(id, "Incident"));
    return IncidentView.forParty(incident, caller.tenant().value(), Incidents.today());
  }

  /**
   * A handling step by the caller's party: the organization's staff, or the funding bureau's officer following the
   * report (the bureau's steps are marked as such on the timeline).
   */
  @POST
  @Path("{id}/steps")
  @RolesAllowed({"SOCIAL_WORKER", "SUPERVISOR", "ORG_ADMIN", "BUREAU_OFFICER"})
  public Response appendStep(@PathParam("id") String id, NewStep request) {
    UUID incidentId = Fields.pathId(id, "Incident");
    Fields check = Fields.of(request);
    LocalDate on = check.parse("takenOn", () -> Fields.date(request.takenOn()));
    String action = check.text("action", request.action(), IncidentStep.ACTION_MAX);
    String doneBy = check.text("doneBy", request.doneBy(), IncidentStep.DONE_BY_MAX);
    UUID referral = request.referralId() == null || request.referralId().isBlank() ? null
        : check.parse("referralId", () -> Fields.id(request.referralId()));
    if (referral != null && bureau()) {
      check.add("referralId", "INC_REFERRAL_NOT_FOUND", "A bureau's step names no organization's referral.");
    }
    check.verify();
    IncidentStep step = bureau()
        ? incidents.bureauStep(incidentId, null, on, action, doneBy, caller.userId())
        : incidents.appendStep(incidentId, referral, on, action, doneBy, caller.userId());
    audit.record(caller.userId(), "INCIDENT_STEP_ADDED", "incident", incidentId,
        "step " + step.position() + (referral == null ? "" : " referral=" + referral));
    return Response.created(uri.getAbsolutePathBuilder().path(String.valueOf(step.position())).build())
        .entity(IncidentView.forParty(incidents.visible(incidentId), caller.tenant().value(), Incidents.today()))
        .build();
  }

  /** The funding bureau has read the report and follows it; once, while it is open. */
  @POST
  @Path("{id}/acknowledge")
  @RolesAllowed("BUREAU_OFFICER")
  public IncidentView acknowledge(@PathParam("id") String id) {
    Incident incident = incidents.acknowledge(Fields.pathId(id, "Incident"), caller.userId());
    audit.record(caller.userId(), "INCIDENT_ACKNOWLEDGED", "incident", incident.id(), null);
    return IncidentView.forParty(incident, caller.tenant().value(), Incidents.today());
  }

  /** The bureau refers the report to another department: a step that records the department and the day. */
  @POST
  @Path("{id}/referrals")
  @RolesAllowed("BUREAU_OFFICER")
  public Response refer(@PathParam("id") String id, Referral request) {
    UUID incidentId = Fields.pathId(id, "Incident");
    Fields check = Fields.of(request);
    LocalDate on = check.parse("referredOn", () -> Fields.date(request.referredOn()));
    String to = check.text("referredTo", request.referredTo(), Incident.REFERRED_TO_MAX);
    String action = check.text("action", request.action(), IncidentStep.ACTION_MAX);
    String doneBy = check.text("doneBy", request.doneBy(), IncidentStep.DONE_BY_MAX);
    check.verify();
    IncidentStep step = incidents.bureauStep(incidentId, to, on, action, doneBy, caller.userId());
    audit.record(caller.userId(), "INCIDENT_REFERRED", "incident", incidentId, "step " + step.position() + " to " + to);
    return Response.created(uri.getBaseUriBuilder().path("v1/incidents").path(incidentId.toString()).path("steps")
            .path(String.valueOf(step.position())).build())
        .entity(IncidentView.forParty(incidents.visible(incidentId), caller.tenant().value(), Incidents.today()))
        .build();
  }

  @POST
  @Path("{id}/close")
  @RolesAllowed({"SUPERVISOR", "ORG_ADMIN", "BUREAU_OFFICER"})
  public IncidentView close(@PathParam("id") String id, Closing request) {
    UUID incidentId = Fields.pathId(id, "Incident");
    Fields check = Fields.of(request);
    LocalDate on = request.closedOn() == null || request.closedOn().isBlank()
        ? Incidents.today()
        : check.parse("closedOn", () -> Fields.date(request.closedOn()));
    String outcome = check.text("outcome", request.outcome(), Incident.OUTCOME_MAX);
    check.verify();
    Incident incident = bureau()
        ? incidents.closeByBureau(incidentId, on, outcome, caller.userId())
        : incidents.close(incidentId, on, outcome, caller.userId());
    audit.record(caller.userId(), "INCIDENT_CLOSED", "incident", incident.id(), incident.closedByParty().name());
    return IncidentView.forParty(incident, caller.tenant().value(), Incidents.today());
  }

  @POST
  @Path("{id}/void")
  @RolesAllowed({"SUPERVISOR", "ORG_ADMIN"})
  public IncidentView voidIncident(@PathParam("id") String id, Voiding request) {
    UUID incidentId = Fields.pathId(id, "Incident");
    Fields check = Fields.of(request);
    String reason = check.text("reason", request.reason(), org.shouhu.tenancy.entity.Voiding.MAX_REASON);
    check.verify();
    Incident incident = incidents.voidBecause(incidentId, reason, caller.userId());
    audit.record(caller.userId(), "INCIDENT_VOIDED", "incident", incident.id(), null);
    return IncidentView.full(incident, Incidents.today());
  }

  private boolean bureau() {
    return caller.hasRole("BUREAU_OFFICER");
  }

  private static Set<Authority> authorities(Fields check, List<String> given) {
    if (given == null || given.isEmpty()) {
      check.add("reportedTo", "INC_REPORTED_TO_REQUIRED", "Name at least one authority the concern was reported to.");
      return null;
    }
    if (given.size() > MAX_AUTHORITIES) {
      check.add("reportedTo", "TOO_LONG", "At most " + MAX_AUTHORITIES + " authorities.");
      return null;
    }
    Set<Authority> to = EnumSet.noneOf(Authority.class);
    for (int i = 0; i < given.size(); i++) {
      String raw = given.get(i);
      Authority a = check.parse("reportedTo[" + i + "]", () -> Fields.constant(Authority.class, raw, "INC_AUTHORITY_UNKNOWN"));
      if (a != null) {
        to.add(a);
      }
    }
    return to.isEmpty() ? null : to;
  }

  private static OffsetDateTime instant(String raw) {
    if (raw == null || raw.isBlank()) {
      throw new InvalidValueException("REQUIRED", "A time is required.");
    }
    try {
      return OffsetDateTime.parse(raw.strip());
    } catch (DateTimeParseException e) {
      throw new InvalidValueException(
          "DATE_TIME_FORMAT", "Times are ISO 8601 with an offset, e.g. 2026-03-10T09:30:00+08:00.");
    }
  }
}
