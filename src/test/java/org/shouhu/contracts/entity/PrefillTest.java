package org.shouhu.contracts.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class PrefillTest {

  static final ContractPeriod YEAR_2026 = new ContractPeriod(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31));

  @Test
  void finalCompletionIsTheMeanOfCappedShares() {
    var v = Prefill.completion(List.of(
        new Prefill.Delivery("HOME_VISIT", 100, 40),
        new Prefill.Delivery("GROUP_SESSION", 10, 12)), EvaluationStage.FINAL, YEAR_2026, LocalDate.of(2026, 12, 31));
    // (0.4 + min(1.2, 1)) / 2 = 0.7
    assertEquals(new BigDecimal("70.00"), v.score());
    assertEquals("DELIVERED:HOME_VISIT:40:100;DELIVERED:GROUP_SESSION:12:10", v.basis());
    assertEquals("入户探视 40/100；小组活动 12/10", Basis.zh(v.basis()), "the exports word it in Chinese");
    assertEquals(List.of(new Basis.Part("DELIVERED", List.of("HOME_VISIT", "40", "100")),
        new Basis.Part("DELIVERED", List.of("GROUP_SESSION", "12", "10"))), Basis.parts(v.basis()));
  }

  @Test
  void midTermCompletionExpectsTheTargetProRatedToTheDay() {
    // 2026-07-02 is day 183 of 365: expected 100 × 183/365 = 50.137 visits; 40 approved → 79.78 %
    var v = Prefill.completion(List.of(new Prefill.Delivery("HOME_VISIT", 100, 40)),
        EvaluationStage.MID_TERM, YEAR_2026, LocalDate.of(2026, 7, 2));
    assertEquals(new BigDecimal("79.78"), v.score());
    assertEquals("DELIVERED:HOME_VISIT:40:100;EXPECTED_SHARE:50.1", v.basis());
    assertEquals("入户探视 40/100；应完成比例 50.1%", Basis.zh(v.basis()));
    assertEquals(new BigDecimal("50.14"), Prefill.elapsedShare(YEAR_2026, LocalDate.of(2026, 7, 2)).multiply(new BigDecimal("100")).setScale(2, java.math.RoundingMode.HALF_UP));
    assertEquals(BigDecimal.ZERO, Prefill.elapsedShare(YEAR_2026, LocalDate.of(2025, 12, 31)));
    assertEquals(BigDecimal.ONE, Prefill.elapsedShare(YEAR_2026, LocalDate.of(2027, 3, 1)));
    assertEquals(new BigDecimal("100.00"), Prefill.completion(List.of(new Prefill.Delivery("X", 10, 0)),
        EvaluationStage.MID_TERM, YEAR_2026, LocalDate.of(2025, 12, 1)).score(), "nothing expected yet");
  }

  @Test
  void complianceAveragesCleanRecordsAndHandledIncidents() {
    assertEquals(new BigDecimal("80.00"),
        Prefill.compliance(new Prefill.RecordTally(10, 2), new Prefill.IncidentTally(0, 0)).score());
    // records 8/10 = 0.8, incidents 1/2 = 0.5 → 65
    assertEquals(new BigDecimal("65.00"),
        Prefill.compliance(new Prefill.RecordTally(10, 2), new Prefill.IncidentTally(2, 1)).score());
    assertEquals(new BigDecimal("50.00"),
        Prefill.compliance(new Prefill.RecordTally(0, 0), new Prefill.IncidentTally(2, 1)).score());
    assertNull(Prefill.compliance(new Prefill.RecordTally(0, 0), new Prefill.IncidentTally(0, 0)).score());
  }

  @Test
  void satisfactionIsTheMeanOnTheHundredScale() {
    assertEquals(new BigDecimal("100"), SurveyScale.FIVE_POINT.toPercent(new BigDecimal("5")));
    assertEquals(new BigDecimal("80"), SurveyScale.FIVE_POINT.toPercent(new BigDecimal("4")));
    var v = Prefill.satisfaction(List.of(new BigDecimal("80"), new BigDecimal("100"), new BigDecimal("75")));
    assertEquals(new BigDecimal("85.00"), v.score());
    assertEquals("SURVEYS:3", v.basis());
    assertEquals("满意度调查 3 份", Basis.zh(v.basis()));
    assertEquals("无满意度调查", Basis.zh(Prefill.satisfaction(List.of()).basis()));
    assertEquals("一段旧的说明", Basis.zh("一段旧的说明"), "sheets prefilled before the codes pass their text on");
    assertTrue(Basis.parts("一段旧的说明").isEmpty());
    assertNull(Prefill.satisfaction(List.of()).score());
  }

  @Test
  void surveyScalesRefuseOutOfRangeAnswers() {
    assertEquals("SURVEY_SCORE_RANGE", org.junit.jupiter.api.Assertions.assertThrows(
        org.shouhu.problems.entity.InvalidValueException.class, () -> SurveyScale.FIVE_POINT.check(new BigDecimal("4.5"))).code());
    assertEquals("SURVEY_SCORE_RANGE", org.junit.jupiter.api.Assertions.assertThrows(
        org.shouhu.problems.entity.InvalidValueException.class, () -> SurveyScale.FIVE_POINT.check(new BigDecimal("0"))).code());
    assertEquals("SURVEY_SCORE_RANGE", org.junit.jupiter.api.Assertions.assertThrows(
        org.shouhu.problems.entity.InvalidValueException.class, () -> SurveyScale.PERCENT.check(new BigDecimal("101"))).code());
  }
}
