package org.shouhu.contracts.entity;

import org.shouhu.problems.entity.InvalidValueException;

/**
 * The weights of the four indicators, whole percentage points adding up to 100. Immutable.
 */
public record Weights(int completion, int quality, int satisfaction, int compliance) {

  /** 完成度 40, 质量 30, 满意度 20, 规范 10: the weights of the bureau's standard sheet. */
  public static final Weights DEFAULT = new Weights(40, 30, 20, 10);

  public Weights {
    for (int w : new int[] {completion, quality, satisfaction, compliance}) {
      if (w < 0 || w > 100) {
        throw new InvalidValueException("EVAL_WEIGHT_RANGE", "Each weight is a whole number from 0 to 100.");
      }
    }
    if (completion + quality + satisfaction + compliance != 100) {
      throw new InvalidValueException(
          "EVAL_WEIGHTS_SUM", "The weights add up to " + (completion + quality + satisfaction + compliance) + ", not 100.");
    }
  }

  public int of(Indicator indicator) {
    return switch (indicator) {
      case COMPLETION -> completion;
      case QUALITY -> quality;
      case SATISFACTION -> satisfaction;
      case COMPLIANCE -> compliance;
    };
  }
}
