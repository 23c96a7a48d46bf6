package org.shouhu.identity.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Slows down password guessing from one network address, across all accounts: a sliding window of recent
 * failures per address. Account lockout (per user) lives on the account itself; this per-address window lives in
 * the database too, so every node behind the load balancer counts the same failures — held in one node's memory,
 * an address got one window per node.
 *
 * <p>Runs in the login's transaction: a refused login commits its failure with it (the outcome is returned, not
 * thrown; see {@link Authentication}).
 */
@ApplicationScoped
public class LoginThrottle {

  @PersistenceContext(unitName = "shouhu")
  EntityManager em;

  @Inject
  @ConfigProperty(name = "shouhu.auth.address-failures", defaultValue = "30")
  int maxFailures;

  @Inject
  @ConfigProperty(name = "shouhu.auth.address-window-minutes", defaultValue = "15")
  long windowMinutes;

  Clock clock = Clock.systemUTC();

  /** How long this address must wait before trying again, or {@link Duration#ZERO}. */
  public Duration waitFor(String address) {
    Instant now = clock.instant();
    Object[] row = (Object[]) em.createNativeQuery(
            "select count(*), min(failed_at) from login_address_failure where address = ?1 and failed_at > ?2")
        .setParameter(1, address)
        .setParameter(2, Timestamp.from(now.minus(window())))
        .getSingleResult();
    int recent = ((Number) row[0]).intValue();
    Instant oldest = row[1] == null ? null : ((Timestamp) row[1]).toInstant();
    return waitFor(recent, oldest, now);
  }

  /**
   * The rule itself: with {@code recent} failures in the window, the oldest at {@code oldest}, the address waits
   * until that oldest failure leaves the window (plus a second, so a client retrying at exactly the announced
   * moment is let in).
   */
  Duration waitFor(int recent, Instant oldest, Instant now) {
    if (recent < maxFailures || oldest == null) {
      return Duration.ZERO;
    }
    Duration wait = Duration.between(now, oldest.plus(window())).plusSeconds(1);
    return wait.isNegative() ? Duration.ZERO : wait;
  }

  public void recordFailure(String address) {
    Instant now = clock.instant();
    em.createNativeQuery("insert into login_address_failure (address, failed_at) values (?1, ?2)")
        .setParameter(1, address)
        .setParameter(2, Timestamp.from(now))
        .executeUpdate();
    // Pruning now and then keeps the table to about one window of failures without a scheduled job, which
    // would have to run on exactly one node.
    if (ThreadLocalRandom.current().nextInt(50) == 0) {
      em.createNativeQuery("delete from login_address_failure where failed_at < ?1")
          .setParameter(1, Timestamp.from(now.minus(window())))
          .executeUpdate();
    }
  }

  private Duration window() {
    return Duration.ofMinutes(windowMinutes);
  }
}
