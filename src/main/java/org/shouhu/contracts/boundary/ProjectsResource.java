package org.shouhu.contracts.boundary;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
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
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import org.shouhu.Page;
import org.shouhu.audit.control.AuditTrail;
import org.shouhu.contracts.control.Projects;
import org.shouhu.contracts.entity.Cadence;
import org.shouhu.contracts.entity.ContractPeriod;
import org.shouhu.contracts.entity.DeliveryUnit;
import org.shouhu.contracts.entity.MilestoneKind;
import org.shouhu.contracts.entity.Project;
import org.shouhu.contracts.entity.ProjectId;
import org.shouhu.contracts.entity.ProjectStatus;
import org.shouhu.contracts.entity.ServiceKind;
import org.shouhu.contracts.entity.TargetGroup;
import org.shouhu.problems.boundary.Fields;
import org.shouhu.problems.entity.InvalidValueException;
import org.shouhu.regions.control.Regions;
import org.shouhu.regions.entity.DivisionCode;
import org.shouhu.tenancy.boundary.BindTenant;
import org.shouhu.tenancy.boundary.Caller;
import org.shouhu.tenancy.control.Tenants;
import org.shouhu.tenancy.entity.Tenant;
import org.shouhu.tenancy.entity.TenantId;
import org.shouhu.tenancy.entity.TenantKind;

/**
 * Purchased service projects. The funding bureau's officers create and steer them; the awarded organization's
 * people read them. Any other tenant gets 404, as if the project did not exist.
 */
@RequestScoped
@Path("v1/projects")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({"SOCIAL_WORKER", "SUPERVISOR", "ORG_ADMIN", "BUREAU_OFFICER"})
@Transactional
@BindTenant
public class ProjectsResource {

  @Inject Projects projects;
  @Inject Tenants tenants;
  @Inject Regions regions;
  @Inject Caller caller;
  @Inject AuditTrail audit;
  @Context UriInfo uri;

  public record NewDeliverable(
      String kind, String unit, Integer target, String targetGroup, Integer minimumPerBeneficiary,
      String cadence, String description) {}

  public record NewMilestone(
      String kind, String label, BigDecimal sharePercent, String dueDate, Boolean requiresEvaluation) {}

  public record NewProject(
      String contractNumber,
      String title,
      String organizationId,
      BigDecimal budget,
      String periodStart,
      String periodEnd,
      List<String> coveredTowns,
      List<String> targetGroups,
      List<NewDeliverable> deliverables,
      List<NewMilestone> milestones,
      Integer lockDays) {}

  public record Termination(String reason) {}

  public record LockDays(Integer lockDays) {}

  @GET
  public Page<ProjectView> list(
      @QueryParam("status") String status,
      @QueryParam("bureau") String bureau,
      @QueryParam("organization") String organization,
      @QueryParam("activeFrom") String activeFrom,
      @QueryParam("activeTo") String activeTo,
      @QueryParam("sort") String sort,
      @QueryParam("offset") String offset,
      @QueryParam("limit") String limit) {
    Fields check = Fields.query();
    ProjectStatus wantedStatus = status == null ? null : check.parse("status", () -> Fields.constant(ProjectStatus.class, status, "PROJECT_STATUS_UNKNOWN"));
    UUID bureauId = bureau == null ? null : check.parse("bureau", () -> Fields.id(bureau));
    UUID organizationId = organization == null ? null : check.parse("organization", () -> Fields.id(organization));
    LocalDate from = activeFrom == null ? null : check.parse("activeFrom", () -> Fields.date(activeFrom));
    LocalDate to = activeTo == null ? null : check.parse("activeTo", () -> Fields.date(activeTo));
    boolean descending = sort != null && sort.startsWith("-");
    String sortField = sort == null ? null : sort.replaceFirst("^[-+]", "");
    if (sortField != null && !Projects.sortable(sortField)) {
      check.add("sort", "SORT_UNKNOWN", "Sort by contractNumber, title, periodStart, periodEnd, budget or createdAt.");
    }
    check.verify();
    var filter = new Projects.Filter(wantedStatus, bureauId, organizationId, from, to, sortField, descending);
    int first = Page.offset(offset);
    int size = Page.limit(limit);
    return new Page<>(
        projects.page(filter, first, size).stream().map(ProjectView::of).toList(), projects.count(filter), first, size);
  }

