package org.shouhu.beneficiaries.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.shouhu.beneficiaries.entity.Fixtures.BOY;
import static org.shouhu.beneficiaries.entity.Fixtures.VILLAGE;
import static org.shouhu.beneficiaries.entity.Fixtures.broken;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.shouhu.regions.entity.DivisionCode;

class ParticularsTest {

  private static final PersonName NAME = new PersonName("张小明");
  private static final Set<Category> LEFT_BEHIND = Set.of(Category.LEFT_BEHIND_CHILD);

  @Test
  void takesBirthDateAndGenderFromTheCitizenIdWhenNotGiven() {
    Particulars p = Particulars.of(NAME, null, null, BOY, null, VILLAGE, null, null, LEFT_BEHIND, null);
    assertEquals(LocalDate.of(2015, 3, 12), p.birthDate());
    assertEquals(Gender.MALE, p.gender());
  }

  @Test
  void acceptsABirthDateAndGenderThatAgreeWithTheCitizenId() {
    Particulars p =
        Particulars.of(
            NAME, Gender.MALE, LocalDate.of(2015, 3, 12), BOY, null, VILLAGE, null, null, LEFT_BEHIND, null);
    assertEquals(LocalDate.of(2015, 3, 12), p.birthDate());
  }

  @Test
  void refusesABirthDateOrGenderThatContradictsTheCitizenId() {
    assertEquals(
        List.of(ParticularsRule.CITIZEN_ID_BIRTH_DATE_MISMATCH, ParticularsRule.CITIZEN_ID_GENDER_MISMATCH),
        broken(
            () ->
                Particulars.of(
                    NAME, Gender.FEMALE, LocalDate.of(2015, 3, 13), BOY, null, VILLAGE, null, null, LEFT_BEHIND,
                    null)));
  }

  @Test
  void withoutACitizenIdNeedsBirthDateAndGender() {
    assertEquals(
        List.of(ParticularsRule.BIRTH_DATE_REQUIRED, ParticularsRule.GENDER_REQUIRED),
        broken(() -> Particulars.of(NAME, null, null, null, null, VILLAGE, null, null, LEFT_BEHIND, null)));
    Particulars p =
        Particulars.of(
            NAME, Gender.FEMALE, LocalDate.of(2016, 5, 1), null, null, VILLAGE, null, null, LEFT_BEHIND, null);
    assertNull(p.citizenId());
  }

  @Test
  void refusesABirthDateInTheFutureOrBefore1900() {
    for (LocalDate when : new LocalDate[] {LocalDate.now().plusDays(2), LocalDate.of(1899, 12, 31)}) {
      assertEquals(
          List.of(ParticularsRule.BIRTH_DATE_IMPLAUSIBLE),
          broken(() -> Particulars.of(NAME, Gender.MALE, when, null, null, VILLAGE, null, null, LEFT_BEHIND, null)));
    }
  }

  @Test
  void aChildInDifficultyNeedsExactlyTheKindOfDifficulty() {
    Set<Category> inDifficulty = Set.of(Category.CHILD_IN_DIFFICULTY, Category.LEFT_BEHIND_CHILD);
    assertEquals(
        List.of(ParticularsRule.DIFFICULTY_TYPE_REQUIRED),
        broken(() -> Particulars.of(NAME, null, null, BOY, null, VILLAGE, null, null, inDifficulty, null)));
    assertEquals(
        List.of(ParticularsRule.DIFFICULTY_TYPE_WITHOUT_CATEGORY),
        broken(() -> Particulars.of(NAME, null, null, BOY, null, VILLAGE, null, null, LEFT_BEHIND, DifficultyType.ORPHAN)));
    Particulars p =
        Particulars.of(NAME, null, null, BOY, null, VILLAGE, null, null, inDifficulty, DifficultyType.ORPHAN);
    assertEquals(DifficultyType.ORPHAN, p.difficultyType());
  }

  @Test
  void needsACategory() {
    assertEquals(
        List.of(ParticularsRule.CATEGORIES_REQUIRED),
        broken(() -> Particulars.of(NAME, null, null, BOY, null, VILLAGE, null, null, Set.of(), null)));
  }

  @Test
  void livesInAVillageNotATownOrCounty() {
    for (String code : new String[] {"429006", "429006104"}) {
      assertEquals(
          List.of(ParticularsRule.VILLAGE_CODE_LEVEL),
          broken(
              () ->
                  Particulars.of(
                      NAME, null, null, BOY, null, DivisionCode.of(code), null, null, LEFT_BEHIND, null)));
    }
  }

  @Test
  void reportsEveryBrokenRuleAtOnceWithAFieldAndNoValueInTheMessage() {
    List<ParticularsRule> all =
        broken(
            () ->
                Particulars.of(
                    NAME, Gender.FEMALE, LocalDate.of(2015, 1, 1), BOY, null, DivisionCode.of("429006"), null,
                    null, Set.of(Category.CHILD_IN_DIFFICULTY), null));
    assertEquals(4, all.size(), all.toString());
    for (ParticularsRule rule : ParticularsRule.values()) {
      assertFalse(rule.field().isBlank());
      assertFalse(rule.message().contains(BOY.value()));
    }
  }

  @Test
  void blankSchoolAndGradeAreAbsent() {
    Particulars p = Particulars.of(NAME, null, null, BOY, null, VILLAGE, "  ", " 四年级 ", LEFT_BEHIND, null);
    assertNull(p.school());
    assertEquals("四年级", p.grade());
  }
}
