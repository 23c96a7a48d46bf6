package org.shouhu.services.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.shouhu.beneficiaries.entity.BeneficiaryId;
import org.shouhu.contracts.entity.ContractPeriod;
import org.shouhu.contracts.entity.ServiceKind;
import org.shouhu.problems.entity.ProblemException;
import org.shouhu.regions.entity.DivisionCode;
import org.shouhu.services.control.Breach.Severity;
import org.shouhu.services.entity.ServiceFlag;

/** Each rule on its own, with a candidate that passes every rule unless a test changes one thing. */
class ServiceRulesTest {

  static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
  static final OffsetDateTime START = OffsetDateTime.of(2026, 3, 10, 9, 0, 0, 0, CHINA.getRules().getOffset(java.time.Instant.EPOCH));
  static final BeneficiaryId CHILD = BeneficiaryId.random();

  /** A valid one-hour home visit in 多宝镇, logged an hour after it ended, by an enrolled child's worker. */
  static Candidate valid() {
    return new Candidate(ServiceKind.HOME_VISIT, START, START.plusHours(1), DivisionCode.of("429006104201"), Set.of(CHILD),
        new ContractPeriod(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31)), Set.of("429006104", "429006115"),
        ServiceKind.HOME_VISIT, Set.of(CHILD), List.of(), Set.of(), Set.of(), START.plusHours(2), START.plusHours(2), CHINA);
  }

  static Candidate times(OffsetDateTime start, OffsetDateTime end) {
    Candidate c = valid();
    return new Candidate(c.kind(), start, end, c.place(), c.participants(), c.period(), c.coveredTowns(), c.deliverableKind(),
        c.enrolled(), c.overlapping(), c.servedSameDay(), c.bookedElsewhere(), end.plusHours(1), end.plusHours(1), c.zone());
  }

  static Optional<String> code(ServiceRule rule, Candidate c) {
    return rule.check(c).map(Breach::code);
  }

  @Test
  void aValidVisitPassesEveryRule() {
    for (ServiceRule rule : ServiceRules.ALL) {
      assertEquals(Optional.empty(), rule.check(valid()), rule.code());
    }
    assertEquals(Set.of(), ServiceRules.judge(valid()));
  }

  @Test
  void everyRuleHasItsOwnCode() {
    Set<String> codes = ServiceRules.ALL.stream().map(ServiceRule::code).collect(Collectors.toSet());
    assertEquals(ServiceRules.ALL.size(), codes.size());
  }

  @Nested
  class TimeOrder {
    @Test
    void refusesAServiceEndingBeforeItStarts() {
      assertEquals(Optional.of("SVC_TIME_ORDER"), code(new TimeOrderRule(), times(START, START.minusMinutes(1))));
      assertEquals(Optional.of("SVC_TIME_ORDER"), code(new TimeOrderRule(), times(START, START)));
    }
  }

  @Nested
  class PlausibleDuration {
    @Test
    void refusesUnderFiveMinutesAndOverEightHours() {
      var rule = new PlausibleDurationRule();
      assertEquals(Optional.of("SVC_DURATION_IMPLAUSIBLE"), code(rule, times(START, START.plusMinutes(4))));
      assertEquals(Optional.of("SVC_DURATION_IMPLAUSIBLE"), code(rule, times(START, START.plusHours(8).plusMinutes(1))));
      assertEquals(Optional.empty(), code(rule, times(START, START.plusMinutes(5))));
      assertEquals(Optional.empty(), code(rule, times(START, START.plusHours(8))));
      assertEquals(Optional.empty(), code(rule, times(START, START.minusHours(1))), "time order speaks for that");
    }
  }

  @Nested
  class NotInFuture {
    @Test
    void refusesAServiceEndingLaterThanNow() {
      Candidate c = valid();
      Candidate future = new Candidate(c.kind(), c.startedAt(), c.endedAt(), c.place(), c.participants(), c.period(),
          c.coveredTowns(), c.deliverableKind(), c.enrolled(), c.overlapping(), c.servedSameDay(), c.bookedElsewhere(), c.loggedAt(),
          c.endedAt().minusMinutes(30), c.zone());
      assertEquals(Optional.of("SVC_IN_FUTURE"), code(new NotInFutureRule(), future));
    }
  }

  @Nested
  class InsidePeriod {
    @Test
    void refusesAServiceOutsideTheContractDatesInChinaTime() {
      var rule = new InsidePeriodRule();
      OffsetDateTime newYearsEve = OffsetDateTime.of(2025, 12, 31, 23, 0, 0, 0, START.getOffset());
      assertEquals(Optional.of("SVC_OUTSIDE_PERIOD"), code(rule, times(newYearsEve, newYearsEve.plusMinutes(30))));
      OffsetDateTime firstMorning = OffsetDateTime.of(2026, 1, 1, 0, 30, 0, 0, START.getOffset());
      assertEquals(Optional.empty(), code(rule, times(firstMorning, firstMorning.plusMinutes(30))),
          "16:30 UTC on Dec 31 is already Jan 1 in China");
    }
  }

  @Nested
  class InsideArea {
    @Test
    void refusesAPlaceOutsideTheCoveredTowns() {
      Candidate c = valid();
      Candidate elsewhere = new Candidate(c.kind(), c.startedAt(), c.endedAt(), DivisionCode.of("429006120201"),
          c.participants(), c.period(), c.coveredTowns(), c.deliverableKind(), c.enrolled(), c.overlapping(),
          c.servedSameDay(), c.bookedElsewhere(), c.loggedAt(), c.now(), c.zone());
      assertEquals(Optional.of("SVC_OUTSIDE_AREA"), code(new InsideAreaRule(), elsewhere));
      Candidate town = new Candidate(c.kind(), c.startedAt(), c.endedAt(), DivisionCode.of("429006115"),
          c.participants(), c.period(), c.coveredTowns(), c.deliverableKind(), c.enrolled(), c.overlapping(),
          c.servedSameDay(), c.bookedElsewhere(), c.loggedAt(), c.now(), c.zone());
      assertEquals(Optional.empty(), code(new InsideAreaRule(), town));
    }
  }

  @Nested
  class Deliverable {
    @Test
    void refusesAnUnknownDeliverableAndAnotherKind() {
      Candidate c = valid();
      Candidate unknown = new Candidate(c.kind(), c.startedAt(), c.endedAt(), c.place(), c.participants(), c.period(),
          c.coveredTowns(), null, c.enrolled(), c.overlapping(), c.servedSameDay(), c.bookedElsewhere(), c.loggedAt(), c.now(), c.zone());
      assertEquals(Optional.of("SVC_DELIVERABLE_UNKNOWN"), code(new DeliverableOfProjectRule(), unknown));
      assertEquals(Optional.empty(), code(new DeliverableKindRule(), unknown), "one refusal, not two");
      Candidate groups = new Candidate(c.kind(), c.startedAt(), c.endedAt(), c.place(), c.participants(), c.period(),
          c.coveredTowns(), ServiceKind.GROUP_SESSION, c.enrolled(), c.overlapping(), c.servedSameDay(), c.bookedElsewhere(), c.loggedAt(),
          c.now(), c.zone());
      assertEquals(Optional.of("SVC_DELIVERABLE_KIND_MISMATCH"), code(new DeliverableKindRule(), groups));
    }
  }

  @Nested
  class Enrolled {
    @Test
    void refusesAParticipantNotEnrolledInTheProject() {
      Candidate c = valid();
      BeneficiaryId stranger = BeneficiaryId.random();
      Candidate withStranger = new Candidate(c.kind(), c.startedAt(), c.endedAt(), c.place(), Set.of(CHILD, stranger),
          c.period(), c.coveredTowns(), c.deliverableKind(), Set.of(CHILD), c.overlapping(), c.servedSameDay(), c.bookedElsewhere(),
          c.loggedAt(), c.now(), c.zone());
      Breach b = new EnrolledParticipantsRule().check(withStranger).orElseThrow();
      assertEquals("SVC_PARTICIPANT_NOT_ENROLLED", b.code());
      assertTrue(b.message().contains(stranger.toString()));
    }
  }

  @Nested
  class DoubleBooking {
    @Test
    void refusesAnOverlapWithTheWorkersOtherRecordAsAConflict() {
      Candidate c = valid();
      UUID other = UUID.randomUUID();
      Candidate overlapping = new Candidate(c.kind(), c.startedAt(), c.endedAt(), c.place(), c.participants(), c.period(),
          c.coveredTowns(), c.deliverableKind(), c.enrolled(), List.of(other), c.servedSameDay(), c.bookedElsewhere(), c.loggedAt(), c.now(),
          c.zone());
      Breach b = new DoubleBookingRule().check(overlapping).orElseThrow();
      assertEquals("SVC_WORKER_DOUBLE_BOOKED", b.code());
      assertEquals(Severity.CONFLICT, b.severity());
      ProblemException e = assertThrows(ProblemException.class, () -> ServiceRules.judge(overlapping));
      assertEquals(409, e.status());
      assertEquals(other.toString(), e.extensions().get("conflictingId"));
    }
  }

  @Nested
  class LateEntry {
    @Test
    void flagsAnEntryMoreThanSevenDaysAfterTheService() {
      Candidate c = valid();
      Candidate late = new Candidate(c.kind(), c.startedAt(), c.endedAt(), c.place(), c.participants(), c.period(),
          c.coveredTowns(), c.deliverableKind(), c.enrolled(), c.overlapping(), c.servedSameDay(), c.bookedElsewhere(),
          c.endedAt().plusDays(7).plusMinutes(1), c.endedAt().plusDays(8), c.zone());
      assertEquals(Severity.FLAG, new LateEntryRule().check(late).orElseThrow().severity());
      assertEquals(Set.of(ServiceFlag.LATE_ENTRY), ServiceRules.judge(late));
      Candidate onTime = new Candidate(c.kind(), c.startedAt(), c.endedAt(), c.place(), c.participants(), c.period(),
          c.coveredTowns(), c.deliverableKind(), c.enrolled(), c.overlapping(), c.servedSameDay(), c.bookedElsewhere(),
          c.endedAt().plusDays(7), c.endedAt().plusDays(8), c.zone());
      assertEquals(Optional.empty(), new LateEntryRule().check(onTime));
    }
  }

  @Nested
  class SameDayRepeat {
    @Test
    void flagsAPersonServedTwiceTheSameDayUnderTheProject() {
      Candidate c = valid();
      Candidate repeat = new Candidate(c.kind(), c.startedAt(), c.endedAt(), c.place(), c.participants(), c.period(),
          c.coveredTowns(), c.deliverableKind(), c.enrolled(), c.overlapping(), Set.of(CHILD), c.bookedElsewhere(),
          c.loggedAt(), c.now(), c.zone());
      assertEquals(Set.of(ServiceFlag.SAME_DAY_REPEAT), ServiceRules.judge(repeat));
    }
  }

  @Nested
  class PersonDoubleBooked {
    @Test
    void flagsAPersonAlreadyInAnotherRecordAtAnOverlappingTime() {
      Candidate c = valid();
      Candidate twice = new Candidate(c.kind(), c.startedAt(), c.endedAt(), c.place(), c.participants(), c.period(),
          c.coveredTowns(), c.deliverableKind(), c.enrolled(), c.overlapping(), c.servedSameDay(), Set.of(CHILD),
          c.loggedAt(), c.now(), c.zone());
      assertEquals(Set.of(ServiceFlag.PERSON_DOUBLE_BOOKED), ServiceRules.judge(twice));
      assertEquals(Set.of(), ServiceRules.judge(c), "nobody booked elsewhere, no flag");
    }
  }

  @Test
  void reportsEveryFieldRefusalAtOnceBeforeAnyConflict() {
    Candidate c = valid();
    Candidate bad = new Candidate(c.kind(), c.startedAt(), c.startedAt().plusMinutes(1), DivisionCode.of("429006120201"),
        c.participants(), c.period(), c.coveredTowns(), ServiceKind.TRAINING, Set.of(), List.of(UUID.randomUUID()),
        c.servedSameDay(), c.bookedElsewhere(), c.loggedAt(), c.now(), c.zone());
    ProblemException e = assertThrows(ProblemException.class, () -> ServiceRules.judge(bad));
    assertEquals(400, e.status());
    assertEquals(Set.of("SVC_DURATION_IMPLAUSIBLE", "SVC_OUTSIDE_AREA", "SVC_DELIVERABLE_KIND_MISMATCH",
        "SVC_PARTICIPANT_NOT_ENROLLED"), e.errors().stream().map(f -> f.code()).collect(Collectors.toSet()));
  }
}