  @GET
  @Path("{id}")
  public ProjectView get(@PathParam("id") String id) {
    return ProjectView.of(projects.get(new ProjectId(Fields.pathId(id, "Project"))));
  }

  @POST
  @RolesAllowed("BUREAU_OFFICER")
  public Response create(NewProject request) {
    Fields check = Fields.of(request);
    Tenant bureau = tenants.get(caller.tenant());
    check.text("contractNumber", request.contractNumber(), 64);
    check.text("title", request.title(), 200);
    UUID organizationId = check.parse("organizationId", () -> organization(request.organizationId()));
    BigDecimal budget =
        check.parse("budget", () -> org.shouhu.contracts.entity.Budget.check(request.budget()));
    LocalDate start = check.parse("periodStart", () -> Fields.date(request.periodStart()));
    LocalDate end = check.parse("periodEnd", () -> Fields.date(request.periodEnd()));
    ContractPeriod period =
        start == null || end == null ? null : check.parse("periodEnd", () -> new ContractPeriod(start, end));
    Set<String> towns = new TreeSet<>();
    List<String> requestedTowns = request.coveredTowns() == null ? List.of() : request.coveredTowns();
    if (requestedTowns.isEmpty()) {
      check.add("coveredTowns", "REQUIRED", "A project covers at least one town (乡镇/街道).");
    }
    for (int i = 0; i < requestedTowns.size(); i++) {
      String field = "coveredTowns[" + i + "]";
      String raw = requestedTowns.get(i);
      DivisionCode town = check.parse(field, () -> DivisionCode.of(raw));
      if (town == null) {
        continue;
      }
      if (town.level() != DivisionCode.Level.TOWN) {
        check.add(field, "REGION_NOT_A_TOWN", "A covered area is a town or street (9-digit code).");
        continue;
      }
      check.check(() -> regions.requireWithin(town, bureau.divisionCode(), field));
      towns.add(town.value());
    }
    Set<TargetGroup> groups = EnumSet.noneOf(TargetGroup.class);
    List<String> requestedGroups = request.targetGroups() == null ? List.of() : request.targetGroups();
    for (int i = 0; i < requestedGroups.size(); i++) {
      String raw = requestedGroups.get(i);
      TargetGroup g = check.parse("targetGroups[" + i + "]", () -> Fields.constant(TargetGroup.class, raw, "TARGET_GROUP_UNKNOWN"));
      if (g != null) {
        groups.add(g);
      }
    }
    if (request.lockDays() != null && (request.lockDays() < 0 || request.lockDays() > Project.MAX_LOCK_DAYS)) {
      check.add("lockDays", "PROJECT_LOCK_DAYS_RANGE",
          "Periods lock between 0 and " + Project.MAX_LOCK_DAYS + " days after the month ends.");
    }
    List<NewDeliverable> deliverables = request.deliverables() == null ? List.of() : request.deliverables();
    List<NewMilestone> milestones = request.milestones() == null ? List.of() : request.milestones();
    // Enum and number checks of the parts, before anything is built.
    for (int i = 0; i < deliverables.size(); i++) {
      NewDeliverable d = deliverables.get(i);
      String at = "deliverables[" + i + "].";
      if (d == null) {
        check.add("deliverables[" + i + "]", "REQUIRED", "Empty deliverable.");
        continue;
      }
      check.parse(at + "kind", () -> Fields.constant(ServiceKind.class, d.kind(), "SERVICE_KIND_UNKNOWN"));
      check.parse(at + "unit", () -> Fields.constant(DeliveryUnit.class, d.unit(), "DELIVERY_UNIT_UNKNOWN"));
      if (d.target() == null || d.target() <= 0) {
        check.add(at + "target", "DELIVERABLE_TARGET_NOT_POSITIVE", "A target is a positive whole number.");
      }
      if (d.targetGroup() != null) {
        check.parse(at + "targetGroup", () -> Fields.constant(TargetGroup.class, d.targetGroup(), "TARGET_GROUP_UNKNOWN"));
      }
      if (d.cadence() != null) {
        check.parse(at + "cadence", () -> Fields.constant(Cadence.class, d.cadence(), "CADENCE_UNKNOWN"));
      }
      check.optionalText(at + "description", d.description(), 500);
    }
    for (int i = 0; i < milestones.size(); i++) {
      NewMilestone m = milestones.get(i);
      String at = "milestones[" + i + "].";
      if (m == null) {
        check.add("milestones[" + i + "]", "REQUIRED", "Empty milestone.");
        continue;
      }
      check.parse(at + "kind", () -> Fields.constant(MilestoneKind.class, m.kind(), "MILESTONE_KIND_UNKNOWN"));
      check.parse(at + "dueDate", () -> Fields.date(m.dueDate()));
      check.optionalText(at + "label", m.label(), 100);
    }
    check.verify();

    Project project =
        check.parse(
            "contractNumber",
            () -> Project.award(bureau.id().value(), organizationId, request.contractNumber(), request.title(),
                budget, period, towns, groups, caller.userId()));
    check.verify();
    if (request.lockDays() != null) {
      project.keepPeriodsOpenFor(request.lockDays());
    }
    for (int i = 0; i < deliverables.size(); i++) {
      NewDeliverable d = deliverables.get(i);
      String at = "deliverables[" + i + "]";
      check.parse(at, () -> project.addDeliverable(
          ServiceKind.valueOf(d.kind()), DeliveryUnit.valueOf(d.unit()), d.target(),
          d.targetGroup() == null ? null : TargetGroup.valueOf(d.targetGroup()), d.minimumPerBeneficiary(),
          d.cadence() == null ? null : Cadence.valueOf(d.cadence()), d.description()));
    }
    for (int i = 0; i < milestones.size(); i++) {
      NewMilestone m = milestones.get(i);
      check.parse("milestones[" + i + "]", () -> project.addMilestone(
          MilestoneKind.valueOf(m.kind()), m.label(), m.sharePercent(), LocalDate.parse(m.dueDate()),
          m.requiresEvaluation() == null || m.requiresEvaluation()));
    }
    check.verify();
    projects.add(project);
    audit.record(caller.userId(), "PROJECT_AWARDED", "project", project.id().value(), project.contractNumber());
    return Response.created(uri.getAbsolutePathBuilder().path(project.id().toString()).build())
        .entity(ProjectView.of(project))
        .build();
  }

