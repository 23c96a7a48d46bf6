package org.shouhu.regions.entity;

import org.shouhu.problems.entity.InvalidValueException;

/**
 * An administrative division code (行政区划代码): 6 digits for province, city and county (GB/T 2260), extended
 * to 9 digits for a town or street (乡镇/街道) and to 12 digits for a village or community (村/社区). The digits
 * are hierarchical, so containment is a matter of comparing prefixes.
 */
public record DivisionCode(String value) {

  // 11 is Beijing and 82 is Macao; nothing outside that range has ever been a province code.
  private static final int LOWEST_PROVINCE = 11;
  private static final int HIGHEST_PROVINCE = 82;

  /** Where a division sits in the hierarchy (省 / 市 / 县 / 乡镇 / 村). */
  public enum Level {
    PROVINCE(2),
    CITY(4),
    COUNTY(6),
    TOWN(9),
    VILLAGE(12);

    // The digits beyond this are padding (zeros) or belong to divisions below.
    private final int significantDigits;

    Level(int significantDigits) {
      this.significantDigits = significantDigits;
    }
  }

  public DivisionCode {
    if (value == null || value.isBlank()) {
      throw new InvalidValueException("DIVISION_CODE_REQUIRED", "An administrative division code is required.");
    }
    value = value.trim();
    int length = value.length();
    if ((length != 6 && length != 9 && length != 12) || !allAsciiDigits(value)) {
      throw new InvalidValueException(
          "DIVISION_CODE_FORMAT", "An administrative division code has exactly 6, 9 or 12 digits.");
    }
    int province = Integer.parseInt(value.substring(0, 2));
    if (province < LOWEST_PROVINCE || province > HIGHEST_PROVINCE) {
      throw new InvalidValueException(
          "DIVISION_CODE_FORMAT",
          "An administrative division code starts with a province code between 11 and 82, not "
              + value.substring(0, 2) + ".");
    }
  }

  public static DivisionCode of(String raw) {
    return new DivisionCode(raw);
  }

  /**
   * Counties are told apart only by not ending in 00, which is why a county-level city directly under its
   * province (省直辖县级市, e.g. 天门市 429006) is a COUNTY although no city sits above it.
   */
  public Level level() {
    return switch (value.length()) {
      case 9 -> Level.TOWN;
      case 12 -> Level.VILLAGE;
      default -> value.endsWith("0000") ? Level.PROVINCE : value.endsWith("00") ? Level.CITY : Level.COUNTY;
    };
  }

  /**
   * The 6-digit GB/T 2260 division a county, town or village belongs to. For a town directly under a city
   * without counties (e.g. 东莞市 441900) that is the city itself.
   *
   * @throws IllegalStateException for a province or city, which belong to no county
   */
  public DivisionCode county() {
    Level level = level();
    if (level == Level.PROVINCE || level == Level.CITY) {
      throw new IllegalStateException("A " + level + " division (" + value + ") lies in no county.");
    }
    return level == Level.COUNTY ? this : new DivisionCode(value.substring(0, 6));
  }

  /** True when this division is {@code other} itself or lies anywhere below it. */
  public boolean isWithin(DivisionCode other) {
    return value.startsWith(other.value.substring(0, other.level().significantDigits));
  }

  @Override
  public String toString() {
    return value;
  }

  private static boolean allAsciiDigits(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }
}
