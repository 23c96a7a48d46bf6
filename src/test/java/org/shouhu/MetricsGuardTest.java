package org.shouhu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.shouhu.MetricsGuard.Decision;

class MetricsGuardTest {

  @Test
  void byDefaultOnlyAPlatformOperatorReadsMetrics() {
    assertEquals(Decision.UNAUTHENTICATED, MetricsGuard.decide(Optional.empty(), 8080, false, false));
    assertEquals(Decision.FORBIDDEN, MetricsGuard.decide(Optional.empty(), 8080, true, false));
    assertEquals(Decision.SERVE, MetricsGuard.decide(Optional.empty(), 8080, true, true));
  }

  @Test
  void withAManagementPortMetricsExistOnlyThereAndNeedNoToken() {
    assertEquals(Decision.SERVE, MetricsGuard.decide(Optional.of(9090), 9090, false, false));
    assertEquals(Decision.HIDDEN, MetricsGuard.decide(Optional.of(9090), 8080, false, false));
    assertEquals(Decision.HIDDEN, MetricsGuard.decide(Optional.of(9090), 8080, true, true), "not even with a token");
  }
}
