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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.shouhu.Page;
import org.shouhu.audit.control.AuditTrail;
import org.shouhu.beneficiaries.entity.BeneficiaryId;
import org.shouhu.contracts.entity.ProjectId;
import org.shouhu.identity.control.Accounts;
import org.shouhu.identity.entity.Role;
import org.shouhu.problems.boundary.Fields;
import org.shouhu.problems.entity.ProblemException;
import org.shouhu.regions.entity.DivisionCode;
import org.shouhu.services.control.ServiceGroups;
import org.shouhu.services.control.ServiceRecords;
import org.shouhu.services.control.ServiceRecords.Actor;
import org.shouhu.services.entity.Attendance;
import org.shouhu.services.entity.GroupStatus;
import org.shouhu.services.entity.ServiceGroup;
import org.shouhu.tenancy.boundary.BindTenant;
import org.shouhu.tenancy.boundary.Caller;
import org.shouhu.tenancy.control.Tenants;

/**
 * Group work (小组) of the caller's organization: a supervisor (naming the facilitator) or the facilitator sets up a
 * group; either takes members in and lets them leave; the facilitator logs and revises sessions with every member's
 * attendance; supervisors and ORG_ADMIN see every group and
 * review its sessions in the services review queue. The funding bureau has no access here. Every POST may carry an
 * {@code Idempotency-Key}.
 */
@ApplicationScoped
@Path("v1/groups")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({"SOCIAL_WORKER", "SUPERVISOR", "ORG_ADMIN"})
@Transactional
@BindTenant
public class GroupsResource {

  static final int TOPIC_MAX = 200;

  @Inject ServiceGroups groups;
  @Inject Caller caller;
  @Inject Tenants tenants;
  @Inject AuditTrail audit;
  @Inject Accounts accounts;
  @Context UriInfo uri;

  /** {@code facilitatorId}: a social worker of the organization; a supervisor names one, a worker is it. */
  public record NewGroup(
      String projectId, String name, String purpose, Integer plannedSessions, String schedule, String facilitatorId) {}

  public record HandOver(String facilitatorId) {}

  /** A social worker of the organization who can facilitate a group. */
  public record Facilitator(UUID id, String displayName) {}

  public record Joining(String beneficiaryId, String joinedOn) {}

  public record Leaving(String leftOn) {}

  public record Closing(String closedOn, String summary) {}

  public record Voiding(String reason) {}

  public record AttendanceLine(String beneficiaryId, String attendance) {}

  public record NewSession(
      String deliverableId, String startedAt, String endedAt, String placeCode, String topic,
      List<AttendanceLine> attendance, Boolean submit) {}

  public record SessionRevision(
      String startedAt, String endedAt, String placeCode, String topic, List<AttendanceLine> attendance) {}

  @POST
  public Response open(NewGroup request) {
    organizationsOnly();
    Fields check = Fields.of(request);
    UUID facilitator = blank(request.facilitatorId()) ? null : check.parse("facilitatorId", () -> Fields.id(request.facilitatorId()));
    String schedule = check.optionalText("schedule", request.schedule(), ServiceGroup.SCHEDULE_MAX);
    UUID project = check.parse("projectId", () -> Fields.id(request.projectId()));
    String name = check.text("name", request.name(), ServiceGroup.NAME_MAX);
    String purpose = check.text("purpose", request.purpose(), ServiceGroup.PURPOSE_MAX);
    Integer planned = check.present("plannedSessions", request.plannedSessions());
    if (planned != null && (planned < 1 || planned > ServiceGroup.MAX_PLANNED_SESSIONS)) {
      check.add("plannedSessions", "GRP_PLANNED_SESSIONS_RANGE", "A group plans 1 to " + ServiceGroup.MAX_PLANNED_SESSIONS + " sessions.");
    }
    boolean supervisory = actor().supervisory();
    if (facilitator == null && (supervisory && !caller.hasRole("SOCIAL_WORKER"))) {
      check.add("facilitatorId", "REQUIRED", "Name the social worker who facilitates the group.");
    } else if (facilitator == null) {
      facilitator = caller.userId();
    }
    check.verify();
    if (!supervisory && !facilitator.equals(caller.userId())) {
      throw ProblemException.forbidden("GRP_HAND_OVER_NEEDS_SUPERVISOR", "A worker sets up groups they facilitate themselves.");
    }
    requireFacilitator(facilitator);
    ServiceGroup group = groups.open(
        new ServiceGroups.NewGroup(new ProjectId(project), name, purpose, planned, schedule), facilitator, caller.userId());
    audit.record(caller.userId(), "GROUP_OPENED", "service_group", group.id(), null);
    return Response.created(uri.getAbsolutePathBuilder().path(group.id().toString()).build()).entity(GroupView.of(group)).build();
  }

