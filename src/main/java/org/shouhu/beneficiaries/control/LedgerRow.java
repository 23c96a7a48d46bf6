package org.shouhu.beneficiaries.control;

import java.util.Map;

/**
 * One data row of an uploaded ledger: its row number as the user sees it in Excel (header is row 1) and its
 * cells keyed by the trimmed header text. Empty cells are absent.
 */
public record LedgerRow(int number, Map<String, String> cells) {

  public String get(String header) {
    String v = cells.get(header);
    return v == null || v.isBlank() ? null : v.strip();
  }

  public boolean isEmpty() {
    return cells.values().stream().allMatch(v -> v == null || v.isBlank());
  }
}
