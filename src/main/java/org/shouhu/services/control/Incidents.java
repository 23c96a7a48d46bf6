package org.shouhu.services.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.shouhu.Conditions;
import org.shouhu.beneficiaries.control.Beneficiaries;
import org.shouhu.beneficiaries.control.Enrolments;
import org.shouhu.beneficiaries.entity.Beneficiary;
import org.shouhu.beneficiaries.entity.BeneficiaryId;
import org.shouhu.contracts.entity.Project;
import org.shouhu.contracts.entity.ProjectId;
import org.shouhu.contracts.entity.ProjectStatus;
import org.shouhu.problems.entity.FieldError;
import org.shouhu.problems.entity.InvalidValueException;
import org.shouhu.problems.entity.ProblemException;
import org.shouhu.problems.entity.StateConflictException;
import org.shouhu.services.entity.Concern;
import org.shouhu.services.entity.Incident;
import org.shouhu.services.entity.IncidentStatus;
import org.shouhu.services.entity.IncidentStep;
import org.shouhu.services.entity.Report;
import org.shouhu.tenancy.control.TenantSession;

/**
 * Mandatory-report incidents the bound tenant is party to: as the organization that raised them, or as the bureau
 * funding their project. Like {@code contracts.control.Projects}, every query names both parties explicitly (the
 * entity is shared, so EclipseLink's tenant discriminator cannot filter it); row-level security enforces the same
 * rule underneath. Only the organization changes an incident: for the bureau, a write finds nothing (404).
 */
@ApplicationScoped
public class Incidents {

  @PersistenceContext(unitName = "shouhu")
  EntityManager em;

  @Inject TenantSession session;
  @Inject Enrolments enrolments;
  @Inject Beneficiaries beneficiaries;
  @Inject org.shouhu.beneficiaries.control.Referrals referrals;

  /** What the worker filled in on the card, already checked field by field. */
  public record Card(
      ProjectId project, UUID sourceRecordId, BeneficiaryId child, Concern concern, String found,
      OffsetDateTime foundAt, Report report) {}

  /** Filters of the list; null means "any". */
  /** @param record only incidents raised from this service record (the record's back-link to its concerns) */
  /** @param acknowledged only those the bureau has (true) or has not yet (false) acknowledged */
  public record Filter(IncidentStatus status, UUID project, Concern concern, UUID record, Boolean acknowledged) {
    public Filter(IncidentStatus status, UUID project, Concern concern, UUID record) {
      this(status, project, concern, record, null);
    }
  }

  /**
   * Opens an incident for a child enrolled in one of the organization's own active projects. All refusals about
   * the card's content come back together as field errors; an inactive project is a conflict.
   */
  public Incident raise(Card card, UUID by) {
    Project project = enrolments.ownProject(card.project());
    if (project.status() != ProjectStatus.ACTIVE) {
      throw new StateConflictException("INC_PROJECT_NOT_ACTIVE", "Incidents are raised under active projects only.");
    }
    List<FieldError> errors = new ArrayList<>();
    Optional<Beneficiary> child = beneficiaries.find(card.child()).filter(b -> !b.isVoided());
    if (child.isEmpty()) {
      errors.add(new FieldError("beneficiaryId", "BENEFICIARY_UNKNOWN", "No such beneficiary."));
    } else if (enrolments.enrolledAmong(card.project(), Set.of(card.child())).isEmpty()) {
      errors.add(new FieldError(
          "beneficiaryId", "INC_CHILD_NOT_ENROLLED", "The child has no live enrolment in this project."));
    }
    if (card.sourceRecordId() != null && !recordOfProject(card.sourceRecordId(), card.project())) {
      errors.add(new FieldError(
          "serviceRecordId", "INC_SOURCE_RECORD_UNKNOWN", "No service record of this project has that id."));
    }
    Incident incident = null;
    if (errors.isEmpty()) {
      Beneficiary person = child.orElseThrow();
      var subject = new Incident.Subject(project.organizationId(), project.bureauId(), card.project(),
          card.sourceRecordId(), card.child(), person.name().masked(), person.village());
      try {
        incident = Incident.raise(subject, card.concern(), card.found(), card.foundAt(), card.report(), by,
            OffsetDateTime.now(ZoneOffset.UTC));
      } catch (InvalidValueException e) {
        errors.add(new FieldError(fieldOf(e.code()), e.code(), e.getMessage()));
      }
    }
    if (!errors.isEmpty()) {
      throw ProblemException.invalid(errors);
    }
    em.persist(incident);
    return incident;
  }

  public IncidentStep appendStep(UUID id, LocalDate takenOn, String action, String doneBy, UUID by) {
    return appendStep(id, null, takenOn, action, doneBy, by);
  }

  /**
   * An organization's step, naming (when {@code referral} is given) the referral of the incident's child it made:
   * the organization's own referral, of the same child, or a field error.
   */
  public IncidentStep appendStep(UUID id, UUID referral, LocalDate takenOn, String action, String doneBy, UUID by) {
    Incident incident = own(id);
    if (referral != null) referrals.ownOf(referral, incident.beneficiaryId());
    try {
      return referral == null ? incident.appendStep(takenOn, action, doneBy, by, today())
          : incident.appendReferralStep(referral, takenOn, action, doneBy, by, today());
    } catch (InvalidValueException e) {
      throw ProblemException.invalid(e.code().startsWith("INC_STEP") ? "takenOn" : "action", e);
    }
  }

