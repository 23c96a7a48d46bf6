package org.shouhu.services.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.FlushModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.shouhu.problems.control.DatabaseFailures;
import org.shouhu.tenancy.entity.TenantId;

/**
 * The record of idempotency keys, kept <b>inside the request's own transaction</b>: the key's row is inserted
 * before the work, filled with the answer after it, and commits or vanishes together with the work's effect. So
 * a committed row always means "done: replay this answer", and no row means "never happened: run it".
 *
 * <p>While the first request runs, its uncommitted row holds the primary key's index entry: a concurrent copy's
 * insert waits on it (PostgreSQL's unique-index wait), and learns the outcome when the first ends — the stored
 * answer if it committed, the key free if it rolled back or its connection died. The wait is bounded
 * ({@code shouhu.idempotency.wait-seconds}); past it the copy is told the first is still in progress. Nothing
 * about a reservation outlives its transaction, so no key can be stuck.
 *
 * <p>Every method must run in the caller's transaction, bound to the caller's tenant (row-level security).
 */
@ApplicationScoped
@Transactional(TxType.MANDATORY)
public class IdempotencyLedger {

  @PersistenceContext(unitName = "shouhu")
  EntityManager em;

  @Inject
  @ConfigProperty(name = "shouhu.idempotency.wait-seconds", defaultValue = "10")
  int waitSeconds;

  @Inject
  @ConfigProperty(name = "shouhu.idempotency.retention-days", defaultValue = "30")
  int retentionDays;

  /** What the ledger knows about a key when a request arrives. */
  public sealed interface Claim {}

  /** The key is free and now held by this transaction: run the request, then {@link #complete} it. */
  public record Claimed() implements Claim {}

  /** The same request already completed: replay its answer and run nothing. */
  public record Completed(int status, String contentType, String location, String body) implements Claim {}

  /** The key was used for a different request. */
  public record Mismatch() implements Claim {}

  /**
   * A copy of this request is still running and did not finish within the wait. The transaction is spoiled (the
   * wait ended in an error) and can only be rolled back.
   */
  public record InProgress() implements Claim {}

  public Claim claim(TenantId tenant, UUID user, String key, String requestHash) {
    forgetExpired(tenant, user);
    String previous = null;
    for (int attempt = 0; attempt < 2; attempt++) {
      long inserted;
      try {
        // One round trip (#15): the transaction's lock_timeout is read, bounded for this insert's wait on a running
        // copy (the materialized CTE runs before the insert it feeds), and the insert made; restored after it.
        Object[] claimed = (Object[]) em.createNativeQuery(
                "with before as materialized (select current_setting('lock_timeout') as previous),"
                    + " bounded as materialized (select b.previous, set_config('lock_timeout', ?5, true) as now"
                    + " from before b),"
                    + " claimed as (insert into idempotency_key (tenant_id, user_id, key, request_hash, created_at)"
                    + " select cast(?1 as uuid), cast(?2 as uuid), ?3, ?4, now() from bounded on conflict do nothing"
                    + " returning 1)"
                    + " select (select previous from bounded), (select count(*) from claimed)")
            .setParameter(1, tenant.value())
            .setParameter(2, user)
            .setParameter(3, key)
            .setParameter(4, requestHash)
            .setParameter(5, waitSeconds + "s")
            .getSingleResult();
        previous = previous == null ? (String) claimed[0] : previous;
        inserted = ((Number) claimed[1]).longValue();
      } catch (PersistenceException e) {
        if (DatabaseFailures.sqlState(e).filter(DatabaseFailures.LOCK_NOT_AVAILABLE::equals).isPresent()) {
          return new InProgress();
        }
        throw e;
      }
      if (inserted == 1) {
        restoreLockTimeout(previous);
        return new Claimed();
      }
      @SuppressWarnings("unchecked")
      List<Object[]> rows = em.createNativeQuery(
              "select request_hash, status, content_type, location, body from idempotency_key"
                  + " where tenant_id = ?1 and user_id = ?2 and key = ?3")
          .setParameter(1, tenant.value())
          .setParameter(2, user)
          .setParameter(3, key)
          .getResultList();
      if (rows.isEmpty()) {
        continue; // expired and removed between the two statements: claim it afresh
      }
      restoreLockTimeout(previous);
      Object[] row = rows.get(0);
      if (!requestHash.equals(((String) row[0]).trim())) {
        return new Mismatch();
      }
      return new Completed(((Number) row[1]).intValue(), (String) row[2], (String) row[3], (String) row[4]);
    }
    throw new IllegalStateException("idempotency key neither free nor stored");
  }

  /**
   * Stores the answer of a claimed key; it becomes visible, with the request's effect, when the transaction commits.
   *
   * <p>The update does not flush the persistence context first (flush mode COMMIT): what is still pending there
   * (typically the request's audit events, which no statement here reads) is written at the commit, after this
   * update. So the audit insert, which takes the tenant's chain lock and holds it to the commit (ADR 0013), is the
   * last statement of the transaction, and the lock covers that insert and the commit only, not this update's round
   * trip as well (#15).
   */
  public void complete(TenantId tenant, UUID user, String key, int status, String contentType, String location, String body) {
    int updated = em.createNativeQuery(
            "update idempotency_key set status = ?4, content_type = ?5, location = ?6, body = ?7, completed_at = now()"
                + " where tenant_id = ?1 and user_id = ?2 and key = ?3")
        .setParameter(1, tenant.value())
        .setParameter(2, user)
        .setParameter(3, key)
        .setParameter(4, status)
        .setParameter(5, contentType)
        .setParameter(6, location)
        .setParameter(7, body)
        .setFlushMode(FlushModeType.COMMIT)
        .executeUpdate();
    if (updated != 1) {
      throw new IllegalStateException("idempotency key was not claimed in this transaction");
    }
  }

  /**
   * A user's keys older than the retention are dropped when that user next sends a keyed request. Rows another
   * transaction holds are skipped rather than waited for: the sweep must never delay the request.
   */
  private void forgetExpired(TenantId tenant, UUID user) {
    em.createNativeQuery(
            "delete from idempotency_key where ctid in (select ctid from idempotency_key where tenant_id = ?1"
                + " and user_id = ?2 and completed_at < now() - make_interval(days => ?3) for update skip locked)")
        .setParameter(1, tenant.value())
        .setParameter(2, user)
        .setParameter(3, retentionDays)
        .executeUpdate();
  }

  private void restoreLockTimeout(String previous) {
    em.createNativeQuery("select set_config('lock_timeout', ?1, true)").setParameter(1, previous).getSingleResult();
  }
}
