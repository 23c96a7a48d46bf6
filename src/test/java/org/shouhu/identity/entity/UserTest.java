package org.shouhu.identity.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.shouhu.problems.entity.InvalidValueException;
import org.shouhu.tenancy.entity.TenantKind;

class UserTest {

  private static final int LIMIT = 5;
  private static final Duration LOCKOUT = Duration.ofMinutes(15);
  private static final Instant T0 = Instant.parse("2026-03-02T01:00:00Z");
  private static final UUID ADMIN = UUID.randomUUID();

  private static User worker() {
    return new User(
        new Username("zhang.wei"), "张伟", EnumSet.of(Role.SOCIAL_WORKER), TenantKind.ORGANIZATION, "$hash", false,
        ADMIN);
  }

  private static void fail(User user, int times, Instant at) {
    for (int i = 0; i < times; i++) {
      user.recordFailedLogin(at, LIMIT, LOCKOUT);
    }
  }

  private static String refusal(Set<Role> roles, TenantKind kind) {
    return assertThrows(
            InvalidValueException.class,
            () -> new User(new Username("someone"), "某人", roles, kind, "$hash", false, ADMIN))
        .code();
  }

  @Test
  void startsActiveUnlockedWithTheGivenRoles() {
    User user = worker();
    assertTrue(user.isActive());
    assertEquals(UserStatus.ACTIVE, user.status());
    assertFalse(user.isLockedAt(T0));
    assertEquals(0, user.failedLogins());
    assertEquals(Set.of(Role.SOCIAL_WORKER), user.roles());
    assertEquals("zhang.wei", user.username().value());
    assertFalse(user.mustChangePassword());
  }

  @Test
  void staysUnlockedBelowTheFailureLimit() {
    User user = worker();
    fail(user, LIMIT - 1, T0);
    assertEquals(LIMIT - 1, user.failedLogins());
    assertFalse(user.isLockedAt(T0));
    assertNull(user.lockedUntil());
  }

  @Test
  void locksForTheLockoutPeriodOnReachingTheFailureLimit() {
    User user = worker();
    fail(user, LIMIT, T0);
    assertTrue(user.isLockedAt(T0));
    assertEquals(T0.plus(LOCKOUT), user.lockedUntil().toInstant());
    assertTrue(user.isLockedAt(T0.plus(LOCKOUT).minusSeconds(1)));
  }

  @Test
  void lockExpiresByItself() {
    User user = worker();
    fail(user, LIMIT, T0);
    assertFalse(user.isLockedAt(T0.plus(LOCKOUT)), "the lock ends at lockedUntil");
    assertFalse(user.isLockedAt(T0.plus(LOCKOUT).plusSeconds(1)));
  }

  @Test
  void restartsTheCountAfterAnExpiredLock() {
    User user = worker();
    fail(user, LIMIT, T0);
    Instant later = T0.plus(LOCKOUT).plusSeconds(1);

    user.recordFailedLogin(later, LIMIT, LOCKOUT);

    assertEquals(1, user.failedLogins(), "one mistake after the lock is the first of a new count");
    assertFalse(user.isLockedAt(later), "a single mistake after an expired lock does not lock again");
    assertNull(user.lockedUntil());
    fail(user, LIMIT - 1, later);
    assertTrue(user.isLockedAt(later), "a full new run of failures locks again");
  }

  @Test
  void successfulLoginClearsFailuresAndLock() {
    User user = worker();
    fail(user, LIMIT - 1, T0);
    user.recordSuccessfulLogin();
    assertEquals(0, user.failedLogins());
    fail(user, LIMIT - 1, T0);
    assertFalse(user.isLockedAt(T0), "the count restarted from zero");

    fail(user, 1, T0);
    assertTrue(user.isLockedAt(T0));
    user.recordSuccessfulLogin();
    assertFalse(user.isLockedAt(T0));
    assertNull(user.lockedUntil());
  }

