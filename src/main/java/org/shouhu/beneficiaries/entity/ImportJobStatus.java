package org.shouhu.beneficiaries.entity;

/** Where a ledger import stands: QUEUED → RUNNING → DONE, or FAILED from either of the first two. */
public enum ImportJobStatus {
  QUEUED,
  RUNNING,
  DONE,
  FAILED;

  public boolean isFinished() {
    return this == DONE || this == FAILED;
  }
}
