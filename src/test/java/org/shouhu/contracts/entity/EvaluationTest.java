package org.shouhu.contracts.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.shouhu.problems.entity.InvalidValueException;
import org.shouhu.problems.entity.StateConflictException;

class EvaluationTest {

  static final UUID OFFICER = UUID.randomUUID();

  static Project active() {
    Project p = ProjectTest.draft();
    p.addDeliverable(ServiceKind.HOME_VISIT, DeliveryUnit.VISIT, 200, null, null, null, null);
    p.addMilestone(MilestoneKind.FIRST, null, new BigDecimal("30"), LocalDate.of(2026, 1, 31), false);
    p.addMilestone(MilestoneKind.INTERIM, null, new BigDecimal("40"), LocalDate.of(2026, 7, 31), true);
    p.addMilestone(MilestoneKind.FINAL, null, new BigDecimal("30"), LocalDate.of(2027, 1, 31), true);
    p.activate(OFFICER);
    return p;
  }

  static Evaluation sheet(Project p, EvaluationStage stage) {
    PaymentMilestone m = p.milestones().stream().filter(x -> x.kind() == stage.releases()).findFirst().orElseThrow();
    return Evaluation.open(p, stage, m, Weights.DEFAULT, LocalDate.of(2026, 7, 1), OFFICER);
  }

  static BigDecimal n(String v) {
    return new BigDecimal(v);
  }

  @Test
  void gradesAtTheirThresholds() {
    assertEquals(Grade.EXCELLENT, Grade.of(n("90.00")));
    assertEquals(Grade.GOOD, Grade.of(n("89.99")));
    assertEquals(Grade.GOOD, Grade.of(n("80")));
    assertEquals(Grade.PASS, Grade.of(n("79.99")));
    assertEquals(Grade.PASS, Grade.of(n("60")));
    assertEquals(Grade.FAIL, Grade.of(n("59.99")));
    assertEquals(Grade.FAIL, Grade.of(BigDecimal.ZERO));
    assertEquals("优秀", Grade.EXCELLENT.label());
    assertFalse(Grade.FAIL.passed());
    assertTrue(Grade.PASS.passed());
  }

  @Test
  void weightsAreWholePointsAddingUpToHundred() {
    assertEquals(40, Weights.DEFAULT.of(Indicator.COMPLETION));
    assertEquals(10, Weights.DEFAULT.of(Indicator.COMPLIANCE));
    assertEquals("EVAL_WEIGHTS_SUM", assertThrows(InvalidValueException.class, () -> new Weights(40, 30, 20, 20)).code());
    assertEquals("EVAL_WEIGHT_RANGE", assertThrows(InvalidValueException.class, () -> new Weights(110, -10, 0, 0)).code());
    assertEquals(50, new Weights(50, 20, 20, 10).completion());
  }

  @Test
  void totalIsTheWeightedSumToTwoDecimals() {
    Evaluation e = Evaluation.open(active(), EvaluationStage.FINAL, null, new Weights(35, 35, 20, 10), LocalDate.of(2026, 12, 31), OFFICER);
    e.score(Indicator.COMPLETION, n("87.5"), null, null, OFFICER);
    e.score(Indicator.QUALITY, n("80"), "个案记录规范", null, OFFICER);
    e.score(Indicator.SATISFACTION, n("93.33"), null, null, OFFICER);
    assertTrue(e.total().isEmpty(), "no total while a line is unscored");
    e.score(Indicator.COMPLIANCE, n("70"), null, null, OFFICER);
    // 35×87.5 + 35×80 + 20×93.33 + 10×70 = 3062.5 + 2800 + 1866.6 + 700 = 8429.1 → 84.291 → 84.29
    assertEquals(n("84.29"), e.total().orElseThrow());
    assertEquals(Grade.GOOD, e.grade().orElseThrow());
  }

  @Test
  void departingFromAPrefilledScoreNeedsAReason() {
    Evaluation e = sheet(active(), EvaluationStage.MID_TERM);
    e.prefill(Indicator.COMPLETION, n("72.5"), "HOME_VISIT 145/200");
    assertEquals("EVAL_OVERRIDE_REASON_REQUIRED", assertThrows(InvalidValueException.class,
        () -> e.score(Indicator.COMPLETION, n("80"), null, " ", OFFICER)).code());
    assertFalse(e.score(Indicator.COMPLETION, n("72.50"), null, null, OFFICER), "the same value is no override");
    assertTrue(e.score(Indicator.COMPLETION, n("80"), null, "部分记录待补录，已现场核实", OFFICER));
    assertTrue(e.indicator(Indicator.COMPLETION).isOverridden());
    assertEquals("部分记录待补录，已现场核实", e.indicator(Indicator.COMPLETION).overrideReason());
    assertFalse(e.score(Indicator.QUALITY, n("85"), null, null, OFFICER), "nothing prefilled: a plain score");
    assertEquals("EVAL_SCORE_RANGE", assertThrows(InvalidValueException.class,
        () -> e.score(Indicator.QUALITY, n("100.01"), null, null, OFFICER)).code());
    assertEquals("EVAL_SCORE_RANGE", assertThrows(InvalidValueException.class,
        () -> e.score(Indicator.QUALITY, n("85.123"), null, null, OFFICER)).code());
  }

