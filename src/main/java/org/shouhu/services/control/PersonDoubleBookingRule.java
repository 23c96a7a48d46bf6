package org.shouhu.services.control;

import java.util.Optional;
import org.shouhu.services.entity.ServiceFlag;

/**
 * One person cannot be served twice in the same hour. Unlike the worker's double booking this is not refused: two
 * workers often visit a home together and each logs it, and the second record is then the same service claimed
 * again — under the same contract or another one. Flagged for the reviewer and counted in the bureau's
 * data-quality signals.
 */
public class PersonDoubleBookingRule implements ServiceRule {

  @Override
  public String code() {
    return ServiceFlag.PERSON_DOUBLE_BOOKED.name();
  }

  @Override
  public Optional<Breach> check(Candidate r) {
    return r.bookedElsewhere().isEmpty()
        ? Optional.empty()
        : Optional.of(Breach.flag(ServiceFlag.PERSON_DOUBLE_BOOKED,
            "Already in another record at an overlapping time: " + r.bookedElsewhere() + "."));
  }
}
