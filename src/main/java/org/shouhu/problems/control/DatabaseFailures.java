package org.shouhu.problems.control;

import jakarta.resource.ResourceException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.ArrayList;
import java.util.Optional;
import java.util.Set;
import javax.transaction.xa.XAException;
import org.eclipse.persistence.exceptions.EclipseLinkException;

/**
 * Reads what a failure says about the database. A failure reaches the boundary wrapped several layers deep (JTA's
 * RollbackException around EclipseLink's DatabaseException around the pool's ResourceException around the
 * driver's SQLException), and some layers keep their cause in a field of their own rather than in
 * {@link Throwable#getCause()}, so every path is followed.
 *
 * <p>"Unavailable" means the request could not get or keep a connection: it says nothing about the request
 * itself, and the same request succeeds once the database is back. That is the difference between a 503 and a
 * 500.
 */
public final class DatabaseFailures {

  /** PostgreSQL: 57P01 admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now, 53300 too_many_connections. */
  private static final Set<String> AWAY = Set.of("57P01", "57P02", "57P03", "53300");

  /** PostgreSQL's lock_not_available, what {@code lock_timeout} raises. */
  public static final String LOCK_NOT_AVAILABLE = "55P03";

  private DatabaseFailures() {}

  /** True when the failure is the database being unreachable, shutting down or refusing connections. */
  public static boolean unavailable(Throwable failure) {
    for (Throwable t : chain(failure)) {
      if (t instanceof SQLException sql && sql.getSQLState() != null) {
        String state = sql.getSQLState();
        if (state.startsWith("08") || AWAY.contains(state)) {
          return true;
        }
      }
      if (t instanceof SQLNonTransientConnectionException || t instanceof SQLTransientConnectionException) {
        return true;
      }
      // The pool could not hand out a connection at all (none could be created, or none freed within
      // max-wait-time): nothing of the request ran.
      if (t instanceof ResourceException) {
        return true;
      }
      if (t instanceof XAException xa && lostConnection(xa)) {
        return true;
      }
    }
    return false;
  }

  /**
   * What Payara's pool says, flattened into an XAException's message, when the connection under a commit (or the
   * pool's check of it just before) went: the driver's I/O failure, a connection the server closed (PostgreSQL
   * stopping, crashing, or restarting after a crash), or a managed connection the pool has already marked unusable
   * because another connection of the same pool failed. None of them says anything about the request.
   */
  private static final List<String> CONNECTION_LOST = List.of(
      "An I/O error occurred",
      "This connection has been closed",
      "physical connection is not usable",
      "terminating connection",
      "the database system is",
      "Connection refused",
      "Connection reset");

  /**
   * A commit through the pool's resource that failed because the connection went: Payara wraps the failure as
   * {@code new XAException(cause.toString())}, with no cause and error code 0, so only the resource-manager codes
   * and that text say what happened. A commit refused by the database itself (a deferred constraint, a
   * serialization failure) names its SQLState text instead and stays a 500.
   */
  private static boolean lostConnection(XAException xa) {
    if (xa.errorCode == XAException.XAER_RMFAIL || xa.errorCode == XAException.XA_RBCOMMFAIL) {
      return true;
    }
    String text = String.valueOf(xa.getMessage());
    return CONNECTION_LOST.stream().anyMatch(text::contains);
  }

  /** PostgreSQL: 40001 serialization_failure, 40P01 deadlock_detected. */
  private static final Set<String> CONCURRENT = Set.of("40001", "40P01");

  /**
   * True when the failure is a collision with another transaction over the same rows: a stale version (JPA's or
   * EclipseLink's optimistic lock), a serialization failure or a deadlock. The request itself is fine; sent again,
   * it meets what the other transaction left.
   */
  public static boolean concurrentChange(Throwable failure) {
    for (Throwable t : chain(failure)) {
      if (t instanceof jakarta.persistence.OptimisticLockException
          || t instanceof org.eclipse.persistence.exceptions.OptimisticLockException) {
        return true;
      }
      if (t instanceof SQLException sql && sql.getSQLState() != null && CONCURRENT.contains(sql.getSQLState())) {
        return true;
      }
    }
    return false;
  }

  /** The first SQLState found along the failure's causes. */
  public static Optional<String> sqlState(Throwable failure) {
    for (Throwable t : chain(failure)) {
      if (t instanceof SQLException sql && sql.getSQLState() != null) {
        return Optional.of(sql.getSQLState());
      }
    }
    return Optional.empty();
  }

  /** Every throwable reachable from the failure, breadth first, each once. */
  static Iterable<Throwable> chain(Throwable failure) {
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    Deque<Throwable> queue = new ArrayDeque<>();
    List<Throwable> order = new ArrayList<>();
    if (failure != null) {
      queue.add(failure);
    }
    while (!queue.isEmpty() && order.size() < 64) {
      Throwable t = queue.poll();
      if (!seen.add(t)) {
        continue;
      }
      order.add(t);
      if (t.getCause() != null) {
        queue.add(t.getCause());
      }
      if (t instanceof EclipseLinkException eclipseLink && eclipseLink.getInternalException() != null) {
        queue.add(eclipseLink.getInternalException());
      }
      if (t instanceof SQLException sql && sql.getNextException() != null) {
        queue.add(sql.getNextException());
      }
      if (t instanceof ResourceException resource && resource.getCause() == null && resource.getLinkedException() != null) {
        queue.add(resource.getLinkedException());
      }
      for (Throwable suppressed : t.getSuppressed()) {
        queue.add(suppressed);
      }
    }
    return order;
  }
}
