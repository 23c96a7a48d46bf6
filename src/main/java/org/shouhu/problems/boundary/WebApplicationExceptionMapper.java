package org.shouhu.problems.boundary;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * JAX-RS's own refusals (unknown path, wrong method, unsupported media type, missing role) in our format. The
 * container's messages are replaced by fixed ones: they sometimes echo internals.
 */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

  @Override
  public Response toResponse(WebApplicationException e) {
    int status = e.getResponse().getStatus();
    return switch (status) {
      case 400 -> JsonInputMapper.describe(e);
      case 401 -> Problems.response(401, "UNAUTHENTICATED", "Unauthenticated", "A valid bearer token is required.");
      case 403 -> Problems.response(403, "FORBIDDEN", "Forbidden", "Your roles do not allow this action.");
      case 404 -> Problems.response(404, "NOT_FOUND", "Not found", "No such resource.");
      case 405 -> Problems.response(405, "METHOD_NOT_ALLOWED", "Method not allowed", "This resource does not accept that method.");
      case 406 -> Problems.response(406, "NOT_ACCEPTABLE", "Not acceptable", "This resource answers in JSON.");
      case 413 -> Problems.response(413, "PAYLOAD_TOO_LARGE", "Payload too large", "The request body is larger than this endpoint accepts.");
      case 415 -> Problems.response(415, "UNSUPPORTED_MEDIA_TYPE", "Unsupported media type", "Send the body as application/json.");
      default -> status >= 500
          ? UnexpectedFailureMapper.internal(e)
          : Problems.response(status, "HTTP_" + status, "Request refused", e.getResponse().getStatusInfo().getReasonPhrase());
    };
  }
}
