package org.shouhu.beneficiaries.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.shouhu.beneficiaries.control.LedgerFile;

/** The shipped sample and template say what tenants/chunhui-sw/README.md says they do. */
class LedgerSampleTest {

  @Test
  void theSampleHasExactlyItsThreeDocumentedBadRows() throws IOException {
    Map<Integer, String> refused = new TreeMap<>();
    int[] rows = {0};
    LedgerFile.read(Path.of("tenants/chunhui-sw/ledger-sample.csv"), row -> {
      rows[0]++;
      var mapped = LedgerRowMapping.map(row);
      if (!mapped.ok()) {
        refused.put(row.number(), mapped.errors().get(0).field() + " " + mapped.errors().get(0).code());
      }
    });
    assertEquals(30, rows[0]);
    assertEquals(
        Map.of(
            9, "公民身份号码 CITIZEN_ID_CHECK",
            17, "公民身份号码 CITIZEN_ID_REQUIRED_FOR_IMPORT",
            25, "同意人关系 CONSENT_GUARDIAN_REQUIRED"),
        refused);
  }

  @Test
  void theTemplateIsTheHeaderRowWithABomForExcel() throws IOException {
    byte[] bytes = Files.readAllBytes(Path.of("tenants/ledger-template.csv"));
    assertEquals(0xEF, bytes[0] & 0xff);
    String header = new String(bytes, 3, bytes.length - 3, java.nio.charset.StandardCharsets.UTF_8).strip();
    assertEquals(String.join(",", LedgerRowMapping.COLUMNS), header);
    assertEquals(List.of(), readRows(Path.of("tenants/ledger-template.csv")));
  }

  private static List<Integer> readRows(Path file) throws IOException {
    List<Integer> numbers = new java.util.ArrayList<>();
    LedgerFile.read(file, row -> numbers.add(row.number()));
    return numbers;
  }
}
