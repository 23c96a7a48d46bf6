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
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.shouhu.Page;
import org.shouhu.audit.control.AuditTrail;
import org.shouhu.beneficiaries.control.Enrolments;
import org.shouhu.beneficiaries.entity.BeneficiaryId;
import org.shouhu.beneficiaries.entity.Category;
import org.shouhu.beneficiaries.entity.Enrolment;
import org.shouhu.beneficiaries.entity.EnrolmentEndReason;
import org.shouhu.problems.entity.InvalidValueException;
import org.shouhu.problems.entity.ProblemException;
import org.shouhu.contracts.entity.ProjectId;
import org.shouhu.problems.boundary.Fields;
import org.shouhu.tenancy.boundary.BindTenant;
import org.shouhu.tenancy.boundary.Caller;

/**
 * The people an organization serves under one of its projects. Lists are masked like the register's. The
 * funding bureau does not see this list; it sees counts in its reports.
 */
@ApplicationScoped
@Path("v1/projects/{projectId}/enrolments")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({"SOCIAL_WORKER", "SUPERVISOR", "ORG_ADMIN"})
@Transactional
@BindTenant
public class EnrolmentsResource {

  private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

  @Inject Enrolments enrolments;
  @Inject Caller caller;
  @Inject AuditTrail audit;
  @Context UriInfo uri;

  public record NewEnrolment(String beneficiaryId, String enrolledOn) {}

  public record Voiding(String reason) {}

  /** {@code reason}: LEFT_AREA, AGED_OUT, TRANSFERRED or OTHER (then {@code note} says why). */
  public record Ending(String endedOn, String reason, String note) {}

  public record EnrolmentView(
      UUID id, UUID projectId, UUID beneficiaryId, String name, Set<Category> categories, String village,
      LocalDate enrolledOn, String status, String voidReason, LocalDate endedOn, String endReason, String endNote) {

    static EnrolmentView of(Enrolments.Enrolled e) {
      var b = e.beneficiary();
      return new EnrolmentView(
          e.enrolment().id(), e.enrolment().projectId(), b.id().value(), b.name().masked(), b.categories(),
          b.village() == null ? null : b.village().value(), e.enrolment().enrolledOn(), e.enrolment().status(),
          e.enrolment().voidReason(), e.enrolment().endedOn(),
          e.enrolment().endReason() == null ? null : e.enrolment().endReason().name(), e.enrolment().endNote());
    }
  }

  @GET
  public Page<EnrolmentView> list(
      @PathParam("projectId") String projectId,
      @QueryParam("includeVoided") boolean includeVoided,
      @QueryParam("offset") String offset,
      @QueryParam("limit") String limit) {
    ProjectId project = new ProjectId(Fields.pathId(projectId, "Project"));
    int first = Page.offset(offset);
    int size = Page.limit(limit);
    List<EnrolmentView> items =
        enrolments.page(project, includeVoided, first, size).stream().map(EnrolmentView::of).toList();
    return new Page<>(items, enrolments.count(project, includeVoided), first, size);
  }

  @POST
  public Response enrol(@PathParam("projectId") String projectId, NewEnrolment request) {
    Fields check = Fields.of(request);
    UUID beneficiary = check.parse("beneficiaryId", () -> Fields.id(request.beneficiaryId()));
    LocalDate on =
        request.enrolledOn() == null
            ? LocalDate.now(CHINA)
            : check.parse("enrolledOn", () -> Fields.date(request.enrolledOn()));
    check.verify();
    var enrolled = enrolments.enrol(new ProjectId(Fields.pathId(projectId, "Project")), new BeneficiaryId(beneficiary), on, caller.userId());
    audit.record(caller.userId(), "BENEFICIARY_ENROLLED", "enrolment", enrolled.enrolment().id(), null);
    return Response.created(uri.getAbsolutePathBuilder().path(enrolled.enrolment().id().toString()).build())
        .entity(EnrolmentView.of(enrolled))
        .build();
  }

  @POST
  @Path("{enrolmentId}/void")
  public EnrolmentView voidEnrolment(
      @PathParam("projectId") String projectId, @PathParam("enrolmentId") String enrolmentId, Voiding voiding) {
    Fields check = Fields.of(voiding);
    String reason = check.text("reason", voiding.reason(), 500);
    check.verify();
    UUID id = Fields.pathId(enrolmentId, "Enrolment");
    var voided = enrolments.voidBecause(new ProjectId(Fields.pathId(projectId, "Project")), id, reason, caller.userId());
    audit.record(caller.userId(), "ENROLMENT_VOIDED", "enrolment", id, null);
    return EnrolmentView.of(voided);
  }

  /** The person leaves the project on a day for a reason; from the next day nothing is logged for them under it. */
  @POST
  @Path("{enrolmentId}/end")
  public EnrolmentView end(
      @PathParam("projectId") String projectId, @PathParam("enrolmentId") String enrolmentId, Ending ending) {
    Fields check = Fields.of(ending);
    LocalDate on = check.parse("endedOn", () -> Fields.date(ending.endedOn()));
    EnrolmentEndReason reason =
        check.parse("reason", () -> Fields.constant(EnrolmentEndReason.class, ending.reason(), "ENROLMENT_END_REASON_UNKNOWN"));
    check.optionalText("note", ending.note(), Enrolment.MAX_NOTE);
    check.verify();
    ProjectId project = new ProjectId(Fields.pathId(projectId, "Project"));
    UUID id = Fields.pathId(enrolmentId, "Enrolment");
    Enrolments.Enrolled ended;
    try {
      ended = enrolments.end(project, id, on, reason, ending.note(), caller.userId(), LocalDate.now(CHINA));
    } catch (InvalidValueException e) {
      throw ProblemException.invalid("ENROLMENT_END_NOTE_REQUIRED".equals(e.code()) ? "note" : "endedOn", e);
    }
    audit.record(caller.userId(), "ENROLMENT_ENDED", "enrolment", id, reason.name());
    return EnrolmentView.of(ended);
  }
}
