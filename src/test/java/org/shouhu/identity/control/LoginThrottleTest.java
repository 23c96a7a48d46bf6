package org.shouhu.identity.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

  private static final String ADDRESS = "198.51.100.7";
  private static final Instant T0 = Instant.parse("2026-03-02T01:00:00Z");

  private final SettableClock clock = new SettableClock(T0);
  private LoginThrottle throttle;

  @BeforeEach
  void threeFailuresInFifteenMinutes() {
    throttle = new LoginThrottle();
    throttle.clock = clock;
    throttle.maxFailures = 3;
    throttle.windowMinutes = 15;
  }

  private void failAt(Instant at) {
    clock.now = at;
    throttle.recordFailure(ADDRESS);
  }

  @Test
  void letsAnUnknownAddressTry() {
    assertEquals(Duration.ZERO, throttle.waitFor(ADDRESS));
  }

  @Test
  void letsAnAddressTryBelowTheLimit() {
    failAt(T0);
    failAt(T0.plusSeconds(60));
    assertEquals(Duration.ZERO, throttle.waitFor(ADDRESS));
  }

  @Test
  void makesAnAddressWaitUntilItsOldestFailureLeavesTheWindow() {
    failAt(T0);
    failAt(T0.plus(Duration.ofMinutes(5)));
    failAt(T0.plus(Duration.ofMinutes(10)));

    Duration wait = throttle.waitFor(ADDRESS);

    // The oldest failure (T0) leaves the window at T0+15m, five minutes from now; one second of margin.
    assertEquals(Duration.ofMinutes(5).plusSeconds(1), wait);
  }

  @Test
  void windowSlides() {
    failAt(T0);
    failAt(T0.plus(Duration.ofMinutes(5)));
    failAt(T0.plus(Duration.ofMinutes(10)));

    clock.now = T0.plus(Duration.ofMinutes(15)).plusSeconds(1);
    assertEquals(Duration.ZERO, throttle.waitFor(ADDRESS), "the failure at T0 has slid out of the window");

    failAt(clock.now);
    Duration wait = throttle.waitFor(ADDRESS);
    assertTrue(wait.compareTo(Duration.ZERO) > 0, "three failures are inside the window again");
    // Now the oldest in the window is the one at T0+5m, which leaves it at T0+20m.
    assertEquals(Duration.between(clock.now, T0.plus(Duration.ofMinutes(20))).plusSeconds(1), wait);

    clock.now = T0.plus(Duration.ofMinutes(30)).plusSeconds(2);
    assertEquals(Duration.ZERO, throttle.waitFor(ADDRESS), "all failures have slid out");
  }

  @Test
  void countsEachAddressOnItsOwn() {
    failAt(T0);
    failAt(T0);
    failAt(T0);
    assertTrue(throttle.waitFor(ADDRESS).compareTo(Duration.ZERO) > 0);
    assertEquals(Duration.ZERO, throttle.waitFor("198.51.100.8"));
  }

  /** A clock the test moves by hand. */
  private static final class SettableClock extends Clock {
    Instant now;

    SettableClock(Instant now) {
      this.now = now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
