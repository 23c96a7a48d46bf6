package org.shouhu.beneficiaries.boundary;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An uploaded ledger spreadsheet, already streamed to a private temporary file (mode 600) before the resource
 * method and its transaction begin: a slow upload never holds a database connection, and the file is never held
 * in memory ({@link LedgerUploadReader}). Whoever receives one owns the file and must delete it.
 */
public record UploadedLedger(Path file, long size) {

  public static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

  public void delete() {
    try {
      Files.deleteIfExists(file);
    } catch (IOException ignored) {
      // A temporary file in a private directory; the OS cleans up what we could not.
    }
  }
}
