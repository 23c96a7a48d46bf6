package org.shouhu.services.entity;

/** A group takes members and sessions while OPEN; CLOSED when its sessions are done; VOIDED if set up by mistake. */
public enum GroupStatus {
  OPEN,
  CLOSED,
  VOIDED
}
