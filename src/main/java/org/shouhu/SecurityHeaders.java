package org.shouhu;

import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Headers for everything this WAR serves: the API at {@code /api} and the browser application at {@code /} (plain ES
 * modules from {@code src/main/webapp}, ADR 0010, docs/web.md), which reads and writes only through the API. An
 * application-wide concern, like {@link ShouhuApplication}, so it lives beside it rather than in a context. The policy allows script only from this origin and no inline script, so a
 * record's text that somehow reached the page as markup still could not run; styles may be inline because ECharts
 * sets them on the elements it draws. The application's own files are revalidated on every load (they are small and
 * carry ETags), so workers never keep running yesterday's modules after a deployment.
 *
 * <p>Over HTTPS the answer also carries {@code Strict-Transport-Security}, so a browser that once reached the
 * application securely never again sends a worker's password over plain HTTP. HTTPS is either this server's own
 * connector or a TLS-terminating reverse proxy saying {@code X-Forwarded-Proto: https}; that header is believed only
 * from the proxies listed in {@code shouhu.http.trusted-proxies}, since anyone else could send it.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class SecurityHeaders extends HttpFilter {

  static final String POLICY = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline';"
      + " img-src 'self' data: blob:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none';"
      + " frame-ancestors 'none'; form-action 'self'";

  private String strictTransportSecurity = "max-age=31536000";
  private Set<InetAddress> trustedProxies = Set.of();

  @Override
  public void init(FilterConfig config) throws ServletException {
    super.init(config);
    Config mp = ConfigProvider.getConfig();
    strictTransportSecurity = mp.getOptionalValue("shouhu.http.hsts", String.class).orElse(strictTransportSecurity);
    trustedProxies = addresses(mp.getOptionalValue("shouhu.http.trusted-proxies", String.class).orElse("127.0.0.1,::1"));
  }

  @Override
  protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    response.setHeader("Content-Security-Policy", POLICY);
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader("Referrer-Policy", "no-referrer");
    response.setHeader("X-Frame-Options", "DENY");
    if (!strictTransportSecurity.isBlank()
        && servedOverHttps(request.isSecure(), request.getRemoteAddr(), request.getHeader("X-Forwarded-Proto"),
            trustedProxies)) {
      response.setHeader("Strict-Transport-Security", strictTransportSecurity);
    }
    String path = request.getRequestURI().substring(request.getContextPath().length());
    if (path.equals("/") || path.endsWith(".html") || path.endsWith(".js") || path.endsWith(".css")) {
      response.setHeader("Cache-Control", "no-cache");
    }
    chain.doFilter(request, response);
  }

  /** Whether the client reached us over TLS: directly, or through a trusted proxy that says so. */
  static boolean servedOverHttps(boolean secure, String peer, String forwardedProto, Set<InetAddress> trustedProxies) {
    if (secure) {
      return true;
    }
    if (forwardedProto == null || peer == null) {
      return false;
    }
    // A chain of proxies appends; the first value is what the client used.
    String first = forwardedProto.split(",", 2)[0].trim();
    return first.equalsIgnoreCase("https") && trustedProxies.contains(literal(peer));
  }

  /** A comma-separated list of IP literals (no names: a lookup at every start could be spoofed or fail). */
  static Set<InetAddress> addresses(String list) {
    return Arrays.stream(list.split(","))
        .map(String::trim)
        .filter(a -> !a.isEmpty())
        .map(a -> {
          InetAddress address = literal(a);
          if (address == null) {
            throw new IllegalArgumentException("shouhu.http.trusted-proxies: not an IP address: " + a);
          }
          return address;
        })
        .collect(Collectors.toUnmodifiableSet());
  }

  private static InetAddress literal(String address) {
    String bare = address.startsWith("[") && address.endsWith("]") ? address.substring(1, address.length() - 1) : address;
    if (!bare.matches("[0-9a-fA-F:.%]+")) {
      return null;
    }
    try {
      return InetAddress.getByName(bare);
    } catch (UnknownHostException e) {
      return null;
    }
  }
}
