package org.shouhu.contracts.entity;

import java.math.BigDecimal;

/** The grade of an evaluation's total: 优秀 ≥ 90, 良好 ≥ 80, 合格 ≥ 60, 不合格 below. Only 不合格 fails. */
public enum Grade {
  EXCELLENT("优秀", new BigDecimal("90")),
  GOOD("良好", new BigDecimal("80")),
  PASS("合格", new BigDecimal("60")),
  FAIL("不合格", BigDecimal.ZERO);

  private final String label;
  private final BigDecimal from;

  Grade(String label, BigDecimal from) {
    this.label = label;
    this.from = from;
  }

  /** The grade of a total between 0 and 100; the thresholds belong to the higher grade (90.00 is 优秀). */
  public static Grade of(BigDecimal total) {
    for (Grade g : values()) {
      if (total.compareTo(g.from) >= 0) {
        return g;
      }
    }
    return FAIL;
  }

  public boolean passed() {
    return this != FAIL;
  }

  public String label() {
    return label;
  }
}
