package org.shouhu.identity.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.shouhu.identity.control.Authentication;
import org.shouhu.identity.control.DeviceLabel;
import org.shouhu.identity.control.DeviceSessions;
import org.shouhu.identity.control.Authentication.Granted;
import org.shouhu.identity.control.Authentication.Refused;
import org.shouhu.problems.boundary.Fields;
import org.shouhu.problems.boundary.Problems;
import org.shouhu.problems.entity.ProblemException;

/**
 * Login: exchanges a tenant slug, username and password for a short-lived bearer token and the refresh token of a
 * new device session (see {@link RefreshTokensResource} for what the refresh token does).
 */
@ApplicationScoped
@Path("v1/auth/token")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@PermitAll
public class TokensResource {

  @Inject Authentication authentication;
  @Inject ClientAddress clientAddress;
  @Context HttpServletRequest http;

  /** @param device what the client calls this device (optional); the User-Agent names it otherwise */
  public record Credentials(
      String tenant,
      String username,
      String password,
      String device) {}

  /**
   * What a login, a refresh and a password change answer. {@code refresh_token} is shown once and stored only as
   * its hash; {@code refresh_expires_at} is when the device session ends whatever happens.
   */
  public record TokenResponse(
      String access_token,
      String token_type,
      long expires_in,
      Instant expires_at,
      boolean must_change_password,
      String refresh_token,
      Instant refresh_expires_at,
      UUID session_id) {

    static TokenResponse of(DeviceSessions.Tokens tokens) {
      Instant expires = tokens.access().expiresAt();
      return new TokenResponse(
          tokens.access().token(),
          "Bearer",
          Math.max(0, Duration.between(Instant.now(), expires).toSeconds()),
          expires,
          tokens.user().mustChangePassword(),
          tokens.refreshToken(),
          tokens.session().expiresAt().toInstant(),
          tokens.session().id());
    }
  }

  static CacheControl noStore() {
    CacheControl noStore = new CacheControl();
    noStore.setNoStore(true);
    return noStore;
  }

  @POST
  @Transactional
  @Operation(summary = "Log in", description = "No token needed. Returns an RS256 access token valid for at most 15"
      + " minutes and the refresh token of a new device session.")
  public Response token(Credentials credentials) {
    Fields check = Fields.of(credentials);
    check.text("tenant", credentials.tenant(), 63);
    check.text("username", credentials.username(), 64);
    check.present("password", credentials.password());
    check.optionalText("password", credentials.password(), 256);
    check.optionalText("device", credentials.device(), 100);
    check.verify();
    var outcome =
        authentication.authenticate(
            credentials.tenant(), credentials.username(), credentials.password(), clientAddress.of(http),
            DeviceLabel.of(credentials.device(), http.getHeader("User-Agent")));
    if (outcome instanceof Granted granted) {
      return Response.ok(TokenResponse.of(granted.tokens())).cacheControl(noStore()).build();
    }
    Refused refused = (Refused) outcome;
    // Returned, not thrown: the transaction must commit the failure count and the lockout.
    Response problem =
        Problems.response(
            switch (refused.reason()) {
              case BAD_CREDENTIALS -> new ProblemException(
                  401, "AUTH_FAILED", "Login failed", "The tenant, username or password is wrong.");
              case ADDRESS_THROTTLED -> new ProblemException(
                  429, "LOGIN_THROTTLED", "Too many attempts",
                  "Too many failed logins from your network. Try again later.",
                  List.of(), Map.of("retryAfterSeconds", refused.retryAfter().toSeconds()));
              case ACCOUNT_LOCKED -> new ProblemException(
                  429, "ACCOUNT_LOCKED", "Account locked",
                  "Too many wrong passwords. The account is locked for a while; try again later or ask your"
                      + " administrator to reset the password.",
                  List.of(), Map.of("retryAfterSeconds", refused.retryAfter().toSeconds()));
              case ACCOUNT_DISABLED -> new ProblemException(
                  403, "ACCOUNT_DISABLED", "Account disabled", "This account has been disabled.");
              case TENANT_SUSPENDED -> new ProblemException(
                  403, "TENANT_SUSPENDED", "Tenant suspended",
                  "Your organization's access is suspended. Contact the platform operator.");
            });
    if (refused.retryAfter() != null) {
      return Response.fromResponse(problem).header("Retry-After", Math.max(1, refused.retryAfter().toSeconds())).build();
    }
    return problem;
  }
}
