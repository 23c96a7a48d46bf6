package org.shouhu.services.entity;

import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.Set;
import org.shouhu.problems.entity.InvalidValueException;

/** The report itself: to which authorities, and when. A mandatory report goes to at least one. */
public record Report(Set<Authority> to, OffsetDateTime at) {

  public Report {
    if (to == null || to.isEmpty()) {
      throw new InvalidValueException("INC_REPORTED_TO_REQUIRED", "Name at least one authority the concern was reported to.");
    }
    if (at == null) {
      throw new InvalidValueException("REQUIRED", "Say when it was reported.");
    }
    to = Set.copyOf(EnumSet.copyOf(to));
  }
}
