package org.shouhu.services.control;

import java.util.Optional;

/** A service ends after it starts. */
public class TimeOrderRule implements ServiceRule {

  public static final String CODE = "SVC_TIME_ORDER";

  @Override
  public String code() {
    return CODE;
  }

  @Override
  public Optional<Breach> check(Candidate r) {
    return r.timesInOrder()
        ? Optional.empty()
        : Optional.of(Breach.refusal(CODE, "endedAt", "The service ends before (or when) it starts."));
  }
}