  @POST
  @Path("{id}/activate")
  @RolesAllowed("BUREAU_OFFICER")
  public ProjectView activate(@PathParam("id") String id) {
    return transition(id, "PROJECT_ACTIVATED", p -> {
      p.activate(caller.userId());
      return null;
    });
  }

  @POST
  @Path("{id}/close")
  @RolesAllowed("BUREAU_OFFICER")
  public ProjectView close(@PathParam("id") String id) {
    return transition(id, "PROJECT_CLOSED", p -> {
      p.close(caller.userId());
      return null;
    });
  }

  @POST
  @Path("{id}/terminate")
  @RolesAllowed("BUREAU_OFFICER")
  public ProjectView terminate(@PathParam("id") String id, Termination termination) {
    Fields check = Fields.of(termination);
    String reason = check.text("reason", termination.reason(), 500);
    check.verify();
    return transition(id, "PROJECT_TERMINATED", p -> {
      p.terminateBecause(reason, caller.userId());
      return null;
    });
  }

  /**
   * Amends how many days each month stays open for service records (0–90). The bureau sets it as a term of the
   * contract, so only its officer changes it; the old and new values go to the audit trail.
   */
  @POST
  @Path("{id}/lock-days")
  @RolesAllowed("BUREAU_OFFICER")
  public ProjectView amendLockDays(@PathParam("id") String id, LockDays request) {
    UUID projectId = Fields.pathId(id, "Project");
    Fields check = Fields.of(request);
    Integer days = check.present("lockDays", request.lockDays());
    if (days != null && (days < 0 || days > Project.MAX_LOCK_DAYS)) {
      check.add("lockDays", "PROJECT_LOCK_DAYS_RANGE",
          "Periods lock between 0 and " + Project.MAX_LOCK_DAYS + " days after the month ends.");
    }
    check.verify();
    Project project = projects.getFunded(new ProjectId(projectId));
    int before = project.amendLockDays(days, caller.userId());
    audit.record(caller.userId(), "PROJECT_LOCK_DAYS_CHANGED", "project", project.id().value(), before + " -> " + days);
    return ProjectView.of(project);
  }

