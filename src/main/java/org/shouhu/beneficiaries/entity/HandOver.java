package org.shouhu.beneficiaries.entity;

/** How a referral's papers reached an outside agency. */
public enum HandOver {
  IN_PERSON,
  LETTER,
  PHONE,
  ONLINE
}
