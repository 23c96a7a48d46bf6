package org.shouhu.services.control;

import java.util.Optional;

/**
 * A worker is in one place at a time: a record overlapping another live record of the same worker is refused as a
 * conflict (409), because the fix is to correct or void one of the two, not to retype a field.
 */
public class DoubleBookingRule implements ServiceRule {

  public static final String CODE = "SVC_WORKER_DOUBLE_BOOKED";

  @Override
  public String code() {
    return CODE;
  }

  @Override
  public Optional<Breach> check(Candidate r) {
    return r.overlapping().isEmpty()
        ? Optional.empty()
        : Optional.of(Breach.conflict(CODE, "The worker has another record at that time: " + r.overlapping().get(0) + "."));
  }
}
