package org.shouhu.identity.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.shouhu.audit.control.AuditTrail;
import org.shouhu.identity.entity.Role;
import org.shouhu.identity.entity.SessionEnd;
import org.shouhu.identity.entity.User;
import org.shouhu.identity.entity.Username;
import org.shouhu.problems.entity.InvalidValueException;
import org.shouhu.problems.entity.ProblemException;
import org.shouhu.tenancy.control.TenantSession;
import org.shouhu.tenancy.entity.TenantKind;

/**
 * The user accounts of the tenant bound to the current transaction. Every query here is filtered by
 * EclipseLink's tenant discriminator and by row-level security, so an id of another tenant's user is simply
 * not found.
 */
@ApplicationScoped
public class Accounts {

  @PersistenceContext(unitName = "shouhu")
  EntityManager em;

  @Inject TenantSession session;
  @Inject PasswordHasher hasher;
  @Inject PasswordPolicy policy;
  @Inject AuditTrail audit;
  @Inject DeviceSessions deviceSessions;

  public record Opened(User user, String temporaryPassword) {}

  /**
   * Opens an account. With no password given, a temporary one is generated, returned once and must be changed at
   * first login; a given password must meet the policy.
   */
  public Opened open(
      Username username, String displayName, Set<Role> roles, TenantKind kind, String password, UUID actor) {
    return open(username, displayName, roles, kind, password, "password", actor);
  }

  /** As above; {@code passwordField} is where the request carried the password, for the field error. */
  public Opened open(
      Username username,
      String displayName,
      Set<Role> roles,
      TenantKind kind,
      String password,
      String passwordField,
      UUID actor) {
    session.require();
    if (byUsername(username).isPresent()) {
      throw ProblemException.conflict("USERNAME_TAKEN", "The username '" + username + "' is taken in this tenant.");
    }
    String temporary = null;
    if (password == null) {
      temporary = policy.generate();
    } else {
      checkPolicy(passwordField, password, username);
    }
    User user =
        new User(username, displayName, roles, kind, hasher.hash(password == null ? temporary : password),
            password == null, actor);
    em.persist(user);
    audit.record(actor, "USER_CREATED", "user", user.id(), "roles=" + user.roles());
    return new Opened(user, temporary);
  }

  public Optional<User> byUsername(Username username) {
    return em.createQuery("select u from User u where u.username = :name", User.class)
        .setParameter("name", username.value())
        .getResultStream()
        .findFirst();
  }

  /**
   * The account as a login must see it: its row locked until the login's transaction ends, so concurrent wrong
   * passwords, on one node or several, each count — read unlocked, two of them could both write "4 failures" and
   * the lockout would let more guesses through than it promises.
   */
  public Optional<User> byUsernameForLogin(Username username) {
    return em.createQuery("select u from User u where u.username = :name", User.class)
        .setParameter("name", username.value())
        .setLockMode(LockModeType.PESSIMISTIC_WRITE)
        .getResultStream()
        .findFirst();
  }

  public Optional<User> find(UUID id) {
    session.require();
    return Optional.ofNullable(em.find(User.class, id));
  }

  /**
   * The display names of the tenant's users among {@code ids}: what colleagues call each other, shown next to their
   * work (a supervisor's review queue). Ids of another tenant's users are simply absent.
   */
  public Map<UUID, String> displayNames(Collection<UUID> ids) {
    session.require();
    if (ids.isEmpty()) {
      return Map.of();
    }
    Map<UUID, String> names = new HashMap<>();
    em.createQuery("select u from User u where u.id in :ids", User.class)
        .setParameter("ids", List.copyOf(new HashSet<>(ids)))
        .getResultStream()
        .forEach(u -> names.put(u.id(), u.displayName()));
    return names;
  }

  public User get(UUID id) {
    return find(id).orElseThrow(() -> ProblemException.notFound("User"));
  }

  public List<User> page(int offset, int limit) {
    session.require();
    return em.createQuery("select u from User u order by u.username", User.class)
        .setFirstResult(offset)
        .setMaxResults(limit)
        .getResultList();
  }

  public long count() {
    return em.createQuery("select count(u) from User u", Long.class).getSingleResult();
  }

  public User disable(UUID id, UUID actor) {
    if (id.equals(actor)) {
      throw ProblemException.conflict("USER_CANNOT_DISABLE_SELF", "You cannot disable your own account.");
    }
    User user = get(id);
    user.disable(actor);
    audit.record(actor, "USER_DISABLED", "user", id, null);
    deviceSessions.revokeAll(id, null, SessionEnd.USER_DISABLED, actor);
    return user;
  }

