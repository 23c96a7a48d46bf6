package org.shouhu.reporting.control;

import java.time.Duration;

/**
 * What a standby says about itself, read in one statement: whether it is in recovery, the WAL it has received and
 * replayed, how long ago the last transaction it replayed committed on the primary, and whether a WAL receiver is
 * running. LSNs are unsigned 64-bit positions.
 */
public record StandbyPosition(
    boolean inRecovery, Long receivedLsn, Long replayedLsn, Duration sinceLastReplayedCommit, boolean receiving) {

  /**
   * How old the standby's data is. Replay lag is {@code now() - pg_last_xact_replay_timestamp()} while WAL is waiting
   * to be replayed; a standby that is streaming and has replayed all it received is current (age 0) even when the
   * primary has been idle for an hour, which the bare timestamp would call an hour old. Not streaming, its data is as
   * old as its last replayed commit. Null when that is unknown (nothing replayed since it started).
   */
  public Duration age() {
    if (!inRecovery) {
      return Duration.ZERO;
    }
    if (receiving && receivedLsn != null && replayedLsn != null && Long.compareUnsigned(replayedLsn, receivedLsn) >= 0) {
      return Duration.ZERO;
    }
    if (sinceLastReplayedCommit == null) {
      return null;
    }
    return sinceLastReplayedCommit.isNegative() ? Duration.ZERO : sinceLastReplayedCommit;
  }

  /** Whether the standby has replayed WAL up to (at least) this position. */
  public boolean hasReplayed(long lsn) {
    return replayedLsn != null && Long.compareUnsigned(replayedLsn, lsn) >= 0;
  }

  /** PostgreSQL's text form of a pg_lsn ({@code 16/B374D848}) as a number; null stays null. */
  public static Long lsn(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    int slash = text.indexOf('/');
    if (slash < 1) {
      throw new IllegalArgumentException("not an LSN: " + text);
    }
    long high = Long.parseUnsignedLong(text.substring(0, slash).strip(), 16);
    long low = Long.parseUnsignedLong(text.substring(slash + 1).strip(), 16);
    return high << 32 | low;
  }
}
