package org.shouhu.services.control;

import java.time.Duration;
import java.util.Optional;

/** Work is logged once done: a service cannot end in the future (a few minutes' clock skew of a phone allowed). */
public class NotInFutureRule implements ServiceRule {

  public static final String CODE = "SVC_IN_FUTURE";
  static final Duration SKEW = Duration.ofMinutes(10);

  @Override
  public String code() {
    return CODE;
  }

  @Override
  public Optional<Breach> check(Candidate r) {
    return r.endedAt().isAfter(r.now().plus(SKEW))
        ? Optional.of(Breach.refusal(CODE, "endedAt", "The service ends in the future; log it once it is done."))
        : Optional.empty();
  }
}
