package org.shouhu.identity.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Collections;
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
      // The proxy appends the address it saw as the LAST entry (HAProxy and nginx add their own header line or
      // extend the list); anything before it came from the client, who could write any address there and so
      // escape the throttle. Only the last entry is the trusted proxy's word.
      String last = null;
      for (String line : Collections.list(request.getHeaders("X-Forwarded-For"))) {
        for (String entry : line.split(",")) {
          if (!entry.isBlank()) {
            last = entry.trim();
          }
        }
      }
      if (last != null) {
        return last;
      }
    }
    return request.getRemoteAddr();
  }
}
