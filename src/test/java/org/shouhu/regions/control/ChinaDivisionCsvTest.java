package org.shouhu.regions.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.shouhu.regions.control.ChinaDivisionCsv.Table;
import org.shouhu.regions.entity.DivisionCode;

class ChinaDivisionCsvTest {

  private static InputStream csv(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void widensProvinceAndCityCodesToSixDigits() {
    assertEquals(DivisionCode.of("420000"), ChinaDivisionCsv.widen("42"));
    assertEquals(DivisionCode.of("429000"), ChinaDivisionCsv.widen("4290"));
    assertEquals(DivisionCode.of("429006"), ChinaDivisionCsv.widen("429006"));
    assertEquals(DivisionCode.of("429006107"), ChinaDivisionCsv.widen("429006107"));
    assertEquals(DivisionCode.of("429006107201"), ChinaDivisionCsv.widen("429006107201"));
  }

  @Test
  void splitsQuotedFieldsWithCommasAndDoubledQuotes() {
    assertEquals(List.of("1", "a,b", "say \"hi\"", ""), ChinaDivisionCsv.fields("1,\"a,b\",\"say \"\"hi\"\"\","));
    assertEquals(List.of("110101", "东城区", "1101", "11"), ChinaDivisionCsv.fields("110101,\"东城区\",1101,11"));
  }

  @Test
  void refusesAnUnterminatedQuote() {
    assertThrows(IllegalArgumentException.class, () -> ChinaDivisionCsv.fields("1,\"open"));
  }

  @Test
  void readsCitiesWithWidenedCodesAndParents() {
    List<Division> rows =
        ChinaDivisionCsv.readAll(Table.CITIES, csv("code,name,provinceCode\n4290,\"省直辖县级行政区划\",42\n"));
    assertEquals(1, rows.size());
    assertEquals(DivisionCode.of("429000"), rows.get(0).code());
    assertEquals("省直辖县级行政区划", rows.get(0).name());
    assertEquals(DivisionCode.of("420000"), rows.get(0).parent());
  }

  @Test
  void readsProvincesWithoutParent() {
    List<Division> rows = ChinaDivisionCsv.readAll(Table.PROVINCES, csv("\uFEFFcode,name\n42,\"湖北省\"\n"));
    assertEquals(DivisionCode.of("420000"), rows.get(0).code());
    assertNull(rows.get(0).parent());
  }

  @Test
  void findsColumnsByHeaderNameNotPosition() {
    List<Division> rows =
        ChinaDivisionCsv.readAll(
            Table.TOWNS, csv("provinceCode,areaCode,name,cityCode,code\n42,429006,\"岳口镇\",4290,429006107\n"));
    assertEquals(DivisionCode.of("429006107"), rows.get(0).code());
    assertEquals(DivisionCode.of("429006"), rows.get(0).parent());
  }

  @Test
  void refusesAFileThatLostItsParentColumn() {
    var e =
        assertThrows(
            IllegalStateException.class,
            () -> ChinaDivisionCsv.readAll(Table.TOWNS, csv("code,name\n429006107,\"岳口镇\"\n")));
    assertTrue(e.getMessage().contains("areaCode"), e.getMessage());
  }

  @Test
  void refusesARowWhoseCodeIsNotADivisionCode() {
    var e =
        assertThrows(
            IllegalStateException.class,
            () -> ChinaDivisionCsv.readAll(Table.TOWNS, csv("code,name,areaCode\n42900610,\"岳口镇\",429006\n")));
    assertTrue(e.getMessage().contains("line 2"), e.getMessage());
  }

  @Test
  void refusesARowOutsideItsParent() {
    assertThrows(
        IllegalStateException.class,
        () -> ChinaDivisionCsv.readAll(Table.TOWNS, csv("code,name,areaCode\n429006107,\"岳口镇\",429004\n")));
  }

  @Test
  void handsOverOnlyRowsWithThePrefixAndStopsAfterTheirBlock() {
    String villages =
        """
        code,name,streetCode,provinceCode,cityCode,areaCode
        429005001001,"甲",429005001,42,4290,429005
        429006107001,"乙",429006107,42,4290,429006
        429006120001,"丙",429006120,42,4290,429006
        429021001001,"丁",429021001,42,4290,429021
        429006999001,"not reached: the block has passed",429006999,42,4290,429006
        """;
    List<Division> seen = new ArrayList<>();
    int count = ChinaDivisionCsv.read(Table.VILLAGES, csv(villages), "429006", seen::add);
    assertEquals(2, count);
    assertEquals(List.of("乙", "丙"), seen.stream().map(Division::name).toList());
    assertEquals(DivisionCode.of("429006120"), seen.get(1).parent());
  }

  @Test
  void findsTheVillagesOfTianmenInTheShippedFile() {
    List<Division> tianmen = new ArrayList<>();
    int count =
        ChinaDivisionCsv.read(
            Table.VILLAGES, ChinaDivisionCsv.open(Table.VILLAGES), "429006", tianmen::add);
    assertEquals(639, count);
    DivisionCode county = DivisionCode.of("429006");
    for (Division village : tianmen) {
      assertTrue(village.code().isWithin(county), village.code().value());
      assertEquals(DivisionCode.Level.TOWN, village.parent().level(), village.code().value());
    }
    assertTrue(tianmen.stream().anyMatch(v -> v.parent().value().equals("429006107")), "岳口镇 has villages");
  }

  /** The import stops reading after the county's block; that is only right if the file is in code order. */
  @Test
  void shipsTheVillagesSortedByCode() throws Exception {
    try (var lines =
        new BufferedReader(
            new InputStreamReader(ChinaDivisionCsv.open(Table.VILLAGES), StandardCharsets.UTF_8))) {
      lines.readLine();
      String previous = "";
      int rows = 0;
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        String code = line.substring(0, line.indexOf(','));
        assertTrue(code.compareTo(previous) > 0, "out of order: " + previous + " then " + code);
        previous = code;
        rows++;
      }
      assertEquals(620_573, rows);
    }
  }
}
