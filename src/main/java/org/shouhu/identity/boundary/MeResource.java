package org.shouhu.identity.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;
import org.shouhu.identity.control.Accounts;
import org.shouhu.identity.control.DeviceSessions;
import org.shouhu.identity.entity.SessionEnd;
import org.shouhu.problems.entity.ProblemException;
import org.shouhu.problems.boundary.Fields;
import org.shouhu.identity.entity.User;
import org.shouhu.tenancy.boundary.BindTenant;
import org.shouhu.tenancy.boundary.Caller;
import org.shouhu.tenancy.control.Tenants;
import org.shouhu.tenancy.entity.Tenant;

/**
 * The caller: who they are, which tenant they act for, what they may do; changing their own password; and the
 * devices they are logged in on, any of which they can end.
 */
@ApplicationScoped
@Path("v1/me")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({"SOCIAL_WORKER", "SUPERVISOR", "ORG_ADMIN", "BUREAU_OFFICER", "PLATFORM_ADMIN"})
@Transactional
@BindTenant
public class MeResource {

  @Inject Caller caller;
  @Inject Accounts accounts;
  @Inject Tenants tenants;
  @Inject DeviceSessions deviceSessions;

  /** The caller's tenant; a bureau's division (its county) is where its projects' towns are chosen from. */
  public record TenantView(UUID id, String slug, String displayName, String kind, String timeZone, String divisionCode) {}

  /** @param team the workers the caller supervises (assigned by the org admin); empty for everyone else */
  public record MeView(Views.UserView user, TenantView tenant, List<TeamMember> team) {}

  public record TeamMember(UUID id, String displayName, String status) {}

  public record PasswordChange(String currentPassword, String newPassword) {}

  @GET
  public MeView me() {
    User user = accounts.get(caller.userId());
    Tenant tenant = tenants.get(caller.tenant());
    return new MeView(
        Views.of(user),
        new TenantView(
            tenant.id().value(),
            tenant.slug().value(),
            tenant.displayName(),
            tenant.kind().name(),
            tenant.timeZone().getId(),
            tenant.divisionCode() == null ? null : tenant.divisionCode().value()),
        accounts.teamMembers(user.id()).stream()
            .map(u -> new TeamMember(u.id(), u.displayName(), u.status().name()))
            .toList());
  }

  /** Answers fresh tokens for this device: the change cut every token issued before, this device's included. */
  @POST
  @Path("password")
  public Response changePassword(PasswordChange change) {
    Fields check = Fields.of(change);
    check.present("currentPassword", change.currentPassword());
    check.present("newPassword", change.newPassword());
    check.optionalText("newPassword", change.newPassword(), 256);
    check.verify();
    var tokens = accounts.changeOwnPassword(caller.userId(), thisSession(), change.currentPassword(), change.newPassword());
    return Response.ok(TokensResource.TokenResponse.of(tokens)).cacheControl(TokensResource.noStore()).build();
  }

  /** The caller's live device sessions, most recently used first; {@code current} marks this one. */
  @GET
  @Path("sessions")
  public List<Views.SessionView> sessions() {
    UUID current = thisSession();
    return deviceSessions.liveOf(caller.userId()).stream().map(s -> Views.of(s, current)).toList();
  }

  /** Ends one of the caller's sessions (this one too: that is a logout); another user's session id is not found. */
  @DELETE
  @Path("sessions/{id}")
  public void revokeSession(@PathParam("id") String id) {
    deviceSessions.revoke(Fields.pathId(id, "Session"), caller.userId(), SessionEnd.REVOKED, caller.userId());
  }

  /** Ends every session of the caller but this one: "log out everywhere else". */
  @DELETE
  @Path("sessions")
  public Views.Revoked revokeOtherSessions() {
    return new Views.Revoked(deviceSessions.revokeAll(caller.userId(), thisSession(), SessionEnd.REVOKED, caller.userId()));
  }

  private UUID thisSession() {
    return caller.sessionId().orElseThrow(() ->
        new ProblemException(401, "SESSION_ENDED", "Session ended", "This token names no device session."));
  }
}
