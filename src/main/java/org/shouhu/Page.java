package org.shouhu;

import java.util.List;

/**
 * One page of a list, as every list endpoint answers: the items, the total matching, and the window asked for.
 */
public record Page<T>(List<T> items, long total, int offset, int limit) {

  public static final int DEFAULT_LIMIT = 50;
  public static final int MAX_LIMIT = 200;

  /** Clamps a requested window into the allowed range instead of refusing a harmless over-ask. */
  public static int limit(Integer requested) {
    if (requested == null || requested <= 0) {
      return DEFAULT_LIMIT;
    }
    return Math.min(requested, MAX_LIMIT);
  }

  public static int offset(Integer requested) {
    return requested == null || requested < 0 ? 0 : requested;
  }
}
