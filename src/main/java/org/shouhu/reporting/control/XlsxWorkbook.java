package org.shouhu.reporting.control;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * Writes tables as an XLSX workbook, one sheet per table, Chinese headers in a bold first row (frozen), numbers
 * as numbers. Streams with POI's SXSSF: only {@link #ROW_WINDOW} rows of a sheet are in memory at once, the rest
 * go to compressed temporary files that are removed when the workbook is closed.
 */
public final class XlsxWorkbook {

  public static final String MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  static final int ROW_WINDOW = 200;

  public void write(List<ExportTable> tables, OutputStream out) {
    try (SXSSFWorkbook book = new SXSSFWorkbook(null, ROW_WINDOW, true, true)) {
      Styles styles = new Styles(book);
      Set<String> names = new HashSet<>();
      for (ExportTable table : tables) {
        SXSSFSheet sheet = book.createSheet(unique(table.sheetName(), names));
        writeSheet(sheet, table, styles);
      }
      book.getXSSFWorkbook().getProperties().getCoreProperties().setTitle(tables.isEmpty() ? "" : tables.get(0).title());
      book.write(out);
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void writeSheet(SXSSFSheet sheet, ExportTable table, Styles styles) {
    Row header = sheet.createRow(0);
    for (int c = 0; c < table.columns().size(); c++) {
      var cell = header.createCell(c);
      cell.setCellValue(table.columns().get(c).header());
      cell.setCellStyle(styles.header);
      sheet.setColumnWidth(c, Math.min(60, Math.max(10, (int) (table.columns().get(c).relativeWidth() * 8))) * 256);
    }
    sheet.createFreezePane(0, 1);
    int[] next = {1};
    table.rows().each(cells -> {
      Row row = sheet.createRow(next[0]++);
      for (int c = 0; c < cells.size(); c++) {
        Object value = cells.get(c);
        if (value == null) {
          continue;
        }
        var cell = row.createCell(c);
        ExportTable.Kind kind = c < table.columns().size() ? table.columns().get(c).kind() : ExportTable.Kind.TEXT;
        if (value instanceof Number n) {
          cell.setCellValue(n instanceof BigDecimal d ? d.doubleValue() : n.doubleValue());
          cell.setCellStyle(kind == ExportTable.Kind.INTEGER ? styles.integer : styles.decimal);
        } else if (value instanceof LocalDate d) {
          cell.setCellValue(d);
          cell.setCellStyle(styles.date);
        } else {
          cell.setCellValue(value.toString());
        }
      }
    });
  }

  private static String unique(String name, Set<String> taken) {
    String candidate = name;
    for (int i = 2; !taken.add(candidate.toLowerCase()); i++) {
      String suffix = " (" + i + ")";
      candidate = (name.length() + suffix.length() > 31 ? name.substring(0, 31 - suffix.length()) : name) + suffix;
    }
    return candidate;
  }

  private static final class Styles {
    final CellStyle header;
    final CellStyle integer;
    final CellStyle decimal;
    final CellStyle date;

    Styles(SXSSFWorkbook book) {
      Font bold = book.createFont();
      bold.setBold(true);
      header = book.createCellStyle();
      header.setFont(bold);
      var format = book.createDataFormat();
      integer = book.createCellStyle();
      integer.setDataFormat(format.getFormat("0"));
      decimal = book.createCellStyle();
      decimal.setDataFormat(format.getFormat("0.00"));
      date = book.createCellStyle();
      date.setDataFormat(format.getFormat("yyyy-mm-dd"));
    }
  }

}