  /** The funding bureau acknowledges a report of one of its projects. */
  public Incident acknowledge(UUID id, UUID by) {
    Incident incident = funded(id);
    incident.acknowledge(by, today());
    return incident;
  }

  /** A step by the funding bureau: its own follow-up, or (referredTo given) a referral to another department. */
  public IncidentStep bureauStep(UUID id, String referredTo, LocalDate takenOn, String action, String doneBy, UUID by) {
    Incident incident = funded(id);
    try {
      return incident.appendStep(Incident.Party.BUREAU, referredTo, takenOn, action, doneBy, by, today());
    } catch (InvalidValueException e) {
      String field = e.code().startsWith("INC_STEP") ? (referredTo == null ? "takenOn" : "referredOn")
          : e.code().equals("INC_REFERRED_TO_REQUIRED") || (referredTo != null && referredTo.strip().length() > Incident.REFERRED_TO_MAX) ? "referredTo"
          : "action";
      throw ProblemException.invalid(field, e);
    }
  }

  /** The funding bureau ends its follow-up: the report is closed with the outcome it records. */
  public Incident closeByBureau(UUID id, LocalDate on, String outcome, UUID by) {
    Incident incident = funded(id);
    try {
      incident.close(Incident.Party.BUREAU, on, outcome, by, today());
    } catch (InvalidValueException e) {
      throw ProblemException.invalid(e.code().startsWith("INC_CLOSED") ? "closedOn" : "outcome", e);
    }
    return incident;
  }

  public Incident close(UUID id, LocalDate on, String outcome, UUID by) {
    Incident incident = own(id);
    try {
      incident.close(on, outcome, by, today());
    } catch (InvalidValueException e) {
      throw ProblemException.invalid(e.code().startsWith("INC_CLOSED") ? "closedOn" : "outcome", e);
    }
    return incident;
  }

  public Incident voidBecause(UUID id, String reason, UUID by) {
    Incident incident = own(id);
    try {
      incident.voidBecause(reason, by);
    } catch (InvalidValueException e) {
      throw ProblemException.invalid("reason", e);
    }
    return incident;
  }

  /** An incident the bound tenant is party to; any other id is simply not found. */
  public Incident visible(UUID id) {
    UUID tenant = session.require().value();
    return em.createQuery(
            "select i from Incident i where i.id = :id and (i.organizationId = :t or i.bureauId = :t)", Incident.class)
        .setParameter("id", id)
        .setParameter("t", tenant)
        .getResultStream()
        .findFirst()
        .orElseThrow(() -> ProblemException.notFound("Incident"));
  }

  /** Oldest first: the incident open longest heads the list. */
  public List<Incident> page(Filter filter, int offset, int limit) {
    Conditions where = conditions(filter);
    return where
        .bind(em.createQuery("select i from Incident i where " + where.where() + " order by i.createdAt, i.id", Incident.class))
        .setFirstResult(offset)
        .setMaxResults(limit)
        .getResultList();
  }

  public long count(Filter filter) {
    Conditions where = conditions(filter);
    return where.bind(em.createQuery("select count(i) from Incident i where " + where.where(), Long.class)).getSingleResult();
  }

  /** Today in China time, the day steps and closures are dated by. */
  public static LocalDate today() {
    return LocalDate.now(Incident.ZONE);
  }

  private Incident own(UUID id) {
    Incident incident = visible(id);
    if (!incident.organizationId().equals(session.require().value())) {
      throw ProblemException.notFound("Incident");
    }
    return incident;
  }

  private Incident funded(UUID id) {
    Incident incident = visible(id);
    if (!incident.isFundedBy(session.require().value())) {
      throw ProblemException.notFound("Incident");
    }
    return incident;
  }

  private boolean recordOfProject(UUID record, ProjectId project) {
    return !em.createQuery("select r.id from ServiceRecord r where r.id = :id and r.projectId = :p")
        .setParameter("id", record)
        .setParameter("p", project.value())
        .setMaxResults(1)
        .getResultList()
        .isEmpty();
  }

  private static String fieldOf(String code) {
    return switch (code) {
      case "INC_FOUND_IN_FUTURE" -> "foundAt";
      case "INC_REPORT_IN_FUTURE", "INC_REPORT_BEFORE_FOUND" -> "reportedAt";
      case "INC_REPORTED_TO_REQUIRED" -> "reportedTo";
      case "INC_CONCERN_UNKNOWN" -> "concern";
      default -> "found";
    };
  }

  private Conditions conditions(Filter f) {
    return Conditions.always("i.organizationId = :tenant or i.bureauId = :tenant", "tenant", session.require().value())
        .andIf(f.status(), "i.status = :status", "status")
        .andIf(f.project(), "i.projectId = :project", "project")
        .andIf(f.concern(), "i.concern = :concern", "concern")
        .andIf(f.record(), "i.sourceRecordId = :record", "record")
        .andWhen(Boolean.FALSE.equals(f.acknowledged()), "i.acknowledgedOn is null")
        .andWhen(Boolean.TRUE.equals(f.acknowledged()), "i.acknowledgedOn is not null");
  }
}
