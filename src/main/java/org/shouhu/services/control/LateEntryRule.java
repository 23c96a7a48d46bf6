package org.shouhu.services.control;

import java.time.Duration;
import java.util.Optional;
import org.shouhu.services.entity.ServiceFlag;

/** Logged more than seven days after the service ended: allowed, flagged for the reviewer. */
public class LateEntryRule implements ServiceRule {

  static final Duration GRACE = Duration.ofDays(7);

  @Override
  public String code() {
    return ServiceFlag.LATE_ENTRY.name();
  }

  @Override
  public Optional<Breach> check(Candidate r) {
    return r.loggedAt().isAfter(r.endedAt().plus(GRACE))
        ? Optional.of(Breach.flag(ServiceFlag.LATE_ENTRY, "Logged more than 7 days after the service."))
        : Optional.empty();
  }
}
