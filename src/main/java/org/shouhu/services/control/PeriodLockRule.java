package org.shouhu.services.control;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Optional;

/**
 * Monthly periods lock (issue #4): the month a service started in (the organization's time zone) stays open through
 * the {@code lockDays}-th day after it ends and is locked from the start of the next day. January with the default
 * 10 days is open through 10 February and locked from 11 February 00:00; with 0 days it locks on 1 February 00:00.
 *
 * <p>Why: the bureau's monthly figures are taken from a period once it has settled, so nothing in a locked period
 * changes behind them. Only ORG_ADMIN changes a record there, and that leaves an audit entry. One exception: a
 * supervisor may still <em>approve</em> a record the worker submitted before the lock, because approval does not
 * change what was entered and the worker did their part in time (DHIS2 likewise approves after the entry lock).
 * Returning it is refused: it would hand the content back for editing in a closed period.
 */
public final class PeriodLockRule {

  public static final String CODE = "SVC_PERIOD_LOCKED";

  /** The lock of one month: {@code lockedOn} is the first locked day, {@code lockedFrom} its first instant. */
  public record Lock(YearMonth month, LocalDate lockedOn, Instant lockedFrom) {

    public boolean isLockedAt(Instant now) {
      return !now.isBefore(lockedFrom);
    }

    public String message() {
      return "The period " + month + " is locked since " + lockedOn + "; only ORG_ADMIN changes its records.";
    }
  }

  private PeriodLockRule() {}

  /** The lock of the month in which a service starting at {@code startedAt} lies, reckoned in {@code zone}. */
  public static Lock lockOf(OffsetDateTime startedAt, int lockDays, ZoneId zone) {
    if (lockDays < 0) {
      throw new IllegalArgumentException("lockDays is never negative");
    }
    YearMonth month = YearMonth.from(startedAt.atZoneSameInstant(zone));
    LocalDate lockedOn = month.atEndOfMonth().plusDays(lockDays + 1L);
    return new Lock(month, lockedOn, lockedOn.atStartOfDay(zone).toInstant());
  }

  /** The lock holding a service starting at {@code startedAt}, if its period is locked at {@code now}. */
  public static Optional<Lock> locked(OffsetDateTime startedAt, int lockDays, ZoneId zone, Instant now) {
    Lock lock = lockOf(startedAt, lockDays, zone);
    return lock.isLockedAt(now) ? Optional.of(lock) : Optional.empty();
  }

  /** A supervisor's approval after the lock of a record that was submitted before it. */
  public static boolean approvalAfterLockAllowed(Lock lock, OffsetDateTime submittedAt) {
    return submittedAt != null && submittedAt.toInstant().isBefore(lock.lockedFrom());
  }
}
