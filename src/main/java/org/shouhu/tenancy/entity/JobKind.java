package org.shouhu.tenancy.entity;

/** What a queued job does; each kind has one handler. */
public enum JobKind {
  /** Imports an uploaded ledger into one organization's register (tenant-bound). */
  LEDGER_IMPORT,
  /** Re-seals every tenant's personal data with the current key version (platform-wide). */
  RESEAL_PERSONAL_DATA
}
