package org.shouhu;

import java.util.List;

/**
 * One page of a list, as every list endpoint answers: the items, the total matching, and the window asked for.
 */
public record Page<T>(List<T> items, long total, int offset, int limit) {

  public static final int DEFAULT_LIMIT = 50;
  public static final int MAX_LIMIT = 200;

  /**
   * Clamps a requested window into the allowed range instead of refusing a harmless over-ask. Taken as text:
   * JAX-RS answers a query parameter it cannot convert with 404, which would tell a client its path is wrong.
   */
  public static int limit(String requested) {
    int n = number("limit", requested, DEFAULT_LIMIT);
    return n <= 0 ? DEFAULT_LIMIT : Math.min(n, MAX_LIMIT);
  }

  public static int offset(String requested) {
    return Math.max(0, number("offset", requested, 0));
  }

  private static int number(String field, String text, int absent) {
    if (text == null || text.isBlank()) {
      return absent;
    }
    try {
      return Integer.parseInt(text.strip());
    } catch (NumberFormatException e) {
      throw org.shouhu.problems.entity.ProblemException.invalid(
          field, "PAGE_PARAMETER_FORMAT", "'" + field + "' is a whole number below 2147483648.");
    }
  }
}
