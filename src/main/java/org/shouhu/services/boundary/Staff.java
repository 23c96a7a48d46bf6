package org.shouhu.services.boundary;

import org.shouhu.problems.entity.ProblemException;
import org.shouhu.services.control.ServiceRecords.Actor;
import org.shouhu.tenancy.boundary.Caller;
import org.shouhu.tenancy.control.Tenants;
import org.shouhu.tenancy.entity.TenantKind;

/** The caller as this context's control classes judge them, the same for every services endpoint. */
final class Staff {

  private Staff() {}

  /** A worker sees their own work; SUPERVISOR and ORG_ADMIN see all of it; only ORG_ADMIN changes locked months. */
  static Actor actor(Caller caller) {
    boolean orgAdmin = caller.hasRole("ORG_ADMIN");
    return new Actor(caller.userId(), caller.hasRole("SUPERVISOR") || orgAdmin, orgAdmin);
  }

  /** Bureaus and the platform serve nobody directly: even their ORG_ADMIN has no business with cases and groups. */
  static void requireOrganization(Tenants tenants, Caller caller) {
    if (tenants.get(caller.tenant()).kind() != TenantKind.ORGANIZATION) {
      throw ProblemException.forbidden("FORBIDDEN", "Only service organizations keep cases and groups.");
    }
  }
}
