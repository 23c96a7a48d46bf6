package org.shouhu.identity.entity;

import java.util.EnumSet;
import java.util.Set;
import org.shouhu.tenancy.entity.TenantKind;

/** What a user may do. The names travel in the token's {@code groups} claim and in {@code @RolesAllowed}. */
public enum Role {
  /** 社工: logs home visits, counseling and school activities. */
  SOCIAL_WORKER,
  /** 督导: reviews, approves or returns the workers' records. */
  SUPERVISOR,
  /** The tenant's administrator: manages its users (in a bureau too, where it administers the officers). */
  ORG_ADMIN,
  /** 民政局 official: reads the progress of the projects the bureau funds and evaluates them. */
  BUREAU_OFFICER,
  /** The platform operator: provisions tenants, sees no tenant's data. */
  PLATFORM_ADMIN;

  /** The roles a user of this kind of tenant may hold. */
  public static Set<Role> allowedIn(TenantKind kind) {
    return switch (kind) {
      case ORGANIZATION -> EnumSet.of(SOCIAL_WORKER, SUPERVISOR, ORG_ADMIN);
      case BUREAU -> EnumSet.of(BUREAU_OFFICER, ORG_ADMIN);
      case PLATFORM -> EnumSet.of(PLATFORM_ADMIN);
    };
  }
}
