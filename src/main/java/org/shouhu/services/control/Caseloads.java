package org.shouhu.services.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.shouhu.audit.control.AuditTrail;
import org.shouhu.identity.control.Accounts;
import org.shouhu.identity.entity.Role;
import org.shouhu.identity.entity.User;
import org.shouhu.problems.entity.ProblemException;
import org.shouhu.problems.entity.StateConflictException;
import org.shouhu.services.entity.CaseStatus;
import org.shouhu.services.entity.CounselingCase;
import org.shouhu.services.entity.GroupStatus;
import org.shouhu.services.entity.ServiceGroup;
import org.shouhu.tenancy.control.TenantSession;

/**
 * A worker's caseload: their open counseling cases (intake to closing), the open groups they facilitate, and the
 * people they are due to visit. The last are the active enrolments of active projects whose home visitor is the
 * worker: named in {@code home_visitor} (V105), or else the worker who logged the person's latest home visit under
 * the project. A transfer moves all three to another worker in one transaction and one audit event.
 */
@ApplicationScoped
public class Caseloads {

  private static final List<CaseStatus> OPEN_CASES =
      List.of(CaseStatus.INTAKE, CaseStatus.ASSESSED, CaseStatus.PLANNED, CaseStatus.CLOSING);

  /**
   * Every enrolled person of an active project with their home visitor: the assigned one, else the worker of the
   * latest live home visit. Row-level security keeps it to the bound organization.
   */
  private static final String VISITORS = """
      with last_visit as (
        select distinct on (r.project_id, p.beneficiary_id) r.project_id, p.beneficiary_id, r.worker_id, r.started_at
        from service_record r join service_participant p on p.tenant_id = r.tenant_id and p.record_id = r.id
        where r.kind = 'HOME_VISIT' and r.status <> 'VOIDED' and p.removed_at is null
        order by r.project_id, p.beneficiary_id, r.started_at desc)
      select e.project_id, e.beneficiary_id, lv.started_at, hv.worker_id is not null
      from enrolment e
      join project pr on pr.tenant_id = e.tenant_id and pr.id = e.project_id and pr.status = 'ACTIVE'
      left join home_visitor hv on hv.tenant_id = e.tenant_id and hv.project_id = e.project_id
        and hv.beneficiary_id = e.beneficiary_id
      left join last_visit lv on lv.project_id = e.project_id and lv.beneficiary_id = e.beneficiary_id
      where e.status = 'ACTIVE' and coalesce(hv.worker_id, lv.worker_id) = ?1
      order by lv.started_at nulls first, e.beneficiary_id
      """;

  @PersistenceContext(unitName = "shouhu")
  EntityManager em;

  @Inject TenantSession session;
  @Inject Accounts accounts;
  @Inject AuditTrail audit;

  /** A person the worker is due to visit; {@code assigned}: named in home_visitor rather than by the last visit. */
  public record Visitee(UUID projectId, UUID beneficiaryId, OffsetDateTime lastVisitAt, boolean assigned) {}

  public record Caseload(UUID workerId, List<CounselingCase> cases, List<ServiceGroup> groups, List<Visitee> visits) {

    public boolean isEmpty() {
      return cases.isEmpty() && groups.isEmpty() && visits.isEmpty();
    }
  }

  public Caseload of(UUID workerId) {
    session.require();
    accounts.get(workerId);
    return read(workerId, false);
  }

  /**
   * Moves the whole caseload of {@code from} to {@code to}: cases, groups and home visitors, with the reason, in
   * the caller's transaction; one audit event names the counts and the ids moved.
   */
  public Caseload transfer(UUID from, UUID to, String reason, UUID by) {
    session.require();
    accounts.get(from);
    if (from.equals(to)) {
      throw ProblemException.invalid("toUserId", "CASELOAD_SAME_WORKER", "The caseload goes to another worker.");
    }
    User target = accounts.find(to).orElseThrow(() ->
        ProblemException.invalid("toUserId", "CASELOAD_TARGET_UNKNOWN", "No such user in this organization."));
    if (!target.isActive() || !target.roles().contains(Role.SOCIAL_WORKER)) {
      throw ProblemException.invalid("toUserId", "CASELOAD_TARGET_NOT_WORKER", "The caseload goes to an active social worker.");
    }
    Caseload load = read(from, true);
    if (load.isEmpty()) {
      throw new StateConflictException("CASELOAD_EMPTY", "This worker has no open case, open group or person to visit.");
    }
    load.cases().forEach(c -> c.reassignTo(to));
    load.groups().forEach(g -> g.reassignTo(to));
    for (Visitee v : load.visits()) {
      em.createNativeQuery("""
              insert into home_visitor (tenant_id, project_id, beneficiary_id, worker_id, assigned_by, assigned_at, reason)
              values (shouhu_current_tenant(), ?1, ?2, ?3, ?4, now(), ?5)
              on conflict (tenant_id, project_id, beneficiary_id)
              do update set worker_id = excluded.worker_id, assigned_by = excluded.assigned_by,
                assigned_at = excluded.assigned_at, reason = excluded.reason
              """)
          .setParameter(1, v.projectId())
          .setParameter(2, v.beneficiaryId())
          .setParameter(3, to)
          .setParameter(4, by)
          .setParameter(5, reason)
          .executeUpdate();
    }
    String moved = "to=%s cases=%d groups=%d visits=%d reason=%s".formatted(
        to, load.cases().size(), load.groups().size(), load.visits().size(), reason);
    String ids = " cases=" + load.cases().stream().map(c -> c.id().toString()).toList()
        + " groups=" + load.groups().stream().map(g -> g.id().toString()).toList();
    // The audit line holds 1,000 characters: the ids go in when they fit (the counts and the reason always do).
    audit.record(by, "CASELOAD_TRANSFERRED", "user", from, moved.length() + ids.length() <= 1000 ? moved + ids : moved);
    return load;
  }

  private Caseload read(UUID worker, boolean lock) {
    var cases = em.createQuery("select c from CounselingCase c where c.workerId = :w and c.status in :open"
            + " order by c.intakeOn, c.id", CounselingCase.class)
        .setParameter("w", worker)
        .setParameter("open", OPEN_CASES);
    var groups = em.createQuery("select g from ServiceGroup g where g.facilitatorId = :w and g.status = :open"
            + " order by g.name, g.id", ServiceGroup.class)
        .setParameter("w", worker)
        .setParameter("open", GroupStatus.OPEN);
    if (lock) {
      // A session logged against a case while it moves would be the old worker's: take the rows first.
      cases.setLockMode(LockModeType.PESSIMISTIC_WRITE);
      groups.setLockMode(LockModeType.PESSIMISTIC_WRITE);
    }
    @SuppressWarnings("unchecked")
    List<Object[]> rows = em.createNativeQuery(VISITORS).setParameter(1, worker).getResultList();
    List<Visitee> visits = rows.stream()
        .map(r -> new Visitee((UUID) r[0], (UUID) r[1], at(r[2]), Boolean.TRUE.equals(r[3])))
        .toList();
    return new Caseload(worker, cases.getResultList(), groups.getResultList(), visits);
  }

  private static OffsetDateTime at(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof OffsetDateTime o) {
      return o;
    }
    if (value instanceof java.sql.Timestamp ts) {
      return ts.toInstant().atOffset(java.time.ZoneOffset.UTC);
    }
    return OffsetDateTime.parse(value.toString());
  }
}
