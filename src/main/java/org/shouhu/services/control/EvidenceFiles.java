package org.shouhu.services.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.shouhu.beneficiaries.control.Enrolments;
import org.shouhu.contracts.entity.Project;
import org.shouhu.contracts.entity.ServiceKind;
import org.shouhu.problems.entity.InvalidValueException;
import org.shouhu.problems.entity.ProblemException;
import org.shouhu.problems.entity.StateConflictException;
import org.shouhu.services.control.ServiceRecords.Actor;
import org.shouhu.services.entity.Evidence;
import org.shouhu.services.entity.EvidenceContent;
import org.shouhu.services.entity.EvidenceType;
import org.shouhu.services.entity.ServiceRecord;
import org.shouhu.services.entity.ServiceStatus;
import org.shouhu.tenancy.control.TenantSession;

/**
 * Evidence files of service records, as their two parties use them. The organization's staff see a record's files
 * as they see the record (its worker, supervisors, ORG_ADMIN); its worker attaches files while the record is
 * theirs to change; the funding bureau of the record's project finds and downloads the files of records handed in
 * for review or approved. Every query names both parties explicitly, as for incidents; row-level security
 * enforces the same underneath. Anyone else, and any id that is not the caller's to see, is 404.
 */
@ApplicationScoped
public class EvidenceFiles {

  /** The kinds of record that take evidence so far; another kind joins by being added here. */
  public static final Set<ServiceKind> KINDS = EnumSet.of(ServiceKind.SCHOOL_ACTIVITY);

  /** Namespace of this context's per-record advisory locks (first key of pg_advisory_xact_lock(int, int)). */
  private static final int RECORD_LOCK = 4_0002;
  private static final List<ServiceStatus> SHARED = List.of(ServiceStatus.SUBMITTED, ServiceStatus.APPROVED);

  @PersistenceContext(unitName = "shouhu")
  EntityManager em;

  @Inject ServiceRecords records;
  @Inject Enrolments enrolments;
  @Inject TenantSession session;

  /** A file as uploaded: the name the client gave (may be null) and the bytes, at most {@link Evidence#MAX_BYTES}. */
  public record Upload(String fileName, byte[] bytes) {}

  /** The file attached, and whether it is new or the same bytes were already attached to the record. */
  public record Attached(Evidence evidence, boolean created) {}

  /**
   * Attaches a file to the actor's own record. Refused, in this order: someone else's record (404, or 403
   * {@code SVC_NOT_OWNER} inside the organization), a kind that takes no evidence (409 {@code EVIDENCE_NOT_FOR_KIND}),
   * a record no longer the worker's to change (409 {@code SVC_NOT_EDITABLE}), a locked period (409
   * {@code SVC_PERIOD_LOCKED} unless ORG_ADMIN), bytes that are none of the accepted types (415
   * {@code EVIDENCE_TYPE_NOT_ALLOWED}), a record that already has its maximum of files (409
   * {@code EVIDENCE_LIMIT_REACHED}). The same bytes twice are the same file: the first one is answered.
   */
  public Attached attach(UUID recordId, Upload upload, Actor actor) {
    ServiceRecord record = records.owned(recordId, actor);
    if (!KINDS.contains(record.kind())) {
      throw new StateConflictException(
          "EVIDENCE_NOT_FOR_KIND", "A " + record.kind() + " record takes no evidence files; one of " + KINDS + " does.");
    }
    record.requireOpenForEvidence();
    Project project = enrolments.ownProject(record.projectId());
    PeriodLockRule.Lock lock = records.guardLock(record.startedAt(), project, records.zone(), actor);
    EvidenceType type = EvidenceType.sniff(upload.bytes()).orElseThrow(() -> new ProblemException(415,
        "EVIDENCE_TYPE_NOT_ALLOWED", "Type not allowed",
        "Evidence is a JPEG, PNG, WebP or HEIC photo or a PDF; this file's content is none of them."));
    String name;
    try {
      name = Evidence.fileName(upload.fileName(), type);
    } catch (InvalidValueException e) {
      throw ProblemException.invalid("fileName", e);
    }
    PhotoLocation.Stripped stored = PhotoLocation.from(type, upload.bytes());
    lockRecord(recordId);
    String checksum = Evidence.sha256(stored.bytes());
    Optional<Evidence> same = live(recordId).stream().filter(e -> e.sha256().equals(checksum)).findFirst();
    if (same.isPresent()) {
      return new Attached(same.get(), false);
    }
    if (live(recordId).size() >= Evidence.MAX_PER_RECORD) {
      throw new StateConflictException(
          "EVIDENCE_LIMIT_REACHED", "A record has at most " + Evidence.MAX_PER_RECORD + " files; void one first.");
    }
    Evidence evidence;
    try {
      evidence = Evidence.attach(record, project.organizationId(), project.bureauId(), name, type, stored.bytes(),
          stored.removed(), actor.id());
    } catch (InvalidValueException e) {
      throw ProblemException.invalid("", e);
    }
    em.persist(evidence);
    em.persist(new EvidenceContent(evidence, stored.bytes()));
    records.auditLockedChange(record, "ATTACH_EVIDENCE", lock, actor);
    return new Attached(evidence, true);
  }

