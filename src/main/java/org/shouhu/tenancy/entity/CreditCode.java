package org.shouhu.tenancy.entity;

import java.util.Locale;
import org.shouhu.problems.entity.InvalidValueException;

/**
 * An organisation's unified social credit code (统一社会信用代码, GB 32100-2015): the one identifier every
 * registered organisation in China carries, with a check character that catches typing mistakes before a
 * wrong organisation is onboarded.
 */
public record CreditCode(String value) {

  // GB 32100 leaves out I, O, Z, S and V because they are easily mistaken for 1, 0, 2, 5 and U.
  private static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  private static final int[] WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
  private static final int LENGTH = 18;

  public CreditCode {
    if (value == null || value.isBlank()) {
      throw new InvalidValueException("CREDIT_CODE_REQUIRED", "A unified social credit code is required.");
    }
    // People copy codes out of PDFs and type them by hand; case and stray blanks carry no meaning.
    value = value.trim().toUpperCase(Locale.ROOT);
    if (value.length() != LENGTH) {
      throw new InvalidValueException(
          "CREDIT_CODE_FORMAT",
          "A unified social credit code has 18 characters, this one has " + value.length() + ".");
    }
    for (int i = 0; i < LENGTH; i++) {
      if (ALPHABET.indexOf(value.charAt(i)) < 0) {
        throw new InvalidValueException(
            "CREDIT_CODE_FORMAT",
            "Character " + (i + 1) + " ('" + value.charAt(i) + "') may not appear in a unified social credit"
                + " code; allowed are digits and capital letters except I, O, Z, S and V.");
      }
    }
    for (int i = 2; i < 8; i++) {
      if (!isAsciiDigit(value.charAt(i))) {
        throw new InvalidValueException(
            "CREDIT_CODE_FORMAT",
            "Characters 3 to 8 of a unified social credit code are the administrative division code and"
                + " must be digits.");
      }
    }
    char expected = checkCharacter(value);
    if (value.charAt(LENGTH - 1) != expected) {
      throw new InvalidValueException(
          "CREDIT_CODE_CHECK",
          "The check character of this unified social credit code should be '" + expected + "', not '"
              + value.charAt(LENGTH - 1) + "'; the code was probably mistyped.");
    }
  }

  public static CreditCode of(String raw) {
    return new CreditCode(raw);
  }

  /** The 6-digit administrative division (行政区划代码) of the registering authority, positions 3 to 8. */
  public String divisionCode() {
    return value.substring(2, 8);
  }

  @Override
  public String toString() {
    return value;
  }

  private static char checkCharacter(String code) {
    int sum = 0;
    for (int i = 0; i < LENGTH - 1; i++) {
      sum += ALPHABET.indexOf(code.charAt(i)) * WEIGHTS[i];
    }
    // 31 - 0 would be 31, which is outside the alphabet; the standard folds it back to '0'.
    return ALPHABET.charAt((31 - sum % 31) % 31);
  }

  private static boolean isAsciiDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
