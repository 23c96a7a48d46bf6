package org.shouhu.reporting.control;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes one table as CSV the way Excel on a Chinese Windows opens it correctly: UTF-8 with a byte-order mark,
 * CRLF line ends, RFC 4180 quoting (a field with a comma, quote, CR or LF is quoted, quotes doubled). Rows are
 * written as they come. A text cell starting with = + - @ gets a leading apostrophe, so a spreadsheet never runs a
 * value typed by a user as a formula (CSV injection).
 */
public final class CsvWriter {

  public static final String MEDIA_TYPE = "text/csv; charset=UTF-8";
  private static final char BOM = '\uFEFF';

  public void write(ExportTable table, OutputStream out) {
    try {
      Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
      w.write(BOM);
      line(w, table.columns().stream().map(c -> (Object) c.header()).toList(), table);
      table.rows().each(row -> line(w, row, table));
      w.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void line(Writer w, List<Object> cells, ExportTable table) {
    try {
      for (int i = 0; i < cells.size(); i++) {
        if (i > 0) {
          w.write(',');
        }
        w.write(field(cells.get(i), i < table.columns().size() ? table.columns().get(i).kind() : ExportTable.Kind.TEXT));
      }
      w.write("\r\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String field(Object value, ExportTable.Kind kind) {
    if (value == null) {
      return "";
    }
    String text;
    if (value instanceof BigDecimal d) {
      text = kind == ExportTable.Kind.PERCENT || kind == ExportTable.Kind.DECIMAL
          ? d.setScale(2, RoundingMode.HALF_UP).toPlainString() : d.toPlainString();
    } else {
      text = value.toString();
    }
    if (kind == ExportTable.Kind.TEXT && !text.isEmpty() && "=+-@".indexOf(text.charAt(0)) >= 0) {
      text = "'" + text;
    }
    if (text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
      return '"' + text.replace("\"", "\"\"") + '"';
    }
    return text;
  }
}
