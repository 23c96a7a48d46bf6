package org.shouhu.services.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.shouhu.beneficiaries.entity.BeneficiaryId;
import org.shouhu.beneficiaries.entity.RiskLevel;
import org.shouhu.contracts.entity.ProjectId;
import org.shouhu.problems.entity.InvalidValueException;
import org.shouhu.problems.entity.StateConflictException;
import org.shouhu.regions.entity.DivisionCode;

class ServiceRecordTest {

  static final UUID WORKER = UUID.randomUUID();
  static final UUID SUPERVISOR = UUID.randomUUID();
  static final OffsetDateTime NINE = OffsetDateTime.of(2026, 3, 10, 9, 0, 0, 0, ZoneOffset.ofHours(8));
  static final BeneficiaryId CHILD = BeneficiaryId.random();

  static HomeVisitReport report(int guardianship, String note) {
    Map<Area, Assessment> findings = new EnumMap<>(Area.class);
    for (Area a : Area.values()) {
      findings.put(a, new Assessment(4, null));
    }
    findings.put(Area.GUARDIANSHIP, new Assessment(guardianship, note));
    return new HomeVisitReport(Presence.GUARDIAN, findings, RiskLevel.LOW, "再访", LocalDate.of(2026, 4, 10));
  }

  static ServiceRecord draft() {
    return ServiceRecord.homeVisit(new ProjectId(UUID.randomUUID()), UUID.randomUUID(), WORKER, NINE, NINE.plusHours(1),
        DivisionCode.of("429006104201"), Set.of(CHILD), report(4, null), Set.of());
  }

  static String code(Runnable action) {
    return assertThrows(StateConflictException.class, action::run).code();
  }

  @Test
  void aVisitIsReturnedRevisedResubmittedAndApproved() {
    ServiceRecord r = draft();
    assertEquals(ServiceStatus.DRAFT, r.status());
    r.submit();
    assertEquals(ServiceStatus.SUBMITTED, r.status());
    r.returnToWorker("补充监护情况", SUPERVISOR);
    assertEquals(ServiceStatus.RETURNED, r.status());
    assertEquals("补充监护情况", r.returnComment());
    r.revise(NINE, NINE.plusMinutes(90), DivisionCode.of("429006104201"), Set.of(CHILD), report(2, "祖母生病"),
        Set.of(ServiceFlag.LATE_ENTRY));
    assertEquals(2, r.homeVisit().findings().get(Area.GUARDIANSHIP).rating());
    assertEquals(Set.of(ServiceFlag.LATE_ENTRY), r.flags());
    r.submit();
    assertFalse(r.countsTowardDeliverable());
    r.approve(SUPERVISOR);
    assertEquals(ServiceStatus.APPROVED, r.status());
    assertEquals(SUPERVISOR, r.reviewedBy());
    assertTrue(r.countsTowardDeliverable(), "only approved work counts");
  }

  @Test
  void refusesReviewOfARecordNotSubmitted() {
    ServiceRecord r = draft();
    assertEquals("SVC_NOT_AWAITING_REVIEW", code(() -> r.approve(SUPERVISOR)));
    assertEquals("SVC_NOT_AWAITING_REVIEW", code(() -> r.returnToWorker("x", SUPERVISOR)));
  }

  @Test
  void refusesSelfReview() {
    ServiceRecord r = draft();
    r.submit();
    assertEquals("SVC_SELF_REVIEW", code(() -> r.approve(WORKER)));
    assertEquals(ServiceStatus.SUBMITTED, r.status());
  }

  @Test
  void refusesReturnWithoutComment() {
    ServiceRecord r = draft();
    r.submit();
    assertEquals("SVC_RETURN_COMMENT_REQUIRED",
        assertThrows(InvalidValueException.class, () -> r.returnToWorker(" ", SUPERVISOR)).code());
    assertEquals(ServiceStatus.SUBMITTED, r.status(), "unchanged by a refusal");
  }

  @Test
  void refusesRevisionOnceSubmittedOrApproved() {
    ServiceRecord r = draft();
    r.submit();
    Runnable revise = () -> r.revise(NINE, NINE.plusHours(1), DivisionCode.of("429006104"), Set.of(CHILD), report(3, null), Set.of());
    assertEquals("SVC_NOT_EDITABLE", code(revise));
    r.approve(SUPERVISOR);
    assertEquals("SVC_NOT_EDITABLE", code(revise));
    assertEquals("SVC_NOT_SUBMITTABLE", code(r::submit));
  }

  @Test
  void refusesSubmittingTwice() {
    ServiceRecord r = draft();
    r.submit();
    assertEquals("SVC_NOT_SUBMITTABLE", code(r::submit));
  }

