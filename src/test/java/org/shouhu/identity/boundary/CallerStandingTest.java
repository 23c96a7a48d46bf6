package org.shouhu.identity.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.shouhu.tenancy.boundary.BindTenant;

/**
 * Which resource methods may leave the caller's standing to the tenant binding of their own transaction, and for
 * which roles: only methods whose invocation passes through both interceptors and that name the roles they admit.
 * Any doubt keeps the check in the filter (an empty set).
 */
class CallerStandingTest {

  @Transactional
  @BindTenant
  @RolesAllowed({"SOCIAL_WORKER", "SUPERVISOR"})
  static class Bound {
    public void inherits() {}

    @RolesAllowed("ORG_ADMIN")
    public void narrows() {}

    @PermitAll
    public void anyone() {}

    @DenyAll
    public void noOne() {}

    @RolesAllowed({"ORG_ADMIN", "ORG_ADMIN"})
    public void namesARoleTwice() {}

    @Transactional(TxType.NOT_SUPPORTED)
    public void optsOutOfTheTransaction() {}

    @Transactional(TxType.SUPPORTS)
    public void mayRunWithout() {}

    @Transactional(TxType.REQUIRES_NEW)
    public void startsItsOwn() {}
  }

  static class Plain {
    public void nothing() {}

    @Transactional
    @RolesAllowed("ORG_ADMIN")
    public void transactionOnly() {}

    @Transactional
    @BindTenant
    @RolesAllowed("ORG_ADMIN")
    public void all() {}

    @Transactional
    @BindTenant
    public void noRoles() {}
  }

  @BindTenant
  @RolesAllowed("ORG_ADMIN")
  static class BindingOnly {
    public void noTransaction() {}
  }

  private static Set<String> roles(Class<?> type, String method) throws NoSuchMethodException {
    return CallerStanding.deferrable(type, type.getMethod(method));
  }

  @Test
  void deferredOnlyWhereTheMethodRunsInATransactionBoundToTheTenantAndOnlyForItsRoles() throws Exception {
    assertEquals(Set.of("SOCIAL_WORKER", "SUPERVISOR"), roles(Bound.class, "inherits"));
    assertEquals(Set.of("ORG_ADMIN"), roles(Bound.class, "narrows"));
    assertEquals(Set.of("SOCIAL_WORKER", "SUPERVISOR"), roles(Bound.class, "startsItsOwn"));
    assertEquals(Set.of("ORG_ADMIN"), roles(Plain.class, "all"));
    assertEquals(Set.of("ORG_ADMIN"), roles(Bound.class, "namesARoleTwice"));
    assertEquals(Set.of(), roles(Bound.class, "anyone"));
    assertEquals(Set.of(), roles(Bound.class, "noOne"));
    assertEquals(Set.of(), roles(Bound.class, "optsOutOfTheTransaction"));
    assertEquals(Set.of(), roles(Bound.class, "mayRunWithout"));
    assertEquals(Set.of(), roles(Plain.class, "nothing"));
    assertEquals(Set.of(), roles(Plain.class, "transactionOnly"));
    assertEquals(Set.of(), roles(Plain.class, "noRoles"));
    assertEquals(Set.of(), roles(BindingOnly.class, "noTransaction"));
  }

  @Test
  void unmatchedRequestsAreCheckedInTheFilter() throws Exception {
    assertEquals(Set.of(), CallerStanding.deferrable(null, null));
    assertEquals(Set.of(), CallerStanding.deferrable(Bound.class, null));
  }
}
