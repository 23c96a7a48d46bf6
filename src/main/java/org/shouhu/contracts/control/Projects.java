package org.shouhu.contracts.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.shouhu.Conditions;
import org.shouhu.contracts.entity.Project;
import org.shouhu.contracts.entity.ProjectId;
import org.shouhu.contracts.entity.ProjectStatus;
import org.shouhu.problems.entity.ProblemException;
import org.shouhu.tenancy.control.TenantSession;


/**
 * The projects the bound tenant is a party to, as organization or as funding bureau. Every query carries that
 * condition explicitly (the entity is shared by two tenants, so EclipseLink's discriminator cannot express it);
 * row-level security enforces the same rule underneath.
 */
@ApplicationScoped
public class Projects {

  @PersistenceContext(unitName = "shouhu")
  EntityManager em;

  @Inject TenantSession session;

  /** Filters of the project list; null means "any". */
  public record Filter(
      ProjectStatus status, UUID bureauId, UUID organizationId, LocalDate activeFrom, LocalDate activeTo,
      String sort, boolean descending) {}

  private static final Map<String, String> SORTABLE =
      Map.of(
          "contractNumber", "p.contractNumber",
          "title", "p.title",
          "periodStart", "p.period.start",
          "periodEnd", "p.period.end",
          "budget", "p.budget",
          "createdAt", "p.createdAt");

  public static boolean sortable(String field) {
    return SORTABLE.containsKey(field);
  }

  public void add(Project project) {
    session.require();
    if (contractNumberTaken(project.bureauId(), project.contractNumber())) {
      throw ProblemException.conflict(
          "PROJECT_CONTRACT_NUMBER_TAKEN", "This bureau already has a project with contract number "
              + project.contractNumber() + ".");
    }
    em.persist(project);
  }

  /** Deletes the parts a draft's revision took off it (the database allows it only while the project is a draft). */
  public void deleteParts(List<Object> parts) {
    session.require();
    parts.forEach(em::remove);
    em.flush();
  }

  public void record(org.shouhu.contracts.entity.ProjectAmendment amendment) {
    session.require();
    em.persist(amendment);
  }

  /** A project's amendments, oldest first: its contract's history after the award. */
  public List<org.shouhu.contracts.entity.ProjectAmendment> amendments(ProjectId id) {
    session.require();
    return em.createQuery(
            "select a from ProjectAmendment a where a.projectId = :p order by a.createdAt, a.id",
            org.shouhu.contracts.entity.ProjectAmendment.class)
        .setParameter("p", id.value())
        .getResultList();
  }

  /** A project the bound tenant is party to; another tenant's project is simply not found. */
  public Optional<Project> find(ProjectId id) {
    UUID tenant = session.require().value();
    return em.createQuery(
            "select p from Project p where p.id = :id and (p.organizationId = :t or p.bureauId = :t)", Project.class)
        .setParameter("id", id.value())
        .setParameter("t", tenant)
        .getResultStream()
        .findFirst();
  }

  public Project get(ProjectId id) {
    return find(id).orElseThrow(() -> ProblemException.notFound("Project"));
  }

  /** A project the bound tenant funds: only the bureau may change it. */
  public Project getFunded(ProjectId id) {
    Project project = get(id);
    if (!project.bureauId().equals(session.require().value())) {
      throw ProblemException.forbidden("PROJECT_NOT_FUNDED_BY_CALLER", "Only the funding bureau changes a project.");
    }
    return project;
  }

  public List<Project> page(Filter filter, int offset, int limit) {
    String field = filter.sort() == null ? "p.createdAt" : SORTABLE.getOrDefault(filter.sort(), "p.createdAt");
    String order = field + (filter.descending() ? " desc" : " asc");
    Conditions where = conditions(filter);
    return where
        .bind(em.createQuery("select p from Project p where " + where.where() + " order by " + order + ", p.id", Project.class))
        .setFirstResult(offset)
        .setMaxResults(limit)
        .getResultList();
  }

  public long count(Filter filter) {
    Conditions where = conditions(filter);
    return where.bind(em.createQuery("select count(p) from Project p where " + where.where(), Long.class)).getSingleResult();
  }

  private boolean contractNumberTaken(UUID bureau, String number) {
    return !em.createQuery("select p.id from Project p where p.bureauId = :b and p.contractNumber = :n")
        .setParameter("b", bureau)
        .setParameter("n", number)
        .setMaxResults(1)
        .getResultList()
        .isEmpty();
  }

  private Conditions conditions(Filter f) {
    return Conditions.always("p.organizationId = :tenant or p.bureauId = :tenant", "tenant", session.require().value())
        .andIf(f.status(), "p.status = :status", "status")
        .andIf(f.bureauId(), "p.bureauId = :bureau", "bureau")
        .andIf(f.organizationId(), "p.organizationId = :organization", "organization")
        .andIf(f.activeFrom(), "p.period.end >= :from", "from")
        .andIf(f.activeTo(), "p.period.start <= :to", "to");
  }


}
