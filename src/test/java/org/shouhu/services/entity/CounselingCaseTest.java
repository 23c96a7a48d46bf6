package org.shouhu.services.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.shouhu.beneficiaries.entity.BeneficiaryId;
import org.shouhu.beneficiaries.entity.Consent;
import org.shouhu.beneficiaries.entity.ConsentMethod;
import org.shouhu.beneficiaries.entity.PersonName;
import org.shouhu.beneficiaries.entity.Relationship;
import org.shouhu.contracts.entity.ProjectId;
import org.shouhu.contracts.entity.ServiceKind;
import org.shouhu.problems.entity.InvalidValueException;
import org.shouhu.problems.entity.StateConflictException;
import org.shouhu.regions.entity.DivisionCode;

class CounselingCaseTest {

  static final UUID WORKER = UUID.randomUUID();
  static final UUID SUPERVISOR = UUID.randomUUID();
  static final UUID CASE_DELIVERABLE = UUID.randomUUID();
  static final BeneficiaryId CLIENT = BeneficiaryId.random();

  static CounselingCase intake(UUID deliverable) {
    return CounselingCase.open(new ProjectId(UUID.randomUUID()), deliverable, CLIENT, WORKER, LocalDate.of(2026, 3, 1),
        "父母外出务工后情绪低落，拒绝上学", ReferralSource.CHILD_DIRECTOR, GRANDMOTHER_CONSENTED, BORN);
  }

  static final LocalDate BORN = LocalDate.of(2015, 5, 1);
  static final Consent GRANDMOTHER_CONSENTED =
      new Consent(LocalDate.of(2026, 3, 1), new PersonName("王秀英"), Relationship.GRANDPARENT, ConsentMethod.WRITTEN);

  /** Plain goals (what only), no interval between sessions. */
  static List<Goal> goals(String... texts) {
    return java.util.Arrays.stream(texts).map(Goal::of).toList();
  }

  static List<String> texts(CounselingCase c) {
    return c.goals().stream().map(CounselingGoal::goal).toList();
  }

  /** Every current goal achieved: what a closure proposal of a planned case must say of each. */
  static java.util.Map<Integer, GoalOutcome> achieved(CounselingCase c) {
    java.util.Map<Integer, GoalOutcome> all = new java.util.HashMap<>();
    c.goals().forEach(g -> all.put(g.position(), GoalOutcome.ACHIEVED));
    return all;
  }

  static CounselingCase planned() {
    CounselingCase c = intake(CASE_DELIVERABLE);
    c.assess("抑郁情绪中度，祖母照料有限");
    c.plan(goals("恢复正常上学", "建立与父母的每周通话"), null);
    return c;
  }

  static String conflict(Runnable action) {
    return assertThrows(StateConflictException.class, action::run).code();
  }

  static String invalid(Runnable action) {
    return assertThrows(InvalidValueException.class, action::run).code();
  }

  @Test
  void aCaseGoesFromIntakeThroughPlanAndSessionsToAConfirmedClosureThatCounts() {
    CounselingCase c = intake(CASE_DELIVERABLE);
    assertEquals(CaseStatus.INTAKE, c.status());
    c.assess("抑郁情绪中度");
    assertEquals(CaseStatus.ASSESSED, c.status());
    c.plan(goals("恢复正常上学", "建立与父母的每周通话"), null);
    assertEquals(CaseStatus.PLANNED, c.status());
    assertEquals(List.of("恢复正常上学", "建立与父母的每周通话"), texts(c));
    assertEquals(1, c.numberNextSession());
    assertEquals(2, c.numberNextSession());
    c.proposeClosure(CaseOutcome.GOALS_MET, "已恢复上学，情绪稳定", achieved(c), 2, 0);
    assertEquals(CaseStatus.CLOSING, c.status());
    assertFalse(c.countsTowardDeliverable(), "not before a supervisor confirms");
    c.confirmClosure(SUPERVISOR);
    assertEquals(CaseStatus.CLOSED, c.status());
    assertEquals(SUPERVISOR, c.closedBy());
    assertTrue(c.countsTowardDeliverable());
  }

  @Test
  void sessionsAreNumberedOnlyWhilePlanned() {
    CounselingCase c = intake(CASE_DELIVERABLE);
    assertEquals("CASE_NOT_PLANNED", conflict(c::numberNextSession));
    c.assess("x");
    assertEquals("CASE_NOT_PLANNED", conflict(c::numberNextSession));
    c.plan(goals("g"), null);
    assertEquals(1, c.numberNextSession());
    c.proposeClosure(CaseOutcome.REFERRED, "转介医院", achieved(c), 1, 0);
    assertEquals("CASE_NOT_PLANNED", conflict(c::numberNextSession));
  }

