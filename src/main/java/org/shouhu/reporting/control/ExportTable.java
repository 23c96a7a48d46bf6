package org.shouhu.reporting.control;

import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * What an export writes, whatever the format: a title, Chinese column headers with a type each, and the rows,
 * handed over one by one by a {@link Rows} source so that a writer never needs the whole table in memory. The
 * source is read once, inside whatever transaction the caller opened for it.
 */
public record ExportTable(String title, String sheetName, List<Column> columns, Rows rows) {

  /** How a column's cells are typed: numbers stay numbers in XLSX, percentages are 0–100 with two decimals. */
  public enum Kind {
    TEXT,
    INTEGER,
    DECIMAL,
    PERCENT,
    DATE
  }

  public record Column(String header, Kind kind, float relativeWidth) {
    public Column(String header, Kind kind) {
      this(header, kind, kind == Kind.TEXT ? 3f : 1.2f);
    }
  }

  /** Emits each row's cells, in column order; a cell is a String, a Number, a LocalDate or null. */
  @FunctionalInterface
  public interface Rows {
    void each(Consumer<List<Object>> row);
  }

  public ExportTable {
    Objects.requireNonNull(title);
    columns = List.copyOf(columns);
    sheetName = sheetName(sheetName == null ? title : sheetName);
  }

  /** Excel's rules: at most 31 characters, none of []:*?/\. */
  static String sheetName(String name) {
    String clean = name.replaceAll("[\\[\\]:*?/\\\\]", "_").strip();
    if (clean.isEmpty()) {
      clean = "Sheet";
    }
    return clean.length() > 31 ? clean.substring(0, 31) : clean;
  }

  /** A table whose rows are already at hand (small, bounded tables such as an evaluation sheet). */
  public static ExportTable of(String title, String sheetName, List<Column> columns, List<List<Object>> rows) {
    List<List<Object>> copy = List.copyOf(rows);
    return new ExportTable(title, sheetName, columns, sink -> copy.forEach(sink));
  }
}
