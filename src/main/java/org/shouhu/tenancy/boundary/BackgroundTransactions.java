package org.shouhu.tenancy.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.function.Supplier;
import org.shouhu.tenancy.control.TenantSession;
import org.shouhu.tenancy.entity.TenantId;

/**
 * How work without a token touches tenant data: <b>background jobs switch tenant explicitly</b>. Each call is one
 * new transaction, bound to the given tenant before the work runs — the same two levels of isolation a request
 * gets from {@code @BindTenant}, with the tenant named by the job (taken from its uploader's token when it was
 * queued) instead of the current token.
 *
 * <p>A new transaction per call, not {@code UserTransaction}: a managed executor thread inherits the invocation
 * context of the request that scheduled it, and Payara refuses {@code UserTransaction} in a context that came from
 * a {@code @Transactional} method.
 */
@ApplicationScoped
public class BackgroundTransactions {

  @Inject TenantSession session;

  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public <T> T inTenant(TenantId tenant, Supplier<T> work) {
    session.bind(tenant);
    return work.get();
  }

  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public void runInTenant(TenantId tenant, Runnable work) {
    session.bind(tenant);
    work.run();
  }
}
