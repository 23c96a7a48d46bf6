package org.shouhu;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Headers for everything this WAR serves: the API at {@code /api} and the browser application at {@code /} (plain ES
 * modules from {@code src/main/webapp}, ADR 0010, docs/web.md), which reads and writes only through the API. An
 * application-wide concern, like {@link ShouhuApplication}, so it lives beside it rather than in a context. The policy allows script only from this origin and no inline script, so a
 * record's text that somehow reached the page as markup still could not run; styles may be inline because ECharts
 * sets them on the elements it draws. The application's own files are revalidated on every load (they are small and
 * carry ETags), so workers never keep running yesterday's modules after a deployment.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class SecurityHeaders extends HttpFilter {

  static final String POLICY = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline';"
      + " img-src 'self' data: blob:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none';"
      + " frame-ancestors 'none'; form-action 'self'";

  @Override
  protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    response.setHeader("Content-Security-Policy", POLICY);
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader("Referrer-Policy", "no-referrer");
    response.setHeader("X-Frame-Options", "DENY");
    String path = request.getRequestURI().substring(request.getContextPath().length());
    if (path.equals("/") || path.endsWith(".html") || path.endsWith(".js") || path.endsWith(".css")) {
      response.setHeader("Cache-Control", "no-cache");
    }
    chain.doFilter(request, response);
  }
}
