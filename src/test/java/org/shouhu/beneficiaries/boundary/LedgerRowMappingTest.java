package org.shouhu.beneficiaries.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.shouhu.beneficiaries.control.LedgerEntry;
import org.shouhu.beneficiaries.control.LedgerRow;
import org.shouhu.beneficiaries.entity.Category;
import org.shouhu.beneficiaries.entity.ConsentMethod;
import org.shouhu.beneficiaries.entity.DifficultyType;
import org.shouhu.beneficiaries.entity.Gender;
import org.shouhu.beneficiaries.entity.Relationship;
import org.shouhu.beneficiaries.entity.RiskLevel;
import org.shouhu.problems.entity.FieldError;

class LedgerRowMappingTest {

  // A boy born 2015-03-12 in 天门 (GB 11643 check character computed).
  static final String BOY_ID = "429006201503121230";

  /** A complete, valid row as the template describes it, in the words people type. */
  static Map<String, String> goodRow() {
    Map<String, String> cells = new LinkedHashMap<>();
    cells.put("姓名", "张小明");
    cells.put("性别", "男");
    cells.put("出生日期", "2015/3/12");
    cells.put("公民身份号码", BOY_ID);
    cells.put("联系电话", "");
    cells.put("村(社区)代码", "429006107204");
    cells.put("学校", "岳口镇中心小学");
    cells.put("年级", "四年级");
    cells.put("类别", "留守儿童、困境儿童");
    cells.put("困境类型", "孤儿");
    cells.put("风险等级", "中");
    cells.put("风险说明", "祖母年迈，放学后无人看护");
    cells.put("同意方式", "书面");
    cells.put("同意日期", "20240901");
    cells.put("同意人", "李秀英");
    cells.put("同意人关系", "祖父母");
    cells.put("监护人姓名", "李秀英");
    cells.put("监护人关系", "奶奶");
    cells.put("监护人电话", "0728-5212345");
    cells.put("是否同住", "是");
    cells.put("委托监护", "是");
    cells.put("委托协议日期", "2024-02-20");
    return cells;
  }

  static LedgerRowMapping.Mapped map(Map<String, String> cells) {
    return LedgerRowMapping.map(new LedgerRow(7, cells));
  }

  static Map<String, String> codes(LedgerRowMapping.Mapped mapped) {
    assertFalse(mapped.ok(), "expected a refused row");
    return mapped.errors().stream()
        .collect(Collectors.toMap(FieldError::field, FieldError::code, (a, b) -> a, LinkedHashMap::new));
  }

  static Map<String, String> with(String column, String value) {
    Map<String, String> cells = goodRow();
    cells.put(column, value);
    return cells;
  }

  @Test
  void readsAGoodRowWrittenInChinese() {
    var mapped = map(goodRow());
    assertTrue(mapped.ok(), () -> mapped.errors().toString());
    LedgerEntry entry = mapped.entry();
    assertEquals(Gender.MALE, entry.particulars().gender());
    assertEquals(LocalDate.of(2015, 3, 12), entry.particulars().birthDate());
    assertEquals(EnumSet.of(Category.LEFT_BEHIND_CHILD, Category.CHILD_IN_DIFFICULTY), entry.particulars().categories());
    assertEquals(DifficultyType.ORPHAN, entry.particulars().difficultyType());
    assertNull(entry.particulars().phone());
    assertEquals(LocalDate.of(2024, 9, 1), entry.consent().givenOn());
    assertEquals(Relationship.GRANDPARENT, entry.consent().relationship());
    assertEquals(ConsentMethod.WRITTEN, entry.consent().method());
    assertEquals(Relationship.GRANDPARENT, entry.guardian().relationship());
    assertEquals("07285212345", entry.guardian().phone().value());
    assertTrue(entry.guardian().livesWithChild());
    assertTrue(entry.guardian().entrusted());
    assertEquals(LocalDate.of(2024, 2, 20), entry.guardian().entrustmentAgreedOn());
    assertEquals(RiskLevel.MEDIUM, entry.riskLevel());
  }