  public User enable(UUID id, UUID actor) {
    User user = get(id);
    user.enable(actor);
    audit.record(actor, "USER_ENABLED", "user", id, null);
    return user;
  }

  /**
   * Puts a worker in a supervisor's team ({@code supervisor} null: in no team). The supervisor must be an active
   * SUPERVISOR of this organization (another tenant's id is not found).
   */
  public User assignSupervisor(UUID workerId, UUID supervisorId, UUID actor) {
    User worker = get(workerId);
    if (supervisorId != null) {
      User supervisor = find(supervisorId).orElseThrow(() ->
          ProblemException.invalid("supervisorId", "TEAM_SUPERVISOR_UNKNOWN", "No such user in this organization."));
      if (!supervisor.isActive() || !supervisor.roles().contains(Role.SUPERVISOR)) {
        throw ProblemException.invalid("supervisorId", "TEAM_NOT_SUPERVISOR", "The team's lead must be an active supervisor.");
      }
    }
    try {
      worker.supervisedBy(supervisorId, actor);
    } catch (InvalidValueException e) {
      throw ProblemException.invalid(e.code().equals("USER_NOT_WORKER") ? "userId" : "supervisorId", e);
    }
    audit.record(actor, "USER_TEAM_ASSIGNED", "user", workerId, "supervisor=" + supervisorId);
    return worker;
  }

  /** The workers in a supervisor's team, by name. */
  public List<User> teamMembers(UUID supervisorId) {
    session.require();
    return em.createQuery("select u from User u where u.supervisorId = :s order by u.displayName, u.id", User.class)
        .setParameter("s", supervisorId)
        .getResultList();
  }

  /** The ids of the workers in a supervisor's team. */
  public List<UUID> team(UUID supervisorId) {
    session.require();
    return em.createQuery("select u.id from User u where u.supervisorId = :s", UUID.class)
        .setParameter("s", supervisorId)
        .getResultList();
  }

  /** Returns the temporary password, shown to the administrator once and never stored in clear. */
  public String resetPassword(UUID id, UUID actor) {
    User user = get(id);
    String temporary = policy.generate();
    user.resetPassword(hasher.hash(temporary), actor);
    audit.record(actor, "USER_PASSWORD_RESET", "user", id, null);
    deviceSessions.revokeAll(id, null, SessionEnd.PASSWORD_RESET, actor);
    return temporary;
  }

  /**
   * The user's own change: every other device's session ends (whoever learnt the old password is out), and the
   * device it was made on ({@code thisSession}) gets fresh tokens, since the change cut the ones it held.
   */
  public DeviceSessions.Tokens changeOwnPassword(UUID id, UUID thisSession, String current, String replacement) {
    User user = get(id);
    if (!hasher.verify(current == null ? "" : current, user.passwordHash())) {
      throw ProblemException.invalid("currentPassword", "PASSWORD_WRONG", "The current password is wrong.");
    }
    if (current.equals(replacement)) {
      throw ProblemException.invalid("newPassword", "PASSWORD_UNCHANGED", "Choose a password you have not used now.");
    }
    checkPolicy("newPassword", replacement, user.username());
    user.changePassword(hasher.hash(replacement));
    audit.record(id, "USER_PASSWORD_CHANGED", "user", id, null);
    deviceSessions.revokeAll(id, thisSession, SessionEnd.PASSWORD_CHANGED, id);
    return deviceSessions.reissue(thisSession, user);
  }

  /** New roles for a user; their tokens carrying the old ones stop working at once. */
  public User changeRoles(UUID id, Set<Role> roles, TenantKind kind, UUID actor) {
    if (id.equals(actor)) {
      throw ProblemException.conflict("USER_CANNOT_CHANGE_OWN_ROLES", "Another administrator changes your roles.");
    }
    User user = get(id);
    try {
      user.changeRoles(roles, kind, actor);
    } catch (InvalidValueException e) {
      throw ProblemException.invalid("roles", e);
    }
    audit.record(actor, "USER_ROLES_CHANGED", "user", id, "roles=" + user.roles());
    return user;
  }

  private void checkPolicy(String field, String password, Username username) {
    try {
      policy.check(password, username.value());
    } catch (InvalidValueException e) {
      throw ProblemException.invalid(field, e);
    }
  }
}
