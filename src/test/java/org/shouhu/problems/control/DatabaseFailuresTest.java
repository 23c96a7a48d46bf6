package org.shouhu.problems.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.persistence.PersistenceException;
import jakarta.resource.spi.ResourceAllocationException;
import jakarta.transaction.RollbackException;
import jakarta.transaction.TransactionalException;
import java.io.EOFException;
import java.net.ConnectException;
import java.sql.SQLException;
import java.util.Optional;
import org.eclipse.persistence.exceptions.DatabaseException;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;
import org.postgresql.util.ServerErrorMessage;

/** The failures a database that is away produces, as they reach the boundary, and the ones that only look alike. */
class DatabaseFailuresTest {

  /** An error as the server sends it (severity, SQLState, message), parsed by the driver. */
  private static PSQLException psql(String state) {
    return new PSQLException(new ServerErrorMessage("SFATAL\0C" + state + "\0Mfrom the server\0"));
  }

  @Test
  void aRefusedConnectionIsUnavailable() {
    var refused = new PSQLException("Connection to 127.0.0.1:5432 refused.", PSQLState.CONNECTION_UNABLE_TO_CONNECT,
        new ConnectException("Connection refused"));
    assertTrue(DatabaseFailures.unavailable(refused));
  }

  @Test
  void aConnectionLostMidRequestIsUnavailable() {
    var lost = new PSQLException("An I/O error occurred while sending to the backend.", PSQLState.CONNECTION_FAILURE,
        new EOFException());
    assertTrue(DatabaseFailures.unavailable(lost));
    assertTrue(DatabaseFailures.unavailable(psql("08003")), "connection does not exist");
  }

  @Test
  void shutdownCrashAndStartingUpAreUnavailable() {
    assertTrue(DatabaseFailures.unavailable(psql("57P01")), "admin shutdown");
    assertTrue(DatabaseFailures.unavailable(psql("57P02")), "crash shutdown");
    assertTrue(DatabaseFailures.unavailable(psql("57P03")), "cannot connect now");
    assertTrue(DatabaseFailures.unavailable(psql("53300")), "too many connections");
  }

  @Test
  void isFoundUnderEclipseLinkAndJpaAndJta() {
    DatabaseException eclipseLink = DatabaseException.sqlException(psql("57P01"));
    var jpa = new PersistenceException("Exception [EclipseLink-4002]", eclipseLink);
    var jta = new TransactionalException("rolled back", new RollbackException("marked for rollback"));
    jta.getCause().initCause(jpa);
    assertTrue(DatabaseFailures.unavailable(jpa));
    assertTrue(DatabaseFailures.unavailable(jta));
    assertEquals(Optional.of("57P01"), DatabaseFailures.sqlState(jta));
  }

  @Test
  void isFoundInEclipseLinksOwnCauseField() {
    DatabaseException eclipseLink = DatabaseException.sqlException(psql("08006"));
    assertTrue(DatabaseFailures.unavailable(new PersistenceException(eclipseLink.getMessage(), eclipseLink)));
  }

  @Test
  void aPoolThatCannotHandOutAConnectionIsUnavailable() {
    var pool = new SQLException("Error in allocating a connection. Cause: In-use connections equal max-pool-size and"
        + " expired max-wait-time. Cannot allocate more connections.",
        new ResourceAllocationException("expired max-wait-time"));
    assertTrue(DatabaseFailures.unavailable(new PersistenceException(pool)));
  }

  @Test
  void aCommitWhoseConnectionWentIsUnavailable() {
    // What Payara's local-transaction resource throws when the commit cannot reach PostgreSQL (seen in
    // DatabaseOutageIT): the driver's failure flattened into the XAException's message, no cause.
    var flattened = new javax.transaction.xa.XAException(
        "jakarta.resource.spi.LocalTransactionException: An I/O error occurred while sending to the backend.");
    var systemException = new jakarta.transaction.SystemException();
    systemException.initCause(flattened);
    assertTrue(DatabaseFailures.unavailable(systemException));
    assertTrue(DatabaseFailures.unavailable(new javax.transaction.xa.XAException(javax.transaction.xa.XAException.XAER_RMFAIL)));
  }

  @Test
  void aCommitOnAConnectionThePoolMarkedUnusableIsUnavailable() {
    // Seen in CI's DatabaseOutageIT during the crash: another connection of the pool failed first, and the commit
    // was refused by the pool before it reached the database.
    assertTrue(DatabaseFailures.unavailable(new javax.transaction.xa.XAException(
        "jakarta.resource.ResourceException: This Managed Connection is not valid as the physical connection is not usable")));
    assertTrue(DatabaseFailures.unavailable(new javax.transaction.xa.XAException(
        "jakarta.resource.spi.LocalTransactionException: FATAL: terminating connection because of crash of another server process")));
  }

  @Test
  void aCommitRefusedByTheDatabaseItselfIsNot() {
    var refused = new javax.transaction.xa.XAException(
        "jakarta.resource.spi.LocalTransactionException: ERROR: duplicate key value violates unique constraint");
    assertFalse(DatabaseFailures.unavailable(refused));
  }

  @Test
  void aRefusalOfTheRequestItselfIsNot() {
    assertFalse(DatabaseFailures.unavailable(psql("23505")), "unique violation");
    assertFalse(DatabaseFailures.unavailable(psql("23P01")), "exclusion violation");
    assertFalse(DatabaseFailures.unavailable(psql("22021")), "invalid byte sequence");
    assertFalse(DatabaseFailures.unavailable(psql("55P03")), "lock timeout");
    assertFalse(DatabaseFailures.unavailable(psql("40001")), "serialization failure");
    assertFalse(DatabaseFailures.unavailable(new PersistenceException("no cause")));
    assertFalse(DatabaseFailures.unavailable(new IllegalStateException("a defect")));
    assertFalse(DatabaseFailures.unavailable(null));
  }

  @Test
  void aCycleOfCausesEnds() {
    var a = new PersistenceException("a");
    var b = new RuntimeException("b", a);
    a.initCause(b);
    assertFalse(DatabaseFailures.unavailable(a));
  }

  @Test
  void aLostUpdateAtCommitIsAConcurrentChange() {
    // As a @Transactional method's commit reports it: the interceptor's wrapper, JTA's rollback, EclipseLink's.
    var stale = new org.eclipse.persistence.exceptions.OptimisticLockException("changed since it was read") {};
    var rollback = new RollbackException("Transaction marked for rollback.");
    rollback.initCause(new jakarta.persistence.OptimisticLockException(stale));
    assertTrue(DatabaseFailures.concurrentChange(new TransactionalException("during commit", rollback)));
    assertTrue(DatabaseFailures.concurrentChange(stale));
  }

  @Test
  void aDeadlockOrSerializationFailureIsAConcurrentChangeAndOtherRefusalsAreNot() {
    assertTrue(DatabaseFailures.concurrentChange(new PersistenceException(psql("40P01"))), "deadlock");
    assertTrue(DatabaseFailures.concurrentChange(psql("40001")), "serialization failure");
    assertFalse(DatabaseFailures.concurrentChange(psql("23505")), "unique violation");
    assertFalse(DatabaseFailures.concurrentChange(psql("55P03")), "lock timeout");
    assertFalse(DatabaseFailures.concurrentChange(psql("57P01")), "the database going away");
    assertFalse(DatabaseFailures.concurrentChange(new IllegalStateException("a defect")));
    assertFalse(DatabaseFailures.concurrentChange(null));
  }
}
