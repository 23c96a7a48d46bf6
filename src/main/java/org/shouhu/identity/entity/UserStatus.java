package org.shouhu.identity.entity;

/** A disabled user keeps their history (their name stays on the records they logged) but cannot act. */
public enum UserStatus {
  ACTIVE,
  DISABLED
}
