package org.shouhu.problems.boundary;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.shouhu.problems.entity.InvalidValueException;
import org.shouhu.problems.entity.ProblemException;

/**
 * A value object that was built straight from input without the boundary naming the field. Still a 400 with
 * the value's own code; boundaries that know the field wrap it with {@link ProblemException#invalid(String,
 * InvalidValueException)} instead.
 */
@Provider
public class InvalidValueMapper implements ExceptionMapper<InvalidValueException> {

  @Override
  public Response toResponse(InvalidValueException e) {
    return Problems.response(ProblemException.invalid("", e));
  }
}
