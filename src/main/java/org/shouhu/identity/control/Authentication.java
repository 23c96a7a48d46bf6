package org.shouhu.identity.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.shouhu.audit.control.AuditTrail;
import org.shouhu.identity.entity.User;
import org.shouhu.identity.entity.Username;
import org.shouhu.problems.entity.InvalidValueException;
import org.shouhu.tenancy.control.TenantSession;
import org.shouhu.tenancy.control.Tenants;
import org.shouhu.tenancy.entity.Slug;
import org.shouhu.tenancy.entity.Tenant;

/**
 * Checks a tenant slug, username and password and decides the outcome of a login.
 *
 * <p>The outcome is returned, not thrown: a refused login must still commit the failure count and the lockout,
 * which an exception would roll back. Unknown tenants, unknown users and wrong passwords are one and the same
 * refusal, and cost the same time, so neither the response nor its timing tells which accounts exist.
 */
@ApplicationScoped
public class Authentication {

  @Inject Tenants tenants;
  @Inject TenantSession session;
  @Inject Accounts accounts;
  @Inject PasswordHasher hasher;
  @Inject LoginThrottle throttle;
  @Inject DeviceSessions deviceSessions;
  @Inject AuditTrail audit;

  @Inject
  @ConfigProperty(name = "shouhu.auth.user-failures", defaultValue = "5")
  int userFailureLimit;

  @Inject
  @ConfigProperty(name = "shouhu.auth.lockout-minutes", defaultValue = "15")
  long lockoutMinutes;

  Clock clock = Clock.systemUTC();

  public sealed interface Outcome {}

  public record Granted(DeviceSessions.Tokens tokens, User user, Tenant tenant) implements Outcome {}

  /** Why a login was refused; {@code retryAfter} is set for throttling and lockout. */
  public record Refused(Reason reason, Duration retryAfter) implements Outcome {}

  public enum Reason {
    BAD_CREDENTIALS,
    ADDRESS_THROTTLED,
    ACCOUNT_LOCKED,
    ACCOUNT_DISABLED,
    TENANT_SUSPENDED
  }

  /**
   * Must run in a transaction that is not yet bound to a tenant: it binds the one named by the slug. A granted login
   * opens a device session labelled {@code deviceLabel}.
   */
  public Outcome authenticate(String tenantSlug, String username, String password, String address, String deviceLabel) {
    Duration wait = throttle.waitFor(address);
    if (!wait.isZero()) {
      return new Refused(Reason.ADDRESS_THROTTLED, wait);
    }
    Optional<Tenant> tenant = parse(tenantSlug).flatMap(tenants::bySlug);
    if (tenant.isEmpty()) {
      return badCredentials(password, address);
    }
    session.bind(tenant.get().id());
    Optional<User> found = parseUsername(username).flatMap(accounts::byUsernameForLogin);
    if (found.isEmpty()) {
      return badCredentials(password, address);
    }
    User user = found.get();
    Instant now = clock.instant();
    if (user.isLockedAt(now)) {
      // Attempts against a locked account are what an administrator most needs to see: someone kept trying. The
      // password is not checked, so the record says nothing about whether it was right.
      audit.record(user.id(), "LOGIN_REFUSED", "user", user.id(), "locked");
      return new Refused(Reason.ACCOUNT_LOCKED, Duration.between(now, user.lockedUntil().toInstant()));
    }
    if (!hasher.verify(password, user.passwordHash())) {
      throttle.recordFailure(address);
      user.recordFailedLogin(now, userFailureLimit, Duration.ofMinutes(lockoutMinutes));
      audit.record(user.id(), "LOGIN_FAILED", "user", user.id(), user.isLockedAt(now) ? "locked" : null);
      return user.isLockedAt(now)
          ? new Refused(Reason.ACCOUNT_LOCKED, Duration.ofMinutes(lockoutMinutes))
          : new Refused(Reason.BAD_CREDENTIALS, null);
    }
    if (!tenant.get().isActive()) {
      audit.record(user.id(), "LOGIN_REFUSED", "user", user.id(), "tenant suspended");
      return new Refused(Reason.TENANT_SUSPENDED, null);
    }
    if (!user.isActive()) {
      audit.record(user.id(), "LOGIN_REFUSED", "user", user.id(), "disabled");
      return new Refused(Reason.ACCOUNT_DISABLED, null);
    }
    user.recordSuccessfulLogin();
    audit.record(user.id(), "LOGIN", "user", user.id(), null);
    return new Granted(deviceSessions.open(user, tenant.get(), deviceLabel), user, tenant.get());
  }

  private Refused badCredentials(String password, String address) {
    hasher.verifyDecoy(password);
    throttle.recordFailure(address);
    return new Refused(Reason.BAD_CREDENTIALS, null);
  }

  private static Optional<Slug> parse(String slug) {
    try {
      return Optional.of(new Slug(slug));
    } catch (InvalidValueException e) {
      return Optional.empty();
    }
  }

  private static Optional<Username> parseUsername(String username) {
    try {
      return Optional.of(new Username(username));
    } catch (InvalidValueException e) {
      return Optional.empty();
    }
  }
}
