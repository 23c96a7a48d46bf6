package org.shouhu.problems.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Gives every request an id that appears in its response header, in any problem document and in every log line
 * written for it, so a worker's screenshot of an error leads straight to the server log. Each request leaves
 * one structured access line on the {@code org.shouhu.access} logger. A caller-supplied id is
 * kept only when it looks like an id, so nothing can be smuggled into the logs through it.
 */
@ApplicationScoped
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
public class RequestId implements ContainerRequestFilter, ContainerResponseFilter {

  public static final String HEADER = "X-Request-Id";
  private static final Pattern ACCEPTABLE = Pattern.compile("[A-Za-z0-9._-]{8,64}");
  private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();
  private static final String STARTED = RequestId.class.getName() + ".started";
  private static final java.util.logging.Logger ACCESS = java.util.logging.Logger.getLogger("org.shouhu.access");
  // Json.createObjectBuilder() looks the provider up again on every call (ServiceLoader over the class path).
  private static final jakarta.json.spi.JsonProvider JSON = jakarta.json.spi.JsonProvider.provider();

  /** The id of the request this thread is serving, or null outside a request. */
  public static String current() {
    return CURRENT.get();
  }

  /** The caller's id when it looks like one, else a fresh one. */
  public static String accept(String offered) {
    return offered != null && ACCEPTABLE.matcher(offered).matches() ? offered : UUID.randomUUID().toString();
  }

  @Override
  public void filter(ContainerRequestContext request) {
    String id = accept(request.getHeaderString(HEADER));
    request.setProperty(HEADER, id);
    request.setProperty(STARTED, System.nanoTime());
    CURRENT.set(id);
  }

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    Object id = request.getProperty(HEADER);
    if (id != null) {
      response.getHeaders().putSingle(HEADER, id);
    }
    Object started = request.getProperty(STARTED);
    long millis = started instanceof Long t ? (System.nanoTime() - t) / 1_000_000 : -1;
    ACCESS.info(() -> accessLine(request, response, id, millis));
    CURRENT.remove();
  }

  /**
   * One JSON line per request. The path is logged without its query string (searches carry names) and with no
   * header or body: ids only, never personal data or tokens.
   */
  static String accessLine(ContainerRequestContext request, ContainerResponseContext response, Object id, long millis) {
    var principal = request.getSecurityContext() == null ? null : request.getSecurityContext().getUserPrincipal();
    String tenant = null;
    String user = null;
    if (principal instanceof org.eclipse.microprofile.jwt.JsonWebToken jwt) {
      Object claim = jwt.getClaim("tenant_id");
      tenant = claim == null ? null : claim.toString().replace("\"", "");
      user = jwt.getSubject();
    }
    var line = JSON.createObjectBuilder()
        .add("requestId", String.valueOf(id))
        .add("method", request.getMethod())
        .add("path", request.getUriInfo().getRequestUri().getRawPath())
        .add("status", response.getStatus())
        .add("ms", millis);
    if (tenant != null) {
      line.add("tenant", tenant);
    }
    if (user != null) {
      line.add("user", user);
    }
    return line.build().toString();
  }
}
