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
 * written for it, so a worker's screenshot of an error leads straight to the server log. A caller-supplied id is
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

  /** The id of the request this thread is serving, or null outside a request. */
  public static String current() {
    return CURRENT.get();
  }

  @Override
  public void filter(ContainerRequestContext request) {
    String offered = request.getHeaderString(HEADER);
    String id =
        offered != null && ACCEPTABLE.matcher(offered).matches()
            ? offered
            : UUID.randomUUID().toString();
    request.setProperty(HEADER, id);
    CURRENT.set(id);
  }

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    Object id = request.getProperty(HEADER);
    if (id != null) {
      response.getHeaders().putSingle(HEADER, id);
    }
    CURRENT.remove();
  }
}
