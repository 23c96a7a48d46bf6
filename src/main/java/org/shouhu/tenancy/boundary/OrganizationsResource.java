package org.shouhu.tenancy.boundary;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;
import org.shouhu.tenancy.control.Tenants;

/**
 * The public register of active organizations, so a bureau can pick whom to award a project to. Only what is
 * public anyway (name, credit code); nothing of any organization's data.
 */
@ApplicationScoped
@Path("v1/organizations")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("BUREAU_OFFICER")
@Transactional
public class OrganizationsResource {

  @Inject Tenants tenants;

  public record OrganizationEntry(UUID id, String slug, String displayName, String creditCode) {}

  @GET
  public List<OrganizationEntry> list() {
    return tenants.activeOrganizations().stream()
        .map(t -> new OrganizationEntry(t.id().value(), t.slug().value(), t.displayName(), t.creditCode().value()))
        .toList();
  }
}