  @Test
  void confirmingTakesThePrefilledScoreAndNeedsOne() {
    Evaluation e = sheet(active(), EvaluationStage.MID_TERM);
    assertEquals("EVAL_NOTHING_PREFILLED", assertThrows(StateConflictException.class,
        () -> e.confirm(Indicator.QUALITY, null, OFFICER)).code());
    e.prefill(Indicator.SATISFACTION, n("88"), "3 surveys");
    e.confirm(Indicator.SATISFACTION, "问卷回收率高", OFFICER);
    assertEquals(n("88.00"), e.indicator(Indicator.SATISFACTION).score());
    assertFalse(e.indicator(Indicator.SATISFACTION).isOverridden());
  }

  @Test
  void signingNeedsEveryLineAndFreezesTheSheet() {
    Project p = active();
    Evaluation e = sheet(p, EvaluationStage.MID_TERM);
    assertEquals(EvaluationStatus.DRAFT, e.status());
    e.score(Indicator.COMPLETION, n("90"), null, null, OFFICER);
    assertEquals("EVAL_INCOMPLETE", assertThrows(StateConflictException.class, () -> e.sign(null, OFFICER)).code());
    for (Indicator i : new Indicator[] {Indicator.QUALITY, Indicator.SATISFACTION, Indicator.COMPLIANCE}) {
      e.score(i, n("60"), null, null, OFFICER);
    }
    e.sign("整体合格", OFFICER);
    assertEquals(EvaluationStatus.SIGNED, e.status());
    assertEquals(n("72.00"), e.total().orElseThrow());
    assertEquals(Grade.PASS, e.grade().orElseThrow());
    assertTrue(e.passed());
    assertEquals("EVAL_ALREADY_SIGNED", assertThrows(StateConflictException.class, () -> e.sign(null, OFFICER)).code());
    assertEquals("EVAL_SIGNED", assertThrows(StateConflictException.class,
        () -> e.score(Indicator.QUALITY, n("100"), null, null, OFFICER)).code());
    assertEquals("EVAL_SIGNED", assertThrows(StateConflictException.class,
        () -> e.confirm(Indicator.QUALITY, null, OFFICER)).code());
    assertEquals("EVAL_SIGNED", assertThrows(StateConflictException.class,
        () -> e.prefill(Indicator.COMPLETION, n("10"), "later data")).code());
    assertEquals(n("60.00"), e.indicator(Indicator.QUALITY).score(), "unchanged");
  }

  @Test
  void aFailedSheetIsSignedButDoesNotPass() {
    Evaluation e = sheet(active(), EvaluationStage.FINAL);
    for (Indicator i : Indicator.values()) {
      e.score(i, n("59.99"), null, null, OFFICER);
    }
    e.sign(null, OFFICER);
    assertEquals(Grade.FAIL, e.grade().orElseThrow());
    assertFalse(e.passed());
  }

  @Test
  void opensOnlyForARunningProjectAndTheStagesMilestone() {
    assertEquals("EVAL_PROJECT_NOT_RUNNING", assertThrows(StateConflictException.class,
        () -> Evaluation.open(ProjectTest.draft(), EvaluationStage.FINAL, null, Weights.DEFAULT, LocalDate.of(2026, 7, 1), OFFICER)).code());
    Project p = active();
    PaymentMilestone interim = p.milestones().get(1);
    assertEquals("EVAL_MILESTONE_MISMATCH", assertThrows(InvalidValueException.class,
        () -> Evaluation.open(p, EvaluationStage.FINAL, interim, Weights.DEFAULT, LocalDate.of(2026, 7, 1), OFFICER)).code());
    Evaluation e = Evaluation.open(p, EvaluationStage.MID_TERM, interim, new Weights(50, 20, 20, 10), LocalDate.of(2026, 7, 1), OFFICER);
    assertEquals(interim.id(), e.milestoneId());
    assertEquals(50, e.indicator(Indicator.COMPLETION).weight(), "weights are copied onto the sheet");
    assertEquals(4, e.indicators().size());
    assertNull(e.indicator(Indicator.QUALITY).prefilled());
  }

  @Test
  void aMilestoneIsReleasedOnceAndOnlyIfItWaitsForAnEvaluation() {
    Project p = active();
    PaymentMilestone first = p.milestones().get(0);
    PaymentMilestone interim = p.milestones().get(1);
    assertEquals("MILESTONE_NEEDS_NO_EVALUATION", assertThrows(StateConflictException.class, first::release).code());
    interim.release();
    assertEquals(PaymentMilestone.Status.RELEASED, interim.status());
    assertEquals("MILESTONE_NOT_PENDING", assertThrows(StateConflictException.class, interim::release).code());
    assertEquals("EVAL_MILESTONE_NOT_PENDING", assertThrows(StateConflictException.class,
        () -> Evaluation.open(p, EvaluationStage.MID_TERM, interim, Weights.DEFAULT, LocalDate.of(2026, 7, 1), OFFICER)).code());
  }
}
