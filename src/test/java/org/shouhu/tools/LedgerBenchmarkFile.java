package org.shouhu.tools;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.shouhu.beneficiaries.boundary.LedgerRowMapping;

/**
 * Writes a large fictional ledger in the import template for the benchmark in docs/performance.md — not a test.
 *
 * <pre>java -cp target/test-classes:target/classes:$(cat target/cp.txt) org.shouhu.tools.LedgerBenchmarkFile \
 *     /tmp/ledger-50k.csv 50000</pre>
 *
 * An optional third argument starts at that person instead of the first, so a benchmark that runs several
 * imports into one register gives each run people of its own (deploy/bench: run k starts at k × rows).
 *
 * <p>A name ending in .xlsx writes a workbook (streaming, SXSSF). Every row is valid and has its own citizen identity
 * number (birth day and sequence vary), a guardian, and every fifth row a risk assessment; one row in a thousand is
 * deliberately bad (mistyped check character) so the rejection path is measured too.
 */
public final class LedgerBenchmarkFile {

  private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  private static final String[] VILLAGES = {
    "429006107204", "429006107205", "429006107206", "429006107210", "429006107223", "429006115207", "429006115208",
    "429006115209", "429006115213", "429006115218"
  };
  private static final String SURNAMES = "张王李刘陈杨黄赵周吴徐孙胡朱高林何郭马罗";
  private static final String GIVEN = "明华军芳丽强伟静敏磊洋艳勇杰娟涛超霞平刚";

  private LedgerBenchmarkFile() {}

  public static void main(String[] args) throws IOException {
    Path file = Path.of(args[0]);
    int rows = Integer.parseInt(args[1]);
    int first = args.length > 2 ? Integer.parseInt(args[2]) : 0;
    if (file.toString().endsWith(".xlsx")) {
      writeXlsx(file, first, rows);
    } else {
      writeCsv(file, first, rows);
    }
    System.out.println(file + ": " + rows + " rows, " + Files.size(file) + " bytes");
  }

  static List<String> row(int i) {
    LocalDate born = LocalDate.of(2008, 1, 1).plusDays(i % 4000);
    int sequence = i / 4000;
    boolean male = i % 2 == 0;
    String body = "429006" + born.toString().replace("-", "") + String.format("%03d", sequence * 2 + (male ? 1 : 0));
    String id = body + check(body);
    if (i % 1000 == 999) {
      id = body + (id.charAt(17) == '0' ? '1' : '0');
    }
    String name = SURNAMES.charAt(i % 20) + "小" + GIVEN.charAt((i / 20) % 20);
    String grandmother = SURNAMES.charAt(i % 20) + "秀英";
    boolean risk = i % 5 == 0;
    return List.of(
        name, male ? "男" : "女", born.toString(), id, "", VILLAGES[i % VILLAGES.length], "岳口镇中心小学", "",
        "留守儿童", "", risk ? "中" : "", risk ? "父母均在外务工" : "", "书面", "2025-09-01", grandmother, "祖父母",
        grandmother, "奶奶", "0728-52" + String.format("%05d", i % 100000), "是", "否", "");
  }

  private static void writeCsv(Path file, int first, int rows) throws IOException {
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      out.write('\uFEFF');
      out.write(String.join(",", LedgerRowMapping.COLUMNS));
      out.write("\r\n");
      for (int i = 0; i < rows; i++) {
        out.write(String.join(",", row(first + i)));
        out.write("\r\n");
      }
    }
  }

  private static void writeXlsx(Path file, int first, int rows) throws IOException {
    try (SXSSFWorkbook book = new SXSSFWorkbook(200); OutputStream out = Files.newOutputStream(file)) {
      Sheet sheet = book.createSheet("台账");
      Row head = sheet.createRow(0);
      for (int c = 0; c < LedgerRowMapping.COLUMNS.size(); c++) {
        head.createCell(c).setCellValue(LedgerRowMapping.COLUMNS.get(c));
      }
      for (int i = 0; i < rows; i++) {
        Row row = sheet.createRow(i + 1);
        List<String> cells = row(first + i);
        for (int c = 0; c < cells.size(); c++) {
          if (!cells.get(c).isEmpty()) {
            row.createCell(c).setCellValue(cells.get(c));
          }
        }
      }
      book.write(out);
      book.dispose();
    }
  }

  private static char check(String body17) {
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      sum += (body17.charAt(i) - '0') * WEIGHTS[i];
    }
    return "10X98765432".charAt(sum % 11);
  }
}
