package org.shouhu.beneficiaries.entity;

import java.util.List;
import org.shouhu.problems.entity.InvalidValueException;

/**
 * Particulars that break one or more {@link ParticularsRule}s. Carries all of them, so the boundary can report
 * every mistake in one answer; as an {@link InvalidValueException} it still reads as the first one anywhere else.
 */
public class ParticularsRefused extends InvalidValueException {

  private final List<ParticularsRule> broken;

  public ParticularsRefused(List<ParticularsRule> broken) {
    super(broken.get(0).code(), broken.get(0).message());
    this.broken = List.copyOf(broken);
  }

  public List<ParticularsRule> broken() {
    return broken;
  }
}
