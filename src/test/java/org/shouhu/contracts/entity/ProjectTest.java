package org.shouhu.contracts.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.shouhu.problems.entity.InvalidValueException;
import org.shouhu.problems.entity.StateConflictException;

class ProjectTest {

  static final UUID BUREAU = UUID.randomUUID();
  static final UUID ORG = UUID.randomUUID();
  static final UUID OFFICER = UUID.randomUUID();

  static Project draft() {
    return Project.award(BUREAU, ORG, "TMMZ-2026-001", "岳口镇困境儿童关爱保护", new BigDecimal("480000"),
        new ContractPeriod(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31)), Set.of("429006107"),
        EnumSet.of(TargetGroup.CHILD_IN_DIFFICULTY), OFFICER);
  }

  @Test
  void storesTheBudgetExactlyToTheFen() {
    assertEquals(new BigDecimal("480000.00"), draft().budget());
    assertEquals("BUDGET_SCALE", assertThrows(InvalidValueException.class,
        () -> Budget.check(new BigDecimal("0.001"))).code());
    assertEquals("BUDGET_NEGATIVE", assertThrows(InvalidValueException.class,
        () -> Budget.check(new BigDecimal("-0.01"))).code());
    assertEquals(new BigDecimal("12.30"), Budget.check(new BigDecimal("12.300")), "trailing zeros are not extra precision");
  }

  @Test
  void refusesAPeriodThatEndsBeforeItStarts() {
    assertEquals("PERIOD_END_BEFORE_START", assertThrows(InvalidValueException.class,
        () -> new ContractPeriod(LocalDate.of(2026, 2, 1), LocalDate.of(2026, 1, 31))).code());
    assertEquals(365, new ContractPeriod(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31)).days());
  }

  @Test
  void needsADeliverableAndFullMilestonesToActivate() {
    Project p = draft();
    assertEquals("PROJECT_HAS_NO_DELIVERABLES", assertThrows(StateConflictException.class, () -> p.activate(OFFICER)).code());
    p.addDeliverable(ServiceKind.HOME_VISIT, DeliveryUnit.VISIT, 2000, TargetGroup.CHILD_IN_DIFFICULTY, 1, Cadence.MONTH, null);
    p.addMilestone(MilestoneKind.FIRST, null, new BigDecimal("30"), LocalDate.of(2026, 1, 31), false);
    assertEquals("PROJECT_MILESTONES_INCOMPLETE", assertThrows(StateConflictException.class, () -> p.activate(OFFICER)).code());
    p.addMilestone(MilestoneKind.FINAL, null, new BigDecimal("70"), LocalDate.of(2027, 1, 31), true);
    p.activate(OFFICER);
    assertEquals(ProjectStatus.ACTIVE, p.status());
    assertEquals("首付款", p.milestones().get(0).label());
    assertEquals(new BigDecimal("144000.00"), p.milestones().get(0).amountOf(p.budget()));
  }

  @Test
  void fixesItsTermsOnceActive() {
    Project p = draft();
    p.addDeliverable(ServiceKind.GROUP_SESSION, DeliveryUnit.SESSION, 40, null, null, null, null);
    p.activate(OFFICER);
    assertEquals("PROJECT_NOT_DRAFT", assertThrows(StateConflictException.class,
        () -> p.addDeliverable(ServiceKind.HOME_VISIT, DeliveryUnit.VISIT, 1, null, null, null, null)).code());
    assertEquals("PROJECT_NOT_DRAFT", assertThrows(StateConflictException.class,
        () -> p.addMilestone(MilestoneKind.FIRST, null, BigDecimal.TEN, LocalDate.of(2026, 3, 1), false)).code());
  }

  @Test
  void refusesMilestoneSharesAboveTheWholeBudget() {
    Project p = draft();
    p.addMilestone(MilestoneKind.FIRST, null, new BigDecimal("60"), LocalDate.of(2026, 1, 31), false);
    assertEquals("MILESTONE_SHARES_EXCEED_BUDGET", assertThrows(InvalidValueException.class,
        () -> p.addMilestone(MilestoneKind.FINAL, null, new BigDecimal("40.01"), LocalDate.of(2026, 12, 31), true)).code());
  }

  @Test
  void aPerBeneficiaryMinimumNeedsItsCadenceAndGroup() {
    Project p = draft();
    assertEquals("DELIVERABLE_MINIMUM_INCOMPLETE", assertThrows(InvalidValueException.class,
        () -> p.addDeliverable(ServiceKind.HOME_VISIT, DeliveryUnit.VISIT, 10, TargetGroup.CHILD_IN_DIFFICULTY, 1, null, null)).code());
    assertEquals("DELIVERABLE_MINIMUM_INVALID", assertThrows(InvalidValueException.class,
        () -> p.addDeliverable(ServiceKind.HOME_VISIT, DeliveryUnit.VISIT, 10, null, 1, Cadence.MONTH, null)).code());
    assertEquals("DELIVERABLE_TARGET_NOT_POSITIVE", assertThrows(InvalidValueException.class,
        () -> p.addDeliverable(ServiceKind.HOME_VISIT, DeliveryUnit.VISIT, 0, null, null, null, null)).code());
  }

  @Test
  void endsByClosingOrTerminatingWithAReason() {
    Project p = draft();
    assertEquals("PROJECT_NOT_ACTIVE", assertThrows(StateConflictException.class, () -> p.close(OFFICER)).code());
    assertEquals("PROJECT_TERMINATION_REASON_REQUIRED", assertThrows(InvalidValueException.class,
        () -> p.terminateBecause(" ", OFFICER)).code());
    p.terminateBecause("机构注销", OFFICER);
    assertEquals(ProjectStatus.TERMINATED, p.status());
    assertEquals("PROJECT_ALREADY_ENDED", assertThrows(StateConflictException.class,
        () -> p.terminateBecause("again", OFFICER)).code());
  }

  @Test
  void theBureauAmendsLockDaysWhileTheContractRuns() {
    Project p = draft();
    p.addDeliverable(ServiceKind.HOME_VISIT, DeliveryUnit.VISIT, 10, null, null, null, null);
    p.activate(OFFICER);
    assertEquals("PROJECT_NOT_DRAFT", assertThrows(StateConflictException.class, () -> p.keepPeriodsOpenFor(5)).code(),
        "setting the terms is for drafts");
    assertEquals(10, p.amendLockDays(5, OFFICER), "answers the days it replaced, for the audit trail");
    assertEquals(5, p.lockDays());
    assertEquals("PROJECT_LOCK_DAYS_RANGE", assertThrows(InvalidValueException.class, () -> p.amendLockDays(91, OFFICER)).code());
    p.close(OFFICER);
    assertEquals("PROJECT_ALREADY_ENDED", assertThrows(StateConflictException.class, () -> p.amendLockDays(0, OFFICER)).code());
    assertEquals(5, p.lockDays());
  }

  @Test
  void aMilestoneIsPaidOnceAndOnlyAfterItsEvaluationReleasedIt() {
    Project p = draft();
    p.addMilestone(MilestoneKind.FIRST, null, new BigDecimal("30"), LocalDate.of(2026, 1, 31), false);
    p.addMilestone(MilestoneKind.FINAL, null, new BigDecimal("70"), LocalDate.of(2026, 12, 31), true);
    PaymentMilestone first = p.milestones().get(0);
    PaymentMilestone last = p.milestones().get(1);
    LocalDate today = LocalDate.of(2026, 6, 1);
    UUID officer = UUID.randomUUID();

    assertEquals("MILESTONE_PAID_IN_FUTURE", assertThrows(InvalidValueException.class,
        () -> first.pay(today.plusDays(1), null, officer, today)).code());
    first.pay(LocalDate.of(2026, 2, 3), " 记-12 ", officer, today);
    assertEquals(PaymentMilestone.Status.PAID, first.status());
    assertEquals("记-12", first.paymentReference());
    assertEquals("MILESTONE_ALREADY_PAID", assertThrows(StateConflictException.class,
        () -> first.pay(today, null, officer, today)).code());

    assertEquals("MILESTONE_NOT_RELEASED", assertThrows(StateConflictException.class,
        () -> last.pay(today, null, officer, today)).code());
    last.release();
    last.pay(today, null, officer, today);
    assertEquals(LocalDate.of(2026, 6, 1), last.paidOn());
  }
}
