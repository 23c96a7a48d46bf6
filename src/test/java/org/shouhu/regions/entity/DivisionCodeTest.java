package org.shouhu.regions.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.shouhu.problems.entity.InvalidValueException;
import org.shouhu.regions.entity.DivisionCode.Level;

class DivisionCodeTest {

  private static final DivisionCode HUBEI = DivisionCode.of("420000");
  private static final DivisionCode WUHAN = DivisionCode.of("420100");
  private static final DivisionCode JIANGAN = DivisionCode.of("420102");
  // 省直辖县级行政区划: the grouping above 天门市, 仙桃市 and 潜江市.
  private static final DivisionCode HUBEI_DIRECT_COUNTIES = DivisionCode.of("429000");
  private static final DivisionCode TIANMEN = DivisionCode.of("429006");
  private static final DivisionCode YUEKOU = DivisionCode.of("429006107");
  private static final DivisionCode YUEKOU_VILLAGE = DivisionCode.of("429006107201");

  private static String rejectionCode(String raw) {
    return assertThrows(InvalidValueException.class, () -> DivisionCode.of(raw)).code();
  }

  @Test
  void tellsLevelFromDigits() {
    assertEquals(Level.PROVINCE, HUBEI.level());
    assertEquals(Level.CITY, WUHAN.level());
    assertEquals(Level.CITY, HUBEI_DIRECT_COUNTIES.level());
    assertEquals(Level.COUNTY, JIANGAN.level());
    assertEquals(Level.TOWN, YUEKOU.level());
    assertEquals(Level.VILLAGE, YUEKOU_VILLAGE.level());
  }

  @Test
  void treatsCountyLevelCityUnderTheProvinceAsCounty() {
    assertEquals(Level.COUNTY, TIANMEN.level());
    assertTrue(YUEKOU.isWithin(TIANMEN));
    assertTrue(TIANMEN.isWithin(HUBEI_DIRECT_COUNTIES));
    assertTrue(TIANMEN.isWithin(HUBEI));
  }

  @Test
  void containsItself() {
    for (DivisionCode code : new DivisionCode[] {HUBEI, WUHAN, JIANGAN, TIANMEN, YUEKOU, YUEKOU_VILLAGE}) {
      assertTrue(code.isWithin(code), code.value());
      assertTrue(code.isWithin(DivisionCode.of(code.value())), code.value());
    }
  }

  @Test
  void liesWithinEveryAncestor() {
    assertTrue(YUEKOU_VILLAGE.isWithin(YUEKOU));
    assertTrue(YUEKOU_VILLAGE.isWithin(TIANMEN));
    assertTrue(YUEKOU_VILLAGE.isWithin(HUBEI_DIRECT_COUNTIES));
    assertTrue(YUEKOU_VILLAGE.isWithin(HUBEI));
    assertTrue(JIANGAN.isWithin(WUHAN));
    assertTrue(JIANGAN.isWithin(HUBEI));
    assertTrue(WUHAN.isWithin(HUBEI));
  }

  @Test
  void doesNotLieWithinDescendantsOrSiblings() {
    assertFalse(TIANMEN.isWithin(YUEKOU));
    assertFalse(HUBEI.isWithin(WUHAN));
    assertFalse(WUHAN.isWithin(JIANGAN));
    assertFalse(YUEKOU.isWithin(WUHAN));
    assertFalse(JIANGAN.isWithin(TIANMEN));
    assertFalse(TIANMEN.isWithin(DivisionCode.of("429004"))); // 仙桃市
    assertFalse(YUEKOU.isWithin(DivisionCode.of("429006108")));
    assertFalse(TIANMEN.isWithin(DivisionCode.of("430000")));
  }

  @Test
  void placesTownsUnderCitiesWithoutCounties() {
    // 东莞市 has no counties; its towns hang directly below the city.
    DivisionCode dongguan = DivisionCode.of("441900");
    DivisionCode dongcheng = DivisionCode.of("441900003");
    assertTrue(dongcheng.isWithin(dongguan));
    assertEquals(dongguan, dongcheng.county());
  }

  @Test
  void findsCountyOfTownsAndVillages() {
    assertEquals(TIANMEN, YUEKOU.county());
    assertEquals(TIANMEN, YUEKOU_VILLAGE.county());
    assertEquals(TIANMEN, TIANMEN.county());
    assertEquals(JIANGAN, JIANGAN.county());
  }

  @Test
  void refusesCountyOfProvinceOrCity() {
    assertThrows(IllegalStateException.class, HUBEI::county);
    assertThrows(IllegalStateException.class, WUHAN::county);
  }

  @Test
  void trimsInputAndPrintsAsValue() {
    DivisionCode code = DivisionCode.of(" 429006107 ");
    assertEquals("429006107", code.value());
    assertEquals("429006107", code.toString());
    assertEquals(YUEKOU, code);
  }

  @Test
  void acceptsTheWholeProvinceRange() {
    assertEquals(Level.PROVINCE, DivisionCode.of("110000").level());
    assertEquals(Level.PROVINCE, DivisionCode.of("820000").level());
  }

  @Test
  void rejectsMissingCode() {
    assertEquals("DIVISION_CODE_REQUIRED", rejectionCode(null));
    assertEquals("DIVISION_CODE_REQUIRED", rejectionCode(""));
    assertEquals("DIVISION_CODE_REQUIRED", rejectionCode("  "));
  }

  @Test
  void rejectsLengthsOtherThanSixNineOrTwelve() {
    for (String wrong : new String[] {"42", "42900", "4290061", "42900610", "4290061070", "42900610720", "4290061072010"}) {
      assertEquals("DIVISION_CODE_FORMAT", rejectionCode(wrong), wrong);
    }
  }

  @Test
  void rejectsNonDigits() {
    assertEquals("DIVISION_CODE_FORMAT", rejectionCode("42900A"));
    assertEquals("DIVISION_CODE_FORMAT", rejectionCode("-42900"));
    assertEquals("DIVISION_CODE_FORMAT", rejectionCode("429 006"));
    assertEquals("DIVISION_CODE_FORMAT", rejectionCode("４29006"));
  }

  @Test
  void rejectsProvincePartOutsideElevenToEightyTwo() {
    assertEquals("DIVISION_CODE_FORMAT", rejectionCode("000000"));
    assertEquals("DIVISION_CODE_FORMAT", rejectionCode("000000000"));
    assertEquals("DIVISION_CODE_FORMAT", rejectionCode("000000000000"));
    assertEquals("DIVISION_CODE_FORMAT", rejectionCode("100000"));
    assertEquals("DIVISION_CODE_FORMAT", rejectionCode("830000"));
    assertEquals("DIVISION_CODE_FORMAT", rejectionCode("990000"));
  }
}
