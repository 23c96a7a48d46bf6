package org.shouhu.identity.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import org.shouhu.problems.entity.InvalidValueException;
import org.shouhu.tenancy.entity.TenantKind;
import org.shouhu.tenancy.entity.TenantOwned;

/**
 * A person who uses Shouhu on behalf of one tenant: a social worker, a supervisor, a bureau officer, an
 * administrator.
 *
 * <p>A user is created ACTIVE with roles that suit their tenant's kind and a password hash. Failed logins are
 * counted; after too many in a row the account is locked until a moment that passes by itself, and a successful
 * login clears the count. An administrator can disable the account (its tokens stop working at once), enable it
 * again, or reset its password, which forces a change at the next login. A password change or reset, a role
 * change and disabling raise the token generation, which cuts every access token issued before. Users are never deleted: their names
 * stay on the records they logged.
 */
@Entity
@Table(name = "app_user")
public class User extends TenantOwned {

  @Id private UUID id;

  @Column(nullable = false, updatable = false)
  private String username;

  @Column(name = "display_name", nullable = false)
  private String displayName;

  @Convert(converter = RolesConverter.class)
  @Column(nullable = false)
  private Set<Role> roles;

  @Column(name = "password_hash", nullable = false)
  private String passwordHash;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private UserStatus status;

  @Column(name = "failed_logins", nullable = false)
  private int failedLogins;

  @Column(name = "locked_until")
  private OffsetDateTime lockedUntil;

  @Column(name = "password_changed_at", nullable = false)
  private OffsetDateTime passwordChangedAt;

  @Column(name = "must_change_password", nullable = false)
  private boolean mustChangePassword;

  @Column(name = "created_by", updatable = false)
  private UUID createdBy;

  @Column(name = "updated_by")
  private UUID updatedBy;

  /** Rises whenever the user's earlier access tokens must stop working at once (V135); tokens carry it as gen. */
  @Column(name = "token_generation", nullable = false)
  private int tokenGeneration;

  /** The supervisor whose team this worker is in (V105); null while unassigned. */
  @Column(name = "supervisor_id")
  private UUID supervisorId;

  protected User() {}

  public User(
      Username username,
      String displayName,
      Set<Role> roles,
      TenantKind tenantKind,
      String passwordHash,
      boolean mustChangePassword,
      UUID createdBy) {
    this.id = UUID.randomUUID();
    this.username = username.value();
    this.displayName = requireDisplayName(displayName);
    this.roles = requireRoles(roles, tenantKind);
    this.passwordHash = passwordHash;
    this.status = UserStatus.ACTIVE;
    this.passwordChangedAt = OffsetDateTime.now(ZoneOffset.UTC);
    this.mustChangePassword = mustChangePassword;
    this.createdBy = createdBy;
  }

  public boolean isLockedAt(Instant now) {
    return lockedUntil != null && lockedUntil.toInstant().isAfter(now);
  }

  /**
   * Counts a wrong password. Reaching the limit locks the account for the given time; a lock that has expired is
   * forgotten first, so the count starts afresh rather than locking again on the next single mistake.
   */
  public void recordFailedLogin(Instant now, int limit, Duration lockout) {
    if (lockedUntil != null && !isLockedAt(now)) {
      lockedUntil = null;
      failedLogins = 0;
    }
    failedLogins++;
    if (failedLogins >= limit) {
      lockedUntil = OffsetDateTime.ofInstant(now.plus(lockout), ZoneOffset.UTC);
    }
  }

  public void recordSuccessfulLogin() {
    failedLogins = 0;
    lockedUntil = null;
  }

  public void disable(UUID by) {
    status = UserStatus.DISABLED;
    tokenGeneration++;
    updatedBy = by;
  }

  public void enable(UUID by) {
    status = UserStatus.ACTIVE;
    failedLogins = 0;
    lockedUntil = null;
    updatedBy = by;
  }

  /** An administrator's reset: the temporary password must be replaced at the next login. */
  public void resetPassword(String newHash, UUID by) {
    passwordHash = newHash;
    passwordChangedAt = OffsetDateTime.now(ZoneOffset.UTC);
    mustChangePassword = true;
    tokenGeneration++;
    failedLogins = 0;
    lockedUntil = null;
    updatedBy = by;
  }

  public void changePassword(String newHash) {
    passwordHash = newHash;
    passwordChangedAt = OffsetDateTime.now(ZoneOffset.UTC);
    mustChangePassword = false;
    tokenGeneration++;
    updatedBy = id;
  }

  /** New roles take effect at once: tokens carrying the old ones stop working, a refresh carries the new ones. */
  public void changeRoles(Set<Role> newRoles, TenantKind tenantKind, UUID by) {
    roles = requireRoles(newRoles, tenantKind);
    tokenGeneration++;
    updatedBy = by;
  }

  public int tokenGeneration() {
    return tokenGeneration;
  }

  /**
   * Puts this worker in a supervisor's team, or takes them out of any with null. The control layer checks that the
   * supervisor is an active SUPERVISOR of the same organization.
   */
  public void supervisedBy(UUID supervisor, UUID by) {
    if (!roles.contains(Role.SOCIAL_WORKER)) {
      throw new InvalidValueException("USER_NOT_WORKER", "Only a social worker is put in a supervisor's team.");
    }
    if (id.equals(supervisor)) {
      throw new InvalidValueException("TEAM_SELF_SUPERVISED", "Nobody supervises themselves.");
    }
    supervisorId = supervisor;
    updatedBy = by;
  }

  public UUID supervisorId() {
    return supervisorId;
  }

  public boolean isActive() {
    return status == UserStatus.ACTIVE;
  }

  private static String requireDisplayName(String name) {
    if (name == null || name.isBlank()) {
      throw new InvalidValueException("USER_DISPLAY_NAME_REQUIRED", "A display name is required.");
    }
    if (name.strip().length() > 100) {
      throw new InvalidValueException("USER_DISPLAY_NAME_TOO_LONG", "A display name has at most 100 characters.");
    }
    return name.strip();
  }

  private static Set<Role> requireRoles(Set<Role> roles, TenantKind kind) {
    if (roles == null || roles.isEmpty()) {
      throw new InvalidValueException("USER_ROLES_REQUIRED", "A user needs at least one role.");
    }
    Set<Role> allowed = Role.allowedIn(kind);
    for (Role role : roles) {
      if (!allowed.contains(role)) {
        throw new InvalidValueException(
            "USER_ROLE_NOT_ALLOWED",
            "Role " + role + " cannot be held in a tenant of kind " + kind + "; allowed: " + allowed + ".");
      }
    }
    return EnumSet.copyOf(roles);
  }

  public UUID id() {
    return id;
  }

  public Username username() {
    return new Username(username);
  }

  public String displayName() {
    return displayName;
  }

  public Set<Role> roles() {
    return Set.copyOf(roles);
  }

  public String passwordHash() {
    return passwordHash;
  }

  public UserStatus status() {
    return status;
  }

  public int failedLogins() {
    return failedLogins;
  }

  public OffsetDateTime lockedUntil() {
    return lockedUntil;
  }

  public boolean mustChangePassword() {
    return mustChangePassword;
  }

  public OffsetDateTime passwordChangedAt() {
    return passwordChangedAt;
  }
}
