package org.shouhu.beneficiaries.entity;

/**
 * A person's sex (性别) as recorded in the citizen identity number; the number knows only these two values.
 */
public enum Gender {
  MALE,
  FEMALE
}
