package org.shouhu.services.control;

import java.util.Optional;
import java.util.stream.Collectors;

/** The contract pays for serving the people enrolled in it; unknown ids are not enrolled either. */
public class EnrolledParticipantsRule implements ServiceRule {

  public static final String CODE = "SVC_PARTICIPANT_NOT_ENROLLED";

  @Override
  public String code() {
    return CODE;
  }

  @Override
  public Optional<Breach> check(Candidate r) {
    var outside = r.participants().stream().filter(p -> !r.enrolled().contains(p)).map(Object::toString)
        .collect(Collectors.joining(", "));
    return outside.isEmpty()
        ? Optional.empty()
        : Optional.of(Breach.refusal(CODE, "participants", "Not enrolled in this project: " + outside + "."));
  }
}
