package org.shouhu.identity.boundary;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.shouhu.identity.control.DeviceSessions;
import org.shouhu.identity.control.DeviceSessions.Refreshed;
import org.shouhu.identity.control.DeviceSessions.Refused;
import org.shouhu.identity.entity.SessionEnd;
import org.shouhu.problems.boundary.Fields;
import org.shouhu.problems.boundary.Problems;
import org.shouhu.problems.entity.ProblemException;
import org.shouhu.tenancy.boundary.BindTenant;
import org.shouhu.tenancy.boundary.Caller;

/**
 * A device keeps its session without the password: the refresh token from the login (or the last refresh) buys a
 * new access token and the next refresh token, once. Logout ends the device's session, which cuts its tokens at once.
 */
@ApplicationScoped
@Path("v1/tokens")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class RefreshTokensResource {

  @Inject DeviceSessions deviceSessions;
  @Inject Caller caller;

  public record RefreshRequest(String refresh_token) {}

  @POST
  @Path("refresh")
  @PermitAll
  @Transactional
  @Operation(summary = "Refresh", description = "No access token needed. Spends the refresh token and returns a new"
      + " access token and the next refresh token. A spent refresh token presented again ends the device session.")
  public Response refresh(RefreshRequest request) {
    Fields check = Fields.of(request);
    check.text("refresh_token", request.refresh_token(), 200);
    check.verify();
    var outcome = deviceSessions.refresh(request.refresh_token());
    if (outcome instanceof Refreshed refreshed) {
      return Response.ok(TokensResource.TokenResponse.of(refreshed.tokens())).cacheControl(TokensResource.noStore()).build();
    }
    // Returned, not thrown: a reuse's revocation and its audit event must commit.
    return Problems.response(
        switch (((Refused) outcome).reason()) {
          case INVALID -> new ProblemException(401, "REFRESH_TOKEN_INVALID", "Refresh token invalid",
              "This refresh token is unknown. Log in again.");
          case REUSED -> new ProblemException(401, "REFRESH_TOKEN_REUSED", "Refresh token reused",
              "This refresh token was already used, so a copy of it may exist elsewhere: the device's session has"
                  + " been ended. Log in again.");
          case EXPIRED -> new ProblemException(401, "SESSION_EXPIRED", "Session expired",
              "This device's session has run its course. Log in again.");
          case REVOKED -> new ProblemException(401, "SESSION_ENDED", "Session ended",
              "This device's session has ended (logged out, revoked or expired). Log in again.");
          case ACCOUNT_DISABLED -> new ProblemException(401, "ACCOUNT_DISABLED", "Account disabled",
              "This account is not active.");
          case TENANT_SUSPENDED -> new ProblemException(403, "TENANT_SUSPENDED", "Tenant suspended",
              "Your organization's access is suspended. Contact the platform operator.");
        });
  }

  @POST
  @Path("logout")
  @RolesAllowed({"SOCIAL_WORKER", "SUPERVISOR", "ORG_ADMIN", "BUREAU_OFFICER", "PLATFORM_ADMIN"})
  @Transactional
  @BindTenant
  @Operation(summary = "Log out", description = "Ends the caller's device session: its access and refresh tokens stop"
      + " working at once.")
  public void logout() {
    caller.sessionId().ifPresent(id -> deviceSessions.revoke(id, caller.userId(), SessionEnd.LOGOUT, caller.userId()));
  }
}
