package org.shouhu.problems.boundary;

import jakarta.ws.rs.core.Response;
import org.shouhu.problems.entity.Problem;
import org.shouhu.problems.entity.ProblemException;

/** The one place a problem document becomes an HTTP response. */
public final class Problems {

  private Problems() {}

  public static Response response(Problem problem) {
    if (problem.requestId() == null) {
      // Every problem names its request (#14): one raised after the request's id was released gets a fresh id,
      // sent in the header too so the two agree.
      problem = new Problem(problem.status(), problem.code(), problem.title(), problem.detail(),
          RequestId.accept(null), problem.errors(), problem.extensions());
    }
    var builder =
        Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem.toJson().toString());
    if (problem.status() == 401) {
      builder.header("WWW-Authenticate", "Bearer");
    }
    if ((problem.status() == 503 || problem.status() == 409)
        && problem.extensions().get(RETRY_AFTER) instanceof Number seconds) {
      builder.header("Retry-After", seconds.longValue());
    }
    if (RequestId.current() == null) {
      builder.header(RequestId.HEADER, problem.requestId());
    }
    return builder.build();
  }

  /** The extension member that carries a 503's (and a throttled login's) wait, mirrored in {@code Retry-After}. */
  public static final String RETRY_AFTER = "retryAfterSeconds";

  /**
   * The database cannot be reached, is shutting down or refuses connections. Nothing is wrong with the request: the
   * same request (with the same Idempotency-Key) succeeds once the database is back.
   */
  public static Problem databaseUnavailable(String requestId) {
    return sendAgainLater(503, "DATABASE_UNAVAILABLE", "Database unavailable",
        "The database cannot be reached just now. Send the same request again (with the same Idempotency-Key) after"
            + " Retry-After seconds.",
        DATABASE_RETRY_SECONDS, requestId);
  }

  /**
   * Another transaction changed the same record between this request's read and its commit (a lost update caught by
   * the version column, a serialization failure, a deadlock). Nothing of the request was stored, and nothing is
   * wrong with it: sent again, it works on what is there now.
   */
  public static Problem concurrentChange(String requestId) {
    return sendAgainLater(409, "CONCURRENT_CHANGE", "Changed meanwhile",
        "The same record was being changed by someone else at this moment, so nothing of this request was saved."
            + " Load it again and retry.",
        1, requestId);
  }

  /** A refusal that is no fault of the request: the same request, sent again after the wait, can succeed. */
  private static Problem sendAgainLater(int status, String code, String title, String detail, int seconds,
      String requestId) {
    return new Problem(status, code, title, detail, requestId, java.util.List.of(), java.util.Map.of(RETRY_AFTER, seconds));
  }

  /**
   * The same document written straight to a servlet response, for the few places that answer before or after
   * JAX-RS (the container's error pages, the idempotency filter). The response must not be committed yet.
   */
  public static void send(jakarta.servlet.http.HttpServletResponse target, Response problem) throws java.io.IOException {
    target.setStatus(problem.getStatus());
    problem.getStringHeaders().forEach((name, values) -> values.forEach(v -> target.addHeader(name, v)));
    target.setContentType(Problem.MEDIA_TYPE);
    target.setCharacterEncoding(java.nio.charset.StandardCharsets.UTF_8.name());
    byte[] body = ((String) problem.getEntity()).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    target.setContentLength(body.length);
    target.getOutputStream().write(body);
  }

  /** Long enough not to hammer a database that is restarting, short enough that a restart costs little. */
  static final int DATABASE_RETRY_SECONDS = 5;

  public static Response response(ProblemException e) {
    return response(Problem.of(e, RequestId.current()));
  }

  public static Response response(int status, String code, String title, String detail) {
    return response(Problem.of(status, code, title, detail, RequestId.current()));
  }
}
