package org.shouhu.services.entity;

/** Warnings stored on a record for the reviewer: the rules raised them but did not refuse the record. */
public enum ServiceFlag {
  /** Logged more than seven days after the service ended: memory fades, reviewers look closer. */
  LATE_ENTRY,
  /** The same person was already served under the same project the same day. */
  SAME_DAY_REPEAT,
  /**
   * A participant is in another live record of the organization whose time overlaps this one: two workers logging
   * the same joint visit, or one hour of a child's time claimed under two contracts. Allowed (workers do visit in
   * pairs), flagged so only one of the records is counted.
   */
  PERSON_DOUBLE_BOOKED
}