  /** The files of a record the actor may see, oldest first, voided ones included. */
  public List<Evidence> ofRecord(UUID recordId, Actor actor) {
    ServiceRecord record = records.visible(recordId, actor);
    return em.createQuery("select e from Evidence e where e.recordId = :r and e.organizationId = :t"
            + " order by e.createdAt, e.id", Evidence.class)
        .setParameter("r", record.id())
        .setParameter("t", session.require().value())
        .getResultList();
  }

  /**
   * A file the caller may see: for the organization, one of a record the actor sees; for the funding bureau, one
   * it is {@link Evidence#sharedWithBureau() shared}. Else 404, whoever asks.
   */
  public Evidence visible(UUID id, Actor actor) {
    UUID tenant = session.require().value();
    Evidence evidence = em.createQuery(
            "select e from Evidence e where e.id = :id and (e.organizationId = :t or e.bureauId = :t)", Evidence.class)
        .setParameter("id", id)
        .setParameter("t", tenant)
        .getResultStream()
        .findFirst()
        .orElseThrow(EvidenceFiles::notFound);
    if (evidence.organizationId().equals(tenant)) {
      try {
        records.visible(evidence.recordId(), actor);
      } catch (ProblemException hidden) {
        throw notFound();
      }
    } else if (!evidence.sharedWithBureau()) {
      throw notFound();
    }
    return evidence;
  }

  public byte[] content(Evidence evidence) {
    EvidenceContent content = em.find(EvidenceContent.class, evidence.id());
    if (content == null) {
      throw new IllegalStateException("evidence " + evidence.id() + " has no content row");
    }
    return content.bytes();
  }

  /** True when the bound tenant is the funding bureau of the file, not the organization that holds it. */
  public boolean readByBureau(Evidence evidence) {
    return !evidence.organizationId().equals(session.require().value());
  }

  /**
   * Voids a file. Its record's worker may while the record is theirs to change; a supervisor or ORG_ADMIN at any
   * time (a photo that shows what it should not must be withdrawn even from an approved record). The period lock
   * applies as to the record.
   */
  public Evidence voidBecause(UUID id, String reason, Actor actor) {
    Evidence evidence = visible(id, actor);
    if (readByBureau(evidence)) {
      throw notFound();
    }
    ServiceRecord record = records.visible(evidence.recordId(), actor);
    if (!actor.supervisory()) {
      if (!record.isOwnedBy(actor.id())) {
        throw ProblemException.forbidden("SVC_NOT_OWNER", "Only the worker who logged a record changes its evidence.");
      }
      if (record.status() != ServiceStatus.DRAFT && record.status() != ServiceStatus.RETURNED) {
        throw ProblemException.forbidden(
            "EVIDENCE_VOID_NEEDS_SUPERVISOR", "Once a record is handed in, a supervisor voids its evidence.");
      }
    }
    PeriodLockRule.Lock lock = evidence.isVoided()
        ? null
        : records.guardLock(record.startedAt(), enrolments.ownProject(record.projectId()), records.zone(), actor);
    try {
      evidence.voidBecause(reason, actor.id());
    } catch (InvalidValueException e) {
      throw ProblemException.invalid("reason", e);
    }
    records.auditLockedChange(record, "VOID_EVIDENCE", lock, actor);
    return evidence;
  }

  /** Filters of the list; null means any. */
  public record Filter(UUID project) {}

  /**
   * The files the bound tenant is party to, by service day: all of the organization's own (voided ones too), and
   * for a bureau those of its projects shared with it.
   */
  public List<Evidence> page(Filter filter, int offset, int limit) {
    return bind(em.createQuery("select e from Evidence e where " + where(filter)
            + " order by e.serviceOn desc, e.createdAt, e.id", Evidence.class), filter)
        .setFirstResult(offset)
        .setMaxResults(limit)
        .getResultList();
  }

  public long count(Filter filter) {
    return bind(em.createQuery("select count(e) from Evidence e where " + where(filter), Long.class), filter)
        .getSingleResult();
  }

  private static String where(Filter f) {
    String parties = "(e.organizationId = :t or (e.bureauId = :t and e.voiding.at is null and e.recordStatus in :shared))";
    return f.project() == null ? parties : parties + " and e.projectId = :project";
  }

  private <T> TypedQuery<T> bind(TypedQuery<T> q, Filter f) {
    q.setParameter("t", session.require().value()).setParameter("shared", SHARED);
    if (f.project() != null) {
      q.setParameter("project", f.project());
    }
    return q;
  }

  private List<Evidence> live(UUID recordId) {
    return em.createQuery("select e from Evidence e where e.recordId = :r and e.organizationId = :t"
            + " and e.voiding.at is null", Evidence.class)
        .setParameter("r", recordId)
        .setParameter("t", session.require().value())
        .getResultList();
  }

  /** Serializes uploads to one record, so two copies of a retried upload cannot both pass the duplicate check. */
  private void lockRecord(UUID record) {
    em.createNativeQuery("select count(*) from (select pg_advisory_xact_lock(?1, hashtext(?2))) l")
        .setParameter(1, RECORD_LOCK)
        .setParameter(2, record.toString())
        .getSingleResult();
  }

  private static ProblemException notFound() {
    return ProblemException.notFound("Evidence");
  }
}
