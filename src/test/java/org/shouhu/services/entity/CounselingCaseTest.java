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
        "父母外出务工后情绪低落，拒绝上学");
  }

  static CounselingCase planned() {
    CounselingCase c = intake(CASE_DELIVERABLE);
    c.assess("抑郁情绪中度，祖母照料有限");
    c.plan(List.of("恢复正常上学", "建立与父母的每周通话"));
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
    c.plan(List.of("恢复正常上学", "建立与父母的每周通话"));
    assertEquals(CaseStatus.PLANNED, c.status());
    assertEquals(List.of("恢复正常上学", "建立与父母的每周通话"), c.goals());
    assertEquals(1, c.numberNextSession());
    assertEquals(2, c.numberNextSession());
    c.proposeClosure(CaseOutcome.GOALS_MET, "已恢复上学，情绪稳定", 2, 0);
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
    c.plan(List.of("g"));
    assertEquals(1, c.numberNextSession());
    c.proposeClosure(CaseOutcome.REFERRED, "转介医院", 1, 0);
    assertEquals("CASE_NOT_PLANNED", conflict(c::numberNextSession));
  }

  @Test
  void eachIllegalTransitionHasItsCode() {
    CounselingCase c = intake(CASE_DELIVERABLE);
    assertEquals("CASE_NOT_PLANNABLE", conflict(() -> c.plan(List.of("g"))));
    assertEquals("CASE_NOT_CLOSING", conflict(() -> c.confirmClosure(SUPERVISOR)));
    assertEquals("CASE_NOT_CLOSING", conflict(() -> c.returnClosure("x", SUPERVISOR)));
    CounselingCase p = planned();
    p.proposeClosure(CaseOutcome.PARTLY_MET, "部分达成", 1, 0);
    assertEquals("CASE_NOT_ASSESSABLE", conflict(() -> p.assess("again")));
    assertEquals("CASE_NOT_PLANNABLE", conflict(() -> p.plan(List.of("g"))));
    assertEquals("CASE_NOT_CLOSABLE", conflict(() -> p.proposeClosure(CaseOutcome.GOALS_MET, "again", 1, 0)));
    assertEquals("CASE_SELF_CONFIRM", conflict(() -> p.confirmClosure(WORKER)));
    p.confirmClosure(SUPERVISOR);
    assertEquals("CASE_NOT_CLOSING", conflict(() -> p.confirmClosure(SUPERVISOR)));
    p.voidBecause("重复建档", SUPERVISOR, 0);
    assertEquals("CASE_ALREADY_VOIDED", conflict(() -> p.voidBecause("again", SUPERVISOR, 0)));
    assertEquals("CASE_NOT_CLOSABLE", conflict(() -> p.proposeClosure(CaseOutcome.WITHDRAWN, "x", 0, 0)));
  }

  @Test
  void closureWaitsForOpenSessionsAndGoalsMetNeedsAnApprovedSession() {
    CounselingCase c = planned();
    assertEquals("CASE_SESSIONS_PENDING", conflict(() -> c.proposeClosure(CaseOutcome.GOALS_MET, "s", 1, 1)));
    assertEquals("CASE_NO_APPROVED_SESSION", conflict(() -> c.proposeClosure(CaseOutcome.GOALS_MET, "s", 0, 0)));
    assertEquals("CASE_NO_APPROVED_SESSION", conflict(() -> c.proposeClosure(CaseOutcome.PARTLY_MET, "s", 0, 0)));
    assertEquals(CaseStatus.PLANNED, c.status(), "refusals change nothing");
    c.proposeClosure(CaseOutcome.WITHDRAWN, "案主随父母迁往外省", 0, 0);
    c.confirmClosure(SUPERVISOR);
    assertFalse(c.countsTowardDeliverable(), "a case never worked in a session is closed, not delivered");
  }

  @Test
  void aReturnedClosureGoesBackWhereItWasProposedFrom() {
    CounselingCase early = intake(CASE_DELIVERABLE);
    early.proposeClosure(CaseOutcome.WITHDRAWN, "拒绝服务", 0, 0);
    early.returnClosure("请先完成预估再结案", SUPERVISOR);
    assertEquals(CaseStatus.INTAKE, early.status());
    assertEquals("请先完成预估再结案", early.closureComment());
    assertNull(early.outcome());

    CounselingCase c = planned();
    c.proposeClosure(CaseOutcome.GOALS_MET, "s", 1, 0);
    assertEquals("CASE_CLOSURE_COMMENT_REQUIRED", invalid(() -> c.returnClosure(" ", SUPERVISOR)));
    assertEquals(CaseStatus.CLOSING, c.status());
    c.returnClosure("目标二未见成效", SUPERVISOR);
    assertEquals(CaseStatus.PLANNED, c.status());
    assertEquals(1, c.numberNextSession(), "sessions go on after a returned closure");
  }

  @Test
  void aRevisedPlanRewritesGoalsInPlaceAndDropsTheRest() {
    CounselingCase c = planned();
    c.plan(List.of("恢复正常上学，每周出勤五天"));
    assertEquals(List.of("恢复正常上学，每周出勤五天"), c.goals());
    c.plan(List.of("a", "b", "c"));
    assertEquals(List.of("a", "b", "c"), c.goals());
    assertEquals("CASE_GOALS_REQUIRED", invalid(() -> c.plan(List.of())));
    assertEquals("CASE_TOO_MANY_GOALS", invalid(() -> c.plan(java.util.Collections.nCopies(11, "g"))));
    assertEquals("TOO_LONG", invalid(() -> c.plan(List.of("x".repeat(501)))));
  }

  @Test
  void aCaseNamingNoDeliverableCountsTowardNone() {
    CounselingCase c = intake(null);
    c.assess("a");
    c.plan(List.of("g"));
    c.proposeClosure(CaseOutcome.GOALS_MET, "s", 3, 0);
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
