package org.shouhu.services.control;

import java.util.Optional;
import org.shouhu.services.entity.ServiceFlag;

/**
 * The same person served twice the same day under the same project: sometimes right (a crisis), often a record
 * logged twice. Allowed, flagged so the reviewer does not count one visit twice.
 */
public class SameDayRepeatRule implements ServiceRule {

  @Override
  public String code() {
    return ServiceFlag.SAME_DAY_REPEAT.name();
  }

  @Override
  public Optional<Breach> check(Candidate r) {
    return r.servedSameDay().isEmpty()
        ? Optional.empty()
        : Optional.of(Breach.flag(ServiceFlag.SAME_DAY_REPEAT, "Already served under this project that day: " + r.servedSameDay() + "."));
  }
}
