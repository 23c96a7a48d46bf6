package org.shouhu.audit.boundary;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.shouhu.audit.control.AuditChain;
import org.shouhu.problems.boundary.Fields;
import org.shouhu.tenancy.control.TenantSession;
import org.shouhu.tenancy.control.Tenants;
import org.shouhu.tenancy.entity.Tenant;
import org.shouhu.tenancy.entity.TenantId;

/**
 * The platform operator checks any tenant's audit chain. The answer carries hashes, sequence numbers, event ids and
 * action names, never an event's detail, so the operator learns whether the trail holds, not what is in it.
 */
@ApplicationScoped
@Path("v1/tenants/{id}/audit")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("PLATFORM_ADMIN")
@Transactional
public class TenantAuditResource {

  @Inject Tenants tenants;
  @Inject TenantSession session;
  @Inject AuditChain chain;

  @GET
  @Path("verification")
  public VerificationView verification(@PathParam("id") String id) {
    Tenant tenant = tenants.get(new TenantId(Fields.pathId(id, "Tenant")));
    session.bind(tenant.id());
    return VerificationView.of(tenant.id().value(), chain.verify());
  }
}
