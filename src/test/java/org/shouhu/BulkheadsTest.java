package org.shouhu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.shouhu.Bulkheads.Bulkhead;
import org.shouhu.Bulkheads.Permit;
import org.shouhu.HeavyWork.Pool;

class BulkheadsTest {

  @Test
  void refusesAtOnceWhenEveryPermitIsTaken() {
    Bulkhead exports = new Bulkhead(Pool.EXPORTS, 2, 0);
    Permit first = exports.tryEnter();
    Permit second = exports.tryEnter();
    assertNotNull(first);
    assertNotNull(second);
    long started = System.nanoTime();
    assertNull(exports.tryEnter());
    assertTrue(System.nanoTime() - started < TimeUnit.MILLISECONDS.toNanos(100), "no waiting with max-wait 0");
  }

  @Test
  void givesAPermitBackOnlyOnceHoweverOftenItIsClosed() {
    Bulkhead exports = new Bulkhead(Pool.EXPORTS, 1, 0);
    Permit permit = exports.tryEnter();
    permit.close();
    permit.close();
    assertEquals(1, exports.semaphore.availablePermits(), "a second close must not grow the pool");
    assertNotNull(exports.tryEnter());
    assertNull(exports.tryEnter());
  }

  @Test
  void waitsUpToItsLimitForAPermitThatIsGivenBack() throws Exception {
    Bulkhead reports = new Bulkhead(Pool.REPORTS, 1, 2_000);
    Permit held = reports.tryEnter();
    CompletableFuture<Permit> waiting = CompletableFuture.supplyAsync(reports::tryEnter);
    Thread.sleep(100);
    held.close();
    assertNotNull(waiting.get(5, TimeUnit.SECONDS), "entered once the permit came back");
  }

  @Test
  void givesUpAfterItsWait() {
    Bulkhead reports = new Bulkhead(Pool.REPORTS, 1, 150);
    reports.tryEnter();
    long started = System.nanoTime();
    assertNull(reports.tryEnter());
    long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    assertTrue(waited >= 140 && waited < 2_000, "waited " + waited + " ms");
  }

  @Test
  void refusesAPoolWithoutRoom() {
    assertThrows(IllegalArgumentException.class, () -> new Bulkhead(Pool.REPORTS, 0, 0));
  }
}
