package org.shouhu.services.control;

import java.util.Optional;

/** A home visit counts toward a home-visit deliverable, not toward the group sessions the contract also buys. */
public class DeliverableKindRule implements ServiceRule {

  public static final String CODE = "SVC_DELIVERABLE_KIND_MISMATCH";

  @Override
  public String code() {
    return CODE;
  }

  @Override
  public Optional<Breach> check(Candidate r) {
    return r.deliverableKind() == null || r.deliverableKind() == r.kind()
        ? Optional.empty()
        : Optional.of(Breach.refusal(CODE, "deliverableId",
            "A " + r.kind() + " record cannot count toward a " + r.deliverableKind() + " deliverable."));
  }
}
