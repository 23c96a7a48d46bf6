package org.shouhu.beneficiaries.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.shouhu.beneficiaries.entity.Beneficiary;
import org.shouhu.beneficiaries.entity.BeneficiaryId;
import org.shouhu.beneficiaries.entity.Category;
import org.shouhu.beneficiaries.entity.Enrolment;
import org.shouhu.beneficiaries.entity.EnrolmentEndReason;
import org.shouhu.contracts.control.Projects;
import org.shouhu.contracts.entity.Project;
import org.shouhu.contracts.entity.ProjectId;
import org.shouhu.contracts.entity.ProjectStatus;
import org.shouhu.problems.entity.ProblemException;
import org.shouhu.problems.entity.StateConflictException;
import org.shouhu.regions.entity.DivisionCode;
import org.shouhu.tenancy.control.TenantSession;

/**
 * Who is served under which of the organization's projects. An enrolment joins the organization's own active
 * project and its own live beneficiary, living in one of the project's towns and belonging to one of its target
 * groups: the contract pays for exactly those people.
 */
@ApplicationScoped
public class Enrolments {

  @PersistenceContext(unitName = "shouhu")
  EntityManager em;

  @Inject TenantSession session;
  @Inject Projects projects;
  @Inject Beneficiaries beneficiaries;

  public record Enrolled(Enrolment enrolment, Beneficiary beneficiary) {}

  /** The bound tenant's own project: a bureau funding it cannot enrol people into it. */
  public Project ownProject(ProjectId id) {
    Project project = projects.get(id);
    if (!project.organizationId().equals(session.require().value())) {
      throw ProblemException.notFound("Project");
    }
    return project;
  }

  public Enrolled enrol(ProjectId projectId, BeneficiaryId beneficiaryId, LocalDate on, UUID actor) {
    Project project = ownProject(projectId);
    if (project.status() != ProjectStatus.ACTIVE) {
      throw new StateConflictException("ENROLMENT_PROJECT_NOT_ACTIVE", "People are enrolled in active projects only.");
    }
    Beneficiary person = beneficiaries.find(beneficiaryId)
        .orElseThrow(() -> ProblemException.invalid("beneficiaryId", "BENEFICIARY_UNKNOWN", "No such beneficiary."));
    if (person.isVoided()) {
      throw ProblemException.invalid("beneficiaryId", "BENEFICIARY_VOIDED", "This beneficiary's record is voided.");
    }
    if (!project.period().contains(on)) {
      throw ProblemException.invalid("enrolledOn", "ENROLMENT_OUTSIDE_PERIOD", "The date lies outside the project period.");
    }
    DivisionCode village = person.village();
    if (village != null && project.coveredTowns().stream().map(DivisionCode::of).noneMatch(village::isWithin)) {
      throw ProblemException.invalid(
          "beneficiaryId", "ENROLMENT_OUTSIDE_PROJECT_AREA", "The person lives outside the towns this project covers.");
    }
    Set<String> groups = project.targetGroups();
    Set<String> categories = person.categories().stream().map(Category::name).collect(Collectors.toSet());
    if (!groups.isEmpty() && groups.stream().noneMatch(categories::contains)) {
      throw ProblemException.invalid(
          "beneficiaryId", "ENROLMENT_TARGET_GROUP_MISMATCH", "The person belongs to none of the project's target groups.");
    }
    if (live(projectId, beneficiaryId)) {
      throw ProblemException.conflict("ENROLMENT_EXISTS", "This person is already enrolled in this project.");
    }
    Enrolment enrolment = new Enrolment(projectId.value(), beneficiaryId, on, actor);
    em.persist(enrolment);
    return new Enrolled(enrolment, person);
  }

  public List<Enrolled> page(ProjectId projectId, boolean includeVoided, int offset, int limit) {
    ownProject(projectId);
    return em.createQuery(
            "select e from Enrolment e where e.projectId = :p" + (includeVoided ? "" : " and e.status = 'ACTIVE'")
                + " order by e.enrolledOn, e.id",
            Enrolment.class)
        .setParameter("p", projectId.value())
        .setFirstResult(offset)
        .setMaxResults(limit)
        .getResultList()
        .stream()
        .map(e -> new Enrolled(e, beneficiaries.get(e.beneficiaryId())))
        .toList();
  }

