package org.shouhu.beneficiaries.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LedgerFileTest {

  @TempDir Path dir;

  @Test
  void readsQuotedCsvFieldsWithCommasQuotesAndLineBreaks() throws Exception {
    Path csv = dir.resolve("a.csv");
    Files.writeString(csv, "姓名,备注,村代码\r\n张小明,\"住在\"\"老屋\"\",靠河\",429006107001\r\n李华,\"两行\n备注\",429006107002\r\n");
    List<LedgerRow> rows = read(csv);
    assertEquals(2, rows.size());
    assertEquals("住在\"老屋\",靠河", rows.get(0).get("备注"));
    assertEquals("429006107001", rows.get(0).get("村代码"));
    assertEquals(2, rows.get(0).number(), "the header is row 1, as in Excel");
    assertEquals("两行\n备注", rows.get(1).get("备注"));
  }

  @Test
  void readsGbkCsvAsExcelSavesItOnChineseWindows() throws Exception {
    Path csv = dir.resolve("gbk.csv");
    Files.write(csv, "姓名,性别\n王芳,女\n".getBytes(Charset.forName("GB18030")));
    List<LedgerRow> rows = read(csv);
    assertEquals("王芳", rows.get(0).get("姓名"));
    assertEquals("女", rows.get(0).get("性别"));
  }

  @Test
  void skipsTheUtf8ByteOrderMarkAndBlankRows() throws Exception {
    Path csv = dir.resolve("bom.csv");
    byte[] body = "姓名,性别\n\n,\n赵强,男\n".getBytes(StandardCharsets.UTF_8);
    byte[] withBom = new byte[body.length + 3];
    withBom[0] = (byte) 0xEF;
    withBom[1] = (byte) 0xBB;
    withBom[2] = (byte) 0xBF;
    System.arraycopy(body, 0, withBom, 3, body.length);
    Files.write(csv, withBom);
    List<LedgerRow> rows = read(csv);
    assertEquals(1, rows.size());
    assertEquals("赵强", rows.get(0).get("姓名"), "the first header is 姓名, not \\uFEFF姓名");
    assertEquals(4, rows.get(0).number(), "header 1, blank 2, empty cells 3");
  }

  @Test
  void readsAStreamedXlsxOfFiftyThousandRows() throws Exception {
    Path xlsx = dir.resolve("big.xlsx");
    try (SXSSFWorkbook wb = new SXSSFWorkbook(100); OutputStream out = Files.newOutputStream(xlsx)) {
      Sheet sheet = wb.createSheet("台账");
      Row header = sheet.createRow(0);
      header.createCell(0).setCellValue("姓名");
      header.createCell(1).setCellValue("公民身份号码");
      header.createCell(3).setCellValue("年级");
      for (int i = 1; i <= 50_000; i++) {
        Row r = sheet.createRow(i);
        r.createCell(0).setCellValue("儿童" + i);
        r.createCell(1).setCellValue(String.format("4290061500%08d", i));
        if (i % 2 == 0) {
          r.createCell(3).setCellValue(3);
        }
      }
      wb.write(out);
      wb.dispose();
    }
    int[] count = {0};
    LedgerRow[] last = {null};
    LedgerFile.read(xlsx, row -> {
      count[0]++;
      last[0] = row;
    });
    assertEquals(50_000, count[0]);
    assertEquals("儿童50000", last[0].get("姓名"));
    assertEquals("429006150000050000", last[0].get("公民身份号码"));
    assertEquals("3", last[0].get("年级"));
    assertEquals(50_001, last[0].number());
  }

  /**
   * #15: the count before an import scans bytes instead of parsing; it finds exactly the records the parse reads
   * (quoted commas, quotes and line breaks, GB18030, a last line without a break), plus the blank ones the parse
   * drops, and hands over the header.
   */
  @Test
  void theCountWithoutParsingIsTheParsedRowsPlusBlankRecords() throws Exception {
    Path quoted = dir.resolve("q.csv");
    Files.writeString(quoted, "姓名,备注,村代码\r\n张小明,\"住在\"\"老屋\"\",靠河\",429006107001\r\n李华,\"两行\n备注\",429006107002");
    assertEquals(2, read(quoted).size());
    assertEquals(2, LedgerFile.countRowsAtMost(() -> Files.newInputStream(quoted)));

    Path gbk = dir.resolve("gbk.csv");
    Files.write(gbk, "姓名,性别\n王芳,女\n\"赵\n强\",男\n".getBytes(Charset.forName("GB18030")));
    assertEquals(2, read(gbk).size());
    assertEquals(2, LedgerFile.countRowsAtMost(() -> Files.newInputStream(gbk)));

    Path blanks = dir.resolve("blanks.csv");
    Files.writeString(blanks, "姓名,性别\n\n,\n赵强,男\n");
    assertEquals(1, read(blanks).size());
    assertEquals(3, LedgerFile.countRowsAtMost(() -> Files.newInputStream(blanks)), "an upper bound");

    Path empty = dir.resolve("none.csv");
    Files.writeString(empty, "");
    assertEquals(0, LedgerFile.countRowsAtMost(() -> Files.newInputStream(empty)));
    Files.writeString(empty, "姓名,性别\r\n");
    assertEquals(0, LedgerFile.countRowsAtMost(() -> Files.newInputStream(empty)));

    List<List<String>> headers = new ArrayList<>();
    LedgerFile.read(() -> Files.newInputStream(quoted), headers::add, r -> {});
    assertEquals(List.of(List.of("姓名", "备注", "村代码")), headers);
  }

  @Test
  void theCountOfAWorkbookSkipsTheHeaderAndRowsWithoutValues() throws Exception {
    Path xlsx = dir.resolve("count.xlsx");
    try (SXSSFWorkbook wb = new SXSSFWorkbook(100); OutputStream out = Files.newOutputStream(xlsx)) {
      Sheet sheet = wb.createSheet("台账");
      Row header = sheet.createRow(0);
      header.createCell(0).setCellValue("姓名");
      header.createCell(2).setCellValue("年级");
      sheet.createRow(1).createCell(0).setCellValue("儿童1");
      sheet.createRow(2);
      sheet.createRow(3).createCell(1);
      sheet.createRow(5).createCell(2).setCellValue(3);
      wb.write(out);
      wb.dispose();
    }
    assertEquals(2, read(xlsx).size());
    assertEquals(2, LedgerFile.countRowsAtMost(() -> Files.newInputStream(xlsx)));
    List<List<String>> headers = new ArrayList<>();
    LedgerFile.read(() -> Files.newInputStream(xlsx), headers::add, r -> {});
    assertEquals(List.of(List.of("姓名", "", "年级")), headers);
    Path fake = dir.resolve("fake2.xlsx");
    Files.write(fake, new byte[] {'P', 'K', 3, 4, 1, 2, 3});
    assertThrows(LedgerFile.Unreadable.class, () -> LedgerFile.countRowsAtMost(() -> Files.newInputStream(fake)));
  }

  @Test
  void reportsAnXlsxThatIsNotOneAsUnreadable() throws Exception {
    Path fake = dir.resolve("fake.xlsx");
    Files.write(fake, new byte[] {'P', 'K', 3, 4, 1, 2, 3});
    assertThrows(LedgerFile.Unreadable.class, () -> LedgerFile.read(fake, r -> {}));
  }

  @Test
  void anEmptyFileHasNoRows() throws Exception {
    Path empty = dir.resolve("empty.csv");
    Files.writeString(empty, "");
    assertEquals(List.of(), read(empty));
    assertNull(new LedgerRow(2, java.util.Map.of("a", " ")).get("a"));
  }

  private static List<LedgerRow> read(Path file) throws Exception {
    List<LedgerRow> rows = new ArrayList<>();
    LedgerFile.read(file, rows::add);
    return rows;
  }
}
