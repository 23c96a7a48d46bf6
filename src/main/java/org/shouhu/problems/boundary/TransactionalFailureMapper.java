package org.shouhu.problems.boundary;

import jakarta.annotation.Priority;
import jakarta.transaction.TransactionalException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * A failure of a {@code @Transactional} resource method, most often its commit: a stale version, a deadlock, the
 * database gone at that moment. Jersey ships a mapper for {@link TransactionalException} that looks for a better one
 * and, finding only itself, throws again, so the container answered a bare 500 (a lost update in CI, where a 409
 * belongs; a database lost at commit, where a 503 belongs). This one, ahead of it, reads the causes as every other
 * unexpected failure is read.
 */
@Provider
@Priority(1)
public class TransactionalFailureMapper implements ExceptionMapper<TransactionalException> {

  @Override
  public Response toResponse(TransactionalException e) {
    return new UnexpectedFailureMapper().toResponse(e);
  }
}
