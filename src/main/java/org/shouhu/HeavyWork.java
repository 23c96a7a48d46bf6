package org.shouhu;

import jakarta.enterprise.util.Nonbinding;
import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a boundary method whose work is heavy enough to crowd out everything else on the node when many run at
 * once: rendering a file, a report that aggregates a whole period. Such a method runs only while its {@link Pool}
 * has room ({@link Bulkheads}); past that it is refused at once with {@code 503 BUSY} and {@code Retry-After},
 * before it opens a transaction. Put it beside {@code @Transactional}: the limit runs outside it.
 */
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface HeavyWork {

  /** Not binding: one interceptor serves every pool and reads the pool from the annotation. */
  @Nonbinding
  Pool value();

  /**
   * The per-node capacities, each configurable as {@code shouhu.bulkhead.<name>.max-concurrent} and
   * {@code shouhu.bulkhead.<name>.max-wait-ms}. The defaults suit a 2-core node with 20 database connections: the
   * two pools together hold at most 6 connections, so ordinary requests always find one, and exports, which are
   * CPU-bound, take at most one core each. Ledger imports need no pool here: they run on the job queue's threads
   * ({@code shouhu.jobs.threads}), which bound them per node.
   */
  enum Pool {
    /** XLSX, PDF and CSV files, from the first query to the last byte sent: CPU-bound rendering. */
    EXPORTS(2, 0),
    /** The bureau's period reports and drill-down lists: whole-period aggregations in the database. */
    REPORTS(4, 500);

    private final int defaultMaxConcurrent;
    private final int defaultMaxWaitMillis;

    Pool(int defaultMaxConcurrent, int defaultMaxWaitMillis) {
      this.defaultMaxConcurrent = defaultMaxConcurrent;
      this.defaultMaxWaitMillis = defaultMaxWaitMillis;
    }

    public String configName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    public int defaultMaxConcurrent() {
      return defaultMaxConcurrent;
    }

    public int defaultMaxWaitMillis() {
      return defaultMaxWaitMillis;
    }
  }
}
