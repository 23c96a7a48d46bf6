package org.shouhu.tenancy.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.shouhu.tenancy.entity.Claim;
import org.shouhu.tenancy.entity.JobKind;
import org.shouhu.tenancy.entity.TenantId;

/**
 * The queue of background jobs in PostgreSQL, in the caller's transaction. Native SQL on purpose: a claim is one
 * {@code FOR UPDATE SKIP LOCKED} statement and every lease time is the database's {@code now()}, so the nodes'
 * clocks never decide who owns a job. The table is platform-level (ids and leases only), so these statements work
 * in a transaction bound to any tenant or to none.
 */
@ApplicationScoped
public class JobQueue {

  /** What the platform operator sees of a job. */
  public record Status(
      UUID id,
      JobKind kind,
      String status,
      int attempts,
      String leasedBy,
      OffsetDateTime leasedUntil,
      long progress,
      String failureCode,
      OffsetDateTime createdAt,
      OffsetDateTime finishedAt) {}

  @PersistenceContext(unitName = "shouhu")
  EntityManager em;

  /** How long a claim holds without renewal: a dead node's jobs wait this long before another node takes them. */
  @Inject
  @ConfigProperty(name = "shouhu.jobs.lease-seconds", defaultValue = "60")
  int leaseSeconds;

  public int leaseSeconds() {
    return leaseSeconds;
  }

  /** Queues a job; it becomes claimable when the caller's transaction commits. */
  public void enqueue(UUID id, JobKind kind, TenantId tenant) {
    em.createNativeQuery("insert into job (id, kind, tenant_id, status) values (?1, ?2, cast(?3 as uuid), 'QUEUED')")
        .setParameter(1, id)
        .setParameter(2, kind.name())
        .setParameter(3, tenant == null ? null : tenant.value())
        .executeUpdate();
  }

  /**
   * Takes the oldest job that is queued, or running under an expired lease (its node died), skipping rows another
   * node is claiming this instant. The lease runs from the database's clock.
   */
  public Optional<Claim> claim(String node) {
    List<?> found = em.createNativeQuery(
            "select id from job where status in ('QUEUED', 'RUNNING')"
                + " and (leased_until is null or leased_until < now())"
                + " order by created_at limit 1 for update skip locked")
        .getResultList();
    if (found.isEmpty()) {
      return Optional.empty();
    }
    UUID id = uuid(found.get(0));
    UUID token = UUID.randomUUID();
    em.createNativeQuery(
            "update job set status = 'RUNNING', leased_by = ?1, lease_token = ?2,"
                + " leased_until = now() + make_interval(secs => ?3), attempts = attempts + 1, updated_at = now()"
                + " where id = ?4")
        .setParameter(1, node)
        .setParameter(2, token)
        .setParameter(3, leaseSeconds)
        .setParameter(4, id)
        .executeUpdate();
    Object[] row = (Object[]) em.createNativeQuery(
            "select kind, tenant_id, attempts, progress from job where id = ?1")
        .setParameter(1, id)
        .getSingleResult();
    return Optional.of(new Claim(
        id,
        JobKind.valueOf((String) row[0]),
        row[1] == null ? null : new TenantId(uuid(row[1])),
        token,
        ((Number) row[2]).intValue(),
        ((Number) row[3]).longValue()));
  }

  /**
   * Proves, inside the transaction about to commit a job's work, that this node still holds it, and extends the
   * lease. The row stays locked until that transaction ends, so no other node can claim the job in between.
   *
   * @throws LeaseLost when another node has taken the job over (or it has ended): roll back and stop
   */
  public void requireLease(Claim claim) {
    int held = em.createNativeQuery(
            "update job set leased_until = now() + make_interval(secs => ?1), updated_at = now()"
                + " where id = ?2 and lease_token = ?3 and status = 'RUNNING'")
        .setParameter(1, leaseSeconds)
        .setParameter(2, claim.id())
        .setParameter(3, claim.token())
        .executeUpdate();
    if (held != 1) {
      throw new LeaseLost(claim.id());
    }
  }

