package org.shouhu.beneficiaries.entity;

/** The spreadsheet formats a ledger (台账) is accepted in; decided from the file's content, not its name. */
public enum LedgerFormat {
  CSV,
  XLSX
}
