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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.util.List;
import java.util.UUID;
import org.shouhu.audit.control.AuditTrail;
import org.shouhu.contracts.control.Evaluations;
import org.shouhu.contracts.control.Projects;
import org.shouhu.contracts.entity.Evaluation;
import org.shouhu.contracts.entity.EvaluationStage;
import org.shouhu.contracts.entity.ProjectId;
import org.shouhu.contracts.entity.Weights;
import org.shouhu.problems.boundary.Fields;
import org.shouhu.problems.entity.InvalidValueException;
import org.shouhu.tenancy.boundary.BindTenant;
import org.shouhu.tenancy.boundary.Caller;

/**
 * A project's evaluations and the weights they use. The funding bureau's officers open sheets and set weights;
 * both parties list them (the organization sees signed sheets only).
 */
@ApplicationScoped
@Path("v1/projects/{projectId}/evaluations")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed("BUREAU_OFFICER")
@Transactional
@BindTenant
public class ProjectEvaluationsResource {

  @Inject Evaluations evaluations;
  @Inject Projects projects;
  @Inject Caller caller;
  @Inject AuditTrail audit;

  public record Opening(String stage, String milestoneId) {}

  public record WeightsBody(Integer completion, Integer quality, Integer satisfaction, Integer compliance) {
    static WeightsBody of(Weights w) {
      return new WeightsBody(w.completion(), w.quality(), w.satisfaction(), w.compliance());
    }
  }

  @GET
  @RolesAllowed({"SOCIAL_WORKER", "SUPERVISOR", "ORG_ADMIN", "BUREAU_OFFICER"})
  public List<EvaluationView> list(@PathParam("projectId") String projectId) {
    return evaluations.ofProject(project(projectId)).stream().map(EvaluationView::of).toList();
  }

  @POST
  public Response open(@PathParam("projectId") String projectId, Opening request) {
    ProjectId project = project(projectId);
    Fields check = Fields.of(request);
    EvaluationStage stage = check.parse("stage", () -> Fields.constant(EvaluationStage.class, request.stage(), "EVAL_STAGE_UNKNOWN"));
    UUID milestone = request.milestoneId() == null || request.milestoneId().isBlank()
        ? null
        : check.parse("milestoneId", () -> Fields.id(request.milestoneId()));
    check.verify();
    Evaluation evaluation;
    try {
      evaluation = evaluations.open(project, stage, milestone, caller.userId());
    } catch (InvalidValueException e) {
      throw org.shouhu.problems.entity.ProblemException.invalid(e.code().startsWith("EVAL_MILESTONE") ? "milestoneId" : "stage", e);
    }
    audit.record(caller.userId(), "EVALUATION_OPENED", "evaluation", evaluation.id(), stage + " of project " + project);
    return Response.created(UriBuilder.fromPath("/api/v1/evaluations/{id}").build(evaluation.id()))
        .entity(EvaluationView.of(evaluation))
        .build();
  }

  @GET
  @Path("weights")
  @RolesAllowed({"SOCIAL_WORKER", "SUPERVISOR", "ORG_ADMIN", "BUREAU_OFFICER"})
  public WeightsBody weights(@PathParam("projectId") String projectId) {
    ProjectId project = project(projectId);
    projects.get(project);
    return WeightsBody.of(evaluations.weightsOf(project));
  }

  @PUT
  @Path("weights")
  public WeightsBody changeWeights(@PathParam("projectId") String projectId, WeightsBody request) {
    ProjectId project = project(projectId);
    Fields check = Fields.of(request);
    check.present("completion", request.completion());
    check.present("quality", request.quality());
    check.present("satisfaction", request.satisfaction());
    check.present("compliance", request.compliance());
    check.verify();
    Weights weights = check.parse("weights", () ->
        new Weights(request.completion(), request.quality(), request.satisfaction(), request.compliance()));
    check.verify();
    evaluations.changeWeights(project, weights, caller.userId());
    audit.record(caller.userId(), "EVALUATION_WEIGHTS_CHANGED", "project", project.value(), weights.toString());
    return WeightsBody.of(weights);
  }

  private static ProjectId project(String id) {
    return new ProjectId(Fields.pathId(id, "Project"));
  }
}