  /** Extends the lease if this node still holds it; false when it does not. */
  public boolean renew(Claim claim) {
    return em.createNativeQuery(
            "update job set leased_until = now() + make_interval(secs => ?1), updated_at = now()"
                + " where id = ?2 and lease_token = ?3 and status = 'RUNNING'")
        .setParameter(1, leaseSeconds)
        .setParameter(2, claim.id())
        .setParameter(3, claim.token())
        .executeUpdate() == 1;
  }

  /** Records how far the job has come (a count of its own); committed with the batch it counts. */
  public void progress(Claim claim, long done) {
    em.createNativeQuery("update job set progress = ?1 where id = ?2 and lease_token = ?3")
        .setParameter(1, done)
        .setParameter(2, claim.id())
        .setParameter(3, claim.token())
        .executeUpdate();
  }

  public void finish(Claim claim) {
    end(claim, "DONE", null);
  }

  /** @param code a stable code saying why, e.g. {@code IMPORT_UPLOAD_MISSING} */
  public void fail(Claim claim, String code) {
    end(claim, "FAILED", code);
  }

  private void end(Claim claim, String status, String code) {
    int ended = em.createNativeQuery(
            "update job set status = ?1, failure_code = ?2, leased_by = null, lease_token = null,"
                + " leased_until = null, finished_at = now(), updated_at = now()"
                + " where id = ?3 and lease_token = ?4 and status = 'RUNNING'")
        .setParameter(1, status)
        .setParameter(2, code)
        .setParameter(3, claim.id())
        .setParameter(4, claim.token())
        .executeUpdate();
    if (ended != 1) {
      throw new LeaseLost(claim.id());
    }
  }

  /**
   * Ends a job that has not ended, whoever holds it: its lease is revoked, so the node running it fails its next
   * {@link #requireLease} and stops. Waits for a batch in flight to commit (it holds the row).
   *
   * @return false when the job had already ended
   */
  public boolean cancel(UUID id, String code) {
    return em.createNativeQuery(
            "update job set status = 'FAILED', failure_code = ?1, leased_by = null, lease_token = null,"
                + " leased_until = null, finished_at = now(), updated_at = now()"
                + " where id = ?2 and status in ('QUEUED', 'RUNNING')")
        .setParameter(1, code)
        .setParameter(2, id)
        .executeUpdate() == 1;
  }

  public Optional<Status> find(UUID id) {
    return statuses("where id = ?1", id, 1).stream().findFirst();
  }

  /** The newest jobs of a kind. */
  public List<Status> newest(JobKind kind, int limit) {
    return statuses("where kind = ?1", kind.name(), limit);
  }

  /** Whether a job of this kind is queued or running (on any node). */
  public boolean anyUnfinished(JobKind kind) {
    return !em.createNativeQuery("select 1 from job where kind = ?1 and status in ('QUEUED', 'RUNNING') limit 1")
        .setParameter(1, kind.name())
        .getResultList()
        .isEmpty();
  }

  private List<Status> statuses(String where, Object parameter, int limit) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows = em.createNativeQuery(
            "select id, kind, status, attempts, leased_by, leased_until, progress, failure_code, created_at,"
                + " finished_at from job " + where + " order by created_at desc limit " + limit)
        .setParameter(1, parameter)
        .getResultList();
    return rows.stream()
        .map(r -> new Status(
            uuid(r[0]),
            JobKind.valueOf((String) r[1]),
            (String) r[2],
            ((Number) r[3]).intValue(),
            (String) r[4],
            time(r[5]),
            ((Number) r[6]).longValue(),
            (String) r[7],
            time(r[8]),
            time(r[9])))
        .toList();
  }

  private static UUID uuid(Object value) {
    return value instanceof UUID u ? u : UUID.fromString(value.toString());
  }

  /** A timestamptz column of a native query, whichever JDBC type the driver chose for it (also for PlatformSettings). */
  static OffsetDateTime time(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof OffsetDateTime t) {
      return t;
    }
    if (value instanceof java.sql.Timestamp t) {
      return t.toInstant().atOffset(java.time.ZoneOffset.UTC);
    }
    if (value instanceof java.time.Instant t) {
      return t.atOffset(java.time.ZoneOffset.UTC);
    }
    throw new IllegalStateException("unexpected timestamp type " + value.getClass().getName());
  }
}