  /** The payment of one milestone, as the bureau's finance office recorded it. */
  public record Payment(String paidOn, String reference) {}

  /**
   * Records that the bureau paid a milestone: a released one, or one that waits for no evaluation. Final, audited
   * with amount and voucher; the progress report's paid amount and cost per unit follow.
   */
  @POST
  @Path("{id}/milestones/{milestone}/pay")
  @RolesAllowed("BUREAU_OFFICER")
  public ProjectView pay(@PathParam("id") String id, @PathParam("milestone") String milestoneId, Payment request) {
    Project project = projects.getFunded(new ProjectId(Fields.pathId(id, "Project")));
    UUID wanted = Fields.pathId(milestoneId, "Milestone");
    var milestone = project.milestones().stream().filter(m -> m.id().equals(wanted)).findFirst()
        .orElseThrow(() -> org.shouhu.problems.entity.ProblemException.notFound("Milestone"));
    Fields check = Fields.of(request);
    LocalDate paidOn = check.parse("paidOn", () -> Fields.date(request.paidOn()));
    String reference = check.optionalText("reference", request.reference(), 100);
    check.verify();
    try {
      milestone.pay(paidOn, reference, caller.userId(), LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")));
    } catch (InvalidValueException e) {
      throw org.shouhu.problems.entity.ProblemException.invalid("paidOn", e);
    }
    audit.record(caller.userId(), "MILESTONE_PAID", "payment_milestone", milestone.id(),
        milestone.label() + " " + milestone.amountOf(project.budget()).toPlainString() + " on " + paidOn
            + (milestone.paymentReference() == null ? "" : " voucher " + milestone.paymentReference()));
    return ProjectView.of(project);
  }

  private ProjectView transition(String id, String action, Function<Project, Void> change) {
    Project project = projects.getFunded(new ProjectId(Fields.pathId(id, "Project")));
    change.apply(project);
    audit.record(caller.userId(), action, "project", project.id().value(), project.statusReason());
    return ProjectView.of(project);
  }

  /** The awarded organization: an active organization tenant, named by its id. */
  private UUID organization(String id) {
    if (id == null || id.isBlank()) {
      throw new InvalidValueException("REQUIRED", "Name the organization the project is awarded to.");
    }
    TenantId tenantId = TenantId.of(id);
    Tenant org = tenants.find(tenantId).orElse(null);
    if (org == null || org.kind() != TenantKind.ORGANIZATION) {
      throw new InvalidValueException("ORGANIZATION_UNKNOWN", "No organization with this id.");
    }
    if (!org.isActive()) {
      throw new InvalidValueException("ORGANIZATION_SUSPENDED", "This organization is suspended.");
    }
    return org.id().value();
  }
}
