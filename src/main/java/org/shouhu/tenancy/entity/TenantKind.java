package org.shouhu.tenancy.entity;

/**
 * What a tenant is. Organizations (社工机构) deliver services; bureaus (民政局) fund them and read reports;
 * the platform tenant holds only the operator's own accounts and can see no tenant's data.
 */
public enum TenantKind {
  ORGANIZATION,
  BUREAU,
  PLATFORM
}
