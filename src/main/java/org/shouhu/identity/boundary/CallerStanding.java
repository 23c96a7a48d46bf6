package org.shouhu.identity.boundary;

import jakarta.annotation.Priority;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.shouhu.identity.entity.UserStatus;
import org.shouhu.problems.boundary.Problems;
import org.shouhu.problems.entity.ProblemException;
import org.shouhu.tenancy.boundary.AfterBinding;
import org.shouhu.tenancy.boundary.BindTenant;
import org.shouhu.tenancy.boundary.Caller;
import org.shouhu.tenancy.control.TenantSession;
import org.shouhu.tenancy.entity.TenantId;
import org.shouhu.tenancy.entity.TenantStatus;

/**
 * A valid signature is not enough: the token's tenant must still be active, its user still enabled, its device
 * session still live (not logged out, revoked or expired) and its token generation still the user's (no password
 * change or reset, role change or disabling since it was issued); and a user holding a temporary password may only
 * change it. Checked on every authenticated request, so each of these takes effect immediately rather than when the
 * last token expires.
 *
 * <p>Where the resource method runs in a transaction bound to the caller's tenant ({@code @Transactional} and
 * {@code @BindTenant}, as nearly every resource is), the check is not made here but handed to {@link Deferred}, which
 * {@code TenantBinding} runs in that transaction right after binding it, before the method does anything: one
 * transaction, one connection and one tenant binding per request instead of two (#15, the per-request floor).
 * Anything else is checked here, in a transaction of its own, as before.
 */
@Provider
@ApplicationScoped
@Priority(Priorities.AUTHORIZATION - 10)
public class CallerStanding implements ContainerRequestFilter {

  /** Stands in for a token that names no session (issued before V135): it matches no row, so it is refused. */
  private static final UUID NO_SESSION = new UUID(0, 0);

  /**
   * Per resource method: the roles it admits if its invocation passes through {@code @Transactional} (requiring or
   * starting a transaction) and then {@code TenantBinding}, so that the check can wait for that transaction; empty
   * if it does not.
   */
  private static final Map<Method, Set<String>> DEFERRABLE = new ConcurrentHashMap<>();

  @Inject Caller caller;
  @Inject Standing standing;
  @Inject Deferred deferred;
  @Context ResourceInfo resource;

  @Override
  public void filter(ContainerRequestContext request) {
    if (!caller.isAuthenticated()) {
      return;
    }
    String path = request.getUriInfo().getPath();
    boolean passwordChangePath = path.equals("v1/me") || path.equals("v1/me/password");
    // Deferred only when the caller holds a role the method admits: otherwise the role check would refuse first,
    // and an ended session must hear 401 (log in again), not 403, whatever it asks for.
    if (deferrable(resource.getResourceClass(), resource.getResourceMethod()).stream().anyMatch(caller::hasRole)) {
      deferred.expect(passwordChangePath);
      return;
    }
    ProblemException refusal =
        standing
            .refusal(caller.tenant(), caller.userId(), caller.sessionId().orElse(NO_SESSION), caller.tokenGeneration(),
                passwordChangePath)
            .orElse(null);
    if (refusal != null) {
      request.abortWith(Problems.response(refusal));
    }
  }

  /**
   * The roles of {@code @RolesAllowed} on the method (else its class) when the method's own invocation passes
   * through {@code @Transactional} (REQUIRED, REQUIRES_NEW or MANDATORY) and {@code @BindTenant}, declared on the
   * method or its class as interceptor bindings are; otherwise none, and the filter checks. Methods marked
   * {@code @PermitAll} or {@code @DenyAll}, and methods without a role constraint, are checked in the filter too.
   */
  static Set<String> deferrable(Class<?> type, Method method) {
    if (type == null || method == null) {
      return Set.of();
    }
    return DEFERRABLE.computeIfAbsent(method, m -> {
      Transactional transactional = m.isAnnotationPresent(Transactional.class)
          ? m.getAnnotation(Transactional.class) : type.getAnnotation(Transactional.class);
      boolean binds = m.isAnnotationPresent(BindTenant.class) || type.isAnnotationPresent(BindTenant.class);
      boolean inTransaction = transactional != null
          && (transactional.value() == Transactional.TxType.REQUIRED
              || transactional.value() == Transactional.TxType.REQUIRES_NEW
              || transactional.value() == Transactional.TxType.MANDATORY);
      RolesAllowed roles = m.isAnnotationPresent(RolesAllowed.class)
          ? m.getAnnotation(RolesAllowed.class) : type.getAnnotation(RolesAllowed.class);
      if (!binds || !inTransaction || roles == null || m.isAnnotationPresent(PermitAll.class)
          || m.isAnnotationPresent(DenyAll.class)) {
        return Set.of();
      }
      return Set.copyOf(Arrays.asList(roles.value())); // copyOf: a role named twice is no error
    });
  }

  /**
   * The check this request still owes, made by {@code TenantBinding} in the method's transaction. Request-scoped,
   * so it is made at most once per request whatever else the request binds; a request whose filter did not defer
   * owes nothing.
   */
  @RequestScoped
  public static class Deferred implements AfterBinding {

    @Inject Caller caller;
    @Inject Standing standing;

    private boolean owed;
    private boolean passwordChangePath;

    void expect(boolean passwordChangePath) {
      this.owed = true;
      this.passwordChangePath = passwordChangePath;
    }

    @Override
    public void afterBinding() {
      if (!owed) {
        return;
      }
      owed = false;
      Optional<ProblemException> refusal = standing.refusal(caller.tenant(), caller.userId(),
          caller.sessionId().orElse(NO_SESSION), caller.tokenGeneration(), passwordChangePath);
      if (refusal.isPresent()) {
        throw refusal.get();
      }
    }
  }

  /**
   * The lookups, in their own tenant-bound transaction: one statement for the tenant's, the user's and the
   * session's standing, read as plain columns rather than three entity finds, because it runs before every
   * authenticated request (docs/performance.md, "The per-request floor"). Primary-key lookups all three.
   */
  @ApplicationScoped
  public static class Standing {

    @PersistenceContext(unitName = "shouhu")
    EntityManager em;

    @Inject TenantSession session;

    @Transactional
    public Optional<ProblemException> refusal(
        TenantId tenantId, UUID userId, UUID sessionId, int tokenGeneration, boolean passwordChangePath) {
      // Bound first: app_user is under row-level security, so the user row is visible only in its own tenant.
      session.bind(tenantId);
      List<?> rows = em.createNativeQuery("select t.status, u.status, u.must_change_password, u.token_generation,"
              + " (s.revoked_at is null and s.expires_at > now()) from tenant t"
              + " left join app_user u on u.tenant_id = t.id and u.id = ?2"
              + " left join device_session s on s.tenant_id = t.id and s.id = ?3 and s.user_id = ?2"
              + " where t.id = ?1")
          .setParameter(1, tenantId.value())
          .setParameter(2, userId)
          .setParameter(3, sessionId)
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
      if (!Boolean.TRUE.equals(row[4])) {
        return Optional.of(
            new ProblemException(401, "SESSION_ENDED", "Session ended",
                "This device's session has ended (logged out, revoked or expired). Log in again."));
      }
      if (!(row[3] instanceof Number generation) || generation.intValue() != tokenGeneration) {
        // A password or role change or a disabling since the token was issued; a refresh gets a current one.
        return Optional.of(
            new ProblemException(401, "TOKEN_REVOKED", "Token revoked",
                "This token was issued before a change to the account. Refresh it or log in again."));
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
