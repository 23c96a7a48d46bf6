package org.shouhu.reporting.control;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.io.MemoryUsageSetting;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.shouhu.tenancy.control.ScratchSpace;

/**
 * An A4 PDF report laid out top to bottom: a title, lines of facts, tables that break across pages (header
 * repeated), and horizontal bar charts, all in the embedded {@link CjkFont}. The document's scratch data is kept in
 * a temporary file, not on the heap; PDF being one cross-referenced file, it is written out at {@link #finish}.
 * Meant for bounded content (a sheet, a project's deliverables), not for million-row listings: those go to XLSX
 * or CSV.
 */
public final class PdfReport implements Closeable {

  public static final String MEDIA_TYPE = "application/pdf";

  private static final float MARGIN = 50;
  private static final float PAGE_WIDTH = PDRectangle.A4.getWidth();
  private static final float PAGE_HEIGHT = PDRectangle.A4.getHeight();
  private static final float CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN;
  private static final float BODY = 10;
  private static final float LEADING = 14;
  private static final float CELL_PAD = 3;

  private final PDDocument document;
  private final CjkFont font;
  private PDPageContentStream page;
  private float y;
  private int pages;

  /** One bar pair of a chart: planned against achieved. */
  public record Bar(String label, long target, long actual) {}

  public PdfReport(String title) {
    // Pages spill to the scratch folder, which start-up sweeps if a kill leaves them behind.
    document = new PDDocument(
        MemoryUsageSetting.setupTempFileOnly().setTempDir(ScratchSpace.directory().toFile()).streamCache);
    document.getDocumentInformation().setTitle(title);
    document.getDocumentInformation().setCreator("Shouhu 守护");
    font = CjkFont.embedIn(document);
    newPage();
    heading(title, 18);
  }

  public PdfReport heading(String text, float size) {
    ensure(size + 10);
    write(text, MARGIN, y - size, size);
    y -= size + 10;
    return this;
  }

  /** A line of "label: value" facts. */
  public PdfReport fact(String label, String value) {
    for (String line : wrap(label + "：" + (value == null ? "—" : value), CONTENT_WIDTH, BODY)) {
      ensure(LEADING);
      write(line, MARGIN, y - BODY, BODY);
      y -= LEADING;
    }
    return this;
  }

  public PdfReport gap(float points) {
    y -= points;
    return this;
  }

  /** A table with a header row repeated on each page; cells wrap within their column. */
  public PdfReport table(ExportTable table) {
    float total = (float) table.columns().stream().mapToDouble(ExportTable.Column::relativeWidth).sum();
    float[] widths = new float[table.columns().size()];
    for (int i = 0; i < widths.length; i++) {
      widths[i] = CONTENT_WIDTH * table.columns().get(i).relativeWidth() / total;
    }
    List<String> headers = table.columns().stream().map(ExportTable.Column::header).toList();
    heading(table.title(), 12);
    row(headers, widths, true, true);
    table.rows().each(cells -> {
      List<String> texts = new ArrayList<>();
      for (int i = 0; i < widths.length; i++) {
        texts.add(i < cells.size() ? text(cells.get(i), table.columns().get(i).kind()) : "");
      }
      if (!row(texts, widths, false, false)) {
        newPage();
        row(headers, widths, true, true);
        row(texts, widths, false, true);
      }
    });
    y -= 8;
    return this;
  }

  /**
   * A horizontal bar chart: for each item a grey bar for the target and a blue one for what was achieved, both on
   * one scale (the largest value), with the figures written beside the bars.
   */
  public PdfReport barChart(String title, List<Bar> bars) {
    heading(title, 12);
    float labelWidth = 120;
    float barArea = CONTENT_WIDTH - labelWidth - 60;
    float barHeight = 8;
    long max = Math.max(1, bars.stream().mapToLong(b -> Math.max(b.target(), b.actual())).max().orElse(1));
    legend();
    for (Bar bar : bars) {
      ensure(2 * barHeight + 14);
      float top = y;
      write(clip(bar.label(), labelWidth - 6, BODY), MARGIN, top - BODY - 2, BODY);
      float x = MARGIN + labelWidth;
      float targetWidth = barArea * bar.target() / max;
      float actualWidth = barArea * bar.actual() / max;
      rect(x, top - barHeight, Math.max(targetWidth, 0.5f), barHeight, 0.75f, 0.75f, 0.75f);
      write(Long.toString(bar.target()), x + targetWidth + 4, top - barHeight + 1, 8);
      rect(x, top - 2 * barHeight - 2, Math.max(actualWidth, 0.5f), barHeight, 0.16f, 0.45f, 0.80f);
      write(Long.toString(bar.actual()), x + actualWidth + 4, top - 2 * barHeight - 1, 8);
      y -= 2 * barHeight + 14;
    }
    y -= 6;
    return this;
  }

