package org.shouhu.contracts.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.shouhu.Conditions;
import org.shouhu.contracts.entity.Deliverable;
import org.shouhu.contracts.entity.Evaluation;
import org.shouhu.contracts.entity.EvaluationStage;
import org.shouhu.contracts.entity.EvaluationStatus;
import org.shouhu.contracts.entity.Indicator;
import org.shouhu.contracts.entity.PaymentMilestone;
import org.shouhu.contracts.entity.Prefill;
import org.shouhu.contracts.entity.Project;
import org.shouhu.contracts.entity.ProjectId;
import org.shouhu.contracts.entity.ProjectWeights;
import org.shouhu.contracts.entity.Weights;
import org.shouhu.problems.entity.ProblemException;
import org.shouhu.problems.entity.StateConflictException;
import org.shouhu.tenancy.control.TenantSession;

/**
 * The evaluations of the projects the bound tenant is party to. The funding bureau sees and writes all of its
 * projects' sheets; the organization sees its projects' sheets once they are signed (a draft is the bureau's
 * deliberation, so for the organization it does not exist yet: 404). Any other tenant sees nothing.
 */
@ApplicationScoped
public class Evaluations {

  /** Evaluation days are reckoned in China time, like service records. */
  public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

  @PersistenceContext(unitName = "shouhu")
  EntityManager em;

  @Inject TenantSession session;
  @Inject Projects projects;
  @Inject DeliveryCounts counts;
  @Inject SatisfactionSurveys surveys;

  public static LocalDate today() {
    return LocalDate.now(ZONE);
  }

  /** The weights the project's evaluations use: agreed ones, or the defaults. */
  public Weights weightsOf(ProjectId project) {
    return ownWeights(project).map(ProjectWeights::weights).orElse(Weights.DEFAULT);
  }

  /** The bureau sets a project's weights, only before its first evaluation sheet is opened. */
  public Weights changeWeights(ProjectId id, Weights weights, UUID by) {
    Project project = projects.getFunded(id);
    // Until a sheet is signed the officer may still weigh the indicators; the drafts take the new weights.
    if (signedCountOf(id) > 0) {
      throw new StateConflictException(
          "EVAL_WEIGHTS_FIXED", "An evaluation of this project is signed: its weights are fixed.");
    }
    em.createQuery("select e from Evaluation e where e.projectId = :p and e.bureauId = :t and e.status = :draft", Evaluation.class)
        .setParameter("p", id.value())
        .setParameter("t", session.require().value())
        .setParameter("draft", EvaluationStatus.DRAFT)
        .getResultList()
        .forEach(e -> e.reweigh(weights));
    Optional<ProjectWeights> existing = ownWeights(id);
    if (existing.isPresent()) {
      existing.get().change(weights, by);
    } else {
      em.persist(new ProjectWeights(project, weights, by));
    }
    return weights;
  }

  /**
   * The bureau opens a sheet. Without a named milestone, a pass releases the project's earliest pending milestone
   * of the stage's kind that waits for an evaluation (none, if there is no such milestone).
   */
  public Evaluation open(ProjectId id, EvaluationStage stage, UUID milestoneId, UUID by) {
    Project project = projects.getFunded(id);
    if (draftOf(id, stage).isPresent()) {
      throw new StateConflictException(
          "EVAL_ALREADY_OPEN", "A " + stage + " evaluation of this project is in progress: finish and sign it first.");
    }
    PaymentMilestone milestone = milestoneId == null ? defaultMilestone(project, stage) : named(project, milestoneId);
    Evaluation evaluation = Evaluation.open(project, stage, milestone, weightsOf(id), today(), by);
    em.persist(evaluation);
    prefill(evaluation, project);
    return evaluation;
  }

  /** Recomputes the prefilled values of a draft from today's data; scores already given are left alone. */
  public Evaluation refresh(UUID id) {
    Evaluation evaluation = funded(id);
    prefill(evaluation, projects.get(evaluation.projectId()));
    return evaluation;
  }

  /**
   * Signs the sheet; if it passed, releases its milestone. The answer is the milestone released, if any.
   */
  public Optional<PaymentMilestone> sign(UUID id, String conclusion, UUID by) {
    Evaluation evaluation = funded(id);
    evaluation.sign(conclusion, by);
    if (!evaluation.passed() || evaluation.milestoneId() == null) {
      return Optional.empty();
    }
    PaymentMilestone milestone = named(projects.get(evaluation.projectId()), evaluation.milestoneId());
    milestone.release();
    return Optional.of(milestone);
  }

  /** A sheet the bound tenant may read: the bureau's any, the organization's once signed. */
  public Evaluation visible(UUID id) {
    UUID tenant = session.require().value();
    return em.createQuery("select e from Evaluation e where e.id = :id and (e.bureauId = :t"
            + " or (e.organizationId = :t and e.status = :signed))", Evaluation.class)
        .setParameter("id", id)
        .setParameter("t", tenant)
        .setParameter("signed", EvaluationStatus.SIGNED)
        .getResultStream()
        .findFirst()
        .orElseThrow(() -> ProblemException.notFound("Evaluation"));
  }

  /** A sheet of the bound bureau's, for changing; anyone else's is not found. */
  public Evaluation funded(UUID id) {
    UUID tenant = session.require().value();
    return em.createQuery("select e from Evaluation e where e.id = :id and e.bureauId = :t", Evaluation.class)
        .setParameter("id", id)
        .setParameter("t", tenant)
        .getResultStream()
        .findFirst()
        .orElseThrow(() -> ProblemException.notFound("Evaluation"));
  }