  @Test
  void eachIllegalTransitionHasItsCode() {
    CounselingCase c = intake(CASE_DELIVERABLE);
    assertEquals("CASE_NOT_PLANNABLE", conflict(() -> c.plan(goals("g"), null)));
    assertEquals("CASE_NOT_CLOSING", conflict(() -> c.confirmClosure(SUPERVISOR)));
    assertEquals("CASE_NOT_CLOSING", conflict(() -> c.returnClosure("x", SUPERVISOR)));
    CounselingCase p = planned();
    p.proposeClosure(CaseOutcome.PARTLY_MET, "部分达成", achieved(p), 1, 0);
    assertEquals("CASE_NOT_ASSESSABLE", conflict(() -> p.assess("again")));
    assertEquals("CASE_NOT_PLANNABLE", conflict(() -> p.plan(goals("g"), null)));
    assertEquals("CASE_NOT_CLOSABLE", conflict(() -> p.proposeClosure(CaseOutcome.GOALS_MET, "again", achieved(p), 1, 0)));
    assertEquals("CASE_SELF_CONFIRM", conflict(() -> p.confirmClosure(WORKER)));
    p.confirmClosure(SUPERVISOR);
    assertEquals("CASE_NOT_CLOSING", conflict(() -> p.confirmClosure(SUPERVISOR)));
    p.voidBecause("重复建档", SUPERVISOR, 0);
    assertEquals("CASE_ALREADY_VOIDED", conflict(() -> p.voidBecause("again", SUPERVISOR, 0)));
    assertEquals("CASE_NOT_CLOSABLE", conflict(() -> p.proposeClosure(CaseOutcome.WITHDRAWN, "x", achieved(p), 0, 0)));
  }

  @Test
  void closureWaitsForOpenSessionsAndGoalsMetNeedsAnApprovedSession() {
    CounselingCase c = planned();
    assertEquals("CASE_SESSIONS_PENDING", conflict(() -> c.proposeClosure(CaseOutcome.GOALS_MET, "s", achieved(c), 1, 1)));
    assertEquals("CASE_NO_APPROVED_SESSION", conflict(() -> c.proposeClosure(CaseOutcome.GOALS_MET, "s", achieved(c), 0, 0)));
    assertEquals("CASE_NO_APPROVED_SESSION", conflict(() -> c.proposeClosure(CaseOutcome.PARTLY_MET, "s", achieved(c), 0, 0)));
    assertEquals(CaseStatus.PLANNED, c.status(), "refusals change nothing");
    c.proposeClosure(CaseOutcome.WITHDRAWN, "案主随父母迁往外省", achieved(c), 0, 0);
    c.confirmClosure(SUPERVISOR);
    assertFalse(c.countsTowardDeliverable(), "a case never worked in a session is closed, not delivered");
  }

  @Test
  void aReturnedClosureGoesBackWhereItWasProposedFrom() {
    CounselingCase early = intake(CASE_DELIVERABLE);
    early.proposeClosure(CaseOutcome.WITHDRAWN, "拒绝服务", achieved(early), 0, 0);
    early.returnClosure("请先完成预估再结案", SUPERVISOR);
    assertEquals(CaseStatus.INTAKE, early.status());
    assertEquals("请先完成预估再结案", early.closureComment());
    assertNull(early.outcome());

    CounselingCase c = planned();
    c.proposeClosure(CaseOutcome.GOALS_MET, "s", achieved(c), 1, 0);
    assertEquals("CASE_CLOSURE_COMMENT_REQUIRED", invalid(() -> c.returnClosure(" ", SUPERVISOR)));
    assertEquals(CaseStatus.CLOSING, c.status());
    c.returnClosure("目标二未见成效", SUPERVISOR);
    assertEquals(CaseStatus.PLANNED, c.status());
    assertEquals(1, c.numberNextSession(), "sessions go on after a returned closure");
  }

