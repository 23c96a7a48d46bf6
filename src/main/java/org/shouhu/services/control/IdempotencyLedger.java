package org.shouhu.services.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.util.List;
import java.util.UUID;
import org.shouhu.tenancy.control.TenantSession;
import org.shouhu.tenancy.entity.TenantId;

/**
 * The record of idempotency keys. Each step runs in its own transaction, apart from the request's work: the
 * reservation must be visible to a concurrent retry before the work commits, and the answer is recorded after.
 */
@ApplicationScoped
public class IdempotencyLedger {

  @PersistenceContext(unitName = "shouhu")
  EntityManager em;

  @Inject TenantSession session;

  /** What the ledger knows about a key when a request arrives. */
  public sealed interface Reservation {}

  /** The key is new (or its earlier attempt failed): the request may run. */
  public record Reserved() implements Reservation {}

  /** The same request already completed: replay its answer. */
  public record Completed(int status, String contentType, String location, String body) implements Reservation {}

  /** The key was used for a different request. */
  public record Mismatch() implements Reservation {}

  /** The first attempt is still running (or died before answering). */
  public record InProgress() implements Reservation {}

  @Transactional(TxType.REQUIRES_NEW)
  public Reservation reserve(TenantId tenant, UUID user, String key, String requestHash) {
    session.bind(tenant);
    int inserted = em.createNativeQuery(
            "insert into idempotency_key (tenant_id, user_id, key, request_hash, state, created_at)"
                + " values (?1, ?2, ?3, ?4, 'IN_PROGRESS', now()) on conflict do nothing")
        .setParameter(1, tenant.value())
        .setParameter(2, user)
        .setParameter(3, key)
        .setParameter(4, requestHash)
        .executeUpdate();
    if (inserted == 1) {
      return new Reserved();
    }
    @SuppressWarnings("unchecked")
    List<Object[]> rows = em.createNativeQuery(
            "select request_hash, state, status, content_type, location, body from idempotency_key"
                + " where tenant_id = ?1 and user_id = ?2 and key = ?3 for update")
        .setParameter(1, tenant.value())
        .setParameter(2, user)
        .setParameter(3, key)
        .getResultList();
    Object[] row = rows.get(0);
    if (!requestHash.equals(row[0])) {
      return new Mismatch();
    }
    return switch ((String) row[1]) {
      case "COMPLETED" -> new Completed(((Number) row[2]).intValue(), (String) row[3], (String) row[4], (String) row[5]);
      case "FAILED" -> {
        // The earlier attempt failed on our side and changed nothing: this retry runs afresh.
        em.createNativeQuery("update idempotency_key set state = 'IN_PROGRESS' where tenant_id = ?1 and user_id = ?2 and key = ?3")
            .setParameter(1, tenant.value())
            .setParameter(2, user)
            .setParameter(3, key)
            .executeUpdate();
        yield new Reserved();
      }
      default -> new InProgress();
    };
  }

  @Transactional(TxType.REQUIRES_NEW)
  public void complete(TenantId tenant, UUID user, String key, int status, String contentType, String location, String body) {
    session.bind(tenant);
    em.createNativeQuery(
            "update idempotency_key set state = ?4, status = ?5, content_type = ?6, location = ?7, body = ?8,"
                + " completed_at = now() where tenant_id = ?1 and user_id = ?2 and key = ?3")
        .setParameter(1, tenant.value())
        .setParameter(2, user)
        .setParameter(3, key)
        .setParameter(4, status >= 500 ? "FAILED" : "COMPLETED")
        .setParameter(5, status)
        .setParameter(6, contentType)
        .setParameter(7, location)
        .setParameter(8, body)
        .executeUpdate();
  }
}
