package org.shouhu.regions.control;

import java.util.Objects;
import org.shouhu.regions.entity.DivisionCode;
import org.shouhu.regions.entity.DivisionCode.Level;

/**
 * One row of the published national table, with codes already widened to 6, 9 or 12 digits, before it is
 * stored. Checked here so that a malformed source fails the load rather than entering the table.
 */
public record Division(DivisionCode code, String name, DivisionCode parent) {

  public Division {
    Objects.requireNonNull(code, "code");
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("division " + code + " has no name");
    }
    name = name.strip();
    if (parent != null && !code.isWithin(parent)) {
      throw new IllegalArgumentException("division " + code + " does not lie within its parent " + parent);
    }
  }

  public Level level() {
    return code.level();
  }
}