  @Test
  void acceptsTheApiNamesAsWell() {
    Map<String, String> cells = goodRow();
    cells.put("性别", "male");
    cells.put("类别", "CHILD_IN_DIFFICULTY, LEFT_BEHIND_CHILD");
    cells.put("困境类型", "ORPHAN");
    cells.put("同意方式", "WRITTEN");
    cells.put("同意人关系", "GRANDPARENT");
    cells.put("风险等级", "HIGH");
    cells.put("是否同住", "Y");
    var mapped = map(cells);
    assertTrue(mapped.ok(), () -> mapped.errors().toString());
    assertEquals(RiskLevel.HIGH, mapped.entry().riskLevel());
  }

  @Test
  void withoutGuardianOrRiskColumnsTheRowHasNeither() {
    Map<String, String> cells = goodRow();
    for (String column : new String[] {"监护人姓名", "监护人关系", "监护人电话", "是否同住", "委托监护", "委托协议日期", "风险等级", "风险说明"}) {
      cells.remove(column);
    }
    var mapped = map(cells);
    assertTrue(mapped.ok(), () -> mapped.errors().toString());
    assertNull(mapped.entry().guardian());
    assertNull(mapped.entry().riskLevel());
  }

  @Test
  void birthDateAndGenderMayBeLeftToTheCitizenId() {
    Map<String, String> cells = goodRow();
    cells.remove("性别");
    cells.put("出生日期", "");
    var mapped = map(cells);
    assertTrue(mapped.ok(), () -> mapped.errors().toString());
    assertEquals(LocalDate.of(2015, 3, 12), mapped.entry().particulars().birthDate());
  }

  @Test
  void headerVariantsAreAccepted() {
    Map<String, String> cells = goodRow();
    cells.put("身份证号", cells.remove("公民身份号码"));
    cells.put("村（社区）代码", cells.remove("村(社区)代码"));
    var mapped = map(cells);
    assertTrue(mapped.ok(), () -> mapped.errors().toString());
  }

  @Test
  void rejectsARowWithoutCitizenIdBecauseReimportCouldNotFindIt() {
    assertEquals("CITIZEN_ID_REQUIRED_FOR_IMPORT", codes(map(with("公民身份号码", ""))).get("公民身份号码"));
  }

  @Test
  void rejectsAMistypedCitizenIdWithoutQuotingIt() {
    String mistyped = BOY_ID.substring(0, 17) + "9";
    var mapped = map(with("公民身份号码", mistyped));
    assertEquals("CITIZEN_ID_CHECK", codes(mapped).get("公民身份号码"));
    mapped.errors().forEach(e -> assertFalse(e.message().contains(mistyped.substring(0, 14)), e.message()));
  }

  @Test
  void rejectsEachMalformedCellUnderItsColumnWithTheApisCode() {
    assertEquals("DATE_FORMAT", codes(map(with("出生日期", "三月十二日"))).get("出生日期"));
    assertEquals("DATE_FORMAT", codes(map(with("同意日期", "2024-02-30"))).get("同意日期"));
    assertEquals("YES_NO_FORMAT", codes(map(with("是否同住", "有时"))).get("是否同住"));
    assertEquals("GENDER_UNKNOWN", codes(map(with("性别", "未知"))).get("性别"));
    assertEquals("CATEGORY_UNKNOWN", codes(map(with("类别", "留守儿童、孤寡"))).get("类别"));
    assertEquals("DIFFICULTY_TYPE_UNKNOWN", codes(map(with("困境类型", "饥饿"))).get("困境类型"));
    assertEquals("PHONE_FORMAT", codes(map(with("联系电话", "12345"))).get("联系电话"));
    assertEquals("DIVISION_CODE_FORMAT", codes(map(with("村(社区)代码", "42900610720X"))).get("村(社区)代码"));
    assertEquals("PERSON_NAME_REQUIRED", codes(map(with("姓名", ""))).get("姓名"));
    assertEquals("CONSENT_METHOD_UNKNOWN", codes(map(with("同意方式", "默许"))).get("同意方式"));
    assertEquals("RELATIONSHIP_UNKNOWN", codes(map(with("监护人关系", "邻居"))).get("监护人关系"));
    assertEquals("RISK_LEVEL_UNKNOWN", codes(map(with("风险等级", "极高"))).get("风险等级"));
    assertEquals("REQUIRED", codes(map(with("风险说明", ""))).get("风险说明"));
    assertEquals("PERSON_NAME_REQUIRED", codes(map(with("监护人姓名", ""))).get("监护人姓名"));
  }

