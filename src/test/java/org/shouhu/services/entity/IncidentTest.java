package org.shouhu.services.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.shouhu.beneficiaries.entity.BeneficiaryId;
import org.shouhu.contracts.entity.ProjectId;
import org.shouhu.problems.entity.InvalidValueException;
import org.shouhu.problems.entity.StateConflictException;
import org.shouhu.regions.entity.DivisionCode;

class IncidentTest {

  static final UUID WORKER = UUID.randomUUID();
  static final UUID SUPERVISOR = UUID.randomUUID();
  static final UUID BUREAU = UUID.randomUUID();
  static final OffsetDateTime FOUND = OffsetDateTime.of(2026, 3, 10, 9, 0, 0, 0, ZoneOffset.ofHours(8));
  static final OffsetDateTime NOW = FOUND.plusDays(1);
  static final LocalDate TODAY = LocalDate.of(2026, 3, 12);

  static Incident.Subject subject() {
    return new Incident.Subject(UUID.randomUUID(), BUREAU, new ProjectId(UUID.randomUUID()), null,
        BeneficiaryId.random(), "张*明", DivisionCode.of("429006104201"));
  }

  static Report report() {
    return new Report(EnumSet.of(Authority.POLICE, Authority.CIVIL_AFFAIRS_BUREAU), FOUND.plusHours(2));
  }

  static Incident open() {
    return Incident.raise(subject(), Concern.SUSPECTED_ABUSE, "孩子手臂有多处淤青", FOUND, report(), WORKER, NOW);
  }

  @Test
  void raisesAnOpenIncidentWithTheTownAndMaskedNameOnly() {
    Incident incident = open();
    assertEquals(IncidentStatus.OPEN, incident.status());
    assertEquals("429006104", incident.townCode());
    assertEquals("张*明", incident.childMaskedName());
    assertEquals(Set.of(Authority.POLICE, Authority.CIVIL_AFFAIRS_BUREAU), incident.reportedTo());
    assertTrue(incident.isFundedBy(BUREAU));
  }

  @Test
  void refusesAFindingInTheFutureOrAReportBeforeTheFinding() {
    assertEquals("INC_FOUND_IN_FUTURE", assertThrows(InvalidValueException.class, () -> Incident.raise(
        subject(), Concern.NEGLECT, "无人照料", NOW.plusHours(1), new Report(Set.of(Authority.POLICE), NOW), WORKER, NOW))
        .code());
    assertEquals("INC_REPORT_BEFORE_FOUND", assertThrows(InvalidValueException.class, () -> Incident.raise(
        subject(), Concern.NEGLECT, "无人照料", FOUND, new Report(Set.of(Authority.POLICE), FOUND.minusHours(1)), WORKER,
        NOW)).code());
    assertEquals("INC_REPORT_IN_FUTURE", assertThrows(InvalidValueException.class, () -> Incident.raise(
        subject(), Concern.NEGLECT, "无人照料", FOUND, new Report(Set.of(Authority.POLICE), NOW.plusHours(1)), WORKER,
        NOW)).code());
    assertEquals("INC_REPORTED_TO_REQUIRED",
        assertThrows(InvalidValueException.class, () -> new Report(Set.of(), FOUND)).code());
    assertEquals("REQUIRED", assertThrows(InvalidValueException.class, () -> Incident.raise(
        subject(), Concern.NEGLECT, " ", FOUND, report(), WORKER, NOW)).code());
  }

  @Test
  void appendsStepsInOrderWhileOpen() {
    Incident incident = open();
    incident.appendStep(LocalDate.of(2026, 3, 10), "报告派出所", "社工王芳", WORKER, TODAY);
    incident.appendStep(LocalDate.of(2026, 3, 11), "民警入户核实", "多宝派出所", WORKER, TODAY);
    assertEquals(2, incident.steps().size());
    assertEquals(2, incident.steps().get(1).position());
    assertEquals("民警入户核实", incident.steps().get(1).action());
    assertThrows(UnsupportedOperationException.class, () -> incident.steps().clear());
  }

  @Test
  void refusesStepsDatedInTheFutureOrBeforeTheFinding() {
    Incident incident = open();
    assertEquals("INC_STEP_IN_FUTURE", assertThrows(InvalidValueException.class,
        () -> incident.appendStep(TODAY.plusDays(1), "x", "y", WORKER, TODAY)).code());
    assertEquals("INC_STEP_BEFORE_FOUND", assertThrows(InvalidValueException.class,
        () -> incident.appendStep(LocalDate.of(2026, 3, 9), "x", "y", WORKER, TODAY)).code());
    assertEquals(0, incident.steps().size());
  }

  @Test
  void closesOnceWithAnOutcomeAndThenTakesNoSteps() {
    Incident incident = open();
    assertEquals("INC_OUTCOME_REQUIRED", assertThrows(InvalidValueException.class,
        () -> incident.close(TODAY, "", SUPERVISOR, TODAY)).code());
    assertEquals("INC_CLOSED_BEFORE_FOUND", assertThrows(InvalidValueException.class,
        () -> incident.close(LocalDate.of(2026, 3, 1), "已处置", SUPERVISOR, TODAY)).code());
    incident.close(TODAY, "已由祖父母接回照料，纳入重点关注", SUPERVISOR, TODAY);
    assertEquals(IncidentStatus.CLOSED, incident.status());
    assertEquals(TODAY, incident.closedOn());
    assertEquals("INC_NOT_OPEN", assertThrows(StateConflictException.class,
        () -> incident.appendStep(TODAY, "x", "y", WORKER, TODAY)).code());
    assertEquals("INC_NOT_OPEN", assertThrows(StateConflictException.class,
        () -> incident.close(TODAY, "again", SUPERVISOR, TODAY)).code());
  }

  @Test
  void voidsWithAReasonOnceFromOpenOrClosed() {
    Incident incident = open();
    assertEquals("INC_VOID_REASON_REQUIRED", assertThrows(InvalidValueException.class,
        () -> incident.voidBecause(" ", SUPERVISOR)).code());
    assertEquals(IncidentStatus.OPEN, incident.status());
    incident.voidBecause("录错儿童", SUPERVISOR);
    assertEquals(IncidentStatus.VOIDED, incident.status());
    assertEquals("INC_ALREADY_VOIDED", assertThrows(StateConflictException.class,
        () -> incident.voidBecause("again", SUPERVISOR)).code());
    assertEquals("INC_NOT_OPEN", assertThrows(StateConflictException.class,
        () -> incident.close(TODAY, "x", SUPERVISOR, TODAY)).code());

    Incident closed = open();
    closed.close(TODAY, "已处置", SUPERVISOR, TODAY);
    closed.voidBecause("重复登记", SUPERVISOR);
    assertEquals(IncidentStatus.VOIDED, closed.status());
  }

  @Test
  void countsAgeInWholeDaysUntilTodayOrTheClosingDay() {
    Incident incident = open();
    LocalDate opened = incident.openedOn();
    assertEquals(3, incident.ageDays(opened.plusDays(3)));
    incident.close(opened.plusDays(1), "已处置", SUPERVISOR, opened.plusDays(1));
    assertEquals(1, incident.ageDays(opened.plusDays(30)));
    assertNull(incident.voidReason());
  }
}