  @Test
  void refusesRolesThatDoNotSuitTheTenantKind() {
    assertEquals("USER_ROLE_NOT_ALLOWED", refusal(EnumSet.of(Role.BUREAU_OFFICER), TenantKind.ORGANIZATION));
    assertEquals(
        "USER_ROLE_NOT_ALLOWED", refusal(EnumSet.of(Role.ORG_ADMIN, Role.PLATFORM_ADMIN), TenantKind.ORGANIZATION));
    assertEquals("USER_ROLE_NOT_ALLOWED", refusal(EnumSet.of(Role.SOCIAL_WORKER), TenantKind.BUREAU));
    assertEquals("USER_ROLE_NOT_ALLOWED", refusal(EnumSet.of(Role.SUPERVISOR), TenantKind.BUREAU));
    assertEquals("USER_ROLE_NOT_ALLOWED", refusal(EnumSet.of(Role.ORG_ADMIN), TenantKind.PLATFORM));
  }

  @Test
  void acceptsEveryRoleAllowedInItsTenantKind() {
    for (TenantKind kind : TenantKind.values()) {
      for (Role role : Role.allowedIn(kind)) {
        User user = new User(new Username("someone"), "某人", Set.of(role), kind, "$hash", false, ADMIN);
        assertEquals(Set.of(role), user.roles(), kind + "/" + role);
      }
    }
  }

  @Test
  void refusesEmptyRoles() {
    assertEquals("USER_ROLES_REQUIRED", refusal(Set.of(), TenantKind.ORGANIZATION));
    assertEquals("USER_ROLES_REQUIRED", refusal(null, TenantKind.ORGANIZATION));
  }

  @Test
  void requiresAShortDisplayName() {
    Set<Role> roles = EnumSet.of(Role.SOCIAL_WORKER);
    TenantKind kind = TenantKind.ORGANIZATION;
    assertEquals(
        "USER_DISPLAY_NAME_REQUIRED",
        assertThrows(
                InvalidValueException.class,
                () -> new User(new Username("a.b"), "  ", roles, kind, "$h", false, null))
            .code());
    assertEquals(
        "USER_DISPLAY_NAME_TOO_LONG",
        assertThrows(
                InvalidValueException.class,
                () -> new User(new Username("a.b"), "名".repeat(101), roles, kind, "$h", false, null))
            .code());
    assertEquals("王芳", new User(new Username("a.b"), "  王芳 ", roles, kind, "$h", false, null).displayName());
  }

  @Test
  void resetForcesAPasswordChangeAndLiftsTheLock() {
    User user = worker();
    fail(user, LIMIT, T0);
    user.resetPassword("$new-hash", ADMIN);
    assertTrue(user.mustChangePassword());
    assertEquals("$new-hash", user.passwordHash());
    assertFalse(user.isLockedAt(T0), "the administrator's reset unlocks the account");
    assertEquals(0, user.failedLogins());

    user.changePassword("$own-hash");
    assertFalse(user.mustChangePassword(), "choosing one's own password satisfies the reset");
    assertEquals("$own-hash", user.passwordHash());
  }

  @Test
  void disablesAndEnablesAgain() {
    User user = worker();
    user.disable(ADMIN);
    assertFalse(user.isActive());
    assertEquals(UserStatus.DISABLED, user.status());

    fail(user, LIMIT, T0);
    user.enable(ADMIN);
    assertTrue(user.isActive());
    assertFalse(user.isLockedAt(T0), "enabling starts from a clean slate");
    assertEquals(0, user.failedLogins());
  }

  @Test
  void rolesCannotBeChangedThroughTheReturnedSet() {
    User user = worker();
    assertThrows(UnsupportedOperationException.class, () -> user.roles().add(Role.ORG_ADMIN));
  }

  @Test
  void aWorkerJoinsASupervisorsTeamButNobodySupervisesThemselvesAndOnlyWorkersAreInTeams() {
    User worker = worker();
    UUID supervisor = UUID.randomUUID();
    worker.supervisedBy(supervisor, ADMIN);
    assertEquals(supervisor, worker.supervisorId());
    worker.supervisedBy(null, ADMIN);
    assertEquals(null, worker.supervisorId());
    assertEquals("TEAM_SELF_SUPERVISED",
        assertThrows(InvalidValueException.class, () -> worker.supervisedBy(worker.id(), ADMIN)).code());
    User lead = new User(new Username("wang.du"), "王督导", EnumSet.of(Role.SUPERVISOR), TenantKind.ORGANIZATION, "$hash", false, ADMIN);
    assertEquals("USER_NOT_WORKER", assertThrows(InvalidValueException.class, () -> lead.supervisedBy(supervisor, ADMIN)).code());
  }
}
