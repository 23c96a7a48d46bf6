package org.shouhu.services.control;

import java.util.Optional;

/** The record names a deliverable of its own project. */
public class DeliverableOfProjectRule implements ServiceRule {

  public static final String CODE = "SVC_DELIVERABLE_UNKNOWN";

  @Override
  public String code() {
    return CODE;
  }

  @Override
  public Optional<Breach> check(Candidate r) {
    return r.deliverableKind() == null
        ? Optional.of(Breach.refusal(CODE, "deliverableId", "The project has no such deliverable."))
        : Optional.empty();
  }
}