  @Test
  void aRevisedPlanRewritesGoalsInPlaceAndDropsTheRest() {
    CounselingCase c = planned();
    c.plan(goals("恢复正常上学，每周出勤五天"), null);
    assertEquals(List.of("恢复正常上学，每周出勤五天"), texts(c));
    c.plan(goals("a", "b", "c"), null);
    assertEquals(List.of("a", "b", "c"), texts(c));
    assertEquals("CASE_GOALS_REQUIRED", invalid(() -> c.plan(goals(), null)));
    assertEquals("CASE_TOO_MANY_GOALS", invalid(() -> c.plan(java.util.Collections.nCopies(11, Goal.of("g")), null)));
    assertEquals("TOO_LONG", invalid(() -> c.plan(goals("x".repeat(501)), null)));
  }

  @Test
  void intakeNamesTheReferralAndAMinorNeedsConsentFromAGuardianUnder14() {
    ProjectId project = new ProjectId(UUID.randomUUID());
    LocalDate intake = LocalDate.of(2026, 3, 1);
    assertEquals("CASE_REFERRAL_REQUIRED", invalid(() -> CounselingCase.open(project, null, CLIENT, WORKER, intake, "厌学",
        null, GRANDMOTHER_CONSENTED, BORN)));
    assertEquals("CASE_CONSENT_REQUIRED", invalid(() -> CounselingCase.open(project, null, CLIENT, WORKER, intake, "厌学",
        ReferralSource.SCHOOL, null, BORN)));
    Consent own = new Consent(intake, new PersonName("李小明"), Relationship.SELF, ConsentMethod.ORAL);
    assertEquals("CONSENT_GUARDIAN_REQUIRED", invalid(() -> CounselingCase.open(project, null, CLIENT, WORKER, intake, "厌学",
        ReferralSource.SELF, own, BORN)));
    CounselingCase adult = CounselingCase.open(project, null, CLIENT, WORKER, intake, "失业后情绪低落",
        ReferralSource.SELF, null, LocalDate.of(1990, 1, 1));
    assertNull(adult.consent(), "an adult may be taken in without a recorded consent");
    CounselingCase teen = CounselingCase.open(project, null, CLIENT, WORKER, intake, "厌学",
        ReferralSource.SELF, own, LocalDate.of(2010, 1, 1));
    assertEquals(Relationship.SELF, teen.consent().relationship(), "from 14 a minor consents for themselves");
    assertEquals(ReferralSource.CHILD_DIRECTOR, planned().referralSource());
    assertEquals("王秀英", planned().consent().givenBy().value());
  }

  @Test
  void goalsSayByWhenAndHowMeasuredAndNotBeforeIntake() {
    CounselingCase c = intake(CASE_DELIVERABLE);
    c.assess("a");
    assertEquals("CASE_GOAL_DUE_BEFORE_INTAKE", invalid(() -> c.plan(
        List.of(new Goal("恢复上学", LocalDate.of(2026, 2, 1), "出勤记录")), null)));
    assertEquals("CASE_SESSION_EVERY_RANGE", invalid(() -> c.plan(goals("g"), 0)));
    c.plan(List.of(new Goal(" 恢复上学 ", LocalDate.of(2026, 6, 30), " 每周出勤五天 ")), 14);
    CounselingGoal g = c.goals().get(0);
    assertEquals("恢复上学", g.goal());
    assertEquals(LocalDate.of(2026, 6, 30), g.dueOn());
    assertEquals("每周出勤五天", g.measure());
    assertEquals(14, c.sessionEveryDays());
  }

  @Test
  void theNextSessionIsDueTheIntervalAfterTheLastOrAfterThePlan() {
    CounselingCase c = planned();
    assertNull(c.nextSessionDue(LocalDate.of(2026, 3, 10)), "no interval, nothing computed");
    c.plan(goals("g"), 7);
    assertEquals(LocalDate.of(2026, 3, 17), c.nextSessionDue(LocalDate.of(2026, 3, 10)));
    LocalDate plannedOn = c.plannedAt().atZoneSameInstant(java.time.ZoneId.of("Asia/Shanghai")).toLocalDate();
    assertEquals(plannedOn.plusDays(7), c.nextSessionDue(null));
    c.proposeClosure(CaseOutcome.WITHDRAWN, "s", achieved(c), 0, 0);
    assertNull(c.nextSessionDue(LocalDate.of(2026, 3, 10)), "a case proposed for closure takes no more sessions");
  }

