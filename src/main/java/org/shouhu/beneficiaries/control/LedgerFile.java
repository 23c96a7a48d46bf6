package org.shouhu.beneficiaries.control;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;

/**
 * Reads a ledger (台账) spreadsheet row by row without ever holding the whole file: XLSX through POI's SAX event
 * model (only the shared-strings table is kept), CSV through a small RFC 4180 reader. The first row is the
 * header. Rows are pushed to the consumer in file order.
 *
 * <p>CSV files saved by Excel on Chinese Windows are GB18030 (GBK) encoded, not UTF-8: the encoding is detected
 * from the first 64 KiB (a UTF-8 BOM, or valid UTF-8, or else GB18030), so either opens correctly.
 */
public final class LedgerFile {

  public enum Format {
    XLSX,
    CSV
  }

  /** The file is not a spreadsheet we can read; reported to the user as a whole-file error. */
  public static class Unreadable extends RuntimeException {
    public Unreadable(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private static final int SNIFF = 64 * 1024;

  /** Where the file's bytes come from; each call to {@link #open} reads them from the start. */
  @FunctionalInterface
  public interface Source {
    InputStream open() throws IOException;
  }

  private LedgerFile() {}

  public static Format detect(Path file) throws IOException {
    return detect(() -> Files.newInputStream(file));
  }

  public static Format detect(Source file) throws IOException {
    try (InputStream in = file.open()) {
      byte[] head = in.readNBytes(4);
      // XLSX is a ZIP container: "PK\3\4".
      return head.length == 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4
          ? Format.XLSX
          : Format.CSV;
    }
  }

  public static void read(Path file, Consumer<LedgerRow> rows) throws IOException {
    read(() -> Files.newInputStream(file), rows);
  }

  /** The same, but first handing the header row (trimmed, in column order) to {@code header}. */
  public static void read(Source file, Consumer<List<String>> header, Consumer<LedgerRow> rows) throws IOException {
    if (detect(file) == Format.XLSX) {
      readXlsx(file, header, rows);
    } else {
      readCsv(file, header, rows);
    }
  }

  /**
   * How many data rows the file holds at most, found without parsing it: the records of a CSV by a scan of its
   * bytes for line breaks outside quotes, the {@code <row>} elements of a workbook's first sheet that hold a value,
   * in both cases after the first (the header). An upper bound: a record whose cells are all blank counts here but
   * is no row when read. Much cheaper than {@link #read}: no decoding, no cells, no shared strings.
   */
  public static int countRowsAtMost(Source file) throws IOException {
    return detect(file) == Format.XLSX ? countXlsxRows(file) : countCsvRecords(file);
  }

  static int countCsvRecords(Source file) throws IOException {
    // A line break or quote byte is never part of a multi-byte character in UTF-8 or GB18030, so the bytes say
    // where records end exactly as CsvRecords does.
    try (InputStream in = file.open()) {
      byte[] buffer = new byte[64 * 1024];
      int records = 0;
      boolean quoted = false;
      boolean open = false;
      int n;
      while ((n = in.read(buffer)) > 0) {
        for (int i = 0; i < n; i++) {
          byte b = buffer[i];
          if (b == '"') {
            quoted = !quoted;
            open = true;
          } else if (b == '\n' && !quoted) {
            records++;
            open = false;
          } else {
            open = true;
          }
        }
      }
      if (open) {
        records++;
      }
      return Math.max(0, records - 1);
    }
  }

  static int countXlsxRows(Source file) throws IOException {
    try (InputStream in = file.open(); OPCPackage pkg = OPCPackage.open(in)) {
      XSSFReader.SheetIterator sheets = (XSSFReader.SheetIterator) new XSSFReader(pkg).getSheetsData();
      if (!sheets.hasNext()) {
        throw new Unreadable("The workbook has no sheet.", null);
      }
      RowCounter counter = new RowCounter();
      try (InputStream sheet = sheets.next()) {
        XMLReader parser = XMLHelper.newXMLReader();
        parser.setContentHandler(counter);
        parser.parse(new InputSource(sheet));
      }
      return counter.rows;
    } catch (OpenXML4JException | SAXException | javax.xml.parsers.ParserConfigurationException e) {
      throw new Unreadable("The file is not a readable XLSX workbook.", e);
    } catch (org.apache.poi.ooxml.POIXMLException | org.apache.poi.UnsupportedFileFormatException e) {
      throw new Unreadable("The file is not a readable XLSX workbook.", e);
    }
  }

  /** Counts the {@code <row>} elements after the first that have a cell with a value ({@code <v>} or {@code <is>}). */
  private static final class RowCounter extends org.xml.sax.helpers.DefaultHandler {
    int rows;
    private boolean first = true;
    private boolean valued;

    @Override
    public void startElement(String uri, String localName, String qName, org.xml.sax.Attributes attributes) {
      String name = localName == null || localName.isEmpty() ? qName : localName;
      if (name.equals("row")) {
        valued = false;
      } else if (name.equals("v") || name.equals("is")) {
        valued = true;
      }
    }

    @Override
    public void endElement(String uri, String localName, String qName) {
      String name = localName == null || localName.isEmpty() ? qName : localName;
      if (name.equals("row")) {
        if (!first && valued) {
          rows++;
        }
        first = false;
      }
    }
  }

  /**
   * Reads from a stream, as an import reads the sealed upload from the database. A workbook is opened from the
   * stream: parts larger than the threshold set by the scratch space spill to encrypted files there, never to
   * plaintext ones.
   */
  public static void read(Source file, Consumer<LedgerRow> rows) throws IOException {
    if (detect(file) == Format.XLSX) {
      readXlsx(file, rows);
    } else {
      readCsv(file, rows);
    }
  }

  // ---------------------------------------------------------------- XLSX

  static void readXlsx(Source file, Consumer<LedgerRow> rows) throws IOException {
    readXlsx(file, header -> {}, rows);
  }

  static void readXlsx(Source file, Consumer<List<String>> headers, Consumer<LedgerRow> rows) throws IOException {
    try (InputStream in = file.open(); OPCPackage pkg = OPCPackage.open(in)) {
      XSSFReader reader = new XSSFReader(pkg);
      ReadOnlySharedStringsTable strings = new ReadOnlySharedStringsTable(pkg, false);
      XSSFReader.SheetIterator sheets = (XSSFReader.SheetIterator) reader.getSheetsData();
      if (!sheets.hasNext()) {
        throw new Unreadable("The workbook has no sheet.", null);
      }
      try (InputStream sheet = sheets.next()) {
        XMLReader parser = XMLHelper.newXMLReader();
        parser.setContentHandler(
            new XSSFSheetXMLHandler(reader.getStylesTable(), null, strings, new SheetRows(headers, rows),
                new DataFormatter(java.util.Locale.ROOT), false));
        parser.parse(new InputSource(sheet));
      }
    } catch (OpenXML4JException | SAXException | javax.xml.parsers.ParserConfigurationException e) {
      throw new Unreadable("The file is not a readable XLSX workbook.", e);
    } catch (org.apache.poi.ooxml.POIXMLException | org.apache.poi.UnsupportedFileFormatException e) {
      throw new Unreadable("The file is not a readable XLSX workbook.", e);
    }
  }

  /** Turns POI's cell events into header-keyed rows. */
  private static final class SheetRows implements XSSFSheetXMLHandler.SheetContentsHandler {
    private final Consumer<List<String>> headers;
    private final Consumer<LedgerRow> rows;
    private List<String> header;
    private final Map<Integer, String> current = new LinkedHashMap<>();
    private int rowNumber;

    SheetRows(Consumer<List<String>> headers, Consumer<LedgerRow> rows) {
      this.headers = headers;
      this.rows = rows;
    }

    @Override
    public void startRow(int rowIndex) {
      rowNumber = rowIndex + 1;
      current.clear();
    }

    @Override
    public void cell(String reference, String value, XSSFComment comment) {
      if (reference != null && value != null) {
        current.put((int) new CellReference(reference).getCol(), value);
      }
    }

    @Override
    public void endRow(int rowIndex) {
      if (header == null) {
        int width = current.keySet().stream().mapToInt(Integer::intValue).max().orElse(-1) + 1;
        header = new ArrayList<>();
        for (int i = 0; i < width; i++) {
          header.add(current.getOrDefault(i, "").strip());
        }
        headers.accept(List.copyOf(header));
        return;
      }
      Map<String, String> cells = new LinkedHashMap<>();
      current.forEach((col, value) -> {
        if (col < header.size() && !header.get(col).isEmpty()) {
          cells.put(header.get(col), value);
        }
      });
      LedgerRow row = new LedgerRow(rowNumber, cells);
      if (!row.isEmpty()) {
        rows.accept(row);
      }
    }
  }

  // ---------------------------------------------------------------- CSV

  static void readCsv(Source file, Consumer<LedgerRow> rows) throws IOException {
    readCsv(file, header -> {}, rows);
  }

  static void readCsv(Source file, Consumer<List<String>> headers, Consumer<LedgerRow> rows) throws IOException {
    try (BufferedInputStream in = new BufferedInputStream(file.open(), SNIFF)) {
      Charset charset = sniff(in);
      try (Reader reader = new java.io.BufferedReader(new InputStreamReader(in, charset))) {
        CsvRecords records = new CsvRecords(reader);
        List<String> header = records.next();
        if (header == null) {
          return;
        }
        header = header.stream().map(String::strip).toList();
        headers.accept(header);
        List<String> record;
        int line = 1;
        while ((record = records.next()) != null) {
          line++;
          Map<String, String> cells = new LinkedHashMap<>();
          for (int i = 0; i < record.size() && i < header.size(); i++) {
            if (!header.get(i).isEmpty()) {
              cells.put(header.get(i), record.get(i));
            }
          }
          LedgerRow row = new LedgerRow(line, cells);
          if (!row.isEmpty()) {
            rows.accept(row);
          }
        }
      }
    }
  }

  /** Reads the encoding from the first bytes and leaves the stream positioned after any BOM. */
  static Charset sniff(BufferedInputStream in) throws IOException {
    in.mark(SNIFF);
    byte[] head = in.readNBytes(SNIFF);
    in.reset();
    if (head.length >= 3 && (head[0] & 0xff) == 0xEF && (head[1] & 0xff) == 0xBB && (head[2] & 0xff) == 0xBF) {
      in.skip(3);
      return StandardCharsets.UTF_8;
    }
    // A multi-byte character may be cut at the end of the sample: judge only up to the last line break.
    int end = head.length;
    for (int i = head.length - 1; i >= 0 && head.length == SNIFF; i--) {
      if (head[i] == '\n') {
        end = i + 1;
        break;
      }
    }
    try {
      StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(Arrays.copyOf(head, end)));
      return StandardCharsets.UTF_8;
    } catch (CharacterCodingException notUtf8) {
      return Charset.forName("GB18030");
    }
  }

