package org.shouhu.problems.boundary;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.shouhu.problems.control.DatabaseFailures;
import org.shouhu.problems.entity.Problem;

/**
 * Errors the servlet container raises before JAX-RS sees the request, chiefly the MP-JWT mechanism's 401 for a
 * missing, expired or forged token. Mapped from {@code web.xml} error pages so they too are problem+json and
 * never the container's HTML page.
 */
@WebServlet("/problem")
public class ContainerErrors extends HttpServlet {

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
    Object code = request.getAttribute("jakarta.servlet.error.status_code");
    int status = code instanceof Integer i ? i : 500;
    String requestId = RequestId.accept(request.getHeader(RequestId.HEADER));
    if (status >= 500 && request.getAttribute("jakarta.servlet.error.exception") instanceof Throwable failure
        && DatabaseFailures.unavailable(failure)) {
      Problems.send(response, Problems.response(Problems.databaseUnavailable(requestId)));
      return;
    }
    Problem problem =
        switch (status) {
          case 400 -> Problem.of(400, "BAD_REQUEST", "Bad request",
              "The server could not understand this request (its path, encoding or headers).", requestId);
          case 401 -> Problem.of(401, "UNAUTHENTICATED", "Unauthenticated",
              "A valid, unexpired bearer token is required.", requestId);
          case 403 -> Problem.of(403, "FORBIDDEN", "Forbidden", "Access denied.", requestId);
          case 404 -> Problem.of(404, "NOT_FOUND", "Not found", "No such resource.", requestId);
          case 405 -> Problem.of(405, "METHOD_NOT_ALLOWED", "Method not allowed",
              "This resource does not accept that method.", requestId);
          case 413 -> Problem.of(413, "PAYLOAD_TOO_LARGE", "Payload too large",
              "The request body is too large.", requestId);
          case 414 -> Problem.of(414, "URI_TOO_LONG", "URI too long", "The request's address is too long.", requestId);
          case 415 -> Problem.of(415, "UNSUPPORTED_MEDIA_TYPE", "Unsupported media type",
              "This resource does not accept that content type.", requestId);
          default -> status >= 500
              ? Problem.of(status, "INTERNAL_ERROR", "Internal error",
                  "Something went wrong on our side.", requestId)
              : Problem.of(status, "HTTP_" + status, "Request refused", null, requestId);
        };
    response.setStatus(status);
    response.setHeader(RequestId.HEADER, requestId);
    response.setContentType(Problem.MEDIA_TYPE);
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    if (status == 401) {
      response.setHeader("WWW-Authenticate", "Bearer");
    }
    response.getWriter().write(problem.toJson().toString());
  }
}
