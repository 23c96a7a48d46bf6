package org.shouhu.identity.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The throttle's rule; where the failures are kept (the database, shared by every node) is AuthenticationIT's. */
class LoginThrottleTest {

  private static final Instant T0 = Instant.parse("2026-03-02T01:00:00Z");

  private LoginThrottle throttle;

  @BeforeEach
  void threeFailuresInFifteenMinutes() {
    throttle = new LoginThrottle();
    throttle.maxFailures = 3;
    throttle.windowMinutes = 15;
  }

  @Test
  void letsAnUnknownAddressTry() {
    assertEquals(Duration.ZERO, throttle.waitFor(0, null, T0));
  }

  @Test
  void letsAnAddressTryBelowTheLimit() {
    assertEquals(Duration.ZERO, throttle.waitFor(2, T0, T0.plusSeconds(60)));
  }

  @Test
  void makesAnAddressWaitUntilItsOldestFailureLeavesTheWindow() {
    Duration wait = throttle.waitFor(3, T0, T0.plus(Duration.ofMinutes(10)));

    // The oldest failure (T0) leaves the window at T0+15m, five minutes from now; one second of margin.
    assertEquals(Duration.ofMinutes(5).plusSeconds(1), wait);
  }

  @Test
  void countsFailuresBeyondTheLimitTheSame() {
    assertEquals(Duration.ofMinutes(14).plusSeconds(1), throttle.waitFor(40, T0, T0.plus(Duration.ofMinutes(1))));
  }

  @Test
  void neverAnnouncesANegativeWait() {
    assertEquals(Duration.ZERO, throttle.waitFor(3, T0, T0.plus(Duration.ofMinutes(20))));
  }
}