  /** RFC 4180 records: quoted fields may hold commas, doubled quotes and line breaks. */
  static final class CsvRecords {
    private final Reader in;
    private boolean done;

    CsvRecords(Reader in) {
      this.in = in;
    }

    List<String> next() throws IOException {
      if (done) {
        return null;
      }
      List<String> fields = new ArrayList<>();
      StringBuilder field = new StringBuilder();
      boolean quoted = false;
      boolean any = false;
      int c;
      while ((c = in.read()) != -1) {
        any = true;
        if (quoted) {
          if (c == '"') {
            in.mark(1);
            int next = in.read();
            if (next == '"') {
              field.append('"');
            } else {
              quoted = false;
              if (next != -1) {
                in.reset();
              }
            }
          } else {
            field.append((char) c);
          }
        } else if (c == '"') {
          quoted = true;
        } else if (c == ',') {
          fields.add(field.toString());
          field.setLength(0);
        } else if (c == '\n') {
          fields.add(stripCr(field));
          return fields;
        } else {
          field.append((char) c);
        }
      }
      done = true;
      if (!any) {
        return null;
      }
      fields.add(stripCr(field));
      return fields;
    }

    private static String stripCr(StringBuilder field) {
      int n = field.length();
      return n > 0 && field.charAt(n - 1) == '\r' ? field.substring(0, n - 1) : field.toString();
    }
  }
}
