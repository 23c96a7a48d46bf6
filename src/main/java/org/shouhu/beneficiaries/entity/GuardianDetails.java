package org.shouhu.beneficiaries.entity;

import java.time.LocalDate;
import java.time.ZoneId;
import org.shouhu.problems.entity.InvalidValueException;

/**
 * What is recorded about a guardian (监护人) when they are added: who they are to the person, how to reach them,
 * whether they live together, and whether the parents formally entrusted the child to them (委托监护), which
 * needs the date of the agreement.
 *
 * @param phone null when the guardian has none
 */
public record GuardianDetails(
    Relationship relationship,
    PersonName name,
    PhoneNumber phone,
    boolean livesWithChild,
    boolean entrusted,
    LocalDate entrustmentAgreedOn) {

  public GuardianDetails {
    if (relationship == null) {
      throw new InvalidValueException("GUARDIAN_RELATIONSHIP_REQUIRED", "Say how the guardian is related.");
    }
    if (relationship == Relationship.SELF) {
      throw new InvalidValueException("GUARDIAN_RELATIONSHIP_SELF", "A person is not their own guardian.");
    }
    if (name == null) {
      throw new InvalidValueException("PERSON_NAME_REQUIRED", "A name is required.");
    }
    if (entrusted && entrustmentAgreedOn == null) {
      throw new InvalidValueException(
          "GUARDIAN_ENTRUSTMENT_DATE_REQUIRED", "An entrusted guardian (委托监护) needs the date of the agreement.");
    }
    if (!entrusted && entrustmentAgreedOn != null) {
      throw new InvalidValueException(
          "GUARDIAN_ENTRUSTMENT_DATE_WITHOUT_ENTRUSTMENT",
          "An agreement date is recorded only for an entrusted guardian (委托监护).");
    }
    if (entrustmentAgreedOn != null && entrustmentAgreedOn.isAfter(LocalDate.now(ZoneId.of("Asia/Shanghai")))) {
      throw new InvalidValueException(
          "GUARDIAN_ENTRUSTMENT_DATE_IN_FUTURE", "An entrustment agreement cannot be dated in the future.");
    }
  }

  public boolean isParent() {
    return relationship == Relationship.FATHER || relationship == Relationship.MOTHER;
  }
}
