package org.shouhu.tenancy.entity;

import java.util.regex.Pattern;
import org.shouhu.problems.entity.InvalidValueException;

/** The short name a user types at login to say which tenant they belong to, e.g. {@code tianmen-mzj}. */
public record Slug(String value) {

  private static final Pattern FORMAT = Pattern.compile("[a-z0-9][a-z0-9-]{1,62}");

  public Slug {
    if (value == null || value.isBlank()) {
      throw new InvalidValueException("TENANT_SLUG_REQUIRED", "A tenant slug is required.");
    }
    value = value.trim().toLowerCase();
    if (!FORMAT.matcher(value).matches()) {
      throw new InvalidValueException(
          "TENANT_SLUG_FORMAT",
          "A tenant slug is 2 to 63 lower-case letters, digits or hyphens, starting with a letter or digit.");
    }
  }

  @Override
  public String toString() {
    return value;
  }
}
