package org.shouhu.beneficiaries.entity;

import java.time.LocalDate;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.shouhu.regions.entity.DivisionCode;

/**
 * What the register says about a person, as a worker enters or revises it: name, sex, birth date, the citizen
 * identity number and phone when known, where they live, school, and why they are served.
 *
 * <p>Either the birth date and gender are given, or the citizen identity number is, which carries both; when
 * both are given they must agree. Every cross-field rule is a {@link ParticularsRule}; an instance exists only if
 * all of them hold, so the aggregate never has to check them again.
 */
public final class Particulars {

  private final PersonName name;
  private final Gender givenGender;
  private final LocalDate givenBirthDate;
  private final CitizenId citizenId;
  private final PhoneNumber phone;
  private final DivisionCode village;
  private final String school;
  private final String grade;
  private final EnumSet<Category> categories;
  private final DifficultyType difficultyType;

  private Particulars(
      PersonName name,
      Gender gender,
      LocalDate birthDate,
      CitizenId citizenId,
      PhoneNumber phone,
      DivisionCode village,
      String school,
      String grade,
      Collection<Category> categories,
      DifficultyType difficultyType) {
    this.name = Objects.requireNonNull(name, "name");
    this.givenGender = gender;
    this.givenBirthDate = birthDate;
    this.citizenId = citizenId;
    this.phone = phone;
    this.village = Objects.requireNonNull(village, "village");
    this.school = blankToNull(school);
    this.grade = blankToNull(grade);
    this.categories =
        categories == null || categories.isEmpty() ? EnumSet.noneOf(Category.class) : EnumSet.copyOf(categories);
    this.difficultyType = difficultyType;
  }

  /**
   * @throws ParticularsRefused naming every {@link ParticularsRule} the values break
   */
  public static Particulars of(
      PersonName name,
      Gender gender,
      LocalDate birthDate,
      CitizenId citizenId,
      PhoneNumber phone,
      DivisionCode village,
      String school,
      String grade,
      Collection<Category> categories,
      DifficultyType difficultyType) {
    Particulars given =
        new Particulars(name, gender, birthDate, citizenId, phone, village, school, grade, categories, difficultyType);
    List<ParticularsRule> broken = ParticularsRule.brokenBy(given);
    if (!broken.isEmpty()) {
      throw new ParticularsRefused(broken);
    }
    return given;
  }

  public PersonName name() {
    return name;
  }

  /** As given, or else as the citizen identity number says. */
  public Gender gender() {
    return givenGender != null ? givenGender : citizenId.gender();
  }

  /** As given, or else as the citizen identity number says. */
  public LocalDate birthDate() {
    return givenBirthDate != null ? givenBirthDate : citizenId.birthDate();
  }

  /** Null when not known. */
  public CitizenId citizenId() {
    return citizenId;
  }

  /** Null when not known. */
  public PhoneNumber phone() {
    return phone;
  }

  public DivisionCode village() {
    return village;
  }

  public String school() {
    return school;
  }

  public String grade() {
    return grade;
  }

  public Set<Category> categories() {
    return EnumSet.copyOf(categories);
  }

  public DifficultyType difficultyType() {
    return difficultyType;
  }

  // What the rules look at: the values as given, before anything is derived from the citizen identity number.

  Gender givenGender() {
    return givenGender;
  }

  LocalDate givenBirthDate() {
    return givenBirthDate;
  }

  boolean hasCategory(Category category) {
    return categories.contains(category);
  }

  boolean hasNoCategory() {
    return categories.isEmpty();
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text.strip();
  }
}
