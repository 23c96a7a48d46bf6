package org.shouhu.identity.entity;

import java.util.regex.Pattern;
import org.shouhu.problems.entity.InvalidValueException;

/** A login name, unique within its tenant. Lower case so that "Zhang.Wei" and "zhang.wei" are one account. */
public record Username(String value) {

  private static final Pattern FORMAT = Pattern.compile("[a-z0-9][a-z0-9._-]{1,63}");

  public Username {
    if (value == null || value.isBlank()) {
      throw new InvalidValueException("USERNAME_REQUIRED", "A username is required.");
    }
    value = value.trim().toLowerCase();
    if (!FORMAT.matcher(value).matches()) {
      throw new InvalidValueException(
          "USERNAME_FORMAT",
          "A username is 2 to 64 lower-case letters, digits, dots, hyphens or underscores.");
    }
  }

  @Override
  public String toString() {
    return value;
  }
}
