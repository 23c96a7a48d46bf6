package org.shouhu.tenancy.entity;

import java.util.Objects;
import java.util.UUID;
import org.shouhu.problems.entity.InvalidValueException;

/** Identity of a tenant. Carried in every token as the {@code tenant_id} claim. */
public record TenantId(UUID value) {

  public TenantId {
    Objects.requireNonNull(value, "tenant id");
  }

  public static TenantId of(String value) {
    try {
      return new TenantId(UUID.fromString(value));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new InvalidValueException("TENANT_ID_FORMAT", "Not a tenant id.");
    }
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
