package org.shouhu.beneficiaries.boundary;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The hand-over between the thread that prepares a run's batches (reads the file, maps, checks, indexes and seals
 * the rows: Java work) and the run's own thread, which writes them one transaction each (the database's work), so
 * that on two cores the next batch is prepared while the database writes this one.
 *
 * <p>Bounded: at most {@code capacity} prepared batches wait, so a fast reader cannot fill the heap with a file a
 * slow database has not written yet. Order is the file's: one preparer, one writer, a FIFO queue.
 *
 * <p>Never a deadlock on a busy executor: the preparation runs where it is first claimed. The task submitted to the
 * managed executor claims it when it starts; if the writer finds it not started yet (every pool thread busy, say
 * with other jobs whose own preparers wait behind this one), the writer claims it and prepares each batch itself
 * before writing it, as a run did before there were two threads. Either way each batch is written once, in order.
 *
 * <p>Either side stops both: a failure in preparing reaches the writer as the same exception; a writer that stops
 * (lease lost, cancelled, failed) {@linkplain #stop stops} the preparer at its next row and waits for it to end, so
 * nothing of the run is still working once its thread returns.
 */
final class PreparedBatches<B> {

  /**
   * The preparation of every batch of a file, in order.
   *
   * @param each what to do with each batch: hand it over, or (run by the writer itself) write it at once
   * @param betweenRows to be called before each row: throws {@link Stopped} once the writer has stopped
   */
  interface Preparation<B> {
    void run(Consumer<B> each, Runnable betweenRows) throws Exception;
  }

  /** Thrown in the preparer when the writer has stopped: it unwinds the file's reader. */
  static final class Stopped extends RuntimeException {
    Stopped() {
      super(null, null, false, false);
    }
  }

  private static final Object END = new Object();
  private static final long POLL_MILLIS = 50;

  private final BlockingQueue<Object> queue;
  private final AtomicBoolean claimed = new AtomicBoolean();
  private final CountDownLatch preparerDone = new CountDownLatch(1);
  private final Preparation<B> preparation;
  private volatile boolean stopped;
  private volatile boolean ahead;

  PreparedBatches(int capacity, Preparation<B> preparation) {
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.preparation = preparation;
  }

  /** The executor's task: prepares every batch and hands it over, unless the writer claimed the work first. */
  void prepareAll() {
    if (!claimed.compareAndSet(false, true)) {
      return;
    }
    ahead = true;
    try {
      preparation.run(this::handOver, this::requireNotStopped);
      handOver(END);
    } catch (Stopped e) {
      // The writer stopped first and reports why.
    } catch (Throwable e) {
      try {
        handOver(new Failure(e));
      } catch (Stopped ignored) {
        // idem
      }
    } finally {
      preparerDone.countDown();
    }
  }

  /**
   * The writer's side: every batch in file order, each given to {@code write} on this thread. Returns when the file
   * is done; throws what stopped the preparer, or what {@code write} threw.
   */
  void writeAll(Consumer<B> write) throws Exception {
    try {
      while (true) {
        Object next = queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
        if (next == null) {
          if (claimed.compareAndSet(false, true)) {
            // The task has not started: this thread prepares and writes, batch after batch.
            preparerDone.countDown();
            preparation.run(write, () -> {});
            return;
          }
          if (preparerDone.getCount() > 0) {
            continue;
          }
          // Ended: whatever it handed over last is queued by now.
          next = queue.poll();
          if (next == null) {
            throw new IllegalStateException("the preparation of a ledger import ended without a word");
          }
        }
        if (next == END) {
          return;
        }
        if (next instanceof Failure failure) {
          throw failure.rethrown();
        }
        @SuppressWarnings("unchecked")
        B batch = (B) next;
        write.accept(batch);
      }
    } finally {
      stop();
    }
  }

  /** True when the batches were prepared on the executor's thread, ahead of the writer. */
  boolean preparedAhead() {
    return ahead;
  }

  /** Stops the preparer at its next row and waits for it to end. */
  void stop() {
    stopped = true;
    if (claimed.compareAndSet(false, true)) {
      preparerDone.countDown(); // never started, never will
    }
    queue.clear(); // a preparer waiting for room sees the stop within a poll
    boolean interrupted = false;
    while (true) {
      try {
        // Bounded by one row, one chunk's read or one batch's preparation: it looks at the flag between them.
        preparerDone.await();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private void requireNotStopped() {
    if (stopped) {
      throw new Stopped();
    }
  }

  private void handOver(Object item) {
    try {
      while (!queue.offer(item, POLL_MILLIS, TimeUnit.MILLISECONDS)) {
        requireNotStopped();
      }
      requireNotStopped();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("the preparation of a ledger import was interrupted", e);
    }
  }

  /** A preparer's failure, carried to the writer to be thrown there. */
  private record Failure(Throwable cause) {
    Exception rethrown() {
      if (cause instanceof Error error) {
        throw error;
      }
      if (cause instanceof Exception e) {
        return e;
      }
      return new IllegalStateException(cause);
    }
  }
}
