package org.shouhu.beneficiaries.entity;

import org.shouhu.problems.entity.InvalidValueException;

/**
 * A person's name as written on their documents (Chinese characters, or a transliteration with a middle dot for
 * many minority names). Personal data: {@link #toString()} is masked so it cannot reach a log by accident.
 */
public record PersonName(String value) {

  public static final int MAX_LENGTH = 100;

  public PersonName {
    if (value == null || value.isBlank()) {
      throw new InvalidValueException("PERSON_NAME_REQUIRED", "A name is required.");
    }
    value = value.strip();
    // Counted in characters as PostgreSQL's varchar counts them, so a rare character outside the BMP counts once.
    if (value.codePointCount(0, value.length()) > MAX_LENGTH) {
      throw new InvalidValueException("PERSON_NAME_TOO_LONG", "A name has at most " + MAX_LENGTH + " characters.");
    }
    if (value.codePoints().anyMatch(Character::isISOControl)) {
      throw new InvalidValueException("PERSON_NAME_FORMAT", "A name cannot contain line breaks or control characters.");
    }
  }

  /**
   * Keeps the first and the last character and hides each one between: 张*明, 欧**明; a two-character name keeps
   * only its first (张*) and a one-character name shows nothing.
   */
  public String masked() {
    int[] chars = value.codePoints().toArray();
    if (chars.length == 1) {
      return "*";
    }
    if (chars.length == 2) {
      return new String(chars, 0, 1) + "*";
    }
    return new String(chars, 0, 1) + "*".repeat(chars.length - 2) + new String(chars, chars.length - 1, 1);
  }

  @Override
  public String toString() {
    return masked();
  }
}
