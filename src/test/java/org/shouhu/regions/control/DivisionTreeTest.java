package org.shouhu.regions.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.shouhu.regions.control.ChinaDivisionCsv.Table;
import org.shouhu.regions.entity.DivisionCode;
import org.shouhu.regions.entity.DivisionCode.Level;

class DivisionTreeTest {

  // Parsing the shipped files takes a few hundred milliseconds; every test that needs them shares one tree.
  private static final class Shipped {
    static final DivisionTree TREE = DivisionTree.shipped();
  }

  private static Division row(String code, String name, String parent) {
    return new Division(DivisionCode.of(code), name, parent == null ? null : DivisionCode.of(parent));
  }

  private static Map<Table, List<Division>> tables(
      List<Division> provinces, List<Division> cities, List<Division> counties, List<Division> towns) {
    Map<Table, List<Division>> tables = new LinkedHashMap<>();
    tables.put(Table.PROVINCES, provinces);
    tables.put(Table.CITIES, cities);
    tables.put(Table.COUNTIES, counties);
    tables.put(Table.TOWNS, towns);
    return tables;
  }

  private static List<String> codes(List<Division> rows) {
    return rows.stream().map(d -> d.code().value()).toList();
  }

  @Test
  void keepsTheChainThroughAGroupingCityAndListsParentsFirst() {
    DivisionTree tree =
        DivisionTree.of(
            tables(
                List.of(row("420000", "湖北省", null)),
                List.of(row("429000", "省直辖县级行政区划", "420000")),
                List.of(row("429006", "天门市", "429000")),
                List.of(row("429006107", "岳口镇", "429006"), row("429006120", "石家河镇", "429006"))));
    assertEquals(List.of("420000", "429000", "429006", "429006107", "429006120"), codes(tree.parentsFirst()));
    assertEquals(List.of("420000", "429000", "429006", "429006107"), codes(tree.path(DivisionCode.of("429006107"))));
  }

  @Test
  void storesACityWithoutCountiesOnceWithItsTownsDirectlyBelow() {
    DivisionTree tree =
        DivisionTree.of(
            tables(
                List.of(row("440000", "广东省", null)),
                List.of(row("441900", "东莞市", "440000")),
                List.of(row("441900", "东莞市", "441900")),
                List.of(row("441900003", "东城街道", "441900"))));
    assertEquals(List.of("440000", "441900", "441900003"), codes(tree.parentsFirst()));
    Division dongguan = tree.get(DivisionCode.of("441900")).orElseThrow();
    assertEquals(Level.CITY, dongguan.level());
    assertEquals(DivisionCode.of("440000"), dongguan.parent());
  }

  @Test
  void refusesATownWhoseCountyIsMissing() {
    var e =
        assertThrows(
            IllegalStateException.class,
            () ->
                DivisionTree.of(
                    tables(
                        List.of(row("420000", "湖北省", null)),
                        List.of(row("429000", "省直辖县级行政区划", "420000")),
                        List.of(),
                        List.of(row("429006107", "岳口镇", "429006")))));
    assertTrue(e.getMessage().contains("429006"), e.getMessage());
  }

  @Test
  void refusesACountyWhoseGroupingCityIsMissing() {
    assertThrows(
        IllegalStateException.class,
        () ->
            DivisionTree.of(
                tables(
                    List.of(row("420000", "湖北省", null)),
                    List.of(),
                    List.of(row("429006", "天门市", "429000")),
                    List.of())));
  }

  @Test
  void refusesTwoDifferentDivisionsWithOneCode() {
    assertThrows(
        IllegalStateException.class,
        () ->
            DivisionTree.of(
                tables(
                    List.of(row("440000", "广东省", null)),
                    List.of(row("441900", "东莞市", "440000")),
                    List.of(row("441900", "中山市", "441900")),
                    List.of())));
  }

  @Test
  void refusesACountyWhoseCodeReadsAsACity() {
    var e =
        assertThrows(
            IllegalStateException.class,
            () ->
                DivisionTree.of(
                    tables(
                        List.of(row("420000", "湖北省", null)),
                        List.of(row("420100", "武汉市", "420000")),
                        List.of(row("420200", "not a county", "420200")),
                        List.of())));
    assertTrue(e.getMessage().contains("CITY"), e.getMessage());
  }

  @Test
  void refusesANonProvinceWithoutParent() {
    assertThrows(
        IllegalStateException.class,
        () -> DivisionTree.of(tables(List.of(), List.of(row("420100", "武汉市", null)), List.of(), List.of())));
  }

  @Test
  void loadsTheShippedTableAsOneTree() {
    DivisionTree tree = Shipped.TREE;
    Map<Level, Integer> counts = new EnumMap<>(Level.class);
    Set<DivisionCode> seen = new HashSet<>();
    for (Division d : tree.parentsFirst()) {
      counts.merge(d.level(), 1, Integer::sum);
      if (d.parent() != null) {
        assertTrue(seen.contains(d.parent()), d.code() + " listed before its parent " + d.parent());
      }
      assertTrue(seen.add(d.code()), "listed twice: " + d.code());
    }
    assertEquals(31, counts.get(Level.PROVINCE));
    assertEquals(342, counts.get(Level.CITY));
    // 2978 rows in areas.csv less 东莞, 中山 and 儋州, whose county rows restate the city.
    assertEquals(2975, counts.get(Level.COUNTY));
    assertEquals(41352, counts.get(Level.TOWN));
    assertEquals(44700, tree.size());
  }

  @Test
  void chainsTheTownsOfTianmenThroughTheProvincesDirectCounties() {
    DivisionTree tree = Shipped.TREE;
    assertEquals(
        List.of("湖北省", "省直辖县级行政区划", "天门市", "岳口镇"),
        tree.path(DivisionCode.of("429006107")).stream().map(Division::name).toList());
    assertEquals("石家河镇", tree.get(DivisionCode.of("429006120")).orElseThrow().name());
    assertEquals("小板镇", tree.get(DivisionCode.of("429006115")).orElseThrow().name());
    assertEquals(Level.COUNTY, tree.get(DivisionCode.of("429006")).orElseThrow().level());
  }

  @Test
  void hangsTheTownsOfCitiesWithoutCountiesDirectlyBelowTheCity() {
    DivisionTree tree = Shipped.TREE;
    for (String city : List.of("441900", "442000", "460400")) {
      Division d = tree.get(DivisionCode.of(city)).orElseThrow();
      assertEquals(Level.CITY, d.level(), city);
      assertEquals(2, tree.path(d.code()).size(), city + " sits directly below its province");
    }
    assertEquals(
        List.of("440000", "441900", "441900003"), codes(tree.path(DivisionCode.of("441900003"))));
  }

  @Test
  void keepsMunicipalityGroupingRows() {
    DivisionTree tree = Shipped.TREE;
    assertEquals(
        List.of("北京市", "市辖区", "东城区"),
        tree.path(DivisionCode.of("110101")).stream().map(Division::name).toList());
    assertNull(tree.get(DivisionCode.of("110000")).orElseThrow().parent());
  }
}