  public long count(ProjectId projectId, boolean includeVoided) {
    return em.createQuery(
            "select count(e) from Enrolment e where e.projectId = :p" + (includeVoided ? "" : " and e.status = 'ACTIVE'"),
            Long.class)
        .setParameter("p", projectId.value())
        .getSingleResult();
  }

  public Enrolled voidBecause(ProjectId projectId, UUID enrolmentId, String reason, UUID actor) {
    ownProject(projectId);
    Enrolment e = em.find(Enrolment.class, enrolmentId);
    if (e == null || !e.projectId().equals(projectId.value())) {
      throw ProblemException.notFound("Enrolment");
    }
    e.voidBecause(reason, actor);
    return new Enrolled(e, beneficiaries.get(e.beneficiaryId()));
  }

  /** Ends a live enrolment of the project on a day for a reason (the person was served rightly until then). */
  public Enrolled end(
      ProjectId projectId, UUID enrolmentId, LocalDate on, EnrolmentEndReason reason, String note, UUID actor,
      LocalDate today) {
    ownProject(projectId);
    Enrolment e = em.find(Enrolment.class, enrolmentId);
    if (e == null || !e.projectId().equals(projectId.value())) {
      throw ProblemException.notFound("Enrolment");
    }
    e.endOn(on, reason, note, actor, today);
    return new Enrolled(e, beneficiaries.get(e.beneficiaryId()));
  }

  /** A person's enrolments in every project of the organization, newest first, voided ones included. */
  public List<Enrolment> ofPerson(BeneficiaryId person) {
    return em.createQuery(
            "select e from Enrolment e where e.beneficiaryId = :b order by e.enrolledOn desc, e.id", Enrolment.class)
        .setParameter("b", person.value())
        .getResultList();
  }

  /**
   * Those of {@code people} the project served on {@code day}: a live enrolment, or one that ended on or after that
   * day (a visit made before a child moved away still counts for the month it was made in).
   */
  public Set<BeneficiaryId> enrolledAmongOn(ProjectId projectId, Set<BeneficiaryId> people, LocalDate day) {
    if (people.isEmpty()) {
      return Set.of();
    }
    List<UUID> found = em.createQuery(
            "select e.beneficiaryId from Enrolment e where e.projectId = :p and e.beneficiaryId in :b"
                + " and (e.status = 'ACTIVE' or (e.status = 'ENDED' and e.endedOn >= :day))", UUID.class)
        .setParameter("p", projectId.value())
        .setParameter("b", people.stream().map(BeneficiaryId::value).toList())
        .setParameter("day", day)
        .getResultList();
    return found.stream().map(BeneficiaryId::new).collect(Collectors.toSet());
  }

  /** Those of {@code people} with a live enrolment in the project (service logging checks who it may serve). */
  public Set<BeneficiaryId> enrolledAmong(ProjectId projectId, Set<BeneficiaryId> people) {
    if (people.isEmpty()) {
      return Set.of();
    }
    List<UUID> found = em.createQuery(
            "select e.beneficiaryId from Enrolment e where e.projectId = :p and e.status = 'ACTIVE'"
                + " and e.beneficiaryId in :b", UUID.class)
        .setParameter("p", projectId.value())
        .setParameter("b", people.stream().map(BeneficiaryId::value).toList())
        .getResultList();
    return found.stream().map(BeneficiaryId::new).collect(Collectors.toSet());
  }

  private boolean live(ProjectId project, BeneficiaryId person) {
    return !em.createQuery(
            "select e.id from Enrolment e where e.projectId = :p and e.beneficiaryId = :b and e.status = 'ACTIVE'")
        .setParameter("p", project.value())
        .setParameter("b", person.value())
        .setMaxResults(1)
        .getResultList()
        .isEmpty();
  }
}
