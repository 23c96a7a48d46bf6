package org.shouhu.contracts.boundary;

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
import java.math.BigDecimal;
import java.time.LocalDate;
import org.shouhu.Page;
import org.shouhu.audit.control.AuditTrail;
import org.shouhu.contracts.control.Evaluations;
import org.shouhu.contracts.control.Projects;
import org.shouhu.contracts.control.SatisfactionSurveys;
import org.shouhu.contracts.entity.Project;
import org.shouhu.contracts.entity.ProjectId;
import org.shouhu.contracts.entity.ProjectStatus;
import org.shouhu.contracts.entity.RespondentType;
import org.shouhu.contracts.entity.SatisfactionSurvey;
import org.shouhu.contracts.entity.SurveyScale;
import org.shouhu.problems.boundary.Fields;
import org.shouhu.problems.entity.InvalidValueException;
import org.shouhu.problems.entity.ProblemException;
import org.shouhu.problems.entity.StateConflictException;
import org.shouhu.tenancy.boundary.BindTenant;
import org.shouhu.tenancy.boundary.Caller;

/**
 * Satisfaction surveys (满意度) of a project. The organization's supervisors and administrators enter the
 * questionnaires they collect; the bureau's officers enter their own spot checks. Both parties read all of them.
 * Respondents are recorded by kind only.
 */
@ApplicationScoped
@Path("v1/projects/{projectId}/surveys")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({"SUPERVISOR", "ORG_ADMIN", "BUREAU_OFFICER"})
@Transactional
@BindTenant
public class SurveysResource {

  @Inject SatisfactionSurveys surveys;
  @Inject Projects projects;
  @Inject Caller caller;
  @Inject AuditTrail audit;
  @Context UriInfo uri;

  public record NewSurvey(String respondent, String scale, BigDecimal score, String surveyedOn, String comment) {}

  public record Voiding(String reason) {}

  @GET
  @RolesAllowed({"SOCIAL_WORKER", "SUPERVISOR", "ORG_ADMIN", "BUREAU_OFFICER"})
  public Page<SurveyView> list(
      @PathParam("projectId") String projectId, @QueryParam("offset") String offset, @QueryParam("limit") String limit) {
    ProjectId project = projects.get(new ProjectId(Fields.pathId(projectId, "Project"))).id();
    int first = Page.offset(offset);
    int size = Page.limit(limit);
    return new Page<>(surveys.ofProject(project, first, size).stream().map(SurveyView::of).toList(),
        surveys.countOf(project), first, size);
  }

  @POST
  public Response record(@PathParam("projectId") String projectId, NewSurvey request) {
    Project project = projects.get(new ProjectId(Fields.pathId(projectId, "Project")));
    Fields check = Fields.of(request);
    RespondentType respondent = check.parse("respondent",
        () -> Fields.constant(RespondentType.class, request.respondent(), "SURVEY_RESPONDENT_UNKNOWN"));
    SurveyScale scale = check.parse("scale", () -> Fields.constant(SurveyScale.class, request.scale(), "SURVEY_SCALE_UNKNOWN"));
    check.present("score", request.score());
    LocalDate on = check.parse("surveyedOn", () -> Fields.date(request.surveyedOn()));
    String comment = check.optionalText("comment", request.comment(), SatisfactionSurvey.COMMENT_MAX);
    check.verify();
    if (project.status() == ProjectStatus.DRAFT) {
      throw new StateConflictException("SURVEY_PROJECT_NOT_STARTED", "The project has not started: there is nothing to survey.");
    }
    SatisfactionSurvey survey = check.parse("score", () -> {
      try {
        return SatisfactionSurvey.record(project, respondent, scale, request.score(), on, comment, caller.userId(),
            caller.tenant().value(), Evaluations.today());
      } catch (InvalidValueException e) {
        if (e.code().startsWith("SURVEY_IN_FUTURE") || e.code().startsWith("SURVEY_BEFORE")) {
          throw ProblemException.invalid("surveyedOn", e);
        }
        throw e;
      }
    });
    check.verify();
    surveys.add(survey);
    audit.record(caller.userId(), "SURVEY_RECORDED", "satisfaction_survey", survey.id(),
        respondent + " " + scale + " " + request.score().toPlainString());
    return Response.created(uri.getAbsolutePathBuilder().path(survey.id().toString()).build())
        .entity(SurveyView.of(survey))
        .build();
  }

  /** The party that recorded a survey voids it, with a reason; the other party gets 404. */
  @POST
  @Path("{surveyId}/void")
  public SurveyView voidSurvey(
      @PathParam("projectId") String projectId, @PathParam("surveyId") String surveyId, Voiding request) {
    Fields check = Fields.of(request);
    check.verify();
    SatisfactionSurvey survey = surveys.visible(Fields.pathId(surveyId, "Survey"));
    if (!survey.recordedByTenant().equals(caller.tenant().value())
        || !survey.projectId().value().equals(Fields.pathId(projectId, "Project"))) {
      throw ProblemException.notFound("Survey");
    }
    try {
      survey.voidBecause(request.reason(), caller.userId());
    } catch (InvalidValueException e) {
      throw ProblemException.invalid("reason", e);
    }
    audit.record(caller.userId(), "SURVEY_VOIDED", "satisfaction_survey", survey.id(), survey.voiding().reason());
    return SurveyView.of(survey);
  }
}
