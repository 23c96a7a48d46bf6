package org.shouhu.services.control;

import java.time.Duration;
import java.util.Optional;

/**
 * Between five minutes and eight hours. Shorter is a greeting at the door, longer is a typo in the date or an
 * attempt to make one visit stand for a day's work.
 */
public class PlausibleDurationRule implements ServiceRule {

  public static final String CODE = "SVC_DURATION_IMPLAUSIBLE";
  static final Duration SHORTEST = Duration.ofMinutes(5);
  static final Duration LONGEST = Duration.ofHours(8);

  @Override
  public String code() {
    return CODE;
  }

  @Override
  public Optional<Breach> check(Candidate r) {
    if (!r.timesInOrder()) {
      return Optional.empty();
    }
    Duration d = Duration.between(r.startedAt(), r.endedAt());
    return d.compareTo(SHORTEST) < 0 || d.compareTo(LONGEST) > 0
        ? Optional.of(Breach.refusal(CODE, "endedAt", "A service lasts between 5 minutes and 8 hours; this one " + d.toMinutes() + " minutes."))
        : Optional.empty();
  }
}