  /** Writes the document out and releases its scratch file. */
  public void finish(OutputStream out) {
    try {
      page.close();
      document.save(out);
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      close();
    }
  }

  @Override
  public void close() {
    try {
      document.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void legend() {
    ensure(LEADING);
    float x = MARGIN;
    rect(x, y - 9, 10, 8, 0.75f, 0.75f, 0.75f);
    write("目标", x + 14, y - 9, 8);
    rect(x + 50, y - 9, 10, 8, 0.16f, 0.45f, 0.80f);
    write("已审核通过", x + 64, y - 9, 8);
    y -= LEADING;
  }

  /** Draws a row if it fits on the page; false (nothing drawn) if it does not and {@code force} is off. */
  private boolean row(List<String> cells, float[] widths, boolean header, boolean force) {
    List<List<String>> lines = new ArrayList<>();
    int height = 1;
    for (int i = 0; i < widths.length; i++) {
      List<String> wrapped = wrap(cells.get(i), widths[i] - 2 * CELL_PAD, BODY);
      lines.add(wrapped);
      height = Math.max(height, wrapped.size());
    }
    float rowHeight = height * LEADING + 2 * CELL_PAD;
    if (y - rowHeight < MARGIN) {
      if (!force) {
        return false;
      }
      if (y < PAGE_HEIGHT - MARGIN - 30) {
        newPage();
      }
    }
    try {
      float x = MARGIN;
      for (int i = 0; i < widths.length; i++) {
        if (header) {
          rect(x, y - rowHeight, widths[i], rowHeight, 0.92f, 0.92f, 0.92f);
        }
        page.setStrokingColor(0.5f, 0.5f, 0.5f);
        page.setLineWidth(0.5f);
        page.addRect(x, y - rowHeight, widths[i], rowHeight);
        page.stroke();
        float lineY = y - CELL_PAD - BODY;
        for (String line : lines.get(i)) {
          write(line, x + CELL_PAD, lineY, BODY);
          lineY -= LEADING;
        }
        x += widths[i];
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    y -= rowHeight;
    return true;
  }

  private static String text(Object value, ExportTable.Kind kind) {
    if (value == null) {
      return "";
    }
    if (value instanceof BigDecimal d && (kind == ExportTable.Kind.DECIMAL || kind == ExportTable.Kind.PERCENT)) {
      return d.setScale(2, RoundingMode.HALF_UP).toPlainString() + (kind == ExportTable.Kind.PERCENT ? "%" : "");
    }
    if (value instanceof LocalDate d) {
      return d.toString();
    }
    return value.toString();
  }

  /** Breaks text into lines no wider than the width, at any character (Chinese has no spaces to break at). */
  private List<String> wrap(String raw, float width, float size) {
    String text = font.printable(raw);
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      String ch = new String(Character.toChars(cp));
      if (line.length() > 0 && font.width(line + ch, size) > width) {
        lines.add(line.toString());
        line.setLength(0);
      }
      line.append(ch);
      i += Character.charCount(cp);
    }
    lines.add(line.toString());
    return lines;
  }

  private String clip(String raw, float width, float size) {
    List<String> lines = wrap(raw, width, size);
    return lines.size() == 1 ? lines.get(0) : lines.get(0).substring(0, Math.max(0, lines.get(0).length() - 1)) + "…";
  }

  private void write(String text, float x, float baseline, float size) {
    try {
      page.beginText();
      page.setFont(font.font(), size);
      page.setNonStrokingColor(0f, 0f, 0f);
      page.newLineAtOffset(x, baseline);
      page.showText(font.printable(text));
      page.endText();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void rect(float x, float yBottom, float w, float h, float r, float g, float b) {
    try {
      page.setNonStrokingColor(r, g, b);
      page.addRect(x, yBottom, w, h);
      page.fill();
      page.setNonStrokingColor(0f, 0f, 0f);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void ensure(float height) {
    if (y - height < MARGIN) {
      newPage();
    }
  }

  private void newPage() {
    try {
      if (page != null) {
        page.close();
      }
      PDPage p = new PDPage(PDRectangle.A4);
      document.addPage(p);
      page = new PDPageContentStream(document, p);
      pages++;
      y = PAGE_HEIGHT - MARGIN;
      page.beginText();
      page.setFont(font.font(), 8);
      page.newLineAtOffset(PAGE_WIDTH - MARGIN - 30, MARGIN / 2);
      page.showText("第 " + pages + " 页");
      page.endText();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
