package org.shouhu.beneficiaries.entity;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import org.shouhu.regions.entity.DivisionCode;

/**
 * The rules that relate one field of {@link Particulars} to another, each with the stable code a refusal carries
 * and the request field it is reported against. Listed in docs/beneficiaries.md; messages never quote a value.
 */
public enum ParticularsRule {
  CATEGORIES_REQUIRED("categories", "Choose at least one category.", Particulars::hasNoCategory),

  DIFFICULTY_TYPE_REQUIRED(
      "difficultyType",
      "A child in difficulty (困境儿童) needs the kind of difficulty.",
      p -> p.hasCategory(Category.CHILD_IN_DIFFICULTY) && p.difficultyType() == null),

  DIFFICULTY_TYPE_WITHOUT_CATEGORY(
      "difficultyType",
      "A kind of difficulty is recorded only for a child in difficulty (困境儿童).",
      p -> !p.hasCategory(Category.CHILD_IN_DIFFICULTY) && p.difficultyType() != null),

  BIRTH_DATE_REQUIRED(
      "birthDate",
      "Give the birth date, or the citizen identity number that contains it.",
      p -> p.givenBirthDate() == null && p.citizenId() == null),

  GENDER_REQUIRED(
      "gender",
      "Give the gender, or the citizen identity number that contains it.",
      p -> p.givenGender() == null && p.citizenId() == null),

  BIRTH_DATE_IMPLAUSIBLE(
      "birthDate",
      "A birth date lies between 1900-01-01 and today.",
      p ->
          p.givenBirthDate() != null
              && (p.givenBirthDate().isBefore(Limits.EARLIEST_BIRTH_DATE)
                  || p.givenBirthDate().isAfter(LocalDate.now(Limits.CHINA)))),

  CITIZEN_ID_BIRTH_DATE_MISMATCH(
      "birthDate",
      "The birth date does not agree with the one in the citizen identity number.",
      p ->
          p.givenBirthDate() != null
              && p.citizenId() != null
              && !p.givenBirthDate().equals(p.citizenId().birthDate())),

  CITIZEN_ID_GENDER_MISMATCH(
      "gender",
      "The gender does not agree with the one the citizen identity number records.",
      p -> p.givenGender() != null && p.citizenId() != null && p.givenGender() != p.citizenId().gender()),

  // Whether the code names a known village is a database question, answered at the boundary through
  // Regions.requireKnown before Particulars is built; this rule only insists on the village level.
  VILLAGE_CODE_LEVEL(
      "villageCode",
      "Give the 12-digit code of the village or community (村/社区), not of a town, county or province.",
      p -> p.village().level() != DivisionCode.Level.VILLAGE);

  private final String field;
  private final String message;
  private final Predicate<Particulars> broken;

  ParticularsRule(String field, String message, Predicate<Particulars> broken) {
    this.field = field;
    this.message = message;
    this.broken = broken;
  }

  /** The stable code, the same as the constant's name. */
  public String code() {
    return name();
  }

  /** The request field a refusal is reported against. */
  public String field() {
    return field;
  }

  public String message() {
    return message;
  }

  static List<ParticularsRule> brokenBy(Particulars particulars) {
    return Arrays.stream(values()).filter(rule -> rule.broken.test(particulars)).toList();
  }

  private static final class Limits {
    // Birth dates are Beijing dates, as in CitizenId: a child born this morning in China is not "in the future".
    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    static final LocalDate EARLIEST_BIRTH_DATE = LocalDate.of(1900, 1, 1);
  }
}
