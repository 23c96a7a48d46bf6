package org.shouhu.beneficiaries.boundary;

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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.shouhu.Page;
import org.shouhu.beneficiaries.control.Beneficiaries;
import org.shouhu.beneficiaries.control.Enrolments;
import org.shouhu.beneficiaries.entity.BeneficiaryId;
import org.shouhu.beneficiaries.entity.Category;
import org.shouhu.beneficiaries.entity.GuardianDetails;
import org.shouhu.beneficiaries.entity.Particulars;
import org.shouhu.beneficiaries.entity.PersonName;
import org.shouhu.beneficiaries.entity.RiskAssessment;
import org.shouhu.beneficiaries.entity.RiskLevel;
import org.shouhu.contracts.entity.ProjectId;
import org.shouhu.problems.boundary.Fields;
import org.shouhu.regions.entity.DivisionCode;
import org.shouhu.problems.entity.ProblemException;
import org.shouhu.tenancy.boundary.BindTenant;
import org.shouhu.tenancy.boundary.Caller;
import org.shouhu.tenancy.control.Tenants;
import org.shouhu.tenancy.entity.TenantKind;

/**
 * An organization's register of the people it serves (服务对象台账). Lists are masked; opening one record shows it in
 * full and is audited. Particulars are revised with {@code POST /{id}/revise} (a whole replacement against the
 * version the editor opened), never deleted but voided. Another tenant's id answers 404, like an id of nobody.
 */
@ApplicationScoped
@Path("v1/beneficiaries")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({"SOCIAL_WORKER", "SUPERVISOR", "ORG_ADMIN"})
@Transactional
@BindTenant
public class BeneficiariesResource {

  private static final Pattern VILLAGE_PREFIX = Pattern.compile("[0-9]{2,12}");

  @Inject Beneficiaries beneficiaries;
  @Inject Enrolments enrolments;
  @Inject org.shouhu.regions.control.Regions regions;
  @Inject Tenants tenants;
  @Inject Caller caller;
  @Context UriInfo uri;

  /** What a registration and a revision both carry. */
  public interface ParticularsInput {
    String name();

    String gender();

    LocalDate birthDate();

    String citizenId();

    String phone();

    String villageCode();

    String school();

    String grade();

    List<String> categories();

    String difficultyType();

    ConsentInput consent();
  }

  public record ConsentInput(LocalDate givenOn, String givenBy, String relationship, String method) {}

  public record Registration(
      String name,
      String gender,
      LocalDate birthDate,
      String citizenId,
      String phone,
      String villageCode,
      String school,
      String grade,
      List<String> categories,
      String difficultyType,
      ConsentInput consent)
      implements ParticularsInput {}

  /** Every particular as it should now read, and the version it was edited from. No consent keeps the old one. */
  public record Revision(
      Long version,
      String name,
      String gender,
      LocalDate birthDate,
      String citizenId,
      String phone,
      String villageCode,
      String school,
      String grade,
      List<String> categories,
      String difficultyType,
      ConsentInput consent)
      implements ParticularsInput {}

  public record RiskInput(String level, String reason) {}

  public record GuardianInput(
      String relationship,
      String name,
      String phone,
      Boolean livesWithChild,
      Boolean entrusted,
      LocalDate entrustmentAgreedOn) {}

  public record VoidInput(String reason) {}

  public record PersonEnrolment(
      UUID id, UUID projectId, String projectTitle, LocalDate enrolledOn, String status, LocalDate endedOn,
      String endReason, String endNote, String voidReason) {}

  @GET
  public Page<BeneficiaryViews.Summary> list(
      @QueryParam("category") String category,
      @QueryParam("village") String village,
      @QueryParam("risk") String risk,
      @QueryParam("q") String q,
      @QueryParam("includeVoided") boolean includeVoided,
      @QueryParam("offset") String offset,
      @QueryParam("limit") String limit) {
    organizationsOnly();
    Fields check = Fields.query();
    Category wanted = constant(check, "category", category, Category.class, "CATEGORY_UNKNOWN", false);
    RiskLevel level = constant(check, "risk", risk, RiskLevel.class, "RISK_LEVEL_UNKNOWN", false);
    String prefix = blank(village) ? null : village.strip();
    if (prefix != null && !VILLAGE_PREFIX.matcher(prefix).matches()) {
      check.add("village", "VILLAGE_PREFIX_FORMAT", "'village' is the first 2 to 12 digits of a division code.");
    }
    String name = check.optionalText("q", q, PersonName.MAX_LENGTH);
    check.verify();
    var filter = new Beneficiaries.Filter(wanted, prefix, level, name, includeVoided);
    int from = Page.offset(offset);
    int size = Page.limit(limit);
    return new Page<>(
        beneficiaries.page(filter, from, size).stream().map(BeneficiaryViews::of).toList(),
        beneficiaries.count(filter),
        from,
        size);
  }

  @POST
  public Response register(Registration request) {
    organizationsOnly();
    Fields check = Fields.of(request);
    knownVillage(check, request.villageCode());
    ParticularsRequests.Parsed parsed = ParticularsRequests.parse(check, request, true);
    Beneficiaries.Opened opened = beneficiaries.register(parsed.particulars(), parsed.consent(), caller.userId());
    return Response.created(uri.getAbsolutePathBuilder().path(opened.beneficiary().id().toString()).build())
        .entity(BeneficiaryViews.of(opened))
        .build();
  }

