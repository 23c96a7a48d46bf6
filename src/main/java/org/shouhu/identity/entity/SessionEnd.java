package org.shouhu.identity.entity;

/** Why a device session ended before its time: kept on the row, so the devices list and the audit can say so. */
public enum SessionEnd {
  /** The user logged out on that device. */
  LOGOUT,
  /** The user or their administrator revoked it from the devices list. */
  REVOKED,
  /** The user changed their password on another device. */
  PASSWORD_CHANGED,
  /** An administrator reset the user's password. */
  PASSWORD_RESET,
  /** An administrator disabled the user. */
  USER_DISABLED,
  /** A refresh token was presented a second time: someone else holds a copy, so the whole chain is cut. */
  REFRESH_REUSED
}
