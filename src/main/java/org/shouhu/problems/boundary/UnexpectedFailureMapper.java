package org.shouhu.problems.boundary;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.shouhu.problems.control.DatabaseFailures;
import org.shouhu.problems.entity.Problem;
import org.shouhu.problems.entity.InvalidValueException;
import org.shouhu.problems.entity.ProblemException;

/**
 * Everything nobody anticipated. Exceptions reach here wrapped by EJB, CDI or JTA layers, so the cause chain is
 * searched for a problem we do know before giving up with a 500 that says nothing but the request id. A database
 * that cannot be reached is not a defect of the request: it is a 503 with {@code Retry-After} (#14).
 */
@Provider
public class UnexpectedFailureMapper implements ExceptionMapper<Throwable> {

  private static final Logger LOG = Logger.getLogger(UnexpectedFailureMapper.class.getName());

  @Override
  public Response toResponse(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ProblemException problem) {
        return Problems.response(problem);
      }
      if (t instanceof InvalidValueException invalid) {
        return Problems.response(ProblemException.invalid("", invalid));
      }
      if (t instanceof org.shouhu.problems.entity.StateConflictException conflict) {
        return new StateConflictMapper().toResponse(conflict);
      }
      if (t instanceof jakarta.validation.ConstraintViolationException cve) {
        return new ConstraintViolationMapper().toResponse(cve);
      }
      if (t instanceof jakarta.ws.rs.WebApplicationException wae && t != e) {
        return new WebApplicationExceptionMapper().toResponse(wae);
      }
    }
    return internal(e);
  }

  static Response internal(Throwable e) {
    return answer(e, RequestId.current());
  }

  /**
   * What a failure nobody anticipated answers, wherever it is caught (here, or the idempotency filter's commit after
   * JAX-RS is done): 503 when the database is away, 409 when another transaction changed the same rows, else a 500
   * that names only the request, its cause logged under that id.
   */
  public static Response answer(Throwable e, String requestId) {
    if (DatabaseFailures.unavailable(e)) {
      // Not a defect but an outage: one line per request, not a stack trace each, while it lasts.
      LOG.warning(() -> "request " + requestId + ": database unavailable (" + rootMessage(e) + ")");
      return Problems.response(Problems.databaseUnavailable(requestId));
    }
    if (DatabaseFailures.concurrentChange(e)) {
      LOG.info(() -> "request " + requestId + ": collided with a concurrent change (" + rootMessage(e) + ")");
      return Problems.response(Problems.concurrentChange(requestId));
    }
    LOG.log(Level.SEVERE, "request " + requestId + " failed unexpectedly", e);
    return Problems.response(Problem.of(500, "INTERNAL_ERROR", "Internal error",
        "Something went wrong on our side. Quote the request id when you report it.", requestId));
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName() + (DatabaseFailures.sqlState(e).map(s -> " " + s).orElse(""));
  }
}
