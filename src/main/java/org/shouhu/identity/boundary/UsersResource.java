package org.shouhu.identity.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.shouhu.Page;
import org.shouhu.identity.control.Accounts;
import org.shouhu.identity.control.DeviceSessions;
import org.shouhu.identity.entity.SessionEnd;
import org.shouhu.identity.entity.Role;
import org.shouhu.identity.entity.Username;
import org.shouhu.problems.boundary.Fields;
import org.shouhu.problems.entity.InvalidValueException;
import org.shouhu.problems.entity.ProblemException;
import org.shouhu.tenancy.boundary.BindTenant;
import org.shouhu.tenancy.boundary.Caller;
import org.shouhu.tenancy.control.Tenants;

/** A tenant administrator manages the tenant's own accounts. Another tenant's user ids answer 404. */
@ApplicationScoped
@Path("v1/users")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed("ORG_ADMIN")
@Transactional
@BindTenant
public class UsersResource {

  @Inject Accounts accounts;
  @Inject Tenants tenants;
  @Inject Caller caller;
  @Inject DeviceSessions deviceSessions;
  @Context UriInfo uri;

  public record NewUser(
      String username,
      String displayName,
      List<String> roles,
      String password) {}

  public record Created(Views.UserView user, String temporaryPassword) {}

  public record TemporaryPassword(String temporaryPassword) {}

  public record RoleChange(List<String> roles) {}

  /** @param supervisorId the team's supervisor; null takes the worker out of any team */
  public record Supervision(String supervisorId) {}

  @GET
  public Page<Views.UserView> list(@QueryParam("offset") String offset, @QueryParam("limit") String limit) {
    int from = Page.offset(offset);
    int size = Page.limit(limit);
    return new Page<>(
        accounts.page(from, size).stream().map(Views::of).toList(), accounts.count(), from, size);
  }

  @POST
  public Response create(NewUser request) {
    Fields check = Fields.of(request);
    Username username = check.parse("username", () -> new Username(request.username()));
    check.text("displayName", request.displayName(), 100);
    check.optionalText("password", request.password(), 256);
    Set<Role> roles = roles(check, request.roles());
    check.verify();
    Accounts.Opened opened;
    try {
      opened =
          accounts.open(
              username,
              request.displayName(),
              roles,
              tenants.get(caller.tenant()).kind(),
              request.password(),
              caller.userId());
    } catch (InvalidValueException e) {
      throw ProblemException.invalid(e.code().startsWith("USER_ROLE") ? "roles" : "displayName", e);
    }
    return Response.created(uri.getAbsolutePathBuilder().path(opened.user().id().toString()).build())
        .entity(new Created(Views.of(opened.user()), opened.temporaryPassword()))
        .build();
  }

  @GET
  @Path("{id}")
  public Views.UserView get(@PathParam("id") String id) {
    return Views.of(accounts.get(Fields.pathId(id, "User")));
  }

  @POST
  @Path("{id}/disable")
  public Views.UserView disable(@PathParam("id") String id) {
    return Views.of(accounts.disable(Fields.pathId(id, "User"), caller.userId()));
  }

  @POST
  @Path("{id}/enable")
  public Views.UserView enable(@PathParam("id") String id) {
    return Views.of(accounts.enable(Fields.pathId(id, "User"), caller.userId()));
  }

  /** Puts a worker in a supervisor's team: the supervisor's review queue shows the team's records by default. */
  @PUT
  @Path("{id}/supervisor")
  public Views.UserView assignSupervisor(@PathParam("id") String id, Supervision request) {
    UUID user = Fields.pathId(id, "User");
    Fields check = Fields.of(request);
    String raw = request.supervisorId();
    UUID supervisor = raw == null || raw.isBlank() ? null : check.parse("supervisorId", () -> Fields.id(raw));
    check.verify();
    return Views.of(accounts.assignSupervisor(user, supervisor, caller.userId()));
  }

  /** New roles: the user's tokens carrying the old ones stop working at once; a refresh carries the new ones. */
  @PUT
  @Path("{id}/roles")
  public Views.UserView changeRoles(@PathParam("id") String id, RoleChange request) {
    UUID user = Fields.pathId(id, "User");
    Fields check = Fields.of(request);
    Set<Role> roles = roles(check, request.roles());
    check.verify();
    return Views.of(accounts.changeRoles(user, roles, tenants.get(caller.tenant()).kind(), caller.userId()));
  }

  /** A member's live device sessions, most recently used first. */
  @GET
  @Path("{id}/sessions")
  public List<Views.SessionView> sessions(@PathParam("id") String id) {
    UUID user = accounts.get(Fields.pathId(id, "User")).id();
    UUID current = caller.sessionId().orElse(null);
    return deviceSessions.liveOf(user).stream().map(s -> Views.of(s, current)).toList();
  }

  /** Ends one of a member's sessions: a lost phone. Another tenant's (or user's) session id is not found. */
  @DELETE
  @Path("{id}/sessions/{sessionId}")
  public void revokeSession(@PathParam("id") String id, @PathParam("sessionId") String sessionId) {
    UUID user = accounts.get(Fields.pathId(id, "User")).id();
    deviceSessions.revoke(Fields.pathId(sessionId, "Session"), user, SessionEnd.REVOKED, caller.userId());
  }

  /** Ends every session of a member. */
  @DELETE
  @Path("{id}/sessions")
  public Views.Revoked revokeSessions(@PathParam("id") String id) {
    UUID user = accounts.get(Fields.pathId(id, "User")).id();
    return new Views.Revoked(deviceSessions.revokeAll(user, null, SessionEnd.REVOKED, caller.userId()));
  }

  @POST
  @Path("{id}/password-reset")
  public TemporaryPassword resetPassword(@PathParam("id") String id) {
    return new TemporaryPassword(accounts.resetPassword(Fields.pathId(id, "User"), caller.userId()));
  }

  private static Set<Role> roles(Fields check, List<String> names) {
    Set<Role> roles = EnumSet.noneOf(Role.class);
    if (names == null || names.isEmpty()) {
      check.add("roles", "REQUIRED", "A user needs at least one role.");
    } else {
      for (int i = 0; i < names.size(); i++) {
        String role = names.get(i);
        try {
          roles.add(Role.valueOf(String.valueOf(role)));
        } catch (IllegalArgumentException e) {
          check.add("roles[" + i + "]", "ROLE_UNKNOWN", "Unknown role '" + role + "'.");
        }
      }
    }
    return roles;
  }
}
