package org.shouhu.beneficiaries.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The bureau's referral figures' rules for one referral: waiting, days waiting and overdue (docs/reporting.md). */
class ReferralBureauRowTest {

  static final OffsetDateTime NOW = OffsetDateTime.of(2026, 12, 6, 8, 0, 0, 0, ZoneOffset.UTC);
  static final LocalDate TODAY = LocalDate.of(2026, 12, 6);

  private static Referrals.BureauRow row(String agency, String status, int daysAgo, Integer answeredDaysAgo, LocalDate followUp) {
    return new Referrals.BureauRow(UUID.randomUUID(), UUID.randomUUID(), agency == null ? UUID.randomUUID() : null,
        agency, "ROUTINE", status, NOW.minusDays(daysAgo),
        answeredDaysAgo == null ? null : NOW.minusDays(answeredDaysAgo), followUp, true, agency == null);
  }

  @Test
  void anUnansweredReferralToAnOrganizationIsOverdueAfterTheResponseDays() {
    assertFalse(row(null, "SENT", 7, null, null).overdue(NOW, 7, TODAY));
    assertTrue(row(null, "SENT", 8, null, null).overdue(NOW, 7, TODAY));
    assertFalse(row(null, "ACCEPTED", 30, 20, null).overdue(NOW, 7, TODAY), "answered");
    assertEquals(10, row(null, "ACCEPTED", 30, 20, null).daysWaiting(NOW), "up to the answer");
  }

  @Test
  void anAgencyReferralWaitsUntilClosedAndIsOverduePastItsFollowUpDay() {
    var followedUp = row("SCHOOL", "FOLLOWED_UP", 20, 5, TODAY.plusDays(1));
    assertTrue(followedUp.waiting(), "a follow-up is not an outcome");
    assertEquals(20, followedUp.daysWaiting(NOW), "still waiting: counted to now, not to the follow-up");
    assertFalse(followedUp.overdue(NOW, 7, TODAY), "its follow-up day lies ahead, however long it has waited");
    assertTrue(row("SCHOOL", "REFERRED", 2, null, TODAY.minusDays(1)).overdue(NOW, 7, TODAY), "past the follow-up day");
    assertFalse(row("SCHOOL", "REFERRED", 2, null, TODAY).overdue(NOW, 7, TODAY), "due today is not late");
    assertTrue(row("POLICE", "REFERRED", 8, null, null).overdue(NOW, 7, TODAY), "no follow-up day: the response days");
    var closed = row("POLICE", "CLOSED", 8, 1, null);
    assertFalse(closed.waiting() || closed.overdue(NOW, 7, TODAY));
    assertEquals(7, closed.daysWaiting(NOW));
  }
}
