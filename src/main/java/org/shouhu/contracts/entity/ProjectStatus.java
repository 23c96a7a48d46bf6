package org.shouhu.contracts.entity;

/**
 * DRAFT while the bureau prepares it; ACTIVE once awarded and running (work is logged against it); CLOSED when the
 * period ended and it was wound up; TERMINATED early, with a reason.
 */
public enum ProjectStatus {
  DRAFT,
  ACTIVE,
  CLOSED,
  TERMINATED
}
