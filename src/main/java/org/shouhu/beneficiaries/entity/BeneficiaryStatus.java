package org.shouhu.beneficiaries.entity;

/** A record is ACTIVE until it is voided (entered by mistake, a duplicate, the person was never served). */
public enum BeneficiaryStatus {
  ACTIVE,
  VOIDED
}
