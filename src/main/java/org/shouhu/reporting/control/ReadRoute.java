package org.shouhu.reporting.control;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;

/**
 * Where one report is read and how old its data is. The standby is used only when it is a standby in recovery, has
 * replayed the caller's own last write, and is no further behind than the configured limit; every other case reads
 * the primary, whose data has age 0. docs/adr/0015-reads-from-a-standby.md
 */
public record ReadRoute(Source source, Duration age, String reason) {

  /** The response headers that state it on every routed answer. */
  public static final String AGE_HEADER = "Shouhu-Data-Age";
  public static final String SOURCE_HEADER = "Shouhu-Data-Source";
  /** The request attribute through which the boundary hands the route to the header filter. */
  public static final String ATTRIBUTE = ReadRoute.class.getName();

  public enum Source { PRIMARY, STANDBY }

  public static ReadRoute primary(String reason) {
    return new ReadRoute(Source.PRIMARY, Duration.ZERO, reason);
  }

  /**
   * The decision. {@code standby} is null when none is configured or it could not be reached; {@code lastWrite} is
   * the WAL position (LSN) after the caller's last committed write, null when the caller has none recorded.
   */
  public static ReadRoute decide(StandbyPosition standby, Long lastWrite, Duration maxLag) {
    if (standby == null) {
      return primary("no standby");
    }
    if (!standby.inRecovery()) {
      // The standby's address answers as a primary (promoted, or misconfigured): it may not be the primary this
      // node writes to, so it is not trusted to hold the caller's writes.
      return primary("standby not in recovery");
    }
    if (lastWrite != null && !standby.hasReplayed(lastWrite)) {
      return primary("own write not replayed yet");
    }
    Duration age = standby.age();
    if (age == null || age.compareTo(maxLag) > 0) {
      return primary("standby too far behind");
    }
    return new ReadRoute(Source.STANDBY, age, "standby");
  }

  /** Seconds, one decimal: {@code 0.0}, {@code 12.4}. */
  public String ageSeconds() {
    return BigDecimal.valueOf(age.toMillis()).movePointLeft(3).setScale(1, RoundingMode.HALF_UP).toPlainString();
  }

  public String sourceName() {
    return source.name().toLowerCase(java.util.Locale.ROOT);
  }

  /** The line exports print: where the figures were read and how old they were. */
  public String describe() {
    return source == Source.STANDBY
        ? "备库，数据延迟 " + ageSeconds() + " 秒"
        : "主库，数据延迟 0 秒";
  }
}