  @Test
  void closureRatesEveryCurrentGoalAndAReturnClearsTheRatings() {
    CounselingCase c = planned();
    assertEquals("CASE_GOAL_OUTCOME_REQUIRED", invalid(() -> c.proposeClosure(CaseOutcome.GOALS_MET, "s",
        java.util.Map.of(1, GoalOutcome.ACHIEVED), 1, 0)));
    assertEquals("CASE_GOAL_UNKNOWN", invalid(() -> c.proposeClosure(CaseOutcome.GOALS_MET, "s",
        java.util.Map.of(1, GoalOutcome.ACHIEVED, 2, GoalOutcome.PARTLY, 3, GoalOutcome.ACHIEVED), 1, 0)));
    assertEquals(CaseStatus.PLANNED, c.status());
    c.proposeClosure(CaseOutcome.PARTLY_MET, "s", java.util.Map.of(1, GoalOutcome.ACHIEVED, 2, GoalOutcome.NOT_ACHIEVED), 1, 0);
    assertEquals(GoalOutcome.NOT_ACHIEVED, c.goals().get(1).outcome());
    c.returnClosure("目标二还需两次会谈", SUPERVISOR);
    assertNull(c.goals().get(1).outcome());
    assertEquals("目标二还需两次会谈", c.closureComment(), "the worker sees why");
    c.proposeClosure(CaseOutcome.PARTLY_MET, "s", java.util.Map.of(1, GoalOutcome.ACHIEVED, 2, GoalOutcome.PARTLY), 2, 0);
    c.confirmClosure(SUPERVISOR);
    assertEquals(GoalOutcome.PARTLY, c.goals().get(1).outcome());
  }

  @Test
  void aCaseNamingNoDeliverableCountsTowardNone() {
    CounselingCase c = intake(null);
    c.assess("a");
    c.plan(goals("g"), null);
    c.proposeClosure(CaseOutcome.GOALS_MET, "s", achieved(c), 3, 0);
    c.confirmClosure(SUPERVISOR);
    assertFalse(c.countsTowardDeliverable());
  }

  @Test
  void voidingNeedsAReasonAndSettledSessions() {
    CounselingCase c = planned();
    assertEquals("CASE_SESSIONS_PENDING", conflict(() -> c.voidBecause("误建", WORKER, 2)));
    assertEquals("CASE_VOID_REASON_REQUIRED", invalid(() -> c.voidBecause(" ", WORKER, 0)));
    c.voidBecause("误建", WORKER, 0);
    assertEquals(CaseStatus.VOIDED, c.status());
    assertEquals("误建", c.voidReason());
  }

  @Test
  void aCounselingSessionServesTheClientAndIsRevisedAsASession() {
    OffsetDateTime nine = OffsetDateTime.of(2026, 3, 10, 9, 0, 0, 0, ZoneOffset.ofHours(8));
    ServiceRecord s = ServiceRecord.counselingSession(new ProjectId(UUID.randomUUID()), UUID.randomUUID(), WORKER,
        UUID.randomUUID(), 1, nine, nine.plusMinutes(50), DivisionCode.of("429006104201"), CLIENT,
        SessionMethod.FACE_TO_FACE, Set.of());
    assertEquals(ServiceKind.COUNSELING_SESSION, s.kind());
    assertEquals(Set.of(CLIENT), s.participants());
    assertEquals(1, s.sessionNo());
    assertNull(s.homeVisit());
    s.submit();
    s.returnToWorker("时长有误", SUPERVISOR);
    s.reviseSession(nine, nine.plusMinutes(40), DivisionCode.of("429006104201"), Set.of(CLIENT), SessionMethod.PHONE, null, Set.of());
    assertEquals(SessionMethod.PHONE, s.sessionMethod());
    s.submit();
    s.approve(SUPERVISOR);
    assertEquals("SVC_NOT_EDITABLE", conflict(() -> s.reviseSession(nine, nine.plusMinutes(40),
        DivisionCode.of("429006104201"), Set.of(CLIENT), SessionMethod.PHONE, null, Set.of())));
  }

  @Test
  void anOpenCasePassesToAnotherWorkerAndAVoidedOneDoesNot() {
    CounselingCase c = planned();
    UUID colleague = UUID.randomUUID();
    c.reassignTo(colleague);
    assertEquals(colleague, c.workerId());
    assertTrue(c.isWorkedBy(colleague));
    assertFalse(c.isWorkedBy(WORKER));
    c.voidBecause("重复建案", SUPERVISOR, 0);
    assertEquals("CASE_NOT_OPEN", conflict(() -> c.reassignTo(WORKER)));
  }
}
