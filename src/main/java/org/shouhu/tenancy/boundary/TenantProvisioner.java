package org.shouhu.tenancy.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.config.Config;
import org.shouhu.identity.control.Accounts;
import org.shouhu.identity.entity.Role;
import org.shouhu.identity.entity.Username;
import org.shouhu.regions.entity.DivisionCode;
import org.shouhu.tenancy.control.TenantManifest;
import org.shouhu.tenancy.control.TenantSession;
import org.shouhu.tenancy.control.Tenants;
import org.shouhu.tenancy.entity.CreditCode;
import org.shouhu.tenancy.entity.Slug;
import org.shouhu.tenancy.entity.Tenant;
import org.shouhu.tenancy.entity.TenantKind;

/**
 * Applies one manifest: creates the tenant and any missing users, revises a changed display name or time zone,
 * and leaves everything else alone. Applying the same manifest twice changes nothing; an existing user's
 * password is never touched.
 */
@ApplicationScoped
public class TenantProvisioner {

  @Inject Tenants tenants;
  @Inject TenantSession session;
  @Inject Accounts accounts;
  @Inject Config config;

  /** A login created by this run; the password is set only when it was generated and must be shown once. */
  public record NewLogin(String tenant, String username, List<String> roles, String generatedPassword) {}

  @Transactional
  public List<NewLogin> apply(TenantManifest manifest) {
    Slug slug = new Slug(manifest.slug());
    ZoneId zone = ZoneId.of(manifest.timeZone());
    TenantKind kind = TenantKind.valueOf(manifest.kind());
    Tenant tenant =
        tenants
            .bySlug(slug)
            .map(
                existing -> {
                  if (existing.kind() != kind) {
                    throw new IllegalStateException(
                        manifest.source() + ": tenant " + slug + " exists as " + existing.kind());
                  }
                  existing.reviseProfile(manifest.displayName(), zone);
                  return existing;
                })
            .orElseGet(() -> create(manifest, slug, kind, zone));
    session.bind(tenant.id());
    List<NewLogin> created = new ArrayList<>();
    for (TenantManifest.UserEntry entry : manifest.users()) {
      Username username = new Username(entry.username());
      if (accounts.byUsername(username).isPresent()) {
        continue;
      }
      Set<Role> roles = EnumSet.noneOf(Role.class);
      entry.roles().forEach(r -> roles.add(Role.valueOf(r)));
      String password =
          entry.passwordEnv() == null ? null : config.getOptionalValue(entry.passwordEnv(), String.class).orElse(null);
      var opened = accounts.open(username, entry.displayName(), roles, kind, password, null);
      created.add(
          new NewLogin(slug.value(), username.value(), entry.roles(), opened.temporaryPassword()));
    }
    return created;
  }

  private Tenant create(TenantManifest m, Slug slug, TenantKind kind, ZoneId zone) {
    Tenant tenant =
        switch (kind) {
          case ORGANIZATION -> Tenant.organization(slug, m.displayName(), CreditCode.of(m.creditCode()), zone);
          case BUREAU -> Tenant.bureau(
              slug,
              m.displayName(),
              DivisionCode.of(m.divisionCode()),
              m.creditCode() == null ? null : CreditCode.of(m.creditCode()),
              zone);
          case PLATFORM -> Tenant.platform(slug, m.displayName());
        };
    tenants.add(tenant);
    return tenant;
  }
}
