package org.shouhu.tenancy.control;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.Optional;
import org.shouhu.tenancy.entity.TenantId;
import org.shouhu.tenancy.entity.TenantOwned;

/**
 * Binds the current JTA transaction to one tenant, at both levels of the defence: EclipseLink's tenant
 * discriminator (every JPQL query and insert is filtered and stamped) and PostgreSQL's transaction-local setting
 * {@code app.tenant_id} (row-level security filters even native SQL that forgot the tenant).
 *
 * <p>The setting is transaction-local ({@code set_config(..., true)}), so a pooled connection returns to the
 * pool with no tenant and the next borrower sees nothing until it binds its own. Binding needs an active
 * transaction for the same reason, and a transaction cannot be re-bound to a different tenant.
 */
@ApplicationScoped
public class TenantSession {

  private static final Object KEY = TenantSession.class.getName() + ".tenant";

  @PersistenceContext(unitName = "shouhu")
  EntityManager em;

  @Resource TransactionSynchronizationRegistry transactions;

  public void bind(TenantId tenant) {
    if (transactions.getTransactionStatus() != Status.STATUS_ACTIVE) {
      throw new IllegalStateException("a tenant is bound to a transaction; none is active");
    }
    Object bound = transactions.getResource(KEY);
    if (bound != null) {
      if (!bound.equals(tenant)) {
        throw new IllegalStateException("this transaction is already bound to another tenant");
      }
      return;
    }
    em.setProperty(TenantOwned.TENANT_PROPERTY, tenant.toString());
    em.createNativeQuery("select set_config('app.tenant_id', ?1, true)")
        .setParameter(1, tenant.toString())
        .getSingleResult();
    transactions.putResource(KEY, tenant);
  }

  /** The tenant this transaction is bound to, if any. */
  public Optional<TenantId> current() {
    if (transactions.getTransactionStatus() != Status.STATUS_ACTIVE) {
      return Optional.empty();
    }
    return Optional.ofNullable((TenantId) transactions.getResource(KEY));
  }

  public TenantId require() {
    return current().orElseThrow(() -> new IllegalStateException("no tenant bound to this transaction"));
  }
}
