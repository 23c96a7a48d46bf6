package org.shouhu.services.control;

import java.util.Optional;

/** The contract pays for work inside its period (dates in China time, both ends of the service). */
public class InsidePeriodRule implements ServiceRule {

  public static final String CODE = "SVC_OUTSIDE_PERIOD";

  @Override
  public String code() {
    return CODE;
  }

  @Override
  public Optional<Breach> check(Candidate r) {
    boolean inside =
        r.period().contains(r.startedAt().atZoneSameInstant(r.zone()).toLocalDate())
            && r.period().contains(r.endedAt().atZoneSameInstant(r.zone()).toLocalDate());
    return inside
        ? Optional.empty()
        : Optional.of(Breach.refusal(CODE, "startedAt",
            "The service lies outside the project period " + r.period().start() + " – " + r.period().end() + "."));
  }
}
