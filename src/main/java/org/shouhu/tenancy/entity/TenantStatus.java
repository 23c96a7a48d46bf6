package org.shouhu.tenancy.entity;

/** A suspended tenant keeps its data but none of its users can log in or use a token already issued. */
public enum TenantStatus {
  ACTIVE,
  SUSPENDED
}
