package org.shouhu.contracts.boundary;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
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
import org.shouhu.contracts.entity.ProjectAmendment;
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
@ApplicationScoped
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
    UUID organizationId = check.parse("organizationId", () -> organization(request.organizationId()));
    Terms terms = terms(check, request, bureau);
    check.verify();

    Project project =
        check.parse(
            "contractNumber",
            () -> Project.award(bureau.id().value(), organizationId, request.contractNumber(), request.title(),
                terms.budget(), terms.period(), terms.towns(), terms.groups(), caller.userId()));
    check.verify();
    addParts(check, project, request);
    projects.add(project);
    audit.record(caller.userId(), "PROJECT_AWARDED", "project", project.id().value(), project.contractNumber());
    return Response.created(uri.getAbsolutePathBuilder().path(project.id().toString()).build())
        .entity(ProjectView.of(project))
        .build();
  }

  /**
   * Revises a DRAFT project as a whole: the same body as its creation, the contract number and the awarded
   * organization unchanged (a different award is a new project). Deliverables and milestones are replaced. Once
   * activated, its terms change only by {@link #amend amendment}: 409 PROJECT_NOT_DRAFT.
   */
  @PUT
  @Path("{id}")
  @RolesAllowed("BUREAU_OFFICER")
  public ProjectView revise(@PathParam("id") String id, NewProject request) {
    Project project = projects.getFunded(new ProjectId(Fields.pathId(id, "Project")));
    if (project.status() != ProjectStatus.DRAFT) {
      throw new org.shouhu.problems.entity.StateConflictException(
          "PROJECT_NOT_DRAFT", "The project is " + project.status() + ": its terms change only by amendment.");
    }
    Fields check = Fields.of(request);
    Tenant bureau = tenants.get(caller.tenant());
    if (request.contractNumber() != null && !request.contractNumber().strip().equals(project.contractNumber())) {
      check.add("contractNumber", "PROJECT_CONTRACT_NUMBER_FIXED",
          "The contract number names the award and stays; a different contract is a new project.");
    }
    if (request.organizationId() != null && !request.organizationId().equals(project.organizationId().toString())) {
      check.add("organizationId", "PROJECT_ORGANIZATION_FIXED",
          "The awarded organization stays; an award to another organization is a new project.");
    }
    Terms terms = terms(check, request, bureau);
    check.verify();
    check.parse("title", () -> {
      project.revise(request.title(), terms.budget(), terms.period(), terms.towns(), terms.groups(), caller.userId());
      return null;
    });
    check.verify();
    projects.deleteParts(project.dropParts());
    addParts(check, project, request);
    audit.record(caller.userId(), "PROJECT_REVISED", "project", project.id().value(), project.contractNumber());
    return ProjectView.of(project);
  }

  /** The terms of a project as a create or revise request states them, checked field by field. */
  private record Terms(BigDecimal budget, ContractPeriod period, Set<String> towns, Set<TargetGroup> groups) {}

  private Terms terms(Fields check, NewProject request, Tenant bureau) {
    check.text("title", request.title(), 200);
    BigDecimal budget =
        check.parse("budget", () -> org.shouhu.contracts.entity.Budget.check(request.budget()));
    LocalDate start = check.parse("periodStart", () -> Fields.date(request.periodStart()));
    LocalDate end = check.parse("periodEnd", () -> Fields.date(request.periodEnd()));
    ContractPeriod period =
        start == null || end == null ? null : check.parse("periodEnd", () -> new ContractPeriod(start, end));
    List<String> requestedTowns = request.coveredTowns() == null ? List.of() : request.coveredTowns();
    Set<String> towns = towns(check, "coveredTowns", requestedTowns, bureau);
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
    return new Terms(budget, period, towns, groups);
  }

  /** Covered towns: 9-digit town codes within the bureau's own division, at least one. */
  private Set<String> towns(Fields check, String name, List<String> requested, Tenant bureau) {
    Set<String> towns = new TreeSet<>();
    if (requested.isEmpty()) {
      check.add(name, "REQUIRED", "A project covers at least one town (乡镇/街道).");
    }
    for (int i = 0; i < requested.size(); i++) {
      String field = name + "[" + i + "]";
      String raw = requested.get(i);
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
    return towns;
  }

  private void addParts(Fields check, Project project, NewProject request) {
    List<NewDeliverable> deliverables = request.deliverables() == null ? List.of() : request.deliverables();
    List<NewMilestone> milestones = request.milestones() == null ? List.of() : request.milestones();
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
  }

  /** A change of an active contract's terms: which one (TARGET, PERIOD, TOWNS), its new value, why and from when. */
  public record Amendment(
      String kind, String deliverableId, Integer target, String periodStart, String periodEnd,
      List<String> coveredTowns, String reason, String effectiveOn) {}

  /**
   * Amends an ACTIVE project's target, period or towns (合同变更). The change and the values before and after are
   * recorded with the reason and the day it takes effect, listed by {@link #amendments} and audited: never a silent
   * edit.
   */
  @POST
  @Path("{id}/amendments")
  @RolesAllowed("BUREAU_OFFICER")
  public Response amend(@PathParam("id") String id, Amendment request) {
    Project project = projects.getFunded(new ProjectId(Fields.pathId(id, "Project")));
    Fields check = Fields.of(request);
    Tenant bureau = tenants.get(caller.tenant());
    ProjectAmendment.Kind kind =
        check.parse("kind", () -> Fields.constant(ProjectAmendment.Kind.class, request.kind(), "AMENDMENT_KIND_UNKNOWN"));
    String reason = check.text("reason", request.reason(), 500);
    LocalDate effectiveOn = check.parse("effectiveOn", () -> Fields.date(request.effectiveOn()));
    UUID deliverable = null;
    ContractPeriod period = null;
    Set<String> towns = null;
    if (kind == ProjectAmendment.Kind.TARGET) {
      deliverable = check.parse("deliverableId", () -> Fields.id(request.deliverableId()));
      if (request.target() == null || request.target() <= 0) {
        check.add("target", "DELIVERABLE_TARGET_NOT_POSITIVE", "A target is a positive whole number.");
      }
    } else if (kind == ProjectAmendment.Kind.PERIOD) {
      LocalDate start = check.parse("periodStart", () -> Fields.date(request.periodStart()));
      LocalDate end = check.parse("periodEnd", () -> Fields.date(request.periodEnd()));
      period = start == null || end == null ? null : check.parse("periodEnd", () -> new ContractPeriod(start, end));
    } else if (kind == ProjectAmendment.Kind.TOWNS) {
      towns = towns(check, "coveredTowns", request.coveredTowns() == null ? List.of() : request.coveredTowns(), bureau);
    }
    check.verify();
    UUID deliverableId = deliverable;
    ContractPeriod newPeriod = period;
    Set<String> newTowns = towns;
    String field = switch (kind) {
      case TARGET -> "target";
      case PERIOD -> "periodEnd";
      case TOWNS -> "coveredTowns";
    };
    ProjectAmendment amendment = check.parse(field, () -> switch (kind) {
      case TARGET -> project.amendTarget(deliverableId, request.target(), reason, effectiveOn, caller.userId());
      case PERIOD -> project.amendPeriod(newPeriod, reason, effectiveOn, caller.userId());
      case TOWNS -> project.amendTowns(newTowns, reason, effectiveOn, caller.userId());
    });
    check.verify();
    projects.record(amendment);
    audit.record(caller.userId(), "PROJECT_AMENDED", "project", project.id().value(),
        kind + " " + amendment.before() + " -> " + amendment.after() + " from " + effectiveOn + ": " + reason);
    return Response.created(uri.getAbsolutePathBuilder().path(amendment.id().toString()).build())
        .entity(AmendmentView.of(amendment))
        .build();
  }

  /** A project's amendments, oldest first, for both parties. */
  @GET
  @Path("{id}/amendments")
  public List<AmendmentView> amendments(@PathParam("id") String id) {
    Project project = projects.get(new ProjectId(Fields.pathId(id, "Project")));
    return projects.amendments(project.id()).stream().map(AmendmentView::of).toList();
  }

  public record AmendmentView(
      UUID id, String kind, UUID deliverableId, String before, String after, String reason, LocalDate effectiveOn,
      UUID createdBy, java.time.OffsetDateTime createdAt) {
    static AmendmentView of(ProjectAmendment a) {
      return new AmendmentView(a.id(), a.kind().name(), a.deliverableId(), a.before(), a.after(), a.reason(),
          a.effectiveOn(), a.createdBy(), a.createdAt());
    }
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