  @GET
  public Page<GroupView> list(
      @QueryParam("status") String status,
      @QueryParam("project") String project,
      @QueryParam("facilitator") String facilitator,
      @QueryParam("offset") String offset,
      @QueryParam("limit") String limit) {
    organizationsOnly();
    Fields check = Fields.query();
    GroupStatus wanted = blank(status) ? null : check.parse("status", () -> Fields.constant(GroupStatus.class, status, "GRP_STATUS_UNKNOWN"));
    UUID projectId = blank(project) ? null : check.parse("project", () -> Fields.id(project));
    UUID facilitatorId = blank(facilitator) ? null : check.parse("facilitator", () -> Fields.id(facilitator));
    check.verify();
    int first = Page.offset(offset);
    int size = Page.limit(limit);
    var filter = new ServiceGroups.Filter(wanted, projectId, facilitatorId);
    Actor actor = actor();
    return new Page<>(groups.page(filter, actor, first, size).stream().map(GroupView::of).toList(),
        groups.count(filter, actor), first, size);
  }

  /** Who may facilitate: the organization's active social workers, for a supervisor setting up or handing over. */
  @GET
  @Path("facilitators")
  @RolesAllowed({"SUPERVISOR", "ORG_ADMIN"})
  public List<Facilitator> facilitators() {
    organizationsOnly();
    return accounts.page(0, 1000).stream()
        .filter(u -> u.isActive() && u.roles().contains(Role.SOCIAL_WORKER))
        .map(u -> new Facilitator(u.id(), u.displayName()))
        .toList();
  }

  /** A supervisor names another facilitator of an OPEN group. */
  @POST
  @Path("{id}/facilitator")
  @RolesAllowed({"SUPERVISOR", "ORG_ADMIN"})
  public GroupView handOver(@PathParam("id") String id, HandOver request) {
    organizationsOnly();
    UUID groupId = groupId(id);
    Fields check = Fields.of(request);
    UUID to = check.parse("facilitatorId", () -> Fields.id(request.facilitatorId()));
    check.verify();
    // Another organization's group is not found before anything is said about the worker named.
    groups.visible(groupId, actor());
    requireFacilitator(to);
    ServiceGroup group = groups.handOver(groupId, to, actor());
    audit.record(caller.userId(), "GROUP_FACILITATOR_CHANGED", "service_group", group.id(), "facilitator " + to);
    return GroupView.of(group);
  }

  @GET
  @Path("{id}")
  public GroupView get(@PathParam("id") String id) {
    organizationsOnly();
    return GroupView.of(groups.visible(groupId(id), actor()));
  }

  @POST
  @Path("{id}/members")
  public GroupView join(@PathParam("id") String id, Joining request) {
    organizationsOnly();
    UUID groupId = groupId(id);
    Fields check = Fields.of(request);
    UUID person = check.parse("beneficiaryId", () -> Fields.id(request.beneficiaryId()));
    LocalDate on = blank(request.joinedOn())
        ? LocalDate.now(ServiceRecords.ZONE)
        : check.parse("joinedOn", () -> Fields.date(request.joinedOn()));
    check.verify();
    ServiceGroup group = groups.join(groupId, new BeneficiaryId(person), on, actor());
    audit.record(caller.userId(), "GROUP_MEMBER_JOINED", "service_group", group.id(), "beneficiary " + person);
    return GroupView.of(group);
  }

