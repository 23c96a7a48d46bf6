package org.shouhu.contracts.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.shouhu.contracts.entity.ProjectId;
import org.shouhu.contracts.entity.SatisfactionSurvey;
import org.shouhu.problems.entity.ProblemException;
import org.shouhu.tenancy.control.TenantSession;

/**
 * The satisfaction surveys of the projects the bound tenant is party to. Like {@link Projects}, every query names
 * both parties explicitly; row-level security says the same underneath.
 */
@ApplicationScoped
public class SatisfactionSurveys {

  @PersistenceContext(unitName = "shouhu")
  EntityManager em;

  @Inject TenantSession session;

  public void add(SatisfactionSurvey survey) {
    session.require();
    em.persist(survey);
  }

  public SatisfactionSurvey visible(UUID id) {
    UUID tenant = session.require().value();
    return em.createQuery("select s from SatisfactionSurvey s where s.id = :id"
            + " and (s.organizationId = :t or s.bureauId = :t)", SatisfactionSurvey.class)
        .setParameter("id", id)
        .setParameter("t", tenant)
        .getResultStream()
        .findFirst()
        .orElseThrow(() -> ProblemException.notFound("Survey"));
  }

  /** A project's surveys, newest first, voided ones included (they are shown as voided). */
  public List<SatisfactionSurvey> ofProject(ProjectId project, int offset, int limit) {
    return em.createQuery("select s from SatisfactionSurvey s where s.projectId = :p"
            + " and (s.organizationId = :t or s.bureauId = :t) order by s.surveyedOn desc, s.createdAt desc, s.id",
            SatisfactionSurvey.class)
        .setParameter("p", project.value())
        .setParameter("t", session.require().value())
        .setFirstResult(offset)
        .setMaxResults(limit)
        .getResultList();
  }

  public long countOf(ProjectId project) {
    return em.createQuery("select count(s) from SatisfactionSurvey s where s.projectId = :p"
            + " and (s.organizationId = :t or s.bureauId = :t)", Long.class)
        .setParameter("p", project.value())
        .setParameter("t", session.require().value())
        .getSingleResult();
  }

  /** The live (not voided) surveys answered up to a day, each on the 0–100 scale. */
  public List<BigDecimal> percentsUpTo(ProjectId project, LocalDate day) {
    return em.createQuery("select s from SatisfactionSurvey s where s.projectId = :p and s.surveyedOn <= :d"
            + " and s.voiding.reason is null and (s.organizationId = :t or s.bureauId = :t)", SatisfactionSurvey.class)
        .setParameter("p", project.value())
        .setParameter("d", day)
        .setParameter("t", session.require().value())
        .getResultStream()
        .map(SatisfactionSurvey::percent)
        .toList();
  }
}
