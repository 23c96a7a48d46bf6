package org.shouhu.problems.boundary;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.shouhu.problems.entity.ProblemException;
import org.shouhu.problems.entity.StateConflictException;

@Provider
public class StateConflictMapper implements ExceptionMapper<StateConflictException> {

  @Override
  public Response toResponse(StateConflictException e) {
    return Problems.response(ProblemException.conflict(e.code(), e.getMessage()));
  }
}
