package org.shouhu.beneficiaries.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The hand-over between a run's preparing thread and its writing thread (#15, session 10). */
class PreparedBatchesTest {

  private final ExecutorService executor = Executors.newSingleThreadExecutor();

  @AfterEach
  void stopExecutor() throws InterruptedException {
    executor.shutdownNow();
    assertTrue(executor.awaitTermination(10, TimeUnit.SECONDS));
  }

  /** Batches 0..n-1, each checked for a stop between its "rows". */
  private static PreparedBatches.Preparation<Integer> counting(int n, List<String> threads) {
    return (each, betweenRows) -> {
      for (int i = 0; i < n; i++) {
        betweenRows.run();
        threads.add(Thread.currentThread().getName());
        each.accept(i);
      }
    };
  }

  /** What the writer was given, in order, and on which thread. */
  private record Written(List<Integer> batches, List<String> threads) {}

  private static Written writeAll(PreparedBatches<Integer> batches) {
    Written written = new Written(new ArrayList<>(), new ArrayList<>());
    assertTimeoutPreemptively(Duration.ofSeconds(20), () -> batches.writeAll(i -> {
      written.batches().add(i);
      written.threads().add(Thread.currentThread().getName());
    }));
    return written;
  }

  @Test
  void writesEveryBatchOnceInOrderWhilePreparingOnAnotherThread() throws Exception {
    List<String> preparedOn = Collections.synchronizedList(new ArrayList<>());
    var batches = new PreparedBatches<>(2, counting(200, preparedOn));
    executor.execute(batches::prepareAll);
    Written done = writeAll(batches);
    List<Integer> written = done.batches();
    List<String> writtenOn = done.threads();
    List<Integer> expected = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      expected.add(i);
    }
    assertEquals(expected, written);
    assertTrue(batches.preparedAhead());
    assertFalse(preparedOn.contains(writtenOn.get(0)), "prepared on the executor's thread");
  }

  @Test
  void preparesOnTheWritersThreadWhenNoExecutorThreadTakesTheTask() throws Exception {
    CountDownLatch busy = new CountDownLatch(1);
    executor.execute(() -> {
      try {
        busy.await(); // the pool's only thread is taken, as by other jobs
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    List<String> preparedOn = Collections.synchronizedList(new ArrayList<>());
    var batches = new PreparedBatches<>(2, counting(5, preparedOn));
    executor.execute(batches::prepareAll);
    Written done = writeAll(batches);
    List<Integer> written = done.batches();
    List<String> writtenOn = done.threads();
    assertEquals(List.of(0, 1, 2, 3, 4), written, "no deadlock: the writer prepared them itself");
    assertFalse(batches.preparedAhead());
    assertEquals(List.of(writtenOn.get(0)), preparedOn.stream().distinct().toList());
    busy.countDown();
    // The task, once it runs, finds the work claimed and prepares nothing twice.
    executor.shutdown();
    assertTrue(executor.awaitTermination(10, TimeUnit.SECONDS));
    assertEquals(5, preparedOn.size());
  }

  @Test
  void aFailureInPreparingReachesTheWriterAsItselfAfterTheBatchesBeforeIt() {
    UncheckedIOException unreadable = new UncheckedIOException(new java.io.IOException("broken file"));
    var batches = new PreparedBatches<Integer>(2, (each, betweenRows) -> {
      each.accept(0);
      each.accept(1);
      throw unreadable;
    });
    executor.execute(batches::prepareAll);
    List<Integer> written = new ArrayList<>();
    Exception thrown = assertThrows(Exception.class, () -> batches.writeAll(written::add));
    assertSame(unreadable, thrown);
    assertEquals(List.of(0, 1), written);
  }

  @Test
  void aWriterThatStopsStopsThePreparerAndReturnsOnlyOnceItHasEnded() throws Exception {
    AtomicInteger prepared = new AtomicInteger();
    AtomicBoolean preparerRunning = new AtomicBoolean();
    var batches = new PreparedBatches<Integer>(2, (each, betweenRows) -> {
      preparerRunning.set(true);
      try {
        for (int i = 0; i < 1_000_000; i++) {
          betweenRows.run();
          prepared.incrementAndGet();
          each.accept(i);
        }
      } finally {
        preparerRunning.set(false);
      }
    });
    executor.execute(batches::prepareAll);
    IllegalStateException leaseLost = new IllegalStateException("lease lost");
    List<Integer> written = new ArrayList<>();
    IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> batches.writeAll(i -> {
      if (i == 3) {
        throw leaseLost;
      }
      written.add(i);
    }));
    assertSame(leaseLost, thrown);
    assertEquals(List.of(0, 1, 2), written);
    assertFalse(preparerRunning.get(), "the preparer has ended when the writer returns");
    assertTrue(prepared.get() <= 3 + 1 + 2 + 1, "bounded: no more prepared than written, the one refused, the queue"
        + " and the one waiting for room: " + prepared.get());
  }
}
