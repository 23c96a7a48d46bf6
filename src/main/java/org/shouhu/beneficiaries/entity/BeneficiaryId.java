package org.shouhu.beneficiaries.entity;

import java.util.Objects;
import java.util.UUID;

/** Identity of a beneficiary; what other contexts (projects, service records) hold instead of the person. */
public record BeneficiaryId(UUID value) {

  public BeneficiaryId {
    Objects.requireNonNull(value, "beneficiary id");
  }

  public static BeneficiaryId random() {
    return new BeneficiaryId(UUID.randomUUID());
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
