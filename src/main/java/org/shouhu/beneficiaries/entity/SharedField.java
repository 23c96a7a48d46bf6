package org.shouhu.beneficiaries.entity;

import java.util.EnumSet;
import java.util.Set;

/**
 * The particulars a referral may carry to the receiver. The first five are what a register needs to hold anyone,
 * so a referral between organizations always shares them; the rest only when the sender ticks them.
 */
public enum SharedField {
  NAME,
  GENDER,
  BIRTH_DATE,
  VILLAGE,
  CATEGORIES,
  CITIZEN_ID,
  PHONE,
  SCHOOL,
  GRADE,
  DIFFICULTY_TYPE;

  public static final Set<SharedField> REQUIRED_FOR_REGISTRATION =
      EnumSet.of(NAME, GENDER, BIRTH_DATE, VILLAGE, CATEGORIES);
}