  @POST
  @Path("{id}/members/{beneficiaryId}/leave")
  public GroupView leave(@PathParam("id") String id, @PathParam("beneficiaryId") String beneficiaryId, Leaving request) {
    organizationsOnly();
    UUID groupId = groupId(id);
    UUID person = Fields.pathId(beneficiaryId, "Member");
    Fields check = Fields.of(request);
    LocalDate on = blank(request.leftOn())
        ? LocalDate.now(ServiceRecords.ZONE)
        : check.parse("leftOn", () -> Fields.date(request.leftOn()));
    check.verify();
    ServiceGroup group = groups.leave(groupId, new BeneficiaryId(person), on, actor());
    audit.record(caller.userId(), "GROUP_MEMBER_LEFT", "service_group", group.id(), "beneficiary " + person);
    return GroupView.of(group);
  }

  @POST
  @Path("{id}/close")
  public GroupView close(@PathParam("id") String id, Closing request) {
    organizationsOnly();
    UUID groupId = groupId(id);
    Fields check = Fields.of(request);
    LocalDate on = blank(request.closedOn())
        ? LocalDate.now(ServiceRecords.ZONE)
        : check.parse("closedOn", () -> Fields.date(request.closedOn()));
    String summary = check.text("summary", request.summary(), ServiceGroup.SUMMARY_MAX);
    check.verify();
    ServiceGroup group = groups.close(groupId, on, summary, actor());
    audit.record(caller.userId(), "GROUP_CLOSED", "service_group", group.id(), null);
    return GroupView.of(group);
  }

  @POST
  @Path("{id}/void")
  public GroupView voidGroup(@PathParam("id") String id, Voiding request) {
    organizationsOnly();
    UUID groupId = groupId(id);
    Fields check = Fields.of(request);
    String reason = check.text("reason", request.reason(), org.shouhu.tenancy.entity.Voiding.MAX_REASON);
    check.verify();
    ServiceGroup group = groups.voidBecause(groupId, reason, actor());
    audit.record(caller.userId(), "GROUP_VOIDED", "service_group", group.id(), null);
    return GroupView.of(group);
  }

  @GET
  @Path("{id}/sessions")
  public List<GroupView.GroupSessionView> sessions(@PathParam("id") String id) {
    organizationsOnly();
    return groups.sessions(groupId(id), actor()).stream().map(GroupView.GroupSessionView::of).toList();
  }

  @GET
  @Path("{id}/sessions/{sid}")
  public GroupView.GroupSessionView session(@PathParam("id") String id, @PathParam("sid") String sid) {
    organizationsOnly();
    return GroupView.GroupSessionView.of(groups.session(groupId(id), Fields.pathId(sid, "Session"), actor()));
  }

  /** Logs the group's next session with every member's attendance; {@code "submit": true} hands it to review. */
  @POST
  @Path("{id}/sessions")
  @RolesAllowed("SOCIAL_WORKER")
  public Response logSession(@PathParam("id") String id, NewSession request) {
    organizationsOnly();
    UUID groupId = groupId(id);
    Fields check = Fields.of(request);
    UUID deliverable = blank(request.deliverableId()) ? null : check.parse("deliverableId", () -> Fields.id(request.deliverableId()));
    ServiceGroups.Session session = session(check, deliverable, request.startedAt(), request.endedAt(),
        request.placeCode(), request.topic(), request.attendance());
    check.verify();
    boolean submit = Boolean.TRUE.equals(request.submit());
    ServiceGroups.Held held = groups.logSession(groupId, session, submit, actor());
    audit.record(caller.userId(), "SERVICE_LOGGED", "service_record", held.record().id(), "GROUP_SESSION of group " + groupId);
    if (submit) {
      audit.record(caller.userId(), "SERVICE_SUBMITTED", "service_record", held.record().id(), null);
    }
    return Response.created(uri.getAbsolutePathBuilder().path(held.record().id().toString()).build())
        .entity(GroupView.GroupSessionView.of(held))
        .build();
  }

