package org.shouhu.services.control;

import java.util.Optional;
import org.shouhu.regions.entity.DivisionCode;

/** The contract pays for work in the towns it covers: the place is one of them or a village in one. */
public class InsideAreaRule implements ServiceRule {

  public static final String CODE = "SVC_OUTSIDE_AREA";

  @Override
  public String code() {
    return CODE;
  }

  @Override
  public Optional<Breach> check(Candidate r) {
    boolean inside = r.coveredTowns().stream().map(DivisionCode::of).anyMatch(r.place()::isWithin);
    return inside
        ? Optional.empty()
        : Optional.of(Breach.refusal(CODE, "placeCode", "Place " + r.place() + " lies outside the towns the project covers."));
  }
}
