package org.shouhu.identity.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The address a request came from, for login throttling. X-Forwarded-For is believed only when the deployment
 * says a trusted reverse proxy sets it; otherwise any client could pick its own address and escape the throttle.
 */
@ApplicationScoped
public class ClientAddress {

  @Inject
  @ConfigProperty(name = "shouhu.http.trust-forwarded-for", defaultValue = "false")
  boolean trustForwardedFor;

  public String of(HttpServletRequest request) {
    if (trustForwardedFor) {
      String forwarded = request.getHeader("X-Forwarded-For");
      if (forwarded != null && !forwarded.isBlank()) {
        return forwarded.split(",")[0].trim();
      }
    }
    return request.getRemoteAddr();
  }
}
