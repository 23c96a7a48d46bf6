package org.shouhu.tenancy.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.Optional;
import org.shouhu.tenancy.control.JobQueue;
import org.shouhu.tenancy.entity.Claim;

/**
 * The worker's own transactions on the queue, each new and bound to no tenant: the queue is platform-level, and a
 * job binds its tenant itself in the transactions that do its work.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRES_NEW)
public class JobLeases {

  @Inject JobQueue queue;

  public Optional<Claim> claim(String node) {
    return queue.claim(node);
  }

  public boolean renew(Claim claim) {
    return queue.renew(claim);
  }

  public void fail(Claim claim, String code) {
    queue.fail(claim, code);
  }
}
