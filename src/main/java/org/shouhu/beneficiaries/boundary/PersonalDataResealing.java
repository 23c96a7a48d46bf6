package org.shouhu.beneficiaries.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.shouhu.beneficiaries.control.KeyVersions;
import org.shouhu.beneficiaries.control.SealedValues;
import org.shouhu.tenancy.control.JobHandler;
import org.shouhu.tenancy.control.JobQueue;
import org.shouhu.tenancy.entity.Claim;
import org.shouhu.tenancy.entity.JobKind;
import org.shouhu.tenancy.boundary.BackgroundTransactions;
import org.shouhu.tenancy.entity.TenantId;

/**
 * The re-sealing job: after a rotation, moves every sealed value of every tenant to the current key version, in
 * batches, one transaction per batch bound to its tenant, the lease proved and the progress counted in the same
 * transaction. Which values are left is the data itself (sealed with another version), so a run taken over after
 * a restart simply goes on from the last committed batch. Waits first until every node has had time to start
 * sealing with the new version ({@code 2 × shouhu.crypto.refresh-seconds} after the rotation), so no node keeps
 * writing values under the old one behind the job's back.
 */
@ApplicationScoped
public class PersonalDataResealing implements JobHandler {

  private static final Logger LOG = Logger.getLogger(PersonalDataResealing.class.getName());

  @Inject BackgroundTransactions background;
  @Inject SealedValues values;
  @Inject KeyUsage usage;
  @Inject JobQueue queue;
  @Inject KeyVersions versions;
  @Inject PlatformTransactions platform;

  @Inject
  @ConfigProperty(name = "shouhu.crypto.reseal-batch-size", defaultValue = "200")
  int batchSize;

  @Inject
  @ConfigProperty(name = "shouhu.crypto.refresh-seconds", defaultValue = "5")
  int refreshSeconds;

  @Override
  public JobKind kind() {
    return JobKind.RESEAL_PERSONAL_DATA;
  }

  @Override
  public void run(Claim claim) {
    settle();
    long[] done = {claim.progress()};
    for (TenantId tenant : usage.tenants()) {
      int found;
      do {
        found = background.inTenant(tenant, () -> {
          queue.requireLease(claim);
          int n = values.resealBatch(batchSize);
          queue.progress(claim, done[0] + n);
          return n;
        });
        done[0] += found;
      } while (found >= batchSize);
    }
    platform.run(() -> {
      queue.requireLease(claim);
      queue.finish(claim);
    });
    LOG.info(() -> "personal data re-sealed with the current key: " + done[0] + " values (job " + claim.id() + ")");
  }

  @Override
  public void giveUp(Claim claim, String code) {
    platform.run(() -> queue.fail(claim, code));
  }

  /** Waits out the time other nodes may still seal with the previous version. */
  private void settle() {
    Long age = platform.get(versions::currentAgeSeconds);
    long wait = age == null ? 0 : 2L * refreshSeconds - age;
    if (wait > 0) {
      try {
        Thread.sleep(wait * 1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for the nodes to take up the new key", e);
      }
    }
  }
}