  /** Opening the record: full values, and an audit event saying who looked. */
  @GET
  @Path("{id}")
  public BeneficiaryViews.Details open(@PathParam("id") String id) {
    organizationsOnly();
    return BeneficiaryViews.of(beneficiaries.open(parse(id), caller.userId()));
  }

  @POST
  @Path("{id}/revise")
  public BeneficiaryViews.Details revise(@PathParam("id") String id, Revision request) {
    organizationsOnly();
    BeneficiaryId beneficiary = parse(id);
    Fields check = Fields.of(request);
    check.present("version", request.version());
    knownVillage(check, request.villageCode());
    ParticularsRequests.Parsed parsed = ParticularsRequests.parse(check, request, false);
    return BeneficiaryViews.of(
        beneficiaries.revise(
            beneficiary, parsed.particulars(), parsed.consent(), request.version(), caller.userId()));
  }

  @POST
  @Path("{id}/risk")
  public BeneficiaryViews.Summary assessRisk(@PathParam("id") String id, RiskInput request) {
    organizationsOnly();
    BeneficiaryId beneficiary = parse(id);
    Fields check = Fields.of(request);
    RiskLevel level = constant(check, "level", request.level(), RiskLevel.class, "RISK_LEVEL_UNKNOWN", true);
    check.text("reason", request.reason(), RiskAssessment.MAX_REASON);
    check.verify();
    return BeneficiaryViews.of(beneficiaries.assessRisk(beneficiary, level, request.reason(), caller.userId()));
  }

  @POST
  @Path("{id}/guardians")
  public Response addGuardian(@PathParam("id") String id, GuardianInput request) {
    organizationsOnly();
    BeneficiaryId beneficiary = parse(id);
    GuardianDetails details = ParticularsRequests.guardian(Fields.of(request), request);
    Beneficiaries.OpenedGuardian added = beneficiaries.addGuardian(beneficiary, details, caller.userId());
    return Response.created(uri.getAbsolutePathBuilder().path(added.guardian().id().toString()).build())
        .entity(BeneficiaryViews.of(added))
        .build();
  }

  /** One guardian in full; audited like opening the record. */
  @GET
  @Path("{id}/guardians/{guardianId}")
  public BeneficiaryViews.GuardianView openGuardian(
      @PathParam("id") String id, @PathParam("guardianId") String guardianId) {
    organizationsOnly();
    BeneficiaryId beneficiary = parse(id);
    UUID guardian;
    try {
      guardian = UUID.fromString(guardianId);
    } catch (IllegalArgumentException e) {
      throw ProblemException.notFound("Guardian");
    }
    return BeneficiaryViews.of(beneficiaries.openGuardian(beneficiary, guardian, caller.userId()));
  }

  /**
   * The person's enrolments in the organization's projects, newest first, ended and voided ones included: what the
   * register's person screen shows and ends. Masked like a list (no particulars), so not audited as an opening.
   */
  @GET
  @Path("{id}/enrolments")
  public List<PersonEnrolment> enrolments(@PathParam("id") String id) {
    organizationsOnly();
    BeneficiaryId beneficiary = parse(id);
    beneficiaries.get(beneficiary);
    Map<UUID, String> titles = new HashMap<>();
    return enrolments.ofPerson(beneficiary).stream()
        .map(e -> new PersonEnrolment(e.id(), e.projectId(),
            titles.computeIfAbsent(e.projectId(), p -> enrolments.ownProject(new ProjectId(p)).title()),
            e.enrolledOn(), e.status(), e.endedOn(), e.endReason() == null ? null : e.endReason().name(),
            e.endNote(), e.voidReason()))
        .toList();
  }

  @POST
  @Path("{id}/void")
  public BeneficiaryViews.Summary voidRecord(@PathParam("id") String id, VoidInput request) {
    organizationsOnly();
    BeneficiaryId beneficiary = parse(id);
    Fields check = Fields.of(request);
    check.text("reason", request.reason(), 500);
    check.verify();
    return BeneficiaryViews.of(beneficiaries.voidBecause(beneficiary, request.reason(), caller.userId()));
  }

  private static <E extends Enum<E>> E constant(
      Fields check, String field, String value, Class<E> type, String unknownCode, boolean required) {
    return ParticularsRequests.constant(check, field, value, type, unknownCode, required);
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }

  /** Bureaus and the platform keep no register: only organizations serve people directly. */
  private void organizationsOnly() {
    if (tenants.get(caller.tenant()).kind() != TenantKind.ORGANIZATION) {
      throw ProblemException.forbidden("FORBIDDEN", "Only service organizations keep a beneficiary register.");
    }
  }

  /** A malformed id cannot name anything: the same 404 as a well-formed id of nobody. */
  private static BeneficiaryId parse(String id) {
    return new BeneficiaryId(Fields.pathId(id, "Beneficiary"));
  }

  /**
   * A well-formed village code must also name a known place (the village once its county is imported, else its
   * town). Malformed codes are left to the particulars check, which reports them with their own code.
   */
  private void knownVillage(Fields check, String villageCode) {
    try {
      DivisionCode village = DivisionCode.of(villageCode);
      if (village.level() == DivisionCode.Level.VILLAGE) {
        check.check(() -> regions.requireKnown(village, "villageCode"));
      }
    } catch (org.shouhu.problems.entity.InvalidValueException malformed) {
      // reported by ParticularsRequests.parse
    }
  }
}
