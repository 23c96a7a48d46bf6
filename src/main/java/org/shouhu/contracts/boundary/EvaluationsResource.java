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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.QueryParam;
import java.math.BigDecimal;
import java.util.Optional;
import java.util.UUID;
import org.shouhu.Page;
import org.shouhu.audit.control.AuditTrail;
import org.shouhu.contracts.control.Evaluations;
import org.shouhu.contracts.entity.Evaluation;
import org.shouhu.contracts.entity.EvaluationIndicator;
import org.shouhu.contracts.entity.EvaluationStage;
import org.shouhu.contracts.entity.EvaluationStatus;
import org.shouhu.contracts.entity.Indicator;
import org.shouhu.contracts.entity.PaymentMilestone;
import org.shouhu.problems.boundary.Fields;
import org.shouhu.problems.entity.InvalidValueException;
import org.shouhu.problems.entity.ProblemException;
import org.shouhu.tenancy.boundary.BindTenant;
import org.shouhu.tenancy.boundary.Caller;

/**
 * Evaluation sheets (绩效评估表). The funding bureau's officers score and sign them; the project's organization reads
 * them once signed. Any other caller, and the organization before signing, gets 404.
 */
@ApplicationScoped
@Path("v1/evaluations")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed("BUREAU_OFFICER")
@Transactional
@BindTenant
public class EvaluationsResource {

  @Inject Evaluations evaluations;
  @Inject Caller caller;
  @Inject AuditTrail audit;

  /** Without a score, the prefilled score is confirmed; a score that departs from it needs a reason. */
  public record Scoring(BigDecimal score, String comment, String reason) {}

  public record Signing(String conclusion) {}

  /** The caller's sheets across projects, newest first; filters {@code status}, {@code stage}, {@code project}. */
  @GET
  @RolesAllowed({"SOCIAL_WORKER", "SUPERVISOR", "ORG_ADMIN", "BUREAU_OFFICER"})
  public Page<EvaluationView> list(
      @QueryParam("status") String status,
      @QueryParam("stage") String stage,
      @QueryParam("project") String project,
      @QueryParam("offset") String offset,
      @QueryParam("limit") String limit) {
    Fields check = Fields.query();
    EvaluationStatus wantedStatus = status == null || status.isBlank()
        ? null : check.parse("status", () -> Fields.constant(EvaluationStatus.class, status, "EVAL_STATUS_UNKNOWN"));
    EvaluationStage wantedStage = stage == null || stage.isBlank()
        ? null : check.parse("stage", () -> Fields.constant(EvaluationStage.class, stage, "EVAL_STAGE_UNKNOWN"));
    UUID projectId = project == null || project.isBlank() ? null : check.parse("project", () -> Fields.id(project));
    check.verify();
    var filter = new Evaluations.Filter(wantedStatus, wantedStage, projectId);
    int first = Page.offset(offset);
    int size = Page.limit(limit);
    return new Page<>(evaluations.page(filter, first, size).stream().map(EvaluationView::of).toList(),
        evaluations.count(filter), first, size);
  }

  @GET
  @Path("{id}")
  @RolesAllowed({"SOCIAL_WORKER", "SUPERVISOR", "ORG_ADMIN", "BUREAU_OFFICER"})
  public EvaluationView get(@PathParam("id") String id) {
    return EvaluationView.of(evaluations.visible(Fields.pathId(id, "Evaluation")));
  }

  @POST
  @Path("{id}/indicators/{code}")
  public EvaluationView score(@PathParam("id") String id, @PathParam("code") String code, Scoring request) {
    Fields check = Fields.of(request);
    String comment = check.optionalText("comment", request.comment(), EvaluationIndicator.COMMENT_MAX);
    String reason = check.optionalText("reason", request.reason(), EvaluationIndicator.REASON_MAX);
    check.verify();
    Evaluation evaluation = evaluations.funded(Fields.pathId(id, "Evaluation"));
    Indicator indicator = indicator(code);
    if (request.score() == null) {
      evaluation.confirm(indicator, comment, caller.userId());
      audit.record(caller.userId(), "EVALUATION_SCORE_CONFIRMED", "evaluation", evaluation.id(),
          indicator + " " + evaluation.indicator(indicator).score().toPlainString());
      return EvaluationView.of(evaluation);
    }
    BigDecimal prefilled = evaluation.indicator(indicator).prefilled();
    boolean overridden;
    try {
      overridden = evaluation.score(indicator, request.score(), comment, reason, caller.userId());
    } catch (InvalidValueException e) {
      throw ProblemException.invalid(e.code().equals("EVAL_OVERRIDE_REASON_REQUIRED") ? "reason" : "score", e);
    }
    if (overridden) {
      audit.record(caller.userId(), "EVALUATION_SCORE_OVERRIDDEN", "evaluation", evaluation.id(),
          indicator + " " + prefilled.toPlainString() + " -> " + request.score().toPlainString() + ": " + reason);
    } else {
      audit.record(caller.userId(), "EVALUATION_SCORED", "evaluation", evaluation.id(),
          indicator + " " + request.score().toPlainString());
    }
    return EvaluationView.of(evaluation);
  }

  /** Recomputes the prefilled values of a draft from today's data. */
  @POST
  @Path("{id}/refresh")
  public EvaluationView refresh(@PathParam("id") String id) {
    return EvaluationView.of(evaluations.refresh(Fields.pathId(id, "Evaluation")));
  }

  @POST
  @Path("{id}/sign")
  public EvaluationView sign(@PathParam("id") String id, Signing request) {
    String conclusion = null;
    if (request != null) {
      Fields check = Fields.of(request);
      conclusion = check.optionalText("conclusion", request.conclusion(), Evaluation.CONCLUSION_MAX);
      check.verify();
    }
    UUID evaluationId = Fields.pathId(id, "Evaluation");
    Optional<PaymentMilestone> released = evaluations.sign(evaluationId, conclusion, caller.userId());
    Evaluation evaluation = evaluations.funded(evaluationId);
    audit.record(caller.userId(), "EVALUATION_SIGNED", "evaluation", evaluationId,
        evaluation.total().orElseThrow().toPlainString() + " " + evaluation.grade().orElseThrow());
    released.ifPresent(m -> audit.record(caller.userId(), "MILESTONE_RELEASED", "payment_milestone", m.id(),
        "evaluation " + evaluationId));
    return EvaluationView.of(evaluation);
  }

  private static Indicator indicator(String code) {
    try {
      return Indicator.valueOf(code);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw ProblemException.notFound("Indicator");
    }
  }
}
