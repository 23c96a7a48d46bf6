package org.shouhu.beneficiaries.entity;

/**
 * How someone is related to the beneficiary. {@link #SELF} exists for consent only (an adult, or a minor of 14 or
 * more, consents for themself); a guardian is never the person themself.
 */
public enum Relationship {
  SELF,
  FATHER,
  MOTHER,
  /** 祖父母 / 外祖父母: the usual carer of a left-behind child. */
  GRANDPARENT,
  RELATIVE,
  OTHER
}
