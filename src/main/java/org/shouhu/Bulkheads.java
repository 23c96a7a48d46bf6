package org.shouhu;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.shouhu.HeavyWork.Pool;
import org.shouhu.problems.boundary.Problems;

/**
 * The node's bulkheads: one counting semaphore per {@link Pool}, so heavy work can never take every CPU, database
 * connection and HTTP thread at once and starve liveness and ordinary requests (issue #14 measured 150 concurrent
 * exports: p95 56 s, {@code /health/live} silent for 30 s, {@code /api/v1/me} 25 s).
 *
 * <p>Why not MicroProfile Fault Tolerance's {@code @Bulkhead}: its state is per bean class and method, so the five
 * export endpoints would each get their own capacity, and it is released when the method returns, while an export's
 * real work (writing the file) happens afterwards, as the response streams. A permit here is held until the last byte
 * is written ({@link HeavyWorkLimit}) or, for an import, until its background run ends.
 *
 * <p>A request that finds no room waits at most the pool's {@code max-wait-ms} (0: not at all) and is then refused
 * with {@code 503 BUSY} and {@code Retry-After}: a queue of heavy work would only make every caller wait longer.
 */
@ApplicationScoped
public class Bulkheads {

  static final String PREFIX = "shouhu.bulkhead.";

  private final Map<Pool, Bulkhead> bulkheads = new EnumMap<>(Pool.class);
  private int retryAfterSeconds = 5;

  @PostConstruct
  void configure() {
    Config config = ConfigProvider.getConfig();
    retryAfterSeconds = config.getOptionalValue(PREFIX + "retry-after-seconds", Integer.class).orElse(5);
    for (Pool pool : Pool.values()) {
      int max = config.getOptionalValue(PREFIX + pool.configName() + ".max-concurrent", Integer.class)
          .orElse(pool.defaultMaxConcurrent());
      int wait = config.getOptionalValue(PREFIX + pool.configName() + ".max-wait-ms", Integer.class)
          .orElse(pool.defaultMaxWaitMillis());
      bulkheads.put(pool, new Bulkhead(pool, max, wait));
    }
  }

  /** Enters the pool or throws the {@code 503 BUSY} answer. Close the permit when the work is done (idempotent). */
  public Permit enter(Pool pool) {
    Permit permit = bulkheads.get(pool).tryEnter();
    if (permit == null) {
      throw busy(pool, retryAfterSeconds);
    }
    return permit;
  }

  /** How many permits of the pool are free now (for logs and tests). */
  public int available(Pool pool) {
    return bulkheads.get(pool).semaphore.availablePermits();
  }

  /**
   * The refusal, thrown as a response rather than mapped from an exception: a WebApplicationException that carries
   * an entity is sent as it is (Jakarta REST 3.1, §3.3.4), which keeps the {@code Retry-After} header that the
   * problem mappers would not add.
   */
  static WebApplicationException busy(Pool pool, int retryAfterSeconds) {
    Response problem = Problems.response(503, "BUSY", "Busy",
        "This server is already running as many " + pool.configName() + " as it safely can. Try again in "
            + retryAfterSeconds + " seconds.");
    return new WebApplicationException(
        Response.fromResponse(problem).header("Retry-After", String.valueOf(retryAfterSeconds)).build());
  }

  /** One pool's capacity. */
  static final class Bulkhead {
    final Pool pool;
    final Semaphore semaphore;
    final long maxWaitMillis;

    Bulkhead(Pool pool, int maxConcurrent, long maxWaitMillis) {
      if (maxConcurrent < 1) {
        throw new IllegalArgumentException(PREFIX + pool.configName() + ".max-concurrent must be at least 1");
      }
      this.pool = pool;
      // Fair, so a waiting request is not overtaken by one that arrives later.
      this.semaphore = new Semaphore(maxConcurrent, true);
      this.maxWaitMillis = Math.max(0, maxWaitMillis);
    }

    /** A permit, or null when none freed up within the pool's wait. */
    Permit tryEnter() {
      boolean entered;
      if (maxWaitMillis == 0) {
        entered = semaphore.tryAcquire();
      } else {
        try {
          entered = semaphore.tryAcquire(maxWaitMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          entered = false;
        }
      }
      return entered ? new Permit(semaphore) : null;
    }
  }

  /** Room in a pool, given back exactly once however many paths try to close it. */
  public static final class Permit implements AutoCloseable {
    private final Semaphore semaphore;
    private final AtomicBoolean held = new AtomicBoolean(true);

    Permit(Semaphore semaphore) {
      this.semaphore = semaphore;
    }

    @Override
    public void close() {
      if (held.compareAndSet(true, false)) {
        semaphore.release();
      }
    }
  }
}
