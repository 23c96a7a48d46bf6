package org.shouhu.identity.boundary;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.shouhu.identity.entity.UserStatus;
import org.shouhu.problems.boundary.Problems;
import org.shouhu.problems.entity.ProblemException;
import org.shouhu.tenancy.boundary.Caller;
import org.shouhu.tenancy.control.TenantSession;
import org.shouhu.tenancy.entity.TenantId;
import org.shouhu.tenancy.entity.TenantStatus;

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

  /**
   * The lookups, in their own tenant-bound transaction: one statement for the tenant's and the user's standing,
   * read as plain columns rather than two entity finds, because it runs before every authenticated request.
   */
  @ApplicationScoped
  public static class Standing {

    @PersistenceContext(unitName = "shouhu")
    EntityManager em;

    @Inject TenantSession session;

    @Transactional
    public Optional<ProblemException> refusal(TenantId tenantId, UUID userId, boolean passwordChangePath) {
      // Bound first: app_user is under row-level security, so the user row is visible only in its own tenant.
      session.bind(tenantId);
      List<?> rows = em.createNativeQuery("select t.status, u.status, u.must_change_password from tenant t"
              + " left join app_user u on u.tenant_id = t.id and u.id = ?2 where t.id = ?1")
          .setParameter(1, tenantId.value())
          .setParameter(2, userId)
          .getResultList();
      if (rows.isEmpty()) {
        return Optional.of(new ProblemException(401, "UNAUTHENTICATED", "Unauthenticated", "Unknown tenant."));
      }
      Object[] row = (Object[]) rows.get(0);
      if (!TenantStatus.ACTIVE.name().equals(row[0])) {
        return Optional.of(
            new ProblemException(403, "TENANT_SUSPENDED", "Tenant suspended",
                "Your organization's access is suspended. Contact the platform operator."));
      }
      if (!UserStatus.ACTIVE.name().equals(row[1])) {
        return Optional.of(
            new ProblemException(401, "ACCOUNT_DISABLED", "Account disabled", "This account is not active."));
      }
      if (Boolean.TRUE.equals(row[2]) && !passwordChangePath) {
        // A temporary password was seen by whoever set it; until the owner replaces it, it opens nothing else.
        return Optional.of(
            new ProblemException(403, "PASSWORD_CHANGE_REQUIRED", "Password change required",
                "Set a new password (POST /api/v1/me/password) before doing anything else."));
      }
      return Optional.empty();
    }
  }
}
