package org.shouhu.beneficiaries.entity;

import org.shouhu.problems.entity.StateConflictException;

/**
 * A change the record's current state does not allow: it is the same request at another moment that would have
 * been fine, so it answers 409 rather than 400. Each refusal has its own stable code.
 */
public class BeneficiaryConflict extends StateConflictException {

  public static final String VOIDED = "BENEFICIARY_VOIDED";
  public static final String STALE = "BENEFICIARY_STALE";
  public static final String PARENT_TWICE = "GUARDIAN_PARENT_TWICE";

  private BeneficiaryConflict(String code, String message) {
    super(code, message);
  }

  /** A voided record is kept as it was when voided: nothing changes it any more. */
  static BeneficiaryConflict voided() {
    return new BeneficiaryConflict(VOIDED, "This record is voided and can no longer be changed.");
  }

  /** Someone else changed the record after the editor opened it; their change would be silently lost. */
  static BeneficiaryConflict stale(long expected, long actual) {
    return new BeneficiaryConflict(
        STALE,
        "The record was changed by someone else (version " + actual + ", you edited version " + expected
            + "). Open it again and repeat your changes.");
  }

  static BeneficiaryConflict parentTwice(Relationship relationship) {
    return new BeneficiaryConflict(
        PARENT_TWICE, "A " + relationship.name().toLowerCase() + " is already recorded for this person.");
  }
}
