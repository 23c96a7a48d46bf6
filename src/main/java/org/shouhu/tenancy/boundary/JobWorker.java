package org.shouhu.tenancy.boundary;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.lang.management.ManagementFactory;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.shouhu.tenancy.control.JobHandler;
import org.shouhu.tenancy.control.LeaseLost;
import org.shouhu.tenancy.entity.Claim;
import org.shouhu.tenancy.entity.JobKind;

/**
 * This node's share of the background work. Every {@code shouhu.jobs.poll-seconds} (and at once after a job is
 * queued here) it renews the leases of the jobs it runs, then claims jobs from the queue while it has free threads
 * ({@code shouhu.jobs.threads}) and runs each on the container's managed executor. Any node does this, so a job
 * queued on one node may run on another, and a job whose node died is claimed again once its lease expires.
 *
 * <p>The claims held here are this node's to renew, nothing more: whether a job is running is decided by its lease
 * in the database, never by this map, so a poll on another node never mistakes a running job for a dead one.
 */
@ApplicationScoped
public class JobWorker {

  private static final Logger LOG = Logger.getLogger(JobWorker.class.getName());
  static final String EXHAUSTED = "JOB_ATTEMPTS_EXHAUSTED";

  @Resource ManagedScheduledExecutorService scheduler;
  @Resource ManagedExecutorService executor;
  @Resource TransactionSynchronizationRegistry transactions;

  @Inject JobLeases leases;
  @Inject Instance<JobHandler> handlers;

  @Inject
  @ConfigProperty(name = "shouhu.jobs.poll-seconds", defaultValue = "2")
  int pollSeconds;

  @Inject
  @ConfigProperty(name = "shouhu.jobs.threads", defaultValue = "2")
  int threads;

  @Inject
  @ConfigProperty(name = "shouhu.jobs.max-attempts", defaultValue = "3")
  int maxAttempts;

  @Inject
  @ConfigProperty(name = "shouhu.node.id")
  Optional<String> configuredNode;

  private final Map<UUID, Claim> held = new ConcurrentHashMap<>();
  private final Map<JobKind, JobHandler> byKind = new EnumMap<>(JobKind.class);
  private String node;
  private ScheduledFuture<?> polling;
  private volatile boolean stopping;

  /** After the schema, the keys and the seeds: the first poll may run a job at once. */
  void start(@Observes @Priority(500) Startup startup) {
    for (JobHandler handler : handlers) {
      byKind.put(handler.kind(), handler);
    }
    node = configuredNode.filter(n -> !n.isBlank())
        .orElseGet(() -> ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID().toString().substring(0, 8));
    if (node.length() > 64) {
      node = node.substring(0, 64);
    }
    polling = scheduler.scheduleWithFixedDelay(this::poll, 1, Math.max(1, pollSeconds), TimeUnit.SECONDS);
    LOG.info(() -> "job worker " + node + " polls every " + pollSeconds + " s with " + threads + " threads");
  }

  public String node() {
    return node;
  }

  /** Polls as soon as the current transaction (which queued a job) has committed, instead of at the next tick. */
  public void pollAfterCommit() {
    transactions.registerInterposedSynchronization(new Synchronization() {
      @Override
      public void beforeCompletion() {}

      @Override
      public void afterCompletion(int status) {
        if (status == Status.STATUS_COMMITTED && node != null) {
          try {
            scheduler.execute(JobWorker.this::poll);
          } catch (RuntimeException busy) {
            // The next tick polls anyway.
          }
        }
      }
    });
  }

  synchronized void poll() {
    try {
      for (Claim claim : held.values()) {
        if (!leases.renew(claim)) {
          LOG.info(() -> "job " + claim.id() + " is no longer leased by this node; its run stops at its next batch");
        }
      }
      while (held.size() < threads) {
        Optional<Claim> claimed = leases.claim(node);
        if (claimed.isEmpty()) {
          return;
        }
        Claim claim = claimed.get();
        held.put(claim.token(), claim);
        try {
          executor.execute(() -> run(claim));
        } catch (RuntimeException rejected) {
          // Left RUNNING under our lease: it expires and the job is claimed again, here or elsewhere.
          held.remove(claim.token());
          LOG.log(Level.WARNING, "job " + claim.id() + " could not be started on this node", rejected);
          return;
        }
      }
    } catch (RuntimeException e) {
      // The database may be away: the next tick tries again. Never let the scheduled task die.
      LOG.log(Level.WARNING, "job poll failed: " + e.getClass().getName());
    }
  }

  private void run(Claim claim) {
    JobHandler handler = byKind.get(claim.kind());
    try {
      if (claim.isTakeOver()) {
        LOG.info(() -> "job " + claim.id() + " (" + claim.kind() + ") taken over by " + node + ", attempt " + claim.attempt());
      }
      if (handler == null) {
        leases.fail(claim, "JOB_KIND_UNKNOWN");
      } else if (claim.attempt() > maxAttempts) {
        handler.giveUp(claim, EXHAUSTED);
      } else {
        handler.run(claim);
      }
    } catch (LeaseLost e) {
      LOG.info(() -> "job " + claim.id() + " was taken over by another node; this run stops");
    } catch (RuntimeException e) {
      // Handlers record their own failures; this is the last resort. The lease expires and the job is retried.
      LOG.log(Level.SEVERE, "job " + claim.id() + " (" + claim.kind() + ") stopped: " + e.getClass().getName());
    } finally {
      held.remove(claim.token());
    }
  }

  /**
   * True once this node is shutting down: a run that fails now failed because of the shutdown, not of its job, and
   * must leave the job to be taken over (its lease expires) rather than mark it failed.
   */
  public boolean stopping() {
    return stopping;
  }

  @PreDestroy
  void stop() {
    stopping = true;
    if (polling != null) {
      polling.cancel(false);
    }
  }
}
