package org.shouhu.reporting.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

class ExportWritersTest {

  static final List<ExportTable.Column> COLUMNS = List.of(
      new ExportTable.Column("服务内容", ExportTable.Kind.TEXT),
      new ExportTable.Column("目标数", ExportTable.Kind.INTEGER),
      new ExportTable.Column("完成率(%)", ExportTable.Kind.PERCENT),
      new ExportTable.Column("日期", ExportTable.Kind.DATE));

  static ExportTable table() {
    return ExportTable.of("项目交付进度", null, COLUMNS, List.of(
        Arrays.asList("入户探视, 每月一次", 100, new BigDecimal("40"), LocalDate.of(2026, 7, 1)),
        Arrays.asList("说\"明\"", 10, new BigDecimal("120.5"), null),
        Arrays.asList("=HYPERLINK(\"x\")", 1, null, null)));
  }

  @Test
  void csvStartsWithTheByteOrderMarkAndQuotesPerRfc4180() {
    var out = new ByteArrayOutputStream();
    new CsvWriter().write(table(), out);
    byte[] bytes = out.toByteArray();
    assertArrayEquals(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, Arrays.copyOf(bytes, 3));
    String text = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
    assertEquals("服务内容,目标数,完成率(%),日期\r\n"
        + "\"入户探视, 每月一次\",100,40.00,2026-07-01\r\n"
        + "\"说\"\"明\"\"\",10,120.50,\r\n"
        + "\"'=HYPERLINK(\"\"x\"\")\",1,,\r\n", text);
  }

  @Test
  void xlsxHasOneSheetPerTableWithChineseHeadersAndNumbersAsNumbers() throws Exception {
    var out = new ByteArrayOutputStream();
    ExportTable second = ExportTable.of("评估表", "评估表", COLUMNS, List.of());
    new XlsxWorkbook().write(List.of(table(), second), out);
    try (var book = new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()))) {
      assertEquals(2, book.getNumberOfSheets());
      Sheet sheet = book.getSheet("项目交付进度");
      assertEquals("服务内容", sheet.getRow(0).getCell(0).getStringCellValue());
      assertEquals("入户探视, 每月一次", sheet.getRow(1).getCell(0).getStringCellValue());
      assertEquals(100.0, sheet.getRow(1).getCell(1).getNumericCellValue());
      assertEquals(120.5, sheet.getRow(2).getCell(2).getNumericCellValue());
      assertEquals(LocalDate.of(2026, 7, 1), sheet.getRow(1).getCell(3).getLocalDateTimeCellValue().toLocalDate());
      assertEquals("评估表", book.getSheetName(1));
    }
  }

  @Test
  void xlsxStreamsManyRowsThroughASmallWindow() throws Exception {
    int rows = 20_000;
    ExportTable big = new ExportTable("大表", null, COLUMNS, sink -> {
      for (int i = 0; i < rows; i++) {
        sink.accept(List.of("行" + i, i, BigDecimal.ONE, LocalDate.of(2026, 1, 1)));
      }
    });
    var out = new ByteArrayOutputStream();
    new XlsxWorkbook().write(List.of(big), out);
    try (var book = new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()))) {
      assertEquals(rows, book.getSheetAt(0).getLastRowNum());
      assertEquals("行19999", book.getSheetAt(0).getRow(rows).getCell(0).getStringCellValue());
    }
  }

  @Test
  void pdfRendersChineseWithTheFontEmbeddedAndBreaksLongTablesAcrossPages() throws Exception {
    var out = new ByteArrayOutputStream();
    List<List<Object>> many = new ArrayList<>();
    for (int i = 1; i <= 80; i++) {
      many.add(Arrays.asList("困境儿童入户探视第" + i + "项", i, new BigDecimal("66.5"), null));
    }
    try (PdfReport pdf = new PdfReport("绩效评估表（中期评估）")) {
      pdf.fact("项目名称", "多宝镇留守儿童关爱𠀀")
          .barChart("项目交付进度", List.of(new PdfReport.Bar("入户探视", 100, 40), new PdfReport.Bar("小组活动", 10, 12)))
          .table(ExportTable.of("交付明细", null, COLUMNS, many))
          .finish(out);
    }
    if (System.getProperty("shouhu.pdf.dump") != null) {
      java.nio.file.Files.write(java.nio.file.Path.of(System.getProperty("shouhu.pdf.dump")), out.toByteArray());
    }
    try (PDDocument doc = Loader.loadPDF(out.toByteArray())) {
      assertTrue(doc.getNumberOfPages() >= 2, "80 rows do not fit on one A4 page");
      String text = new PDFTextStripper().getText(doc);
      assertTrue(text.contains("绩效评估表（中期评估）"), text);
      assertTrue(text.contains("多宝镇留守儿童关爱?"), "a character outside the font prints as ?: " + text);
      assertTrue(text.contains("困境儿童入户探视第80项"), text);
      assertTrue(text.contains("66.50%"), text);
      assertTrue(text.contains("40") && text.contains("12"), "the chart's figures");
      PDFont font = doc.getPage(0).getResources().getFont(doc.getPage(0).getResources().getFontNames().iterator().next());
      assertTrue(font.isEmbedded(), "font embedded");
      assertTrue(font.getName().contains("NotoSansSC"), font.getName());
    }
  }
}
