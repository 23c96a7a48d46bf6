package org.shouhu.tenancy.entity;

import jakarta.persistence.Column;
import jakarta.persistence.MappedSuperclass;
import java.util.UUID;
import org.eclipse.persistence.annotations.Multitenant;
import org.eclipse.persistence.annotations.MultitenantType;
import org.eclipse.persistence.annotations.TenantDiscriminatorColumn;

/**
 * Base of every tenant-owned aggregate. EclipseLink fills and filters {@code tenant_id} from the tenant bound to
 * the transaction (and refuses to run without one); PostgreSQL row-level security enforces the same rule below
 * it. In the database the column leads the primary key, so a table can be distributed by tenant; EclipseLink's own
 * identity is the UUID alone (ids are random and never reused across tenants, and there is no shared cache).
 */
@MappedSuperclass
@Multitenant(MultitenantType.SINGLE_TABLE)
@TenantDiscriminatorColumn(
    name = "tenant_id",
    contextProperty = TenantOwned.TENANT_PROPERTY,
    primaryKey = false)
public abstract class TenantOwned extends Timestamped {

  public static final String TENANT_PROPERTY = "eclipselink.tenant-id";

  /** Read-only view of the discriminator EclipseLink writes. */
  @Column(name = "tenant_id", insertable = false, updatable = false)
  private UUID tenantId;

  public TenantId tenantId() {
    return tenantId == null ? null : new TenantId(tenantId);
  }
}
