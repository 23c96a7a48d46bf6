package org.shouhu.audit.boundary;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.shouhu.audit.control.AuditChain;
import org.shouhu.tenancy.boundary.BindTenant;
import org.shouhu.tenancy.control.TenantSession;

/** A tenant administrator checks that their own tenant's audit trail is unbroken. */
@ApplicationScoped
@Path("v1/audit")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("ORG_ADMIN")
@Transactional
@BindTenant
public class AuditResource {

  @Inject AuditChain chain;
  @Inject TenantSession session;

  @GET
  @Path("verification")
  public VerificationView verification() {
    return VerificationView.of(session.require().value(), chain.verify());
  }
}
