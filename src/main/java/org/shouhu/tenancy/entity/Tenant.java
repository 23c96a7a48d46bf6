package org.shouhu.tenancy.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.UUID;
import org.shouhu.problems.entity.InvalidValueException;
import org.shouhu.regions.entity.DivisionCode;

/**
 * A tenant of the platform: an organization (社工机构) holding service contracts, a bureau (民政局) funding them,
 * or the platform operator.
 *
 * <p>A tenant is created ACTIVE. It can be suspended with a reason, which immediately locks all of its users out,
 * and reactivated; it is never deleted, because its records must stay available to its funders and auditors. An
 * organization is known by its unified social credit code (GB 32100); a bureau by the division code (GB/T 2260)
 * of the jurisdiction whose services it funds.
 */
@Entity
@Table(name = "tenant")
public class Tenant {

  @Id private UUID id;

  @Column(nullable = false, unique = true)
  private String slug;

  @Column(name = "display_name", nullable = false)
  private String displayName;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private TenantKind kind;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private TenantStatus status;

  @Column(name = "time_zone", nullable = false)
  private String timeZone;

  @Column(name = "credit_code")
  private String creditCode;

  @Column(name = "division_code")
  private String divisionCode;

  @Column(name = "status_reason")
  private String statusReason;

  @Column(name = "created_at", nullable = false)
  private OffsetDateTime createdAt;

  @Column(name = "updated_at", nullable = false)
  private OffsetDateTime updatedAt;

  @Version private long version;

  protected Tenant() {}

  private Tenant(Slug slug, String displayName, TenantKind kind, ZoneId timeZone) {
    this.id = UUID.randomUUID();
    this.slug = slug.value();
    this.displayName = requireName(displayName);
    this.kind = kind;
    this.status = TenantStatus.ACTIVE;
    this.timeZone = timeZone.getId();
    this.createdAt = now();
    this.updatedAt = createdAt;
  }

  public static Tenant organization(Slug slug, String name, CreditCode creditCode, ZoneId zone) {
    Tenant t = new Tenant(slug, name, TenantKind.ORGANIZATION, zone);
    t.creditCode = Objects.requireNonNull(creditCode, "credit code").value();
    return t;
  }

  /**
   * A bureau's jurisdiction is a province, city or county: the level at which 民政局 buy services. Its credit code
   * is optional because the platform does not need it to identify the bureau.
   */
  public static Tenant bureau(Slug slug, String name, DivisionCode jurisdiction, CreditCode creditCode, ZoneId zone) {
    Objects.requireNonNull(jurisdiction, "jurisdiction");
    if (jurisdiction.level().ordinal() > DivisionCode.Level.COUNTY.ordinal()) {
      throw new InvalidValueException(
          "BUREAU_JURISDICTION_LEVEL", "A bureau's jurisdiction is a province, city or county code (6 digits).");
    }
    Tenant t = new Tenant(slug, name, TenantKind.BUREAU, zone);
    t.divisionCode = jurisdiction.value();
    t.creditCode = creditCode == null ? null : creditCode.value();
    return t;
  }

  public static Tenant platform(Slug slug, String name) {
    return new Tenant(slug, name, TenantKind.PLATFORM, ZoneId.of("Asia/Shanghai"));
  }

  public void suspendBecause(String reason) {
    if (kind == TenantKind.PLATFORM) {
      throw new InvalidValueException("TENANT_PLATFORM_NOT_SUSPENDABLE", "The platform tenant cannot be suspended.");
    }
    if (reason == null || reason.isBlank()) {
      throw new InvalidValueException("TENANT_SUSPEND_REASON_REQUIRED", "Say why the tenant is suspended.");
    }
    this.status = TenantStatus.SUSPENDED;
    this.statusReason = reason.strip();
    touch();
  }

  public void reactivate() {
    this.status = TenantStatus.ACTIVE;
    this.statusReason = null;
    touch();
  }

  /** Applies a changed display name or time zone from provisioning; returns whether anything changed. */
  public boolean reviseProfile(String displayName, ZoneId zone) {
    String name = requireName(displayName);
    if (name.equals(this.displayName) && zone.getId().equals(this.timeZone)) {
      return false;
    }
    this.displayName = name;
    this.timeZone = zone.getId();
    touch();
    return true;
  }

  public boolean isActive() {
    return status == TenantStatus.ACTIVE;
  }

  private void touch() {
    this.updatedAt = now();
  }

  private static OffsetDateTime now() {
    return OffsetDateTime.now(ZoneOffset.UTC);
  }

  private static String requireName(String name) {
    if (name == null || name.isBlank()) {
      throw new InvalidValueException("TENANT_NAME_REQUIRED", "A display name is required.");
    }
    if (name.strip().length() > 200) {
      throw new InvalidValueException("TENANT_NAME_TOO_LONG", "A display name has at most 200 characters.");
    }
    return name.strip();
  }

  public TenantId id() {
    return new TenantId(id);
  }

  public Slug slug() {
    return new Slug(slug);
  }

  public String displayName() {
    return displayName;
  }

  public TenantKind kind() {
    return kind;
  }

  public TenantStatus status() {
    return status;
  }

  public String statusReason() {
    return statusReason;
  }

  public ZoneId timeZone() {
    return ZoneId.of(timeZone);
  }

  public CreditCode creditCode() {
    return creditCode == null ? null : CreditCode.of(creditCode);
  }

  public DivisionCode divisionCode() {
    return divisionCode == null ? null : DivisionCode.of(divisionCode);
  }

  public OffsetDateTime createdAt() {
    return createdAt;
  }
}
