package org.shouhu.services.entity;

/**
 * Where a service record stands in review. DRAFT and RETURNED are the worker's to edit; SUBMITTED waits for a
 * supervisor; APPROVED is what counts toward deliverables; VOIDED is the end of a record that should not count.
 */
public enum ServiceStatus {
  DRAFT,
  SUBMITTED,
  APPROVED,
  RETURNED,
  VOIDED
}
