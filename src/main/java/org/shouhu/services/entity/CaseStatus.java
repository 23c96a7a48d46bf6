package org.shouhu.services.entity;

/**
 * Where a counseling case stands: INTAKE, ASSESSED and PLANNED are the case worker's; sessions are logged while
 * PLANNED; CLOSING waits for a supervisor to confirm the proposed closure; CLOSED is the end that counts; VOIDED
 * the end of a case opened by mistake.
 */
public enum CaseStatus {
  INTAKE,
  ASSESSED,
  PLANNED,
  CLOSING,
  CLOSED,
  VOIDED
}
