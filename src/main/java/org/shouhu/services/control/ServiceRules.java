package org.shouhu.services.control;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.shouhu.problems.entity.FieldError;
import org.shouhu.problems.entity.ProblemException;
import org.shouhu.services.control.Breach.Severity;
import org.shouhu.services.entity.ServiceFlag;

/**
 * Runs every rule over a candidate record and decides: field refusals first (400, all of them at once), then a
 * conflict with another record (409), else the flags to store.
 */
public final class ServiceRules {

  public static final List<ServiceRule> ALL = List.of(
      new TimeOrderRule(),
      new PlausibleDurationRule(),
      new NotInFutureRule(),
      new InsidePeriodRule(),
      new InsideAreaRule(),
      new DeliverableOfProjectRule(),
      new DeliverableKindRule(),
      new EnrolledParticipantsRule(),
      new DoubleBookingRule(),
      new LateEntryRule(),
      new SameDayRepeatRule(),
      new PersonDoubleBookingRule());

  private ServiceRules() {}

  /** The flags to store, if nothing refused the record. */
  public static Set<ServiceFlag> judge(Candidate candidate) {
    List<Breach> found = new ArrayList<>();
    ALL.forEach(rule -> rule.check(candidate).ifPresent(found::add));
    List<FieldError> refusals = found.stream()
        .filter(b -> b.severity() == Severity.REFUSAL)
        .map(b -> new FieldError(b.field(), b.code(), b.message()))
        .toList();
    if (!refusals.isEmpty()) {
      throw ProblemException.invalid(refusals);
    }
    found.stream().filter(b -> b.severity() == Severity.CONFLICT).findFirst().ifPresent(b -> {
      throw new ProblemException(409, b.code(), "Conflict", b.message(), List.of(),
          candidate.overlapping().isEmpty() ? Map.of() : Map.of("conflictingId", candidate.overlapping().get(0).toString()));
    });
    Set<ServiceFlag> flags = EnumSet.noneOf(ServiceFlag.class);
    found.stream().filter(b -> b.severity() == Severity.FLAG).forEach(b -> flags.add(ServiceFlag.valueOf(b.code())));
    return flags;
  }
}