  /** Revises a DRAFT or RETURNED session; submit it again with {@code POST /services/{sid}/submit}. */
  @POST
  @Path("{id}/sessions/{sid}/revise")
  @RolesAllowed("SOCIAL_WORKER")
  public GroupView.GroupSessionView reviseSession(@PathParam("id") String id, @PathParam("sid") String sid, SessionRevision request) {
    organizationsOnly();
    UUID groupId = groupId(id);
    UUID sessionId = Fields.pathId(sid, "Session");
    Fields check = Fields.of(request);
    ServiceGroups.Session session = session(check, null, request.startedAt(), request.endedAt(),
        request.placeCode(), request.topic(), request.attendance());
    check.verify();
    ServiceGroups.Held held = groups.reviseSession(groupId, sessionId, session, actor());
    audit.record(caller.userId(), "SERVICE_REVISED", "service_record", held.record().id(), null);
    return GroupView.GroupSessionView.of(held);
  }

  /** An active social worker of the caller's organization (another tenant's user is simply not found). */
  private void requireFacilitator(UUID user) {
    boolean worker = accounts.find(user).filter(u -> u.isActive() && u.roles().contains(Role.SOCIAL_WORKER)).isPresent();
    if (!worker) {
      throw ProblemException.invalid(
          "facilitatorId", "GRP_FACILITATOR_NOT_WORKER", "The facilitator is an active social worker of the organization.");
    }
  }

  private void organizationsOnly() {
    Staff.requireOrganization(tenants, caller);
  }

  private Actor actor() {
    return Staff.actor(caller);
  }

  private static UUID groupId(String raw) {
    return Fields.pathId(raw, "Group");
  }

  private static ServiceGroups.Session session(
      Fields check, UUID deliverable, String startedAt, String endedAt, String placeCode, String topic,
      List<AttendanceLine> lines) {
    OffsetDateTime start = check.parse("startedAt", () -> ServicesResource.instant(startedAt));
    OffsetDateTime end = check.parse("endedAt", () -> ServicesResource.instant(endedAt));
    DivisionCode place = check.parse("placeCode", () -> ServicesResource.place(placeCode));
    String subject = check.text("topic", topic, TOPIC_MAX);
    Map<BeneficiaryId, Attendance> attendance = new LinkedHashMap<>();
    if (lines == null || lines.isEmpty()) {
      check.add("attendance", "REQUIRED", "Say for every member whether they came.");
    } else if (lines.size() > ServiceGroup.MAX_MEMBERS) {
      check.add("attendance", "TOO_LONG", "At most " + ServiceGroup.MAX_MEMBERS + " lines.");
    } else {
      for (int i = 0; i < lines.size(); i++) {
        AttendanceLine line = lines.get(i);
        String field = "attendance[" + i + "]";
        if (line == null) {
          check.add(field, "REQUIRED", "A line names a member and whether they came.");
          continue;
        }
        UUID member = check.parse(field + ".beneficiaryId", () -> Fields.id(line.beneficiaryId()));
        Attendance a = check.parse(field + ".attendance", () -> Fields.constant(Attendance.class, line.attendance(), "GRP_ATTENDANCE_UNKNOWN"));
        if (member != null && attendance.containsKey(new BeneficiaryId(member))) {
          check.add(field + ".beneficiaryId", "GRP_ATTENDANCE_TWICE", "This member has two lines.");
        } else if (member != null && a != null) {
          attendance.put(new BeneficiaryId(member), a);
        }
      }
    }
    return new ServiceGroups.Session(deliverable, start, end, place, subject, attendance);
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
