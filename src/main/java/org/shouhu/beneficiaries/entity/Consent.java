package org.shouhu.beneficiaries.entity;

import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import org.shouhu.problems.entity.InvalidValueException;

/**
 * The consent on which the organization processes this person's data (PIPL art. 13): when it was given, by whom,
 * and how. A child under 14 cannot consent alone: their guardian must (PIPL art. 31).
 */
public record Consent(LocalDate givenOn, PersonName givenBy, Relationship relationship, ConsentMethod method) {

  /** Below this age the law asks for a guardian's consent. */
  public static final int AGE_OF_OWN_CONSENT = 14;

  private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

  public Consent {
    if (givenOn == null) {
      throw new InvalidValueException("CONSENT_DATE_REQUIRED", "Say on which day consent was given.");
    }
    if (givenOn.isAfter(LocalDate.now(CHINA))) {
      throw new InvalidValueException("CONSENT_DATE_IN_FUTURE", "Consent cannot be dated in the future.");
    }
    if (givenBy == null) {
      throw new InvalidValueException("CONSENT_GIVEN_BY_REQUIRED", "Say who gave consent.");
    }
    if (relationship == null) {
      throw new InvalidValueException("CONSENT_RELATIONSHIP_REQUIRED", "Say how the person who consented is related.");
    }
    if (method == null) {
      throw new InvalidValueException("CONSENT_METHOD_REQUIRED", "Say how consent was given.");
    }
  }

  /** Refuses consent that cannot cover a person born on {@code birthDate}. */
  public Consent requireValidFor(LocalDate birthDate) {
    if (givenOn.isBefore(birthDate)) {
      throw new InvalidValueException("CONSENT_BEFORE_BIRTH", "Consent is dated before the person was born.");
    }
    if (relationship == Relationship.SELF && Period.between(birthDate, givenOn).getYears() < AGE_OF_OWN_CONSENT) {
      throw new InvalidValueException(
          "CONSENT_GUARDIAN_REQUIRED",
          "The person was under " + AGE_OF_OWN_CONSENT + " when consent was given: a guardian must give it.");
    }
    return this;
  }
}
