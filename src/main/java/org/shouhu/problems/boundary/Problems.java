package org.shouhu.problems.boundary;

import jakarta.ws.rs.core.Response;
import org.shouhu.problems.entity.Problem;
import org.shouhu.problems.entity.ProblemException;

/** The one place a problem document becomes an HTTP response. */
public final class Problems {

  private Problems() {}

  public static Response response(Problem problem) {
    var builder =
        Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem.toJson().toString());
    if (problem.status() == 401) {
      builder.header("WWW-Authenticate", "Bearer");
    }
    return builder.build();
  }

  public static Response response(ProblemException e) {
    return response(Problem.of(e, RequestId.current()));
  }

  public static Response response(int status, String code, String title, String detail) {
    return response(Problem.of(status, code, title, detail, RequestId.current()));
  }
}
