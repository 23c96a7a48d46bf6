package org.shouhu.beneficiaries.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.function.Supplier;

/**
 * New transactions bound to no tenant, for background work on platform-level tables (the job queue, the key
 * versions), which row-level security does not cover. Tenant data is never touched in one of these: that needs
 * {@code BackgroundTransactions}.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRES_NEW)
public class PlatformTransactions {

  public void run(Runnable work) {
    work.run();
  }

  public <T> T get(Supplier<T> work) {
    return work.get();
  }
}
