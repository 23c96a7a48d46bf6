package org.shouhu;

import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Keeps Payara's MicroProfile Metrics endpoint from anyone on the internet: request counts, pool sizes and heap tell
 * an attacker when and how hard to push. Payara serves {@code /metrics} inside the web module deployed at the root
 * context, which is this application, so this filter sees it.
 *
 * <p>Two ways to reach it, chosen by configuration: by default only with a platform operator's token (what a
 * Prometheus scrape job sends as its bearer token); or, with {@code shouhu.metrics.management-port} set, only on
 * that local port (a listener the network exposes to the monitoring host alone), without a token, and nowhere else.
 */
@WebFilter(urlPatterns = {"/metrics", "/metrics/*"}, asyncSupported = true)
public class MetricsGuard extends HttpFilter {

  private Optional<Integer> managementPort = Optional.empty();

  @Override
  public void init(FilterConfig config) throws ServletException {
    super.init(config);
    managementPort = ConfigProvider.getConfig().getOptionalValue("shouhu.metrics.management-port", Integer.class);
  }

  @Override
  protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    switch (decide(managementPort, request.getLocalPort(), request.getUserPrincipal() != null,
        request.isUserInRole("PLATFORM_ADMIN"))) {
      case SERVE -> chain.doFilter(request, response);
      case UNAUTHENTICATED -> response.sendError(401);
      case FORBIDDEN -> response.sendError(403);
      case HIDDEN -> response.sendError(404);
    }
  }

  enum Decision {
    SERVE,
    UNAUTHENTICATED,
    FORBIDDEN,
    HIDDEN
  }

  static Decision decide(Optional<Integer> managementPort, int localPort, boolean authenticated, boolean platformAdmin) {
    if (managementPort.isPresent()) {
      return managementPort.get() == localPort ? Decision.SERVE : Decision.HIDDEN;
    }
    if (platformAdmin) {
      return Decision.SERVE;
    }
    return authenticated ? Decision.FORBIDDEN : Decision.UNAUTHENTICATED;
  }
}