  /** A project's sheets the bound tenant may read, oldest first. */
  public List<Evaluation> ofProject(ProjectId project) {
    projects.get(project);
    UUID tenant = session.require().value();
    return em.createQuery("select e from Evaluation e where e.projectId = :p and (e.bureauId = :t"
            + " or (e.organizationId = :t and e.status = :signed)) order by e.createdAt, e.id", Evaluation.class)
        .setParameter("p", project.value())
        .setParameter("t", tenant)
        .setParameter("signed", EvaluationStatus.SIGNED)
        .getResultList();
  }

  /** Filters of the list; null means "any". */
  public record Filter(EvaluationStatus status, EvaluationStage stage, UUID project) {}

  /**
   * The sheets the bound tenant may read across its projects, newest first: the bureau's worklist of drafts and
   * record of signed sheets, the organization's signed ones.
   */
  public List<Evaluation> page(Filter filter, int offset, int limit) {
    Conditions where = conditions(filter);
    return where
        .bind(em.createQuery("select e from Evaluation e where " + where.where() + " order by e.createdAt desc, e.id", Evaluation.class))
        .setFirstResult(offset)
        .setMaxResults(limit)
        .getResultList();
  }

  public long count(Filter filter) {
    Conditions where = conditions(filter);
    return where.bind(em.createQuery("select count(e) from Evaluation e where " + where.where(), Long.class)).getSingleResult();
  }

  private Conditions conditions(Filter f) {
    return Conditions.always("e.bureauId = :tenant or (e.organizationId = :tenant"
                + " and e.status = org.shouhu.contracts.entity.EvaluationStatus.SIGNED)", "tenant", session.require().value())
        .andIf(f.status(), "e.status = :status", "status")
        .andIf(f.stage(), "e.stage = :stage", "stage")
        .andIf(f.project(), "e.projectId = :project", "project");
  }

  private void prefill(Evaluation evaluation, Project project) {
    Map<UUID, DeliveryCounts.Tally> tallies = counts.of(project.id());
    List<Prefill.Delivery> deliveries = new ArrayList<>();
    long considered = 0;
    long flawed = 0;
    for (Deliverable d : project.deliverables()) {
      DeliveryCounts.Tally t = tallies.get(d.id());
      deliveries.add(new Prefill.Delivery(d.kind().name(), d.target(), t == null ? 0 : t.approved()));
      considered += t == null ? 0 : t.considered();
      flawed += t == null ? 0 : t.flawed();
    }
    Prefill.Value completion =
        Prefill.completion(deliveries, evaluation.stage(), project.period(), evaluation.asOf());
    evaluation.prefill(Indicator.COMPLETION, completion.score(), completion.basis());
    Prefill.Value compliance =
        Prefill.compliance(new Prefill.RecordTally(considered, flawed), incidents(project.id()));
    evaluation.prefill(Indicator.COMPLIANCE, compliance.score(), compliance.basis());
    Prefill.Value satisfaction = Prefill.satisfaction(surveys.percentsUpTo(project.id(), evaluation.asOf()));
    evaluation.prefill(Indicator.SATISFACTION, satisfaction.score(), satisfaction.basis());
  }

  /** Incidents (强制报告) of the project that count, and those handled. Two-party rows: both parties read them. */
  private Prefill.IncidentTally incidents(ProjectId project) {
    Object[] row = (Object[]) em.createNativeQuery(
            "select count(*) filter (where status <> 'VOIDED'),"
                + " count(*) filter (where status = 'CLOSED' or (status = 'OPEN' and step_count > 0))"
                + " from incident where project_id = ?1")
        .setParameter(1, project.value())
        .getSingleResult();
    return new Prefill.IncidentTally(((Number) row[0]).longValue(), ((Number) row[1]).longValue());
  }

  private PaymentMilestone defaultMilestone(Project project, EvaluationStage stage) {
    return project.milestones().stream()
        .filter(m -> m.kind() == stage.releases() && m.requiresEvaluation() && m.status() == PaymentMilestone.Status.PENDING)
        .findFirst()
        .orElse(null);
  }

  private PaymentMilestone named(Project project, UUID milestoneId) {
    PaymentMilestone milestone = project.milestones().stream()
        .filter(m -> m.id().equals(milestoneId))
        .findFirst()
        .orElseThrow(() -> ProblemException.invalid(
            "milestoneId", "EVAL_MILESTONE_UNKNOWN", "The project has no payment milestone with this id."));
    if (!milestone.requiresEvaluation()) {
      throw ProblemException.invalid(
          "milestoneId", "EVAL_MILESTONE_NEEDS_NO_EVALUATION", "This milestone falls due by date; no evaluation releases it.");
    }
    return milestone;
  }

  private Optional<Evaluation> draftOf(ProjectId project, EvaluationStage stage) {
    return em.createQuery("select e from Evaluation e where e.projectId = :p and e.stage = :s and e.status = :draft"
            + " and e.bureauId = :t", Evaluation.class)
        .setParameter("p", project.value())
        .setParameter("s", stage)
        .setParameter("draft", EvaluationStatus.DRAFT)
        .setParameter("t", session.require().value())
        .getResultStream()
        .findFirst();
  }

  private long signedCountOf(ProjectId project) {
    return em.createQuery("select count(e) from Evaluation e where e.projectId = :p and e.bureauId = :t"
            + " and e.status = org.shouhu.contracts.entity.EvaluationStatus.SIGNED", Long.class)
        .setParameter("p", project.value())
        .setParameter("t", session.require().value())
        .getSingleResult();
  }

  private Optional<ProjectWeights> ownWeights(ProjectId project) {
    return em.createQuery("select w from ProjectWeights w where w.projectId = :p"
            + " and (w.organizationId = :t or w.bureauId = :t)", ProjectWeights.class)
        .setParameter("p", project.value())
        .setParameter("t", session.require().value())
        .getResultStream()
        .findFirst();
  }

}
