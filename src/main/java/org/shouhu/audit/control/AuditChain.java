package org.shouhu.audit.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Optional;
import java.util.UUID;
import org.shouhu.audit.entity.ChainVerification;
import org.shouhu.audit.entity.ChainVerification.BrokenLink;
import org.shouhu.tenancy.control.TenantSession;

/**
 * The tenant's audit trail as a hash chain (ADR 0013). The chain itself is written by the database at each insert
 * (migration V145), so no code path can append an event outside it; this walks it. The walk is the same SQL function
 * {@code deploy/verify-audit} calls, so the endpoint and the operator's command cannot disagree.
 */
@ApplicationScoped
public class AuditChain {

  @PersistenceContext(unitName = "shouhu")
  EntityManager em;

  @Inject TenantSession session;

  /** Walks the chain of the tenant this transaction is bound to. */
  public ChainVerification verify() {
    session.require();
    Object[] row =
        (Object[])
            em.createNativeQuery(
                    "select events, head_seq, head_hash, broken_seq, broken_event, problem, detail"
                        + " from shouhu_audit_verify()")
                .getSingleResult();
    Optional<BrokenLink> broken =
        row[3] == null
            ? Optional.empty()
            : Optional.of(
                new BrokenLink(
                    ((Number) row[3]).longValue(), uuid(row[4]), (String) row[5], (String) row[6]));
    return new ChainVerification(
        ((Number) row[0]).longValue(),
        row[1] == null ? 0 : ((Number) row[1]).longValue(),
        (String) row[2],
        broken);
  }

  private static UUID uuid(Object value) {
    return value instanceof UUID u ? u : UUID.fromString(value.toString());
  }
}
