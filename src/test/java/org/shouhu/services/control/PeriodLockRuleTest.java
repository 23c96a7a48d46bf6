package org.shouhu.services.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The lock day of a month, and crossing it to the second, with time from a fixed clock. */
class PeriodLockRuleTest {

  static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

  static OffsetDateTime china(int year, int month, int day, int hour, int minute) {
    return LocalDateTime.of(year, month, day, hour, minute).atZone(CHINA).toOffsetDateTime();
  }

  static Instant chinaInstant(LocalDate day, int hour, int minute, int second) {
    return day.atTime(hour, minute, second).atZone(CHINA).toInstant();
  }

  @ParameterizedTest(name = "{0} with {1} days locks on {2}")
  @CsvSource({
    "2026-01-15, 10, 2026-02-11", // 31-day month
    "2026-04-15, 10, 2026-05-11", // 30-day month
    "2026-02-15, 10, 2026-03-11", // 28-day February
    "2028-02-15, 10, 2028-03-11", // 29-day February
    "2026-12-15, 10, 2027-01-11", // across the year
    "2026-01-15,  0, 2026-02-01",
    "2026-04-15,  0, 2026-05-01",
    "2026-02-15,  0, 2026-03-01",
    "2028-02-29,  0, 2028-03-01",
    "2026-01-31, 90, 2026-05-02"
  })
  void monthLocksTheDayAfterItsLockDaysHavePassed(LocalDate served, int lockDays, LocalDate lockedOn) {
    var lock = PeriodLockRule.lockOf(china(served.getYear(), served.getMonthValue(), served.getDayOfMonth(), 9, 0), lockDays, CHINA);
    assertEquals(YearMonth.from(served), lock.month());
    assertEquals(lockedOn, lock.lockedOn());
    assertEquals(lockedOn.atStartOfDay(CHINA).toInstant(), lock.lockedFrom());
  }

  @ParameterizedTest(name = "{0} with {1} days")
  @CsvSource({"2026-01-20, 10", "2026-04-20, 10", "2026-02-20, 10", "2028-02-20, 10", "2026-01-20, 0", "2028-02-20, 0"})
  void openOnTheLastSecondOfTheLastOpenDayAndLockedAtMidnightChinaTime(LocalDate served, int lockDays) {
    OffsetDateTime start = china(served.getYear(), served.getMonthValue(), served.getDayOfMonth(), 9, 0);
    LocalDate lastOpenDay = YearMonth.from(served).atEndOfMonth().plusDays(lockDays);
    Clock justBefore = Clock.fixed(chinaInstant(lastOpenDay, 23, 59, 59), ZoneOffset.UTC);
    Clock atMidnight = Clock.fixed(chinaInstant(lastOpenDay.plusDays(1), 0, 0, 0), ZoneOffset.UTC);
    assertTrue(PeriodLockRule.locked(start, lockDays, CHINA, justBefore.instant()).isEmpty());
    var lock = PeriodLockRule.locked(start, lockDays, CHINA, atMidnight.instant()).orElseThrow();
    assertTrue(lock.message().contains(lastOpenDay.plusDays(1).toString()), lock.message());
  }

  @Test
  void withNoLockDaysThePreviousMonthLocksAtChinaMidnightWhichIsFourPmUtc() {
    OffsetDateTime start = china(2026, 10, 31, 9, 0);
    // 1 November 00:00 in Shanghai is 31 October 16:00 UTC: locked although UTC still says October.
    assertTrue(PeriodLockRule.locked(start, 0, CHINA, Instant.parse("2026-10-31T15:59:59Z")).isEmpty());
    assertTrue(PeriodLockRule.locked(start, 0, CHINA, Instant.parse("2026-10-31T16:00:00Z")).isPresent());
  }

  @Test
  void monthIsTheOrganizationsNotUtcs() {
    // 1 March 2026 07:30 in Shanghai is 28 February 23:30 UTC: a March service in China, a February one in UTC.
    OffsetDateTime earlyMorning = OffsetDateTime.parse("2026-02-28T23:30:00Z");
    assertEquals(YearMonth.of(2026, 3), PeriodLockRule.lockOf(earlyMorning, 10, CHINA).month());
    assertEquals(YearMonth.of(2026, 2), PeriodLockRule.lockOf(earlyMorning, 10, ZoneOffset.UTC).month());
    Instant midMarch = Instant.parse("2026-03-15T00:00:00Z");
    assertFalse(PeriodLockRule.locked(earlyMorning, 10, CHINA, midMarch).isPresent(), "March is open in China");
    assertTrue(PeriodLockRule.locked(earlyMorning, 10, ZoneOffset.UTC, midMarch).isPresent(), "February locked 11 March UTC");
  }

  @Test
  void theCurrentMonthIsNeverLocked() {
    Instant now = Instant.parse("2026-11-23T08:00:00Z");
    OffsetDateTime today = now.atOffset(ZoneOffset.UTC);
    assertTrue(PeriodLockRule.locked(today, 0, CHINA, now).isEmpty());
    assertTrue(PeriodLockRule.locked(today.withDayOfMonth(1).plusHours(1), 0, CHINA, now).isEmpty());
  }

  @Test
  void supervisorApprovesAfterTheLockOnlyWhatWasSubmittedBeforeIt() {
    var lock = PeriodLockRule.lockOf(china(2026, 1, 20, 9, 0), 10, CHINA);
    assertTrue(PeriodLockRule.approvalAfterLockAllowed(lock, china(2026, 2, 10, 23, 59)));
    assertFalse(PeriodLockRule.approvalAfterLockAllowed(lock, china(2026, 2, 11, 0, 0)));
    assertFalse(PeriodLockRule.approvalAfterLockAllowed(lock, null), "never submitted");
  }

  @Test
  void refusesNegativeLockDays() {
    assertThrows(IllegalArgumentException.class, () -> PeriodLockRule.lockOf(china(2026, 1, 20, 9, 0), -1, CHINA));
  }
}
