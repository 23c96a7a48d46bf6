package org.shouhu.beneficiaries.entity;

import java.util.regex.Pattern;
import org.shouhu.problems.entity.InvalidValueException;

/**
 * A mainland Chinese phone number: an 11-digit mobile number, or a landline with its area code (common for
 * grandparents in villages). Kept as digits only. Personal data: {@link #toString()} is masked, and no message
 * here ever quotes the input.
 */
public record PhoneNumber(String value) {

  private static final Pattern MOBILE = Pattern.compile("1[3-9][0-9]{9}");
  // Area code 0 + 2 or 3 digits, then 7 or 8 digits: 10 to 12 digits in all.
  private static final Pattern LANDLINE = Pattern.compile("0[1-9][0-9]{8,10}");
  private static final Pattern SEPARATORS = Pattern.compile("[\\s()\\-]");

  public PhoneNumber {
    if (value == null || value.isBlank()) {
      throw new InvalidValueException("PHONE_REQUIRED", "A phone number is required.");
    }
    value = SEPARATORS.matcher(value).replaceAll("");
    if (value.startsWith("+86")) {
      value = value.substring(3);
    } else if (value.startsWith("0086")) {
      value = value.substring(4);
    }
    if (!MOBILE.matcher(value).matches() && !LANDLINE.matcher(value).matches()) {
      throw new InvalidValueException(
          "PHONE_FORMAT", "A phone number is an 11-digit mobile number or a landline number with its area code.");
    }
  }

  public static PhoneNumber of(String raw) {
    return new PhoneNumber(raw);
  }

  /** The first three and the last four digits: 138****5678. */
  public String masked() {
    return value.substring(0, 3) + "*".repeat(value.length() - 7) + value.substring(value.length() - 4);
  }

  @Override
  public String toString() {
    return masked();
  }
}
