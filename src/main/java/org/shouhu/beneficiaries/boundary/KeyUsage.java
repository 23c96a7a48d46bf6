package org.shouhu.beneficiaries.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.shouhu.beneficiaries.control.SealedValues;
import org.shouhu.tenancy.boundary.BackgroundTransactions;
import org.shouhu.tenancy.entity.TenantId;

/**
 * How many sealed values each key version holds across all tenants. Row-level security shows one tenant at a
 * time, so this binds each tenant in turn, one short transaction each, exactly as a background job does; nothing
 * but key ids and counts leaves those transactions.
 */
@ApplicationScoped
public class KeyUsage {

  @PersistenceContext(unitName = "shouhu")
  EntityManager em;

  @Inject BackgroundTransactions background;
  @Inject SealedValues values;

  /** Every tenant, in a stable order (a re-sealing job resumes through them in it). */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public List<TenantId> tenants() {
    @SuppressWarnings("unchecked")
    List<Object> ids = em.createNativeQuery("select id from tenant order by id").getResultList();
    return ids.stream().map(id -> new TenantId(id instanceof UUID u ? u : UUID.fromString(id.toString()))).toList();
  }

  public Map<String, Long> countByKey() {
    Map<String, Long> total = new TreeMap<>();
    for (TenantId tenant : tenants()) {
      background.inTenant(tenant, values::countByKey).forEach((key, n) -> total.merge(key, n, Long::sum));
    }
    return total;
  }
}
