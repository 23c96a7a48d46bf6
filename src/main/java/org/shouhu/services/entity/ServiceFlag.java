package org.shouhu.services.entity;

/** Warnings stored on a record for the reviewer: the rules raised them but did not refuse the record. */
public enum ServiceFlag {
  /** Logged more than seven days after the service ended: memory fades, reviewers look closer. */
  LATE_ENTRY,
  /** The same person was already served under the same project the same day. */
  SAME_DAY_REPEAT
}
