package org.shouhu.beneficiaries.entity;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Locale;
import org.shouhu.problems.entity.InvalidValueException;

/**
 * A beneficiary's citizen identity number (公民身份号码, GB 11643-1999): where the person was first registered,
 * their birth date, their sex, and a check character that catches typing mistakes.
 *
 * <p>The number is personal data. {@link #toString()} and every exception message stay masked so that it cannot
 * leak into a log or an error response by accident; only {@link #value()} hands out the full number.
 */
public record CitizenId(String value) {

  // Birth dates are written in Beijing time; a server in UTC would otherwise refuse a child born this morning.
  private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
  private static final LocalDate EARLIEST_BIRTH_DATE = LocalDate.of(1900, 1, 1);
  private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  private static final String CHECK_CHARACTERS = "10X98765432";
  private static final int LENGTH = 18;

  /**
   * Checks everything about the number against the system clock in Beijing time, so that a value deserialised or
   * read from storage is never less checked than one built through {@link #of(String, Clock)}.
   */
  public CitizenId {
    value = normalise(value);
    LocalDate birthDate = parseBirthDate(value);
    rejectImplausible(birthDate, LocalDate.now(CHINA));
  }

  public static CitizenId of(String raw) {
    return new CitizenId(raw);
  }

  /**
   * Decides "not born in the future" against {@code clock}. The constructor still applies the system clock as
   * well, so a clock running ahead of real time cannot admit a birth date the real calendar has not reached.
   */
  public static CitizenId of(String raw, Clock clock) {
    String normalised = normalise(raw);
    rejectImplausible(parseBirthDate(normalised), LocalDate.now(clock));
    return new CitizenId(normalised);
  }

  public LocalDate birthDate() {
    return parseBirthDate(value);
  }

  /** Where the number was first issued (行政区划代码); the person may long since have moved. */
  public String divisionCode() {
    return value.substring(0, 6);
  }

  public Gender gender() {
    return (value.charAt(16) - '0') % 2 == 1 ? Gender.MALE : Gender.FEMALE;
  }

  /** Enough to let a person recognise their own number on screen, too little to reconstruct it. */
  public String masked() {
    return value.substring(0, 4) + "*".repeat(LENGTH - 8) + value.substring(LENGTH - 4);
  }

  @Override
  public String toString() {
    return masked();
  }

  private static String normalise(String raw) {
    if (raw == null || raw.isBlank()) {
      throw new InvalidValueException("CITIZEN_ID_REQUIRED", "A citizen identity number is required.");
    }
    // A lowercase x is the same check character; people type it that way on phones.
    String value = raw.trim().toUpperCase(Locale.ROOT);
    // Messages below never quote the input: they end up in responses and logs.
    if (value.length() != LENGTH) {
      throw new InvalidValueException(
          "CITIZEN_ID_FORMAT",
          "A citizen identity number has 18 characters, this one has " + value.length() + ".");
    }
    for (int i = 0; i < LENGTH - 1; i++) {
      if (!isAsciiDigit(value.charAt(i))) {
        throw new InvalidValueException(
            "CITIZEN_ID_FORMAT",
            "Characters 1 to 17 of a citizen identity number must be digits; character " + (i + 1) + " is not.");
      }
    }
    char last = value.charAt(LENGTH - 1);
    if (!isAsciiDigit(last) && last != 'X') {
      throw new InvalidValueException(
          "CITIZEN_ID_FORMAT", "The last character of a citizen identity number must be a digit or X.");
    }
    // The checksum goes before the date: a typo inside the date digits is a typo, not an impossible birthday.
    char expected = checkCharacter(value);
    if (last != expected) {
      throw new InvalidValueException(
          "CITIZEN_ID_CHECK",
          "The check character of this citizen identity number does not match; the number was probably"
              + " mistyped.");
    }
    return value;
  }

  private static LocalDate parseBirthDate(String value) {
    try {
      return LocalDate.of(
          Integer.parseInt(value.substring(6, 10)),
          Integer.parseInt(value.substring(10, 12)),
          Integer.parseInt(value.substring(12, 14)));
    } catch (DateTimeException e) {
      throw new InvalidValueException(
          "CITIZEN_ID_BIRTH_DATE", "Characters 7 to 14 of this citizen identity number are not a calendar date.");
    }
  }

  private static void rejectImplausible(LocalDate birthDate, LocalDate today) {
    if (birthDate.isBefore(EARLIEST_BIRTH_DATE)) {
      throw new InvalidValueException(
          "CITIZEN_ID_BIRTH_DATE", "The birth date in this citizen identity number lies before 1900.");
    }
    if (birthDate.isAfter(today)) {
      throw new InvalidValueException(
          "CITIZEN_ID_BIRTH_DATE", "The birth date in this citizen identity number lies in the future.");
    }
  }

  private static char checkCharacter(String value) {
    int sum = 0;
    for (int i = 0; i < LENGTH - 1; i++) {
      sum += (value.charAt(i) - '0') * WEIGHTS[i];
    }
    return CHECK_CHARACTERS.charAt(sum % 11);
  }

  private static boolean isAsciiDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
