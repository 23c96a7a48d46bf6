package org.shouhu.beneficiaries.entity;

/** Why a rightly made enrolment ended. A mistake is not among them: a mistaken enrolment is voided. */
public enum EnrolmentEndReason {
  /** Moved out of the project's towns. */
  LEFT_AREA,
  /** No longer in the target group by age (a child turned 18). */
  AGED_OUT,
  /** Now served by another service or organization. */
  TRANSFERRED,
  /** Anything else, said in a note. */
  OTHER
}
