package org.shouhu.identity.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;
import org.shouhu.identity.control.Accounts;
import org.shouhu.problems.boundary.Fields;
import org.shouhu.identity.entity.User;
import org.shouhu.tenancy.boundary.BindTenant;
import org.shouhu.tenancy.boundary.Caller;
import org.shouhu.tenancy.control.Tenants;
import org.shouhu.tenancy.entity.Tenant;

/** The caller: who they are, which tenant they act for, what they may do; and changing their own password. */
@RequestScoped
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

  @POST
  @Path("password")
  public void changePassword(PasswordChange change) {
    Fields check = Fields.of(change);
    check.present("currentPassword", change.currentPassword());
    check.present("newPassword", change.newPassword());
    check.optionalText("newPassword", change.newPassword(), 256);
    check.verify();
    accounts.changeOwnPassword(caller.userId(), change.currentPassword(), change.newPassword());
  }
}
