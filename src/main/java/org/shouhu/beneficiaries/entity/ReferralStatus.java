package org.shouhu.beneficiaries.entity;

/**
 * Where a referral stands. Between organizations: SENT, then ACCEPTED or DECLINED by the receiver, or WITHDRAWN by
 * the sender while it waits. To an outside agency: REFERRED, FOLLOWED_UP when the worker has checked on it, CLOSED
 * with the outcome.
 */
public enum ReferralStatus {
  SENT,
  ACCEPTED,
  DECLINED,
  WITHDRAWN,
  REFERRED,
  FOLLOWED_UP,
  CLOSED;

  public boolean waiting() {
    return this == SENT;
  }
}
