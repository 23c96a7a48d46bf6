package org.shouhu.contracts.entity;

import java.math.BigDecimal;
import org.shouhu.problems.entity.InvalidValueException;

/** An amount in CNY, exact to the fen: no binary floating point ever touches money. */
public final class Budget {

  private static final BigDecimal MAX = new BigDecimal("999999999999.99");

  private Budget() {}

  public static BigDecimal check(BigDecimal amount) {
    if (amount == null) {
      throw new InvalidValueException("BUDGET_REQUIRED", "A budget in CNY is required.");
    }
    if (amount.signum() < 0) {
      throw new InvalidValueException("BUDGET_NEGATIVE", "A budget cannot be negative.");
    }
    if (amount.stripTrailingZeros().scale() > 2) {
      throw new InvalidValueException("BUDGET_SCALE", "A budget has at most two decimals (fen).");
    }
    if (amount.compareTo(MAX) > 0) {
      throw new InvalidValueException("BUDGET_TOO_LARGE", "A budget is below one trillion CNY.");
    }
    return amount.setScale(2);
  }
}
