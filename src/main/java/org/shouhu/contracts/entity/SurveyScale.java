package org.shouhu.contracts.entity;

import java.math.BigDecimal;
import org.shouhu.problems.entity.InvalidValueException;

/**
 * How a survey was scored: a five-point scale (非常不满意 1 … 非常满意 5) or a 0–100 score. Both are brought to
 * 0–100 for the satisfaction indicator; a five-point answer counts 20 points a step (5 → 100, 4 → 80, 3 → 60),
 * the usual reading of paper questionnaires, so "satisfied" (4) is a good score and not 75.
 */
public enum SurveyScale {
  FIVE_POINT,
  PERCENT;

  public BigDecimal check(BigDecimal score) {
    if (score == null) {
      throw new InvalidValueException("REQUIRED", "A score is required.");
    }
    boolean ok = switch (this) {
      case FIVE_POINT -> score.stripTrailingZeros().scale() <= 0 && score.compareTo(BigDecimal.ONE) >= 0
          && score.compareTo(new BigDecimal("5")) <= 0;
      case PERCENT -> score.signum() >= 0 && score.compareTo(new BigDecimal("100")) <= 0
          && score.stripTrailingZeros().scale() <= 2;
    };
    if (!ok) {
      throw new InvalidValueException("SURVEY_SCORE_RANGE",
          this == FIVE_POINT ? "A five-point answer is a whole number from 1 to 5." : "A score is from 0 to 100, to two decimals.");
    }
    return score;
  }

  /** The answer on the 0–100 scale of the satisfaction indicator. */
  public BigDecimal toPercent(BigDecimal score) {
    return this == FIVE_POINT ? score.multiply(new BigDecimal("20")) : score;
  }
}
