package org.shouhu.beneficiaries.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.shouhu.problems.entity.InvalidValueException;
import org.shouhu.problems.entity.StateConflictException;

class EnrolmentTest {

  static final UUID SUPERVISOR = UUID.randomUUID();
  static final LocalDate ENROLLED = LocalDate.of(2026, 3, 1);
  static final LocalDate TODAY = LocalDate.of(2026, 5, 20);

  static Enrolment enrolment() {
    return new Enrolment(UUID.randomUUID(), BeneficiaryId.random(), ENROLLED, SUPERVISOR);
  }

  @Test
  void endsOnADayForAReasonAndCoversTheDaysUntilThen() {
    Enrolment e = enrolment();
    e.endOn(LocalDate.of(2026, 5, 10), EnrolmentEndReason.LEFT_AREA, null, SUPERVISOR, TODAY);
    assertEquals("ENDED", e.status());
    assertEquals(EnrolmentEndReason.LEFT_AREA, e.endReason());
    assertTrue(e.coversDay(LocalDate.of(2026, 5, 10)));
    assertFalse(e.coversDay(LocalDate.of(2026, 5, 11)));
    assertFalse(e.isVoided());
  }

  @Test
  void refusesAnEndBeforeTheStartOrInTheFuture() {
    assertEquals("ENROLMENT_END_BEFORE_START", assertThrows(InvalidValueException.class,
        () -> enrolment().endOn(ENROLLED.minusDays(1), EnrolmentEndReason.AGED_OUT, null, SUPERVISOR, TODAY)).code());
    assertEquals("ENROLMENT_END_IN_FUTURE", assertThrows(InvalidValueException.class,
        () -> enrolment().endOn(TODAY.plusDays(1), EnrolmentEndReason.AGED_OUT, null, SUPERVISOR, TODAY)).code());
  }

  @Test
  void otherNeedsANote() {
    assertEquals("ENROLMENT_END_NOTE_REQUIRED", assertThrows(InvalidValueException.class,
        () -> enrolment().endOn(TODAY, EnrolmentEndReason.OTHER, " ", SUPERVISOR, TODAY)).code());
    Enrolment e = enrolment();
    e.endOn(TODAY, EnrolmentEndReason.OTHER, "随母亲外出务工", SUPERVISOR, TODAY);
    assertEquals("随母亲外出务工", e.endNote());
  }

  @Test
  void endsOnceAndAVoidedOneNever() {
    Enrolment ended = enrolment();
    ended.endOn(TODAY, EnrolmentEndReason.TRANSFERRED, null, SUPERVISOR, TODAY);
    assertEquals("ENROLMENT_NOT_ACTIVE", assertThrows(StateConflictException.class,
        () -> ended.endOn(TODAY, EnrolmentEndReason.TRANSFERRED, null, SUPERVISOR, TODAY)).code());
    Enrolment voided = enrolment();
    voided.voidBecause("登记错了项目", SUPERVISOR);
    assertEquals("ENROLMENT_NOT_ACTIVE", assertThrows(StateConflictException.class,
        () -> voided.endOn(TODAY, EnrolmentEndReason.LEFT_AREA, null, SUPERVISOR, TODAY)).code());
    assertFalse(voided.coversDay(ENROLLED));
  }
}
