package org.shouhu.tenancy.boundary;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.shouhu.problems.boundary.Fields;
import org.shouhu.tenancy.control.PlatformSettings;

/**
 * The platform operator's switches (#17): whether organizations may refer to any active organization on the
 * platform. Bound to the operator's own (platform) tenant, the only binding the database lets change a setting.
 */
@ApplicationScoped
@Path("v1/platform/settings")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed("PLATFORM_ADMIN")
@Transactional
@BindTenant
public class PlatformSettingsResource {

  @Inject PlatformSettings settings;
  @Inject Caller caller;

  public record SettingsView(boolean referralsPlatformWide, OffsetDateTime changedAt, UUID changedBy) {}

  public record Change(Boolean referralsPlatformWide) {}

  @GET
  public SettingsView get() {
    return view(settings.platformWideReferrals());
  }

  @PUT
  public SettingsView change(Change request) {
    Fields check = Fields.of(request);
    check.present("referralsPlatformWide", request.referralsPlatformWide());
    check.verify();
    return view(settings.allowPlatformWideReferrals(request.referralsPlatformWide(), caller.userId()));
  }

  private static SettingsView view(PlatformSettings.Setting s) {
    return new SettingsView(s.enabled(), s.changedAt(), s.changedBy());
  }
}
