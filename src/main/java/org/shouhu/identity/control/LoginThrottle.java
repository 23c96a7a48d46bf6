package org.shouhu.identity.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Slows down password guessing from one network address, across all accounts: a sliding window of recent
 * failures per address. Account lockout (per user) lives on the account itself and survives restarts; this
 * per-address window is held in memory per instance, which is enough to make spraying passwords across many
 * usernames from one address impractical.
 */
@ApplicationScoped
public class LoginThrottle {

  @Inject
  @ConfigProperty(name = "shouhu.auth.address-failures", defaultValue = "30")
  int maxFailures;

  @Inject
  @ConfigProperty(name = "shouhu.auth.address-window-minutes", defaultValue = "15")
  long windowMinutes;

  Clock clock = Clock.systemUTC();

  private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

  /** How long this address must wait before trying again, or {@link Duration#ZERO}. */
  public Duration waitFor(String address) {
    Deque<Instant> recent = failures.get(address);
    if (recent == null) {
      return Duration.ZERO;
    }
    synchronized (recent) {
      Instant now = clock.instant();
      prune(recent, now);
      if (recent.size() < maxFailures) {
        return Duration.ZERO;
      }
      return Duration.between(now, recent.peekFirst().plus(window())).plusSeconds(1);
    }
  }

  public void recordFailure(String address) {
    Deque<Instant> recent = failures.computeIfAbsent(address, a -> new ArrayDeque<>());
    synchronized (recent) {
      Instant now = clock.instant();
      prune(recent, now);
      recent.addLast(now);
    }
    if (failures.size() > 100_000) {
      failures.entrySet().removeIf(e -> e.getValue().isEmpty());
    }
  }

  private void prune(Deque<Instant> recent, Instant now) {
    Instant horizon = now.minus(window());
    while (!recent.isEmpty() && recent.peekFirst().isBefore(horizon)) {
      recent.removeFirst();
    }
  }

  private Duration window() {
    return Duration.ofMinutes(windowMinutes);
  }
}