  @Test
  void voidsFromAnyStateOnceWithAReason() {
    ServiceRecord r = draft();
    r.submit();
    r.approve(SUPERVISOR);
    assertEquals("SVC_VOID_REASON_REQUIRED",
        assertThrows(InvalidValueException.class, () -> r.voidBecause("", SUPERVISOR)).code());
    r.voidBecause("重复录入", SUPERVISOR);
    assertEquals(ServiceStatus.VOIDED, r.status());
    assertFalse(r.countsTowardDeliverable());
    assertEquals("SVC_ALREADY_VOIDED", code(() -> r.voidBecause("again", SUPERVISOR)));
    assertEquals("SVC_NOT_SUBMITTABLE", code(r::submit));
    assertEquals("SVC_NOT_AWAITING_REVIEW", code(() -> r.approve(SUPERVISOR)));
  }

  @Test
  void revisionMarksRemovedParticipantsAndRestoresReturningOnes() {
    ServiceRecord r = draft();
    BeneficiaryId sister = BeneficiaryId.random();
    DivisionCode village = DivisionCode.of("429006104201");
    r.revise(NINE, NINE.plusHours(1), village, Set.of(CHILD, sister), report(4, null), Set.of());
    assertEquals(Set.of(CHILD, sister), r.participants());
    r.revise(NINE, NINE.plusHours(1), village, Set.of(sister), report(4, null), Set.of());
    assertEquals(Set.of(sister), r.participants());
    r.revise(NINE, NINE.plusHours(1), village, Set.of(CHILD, sister), report(4, null), Set.of());
    assertEquals(Set.of(CHILD, sister), r.participants());
  }

  @Test
  void refusesARecordServingNobody() {
    assertEquals("SVC_PARTICIPANTS_REQUIRED", assertThrows(InvalidValueException.class,
        () -> ServiceRecord.homeVisit(new ProjectId(UUID.randomUUID()), UUID.randomUUID(), WORKER, NINE,
            NINE.plusHours(1), DivisionCode.of("429006104"), Set.of(), report(4, null), Set.of())).code());
  }

  @Test
  void aHomeVisitReportAssessesEveryAreaWithRatingsFromOneToFive() {
    assertEquals("SVC_RATING_RANGE", assertThrows(InvalidValueException.class, () -> new Assessment(6, null)).code());
    assertEquals("SVC_RATING_RANGE", assertThrows(InvalidValueException.class, () -> new Assessment(0, null)).code());
    Map<Area, Assessment> partial = Map.of(Area.SAFETY, new Assessment(3, null));
    assertEquals("SVC_FINDINGS_INCOMPLETE", assertThrows(InvalidValueException.class,
        () -> new HomeVisitReport(Presence.NOBODY, partial, RiskLevel.HIGH, null, null)).code());
  }

  @Test
  void refusesARevisionOfAnOlderVersionAndReflagsOnlyWhileEditable() {
    ServiceRecord r = draft();
    r.requireVersion(0);
    assertEquals("SVC_STALE", code(() -> r.requireVersion(-1)));
    r.reflag(Set.of(ServiceFlag.SAME_DAY_REPEAT));
    assertEquals(Set.of(ServiceFlag.SAME_DAY_REPEAT), r.flags());
    r.submit();
    r.approve(SUPERVISOR);
    assertEquals("SVC_NOT_EDITABLE", code(() -> r.reflag(Set.of())), "an approved record's flags are what was reviewed");
  }

  @Test
  void aCounselingSessionRatesGoalsOnceEachAndARevisionUnratesWhatItLeavesOut() {
    ServiceRecord r = ServiceRecord.counselingSession(new ProjectId(UUID.randomUUID()), UUID.randomUUID(), WORKER,
        UUID.randomUUID(), 1, NINE, NINE.plusHours(1), DivisionCode.of("429006104201"), CHILD, SessionMethod.FACE_TO_FACE,
        Set.of());
    var school = new SessionGoalProgress.Rating(1, "恢复上学", GoalProgress.SOME_PROGRESS, " 本周去了三天 ");
    var calls = new SessionGoalProgress.Rating(2, "每周与父母通话", GoalProgress.NOT_STARTED, null);
    assertEquals("CASE_GOAL_RATED_TWICE", assertThrows(org.shouhu.problems.entity.InvalidValueException.class,
        () -> r.rateGoals(java.util.List.of(school, school))).code());
    r.rateGoals(java.util.List.of(calls, school));
    assertEquals(java.util.List.of(1, 2), r.goalProgress().stream().map(SessionGoalProgress::position).toList());
    assertEquals("本周去了三天", r.goalProgress().get(0).note());
    r.rateGoals(java.util.List.of(new SessionGoalProgress.Rating(2, "每周与父母通话", GoalProgress.ACHIEVED, null)));
    assertEquals(1, r.goalProgress().size());
    assertEquals(GoalProgress.ACHIEVED, r.goalProgress().get(0).progress());
    assertEquals("CASE_GOAL_PROGRESS_UNKNOWN", assertThrows(org.shouhu.problems.entity.InvalidValueException.class,
        () -> new SessionGoalProgress.Rating(1, "g", null, null)).code());
    assertEquals("SVC_KIND_MISMATCH", code(() -> draft().rateGoals(java.util.List.of(school))));
  }
}