  @Test
  void anUnknownWordIsAnsweredWithTheWordsThatWork() {
    FieldError error = map(with("性别", "未知")).errors().get(0);
    assertTrue(error.message().contains("男, 女"), error.message());
    assertFalse(error.message().contains("未知"), "no echo of the cell");
  }

  @Test
  void appliesTheRulesBetweenFieldsAsTheApiDoes() {
    assertEquals("VILLAGE_CODE_LEVEL", codes(map(with("村(社区)代码", "429006107"))).get("村(社区)代码"));
    assertEquals("CITIZEN_ID_BIRTH_DATE_MISMATCH", codes(map(with("出生日期", "2015-03-13"))).get("出生日期"));
    assertEquals("CITIZEN_ID_GENDER_MISMATCH", codes(map(with("性别", "女"))).get("性别"));
    assertEquals("DIFFICULTY_TYPE_REQUIRED", codes(map(with("困境类型", ""))).get("困境类型"));
    assertEquals("DIFFICULTY_TYPE_WITHOUT_CATEGORY", codes(map(with("类别", "留守儿童"))).get("困境类型"));
    assertEquals("CONSENT_GUARDIAN_REQUIRED", codes(map(with("同意人关系", "本人"))).get("同意人关系"));
    assertEquals("CONSENT_BEFORE_BIRTH", codes(map(with("同意日期", "2014-01-01"))).get("同意日期"));
    assertEquals("GUARDIAN_RELATIONSHIP_SELF", codes(map(with("监护人关系", "本人"))).get("监护人关系"));
    assertEquals("GUARDIAN_ENTRUSTMENT_DATE_REQUIRED", codes(map(with("委托协议日期", ""))).get("委托协议日期"));
  }

  @Test
  void aRowWithNoConsentNamesEachMissingColumn() {
    Map<String, String> cells = goodRow();
    for (String column : new String[] {"同意方式", "同意日期", "同意人", "同意人关系"}) {
      cells.remove(column);
    }
    var codes = codes(map(cells));
    assertEquals("REQUIRED", codes.get("同意方式"));
    assertEquals("REQUIRED", codes.get("同意日期"));
    assertEquals("PERSON_NAME_REQUIRED", codes.get("同意人"));
    assertEquals("REQUIRED", codes.get("同意人关系"));
  }

  @Test
  void reportsSeveralColumnsAtOnceButEachColumnOnce() {
    Map<String, String> cells = goodRow();
    cells.put("联系电话", "12345");
    cells.put("类别", "孤寡、独居");
    cells.put("是否同住", "maybe");
    var mapped = map(cells);
    var codes = codes(mapped);
    assertEquals("PHONE_FORMAT", codes.get("联系电话"));
    assertEquals("CATEGORY_UNKNOWN", codes.get("类别"));
    assertEquals("YES_NO_FORMAT", codes.get("是否同住"));
    assertEquals(mapped.errors().size(), codes.size(), "one error per column");
  }

  @Test
  void readsTheDateFormatsSpreadsheetsProduce() {
    LocalDate day = LocalDate.of(2015, 3, 12);
    for (String text : new String[] {"2015-03-12", "2015/3/12", "20150312", "2015.3.12", "2015年3月12日", "3/12/15"}) {
      assertEquals(day, LedgerRowMapping.date(text), text);
    }
    assertEquals(LocalDate.of(1948, 7, 1), LedgerRowMapping.date("7/1/48"), "a two-digit year is never in the future");
    assertThrows(DateTimeException.class, () -> LedgerRowMapping.date("2015-02-30"));
    assertThrows(DateTimeException.class, () -> LedgerRowMapping.date("12.03.2015"));
  }

  @Test
  void knowsTheTemplateColumnsAndTheirVariants() {
    assertTrue(LedgerRowMapping.isKnownColumn("姓名"));
    assertTrue(LedgerRowMapping.isKnownColumn("身份证号"));
    assertFalse(LedgerRowMapping.isKnownColumn("name"));
    assertEquals("类别", LedgerRowMapping.columnOf("categories[2]"));
    assertEquals("监护人关系", LedgerRowMapping.columnOf("guardian.relationship"));
    assertNotNull(LedgerRowMapping.COLUMNS);
  }
}
