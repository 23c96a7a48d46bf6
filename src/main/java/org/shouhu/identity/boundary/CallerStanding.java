package org.shouhu.identity.boundary;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;
import java.util.Optional;
import java.util.UUID;
import org.shouhu.identity.control.Accounts;
import org.shouhu.identity.entity.User;
import org.shouhu.problems.boundary.Problems;
import org.shouhu.problems.entity.ProblemException;
import org.shouhu.tenancy.boundary.Caller;
import org.shouhu.tenancy.control.TenantSession;
import org.shouhu.tenancy.control.Tenants;
import org.shouhu.tenancy.entity.Tenant;
import org.shouhu.tenancy.entity.TenantId;

/**
 * A valid signature is not enough: the token's tenant must still be active and its user still enabled, and a user
 * holding a temporary password may only change it. Checked on every authenticated request, so suspending a tenant
 * or disabling a user takes effect immediately rather than when the last token expires.
 */
@Provider
@ApplicationScoped
@Priority(Priorities.AUTHORIZATION - 10)
public class CallerStanding implements ContainerRequestFilter {

  @Inject Caller caller;
  @Inject Standing standing;

  @Override
  public void filter(ContainerRequestContext request) {
    if (!caller.isAuthenticated()) {
      return;
    }
    String path = request.getUriInfo().getPath();
    boolean passwordChangePath = path.equals("v1/me") || path.equals("v1/me/password");
    ProblemException refusal = standing.refusal(caller.tenant(), caller.userId(), passwordChangePath).orElse(null);
    if (refusal != null) {
      request.abortWith(Problems.response(refusal));
    }
  }

  /** The lookups, in their own tenant-bound transaction. */
  @ApplicationScoped
  public static class Standing {

    @Inject Tenants tenants;
    @Inject TenantSession session;
    @Inject Accounts accounts;

    @Transactional
    public Optional<ProblemException> refusal(TenantId tenantId, UUID userId, boolean passwordChangePath) {
      Optional<Tenant> tenant = tenants.find(tenantId);
      if (tenant.isEmpty()) {
        return Optional.of(new ProblemException(401, "UNAUTHENTICATED", "Unauthenticated", "Unknown tenant."));
      }
      if (!tenant.get().isActive()) {
        return Optional.of(
            new ProblemException(403, "TENANT_SUSPENDED", "Tenant suspended",
                "Your organization's access is suspended. Contact the platform operator."));
      }
      session.bind(tenantId);
      Optional<User> user = accounts.find(userId);
      if (user.isEmpty() || !user.get().isActive()) {
        return Optional.of(
            new ProblemException(401, "ACCOUNT_DISABLED", "Account disabled", "This account is not active."));
      }
      if (user.get().mustChangePassword() && !passwordChangePath) {
        // A temporary password was seen by whoever set it; until the owner replaces it, it opens nothing else.
        return Optional.of(
            new ProblemException(403, "PASSWORD_CHANGE_REQUIRED", "Password change required",
                "Set a new password (POST /api/v1/me/password) before doing anything else."));
      }
      return Optional.empty();
    }
  }
}
