package org.shouhu.tenancy.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.UUID;
import org.shouhu.Page;
import org.shouhu.audit.control.AuditTrail;
import org.shouhu.identity.control.Accounts;
import org.shouhu.identity.entity.Role;
import org.shouhu.identity.entity.Username;
import org.shouhu.problems.boundary.Fields;
import org.shouhu.problems.entity.InvalidValueException;
import org.shouhu.problems.entity.ProblemException;
import org.shouhu.regions.entity.DivisionCode;
import org.shouhu.tenancy.control.TenantSession;
import org.shouhu.tenancy.control.Tenants;
import org.shouhu.tenancy.entity.CreditCode;
import org.shouhu.tenancy.entity.Slug;
import org.shouhu.tenancy.entity.Tenant;
import org.shouhu.tenancy.entity.TenantId;
import org.shouhu.tenancy.entity.TenantKind;

/**
 * The platform operator's view of the tenant registry: onboarding an organization or bureau with its first
 * administrator, suspending and reactivating. The operator acts on the registry, not on tenant data: the only
 * tenant-owned rows this resource writes are the first administrator and the audit events of the tenant itself.
 */
@ApplicationScoped
@Path("v1/tenants")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed("PLATFORM_ADMIN")
@Transactional
public class TenantsResource {

  @Inject Tenants tenants;
  @Inject org.shouhu.regions.control.Regions regions;
  @Inject TenantSession session;
  @Inject Accounts accounts;
  @Inject AuditTrail audit;
  @Inject Caller caller;
  @Context UriInfo uri;

  public record AdminRequest(
      String username,
      String displayName,
      String password) {}

  public record NewTenant(
      String slug,
      String displayName,
      String kind,
      String creditCode,
      String divisionCode,
      String timeZone,
      AdminRequest admin) {}

  public record Suspension(String reason) {}

  public record TenantView(
      UUID id,
      String slug,
      String displayName,
      String kind,
      String status,
      String statusReason,
      String creditCode,
      String divisionCode,
      String timeZone,
      OffsetDateTime createdAt) {

    static TenantView of(Tenant t) {
      return new TenantView(
          t.id().value(),
          t.slug().value(),
          t.displayName(),
          t.kind().name(),
          t.status().name(),
          t.statusReason(),
          t.creditCode() == null ? null : t.creditCode().value(),
          t.divisionCode() == null ? null : t.divisionCode().value(),
          t.timeZone().getId(),
          t.createdAt());
    }
  }

  public record AdminView(UUID id, String username, String temporaryPassword) {}

  public record Onboarded(TenantView tenant, AdminView admin) {}

  @GET
  public Page<TenantView> list(@QueryParam("offset") String offset, @QueryParam("limit") String limit) {
    int from = Page.offset(offset);
    int size = Page.limit(limit);
    return new Page<>(
        tenants.page(from, size).stream().map(TenantView::of).toList(), tenants.count(), from, size);
  }

  @GET
  @Path("{id}")
  public TenantView get(@PathParam("id") String id) {
    return TenantView.of(tenants.get(new TenantId(Fields.pathId(id, "Tenant"))));
  }

  @POST
  public Response onboard(NewTenant request) {
    Fields check = Fields.of(request);
    Slug slug = check.parse("slug", () -> new Slug(request.slug()));
    String name = check.text("displayName", request.displayName(), 200);
    TenantKind kind =
        request.kind() == null
            ? check.present("kind", null)
            : check.parse("kind", () -> kindOf(request.kind()));
    ZoneId zone =
        check.parse(
            "timeZone",
            () -> {
              try {
                return ZoneId.of(request.timeZone() == null ? "Asia/Shanghai" : request.timeZone());
              } catch (DateTimeException e) {
                throw new InvalidValueException("TIME_ZONE_UNKNOWN", "Unknown time zone.");
              }
            });
    CreditCode creditCode =
        request.creditCode() == null && kind != TenantKind.ORGANIZATION
            ? null
            : check.parse("creditCode", () -> CreditCode.of(request.creditCode()));
    DivisionCode jurisdiction =
        kind == TenantKind.BUREAU ? check.parse("divisionCode", () -> DivisionCode.of(request.divisionCode())) : null;
    if (jurisdiction != null) {
      check.check(() -> regions.requireWithin(jurisdiction, jurisdiction, "divisionCode"));
    }
    if (kind == TenantKind.PLATFORM) {
      check.add("kind", "TENANT_KIND_NOT_ALLOWED", "Only organizations and bureaus are onboarded.");
    }
    Username adminName = null;
    if (check.present("admin", request.admin()) != null) {
      adminName = check.parse("admin.username", () -> new Username(request.admin().username()));
      check.text("admin.displayName", request.admin().displayName(), 100);
      check.optionalText("admin.password", request.admin().password(), 256);
    }
    check.verify();
    Tenant tenant =
        check.parse(
            kind == TenantKind.BUREAU ? "divisionCode" : "displayName",
            () ->
                kind == TenantKind.BUREAU
                    ? Tenant.bureau(slug, name, jurisdiction, creditCode, zone)
                    : Tenant.organization(slug, name, creditCode, zone));
    check.verify();
    tenants.add(tenant);
    session.bind(tenant.id());
    Accounts.Opened admin =
        accounts.open(
            adminName,
            request.admin().displayName(),
            EnumSet.of(Role.ORG_ADMIN),
            tenant.kind(),
            request.admin().password(),
            "admin.password",
            caller.userId());
    audit.record(caller.userId(), "TENANT_ONBOARDED", "tenant", tenant.id().value(), null);
    return Response.created(uri.getAbsolutePathBuilder().path(tenant.id().toString()).build())
        .entity(
            new Onboarded(
                TenantView.of(tenant),
                new AdminView(admin.user().id(), admin.user().username().value(), admin.temporaryPassword())))
        .build();
  }

  @POST
  @Path("{id}/suspend")
  public TenantView suspend(@PathParam("id") String id, Suspension suspension) {
    Fields check = Fields.of(suspension);
    check.text("reason", suspension.reason(), 500);
    check.verify();
    Tenant tenant = tenants.get(new TenantId(Fields.pathId(id, "Tenant")));
    try {
      tenant.suspendBecause(suspension.reason());
    } catch (InvalidValueException e) {
      throw ProblemException.conflict(e.code(), e.getMessage());
    }
    session.bind(tenant.id());
    audit.record(caller.userId(), "TENANT_SUSPENDED", "tenant", tenant.id().value(), suspension.reason());
    return TenantView.of(tenant);
  }

  @POST
  @Path("{id}/reactivate")
  public TenantView reactivate(@PathParam("id") String id) {
    Tenant tenant = tenants.get(new TenantId(Fields.pathId(id, "Tenant")));
    tenant.reactivate();
    session.bind(tenant.id());
    audit.record(caller.userId(), "TENANT_REACTIVATED", "tenant", tenant.id().value(), null);
    return TenantView.of(tenant);
  }

  private static TenantKind kindOf(String raw) {
    try {
      return TenantKind.valueOf(raw.strip());
    } catch (IllegalArgumentException e) {
      throw new InvalidValueException("TENANT_KIND_UNKNOWN", "The kind is ORGANIZATION or BUREAU.");
    }
  }

}
