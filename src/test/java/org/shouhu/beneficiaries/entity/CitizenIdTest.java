package org.shouhu.beneficiaries.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.shouhu.problems.entity.InvalidValueException;

class CitizenIdTest {

  private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
  // 2024-06-01 00:30 in Beijing while it is still 31 May in UTC.
  private static final Clock FIRST_OF_JUNE_2024 = Clock.fixed(Instant.parse("2024-05-31T16:30:00Z"), CHINA);

  private static final String TIANMEN_BOY = "429006201503121230";
  private static final String TIANMEN_GIRL = "429006201503121249";

  private static final List<String> VALID =
      List.of(
          TIANMEN_BOY,
          TIANMEN_GIRL,
          "429006201503120019",
          "429006198001010026",
          "429006200002290058", // 29 February of a leap year
          "429006190001010011", // the earliest birth date accepted
          "11010519491231002X"); // the worked example of GB 11643-1999

  /**
   * Deliberately not a copy of the production algorithm: weights are 2^(17-i) mod 11 and the check is ISO 7064
   * MOD 11-2's (12 - sum mod 11) mod 11, instead of the lookup tables the main code uses.
   */
  private static char independentCheckCharacter(String body17) {
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      sum += (body17.charAt(i) - '0') * ((1 << (17 - i)) % 11);
    }
    int check = (12 - sum % 11) % 11;
    return check == 10 ? 'X' : (char) ('0' + check);
  }

  private static String withCheck(String body17) {
    return body17 + independentCheckCharacter(body17);
  }

  private static String rejectionCode(String raw) {
    return assertThrows(InvalidValueException.class, () -> CitizenId.of(raw, FIRST_OF_JUNE_2024)).code();
  }

  @Test
  void independentRoutineAgreesWithTheStandardsExamples() {
    assertEquals('X', independentCheckCharacter("11010519491231002"));
    assertEquals('4', independentCheckCharacter("44052418800101001"));
  }

  @Test
  void samplesCarryTheCheckCharacterComputedByHand() {
    for (String valid : VALID) {
      assertEquals(valid, withCheck(valid.substring(0, 17)));
    }
  }

  @Test
  void acceptsCorrectlyCheckedNumbers() {
    for (String valid : VALID) {
      assertEquals(valid, CitizenId.of(valid, FIRST_OF_JUNE_2024).value());
      assertEquals(valid, CitizenId.of(valid).value());
    }
  }

  @Test
  void acceptsLowercaseXAndSurroundingBlanks() {
    assertEquals("11010519491231002X", CitizenId.of(" 11010519491231002x\n").value());
    assertEquals(CitizenId.of("11010519491231002X"), CitizenId.of("11010519491231002x"));
  }

  @Test
  void readsBirthDateDivisionAndGender() {
    CitizenId boy = CitizenId.of(TIANMEN_BOY, FIRST_OF_JUNE_2024);
    assertEquals(LocalDate.of(2015, 3, 12), boy.birthDate());
    assertEquals("429006", boy.divisionCode());
    assertEquals(Gender.MALE, boy.gender());

    CitizenId girl = CitizenId.of(TIANMEN_GIRL, FIRST_OF_JUNE_2024);
    assertEquals(Gender.FEMALE, girl.gender());
    assertEquals(Gender.FEMALE, CitizenId.of("11010519491231002X").gender());
    assertEquals(LocalDate.of(1949, 12, 31), CitizenId.of("11010519491231002X").birthDate());
  }

  @Test
  void masksAllButFirstAndLastFourCharacters() {
    assertEquals("4290**********1230", CitizenId.of(TIANMEN_BOY).masked());
    assertEquals("1101**********002X", CitizenId.of("11010519491231002X").masked());
  }

  @Test
  void neverPrintsTheFullNumber() {
    CitizenId id = CitizenId.of(TIANMEN_BOY);
    assertEquals("4290**********1230", id.toString());
    assertFalse(String.valueOf(id).contains("20150312"));
  }

  @Test
  void neverQuotesTheNumberInRejections() {
    String corrupted = "429006201503121231";
    InvalidValueException e =
        assertThrows(InvalidValueException.class, () -> CitizenId.of(corrupted, FIRST_OF_JUNE_2024));
    assertFalse(e.getMessage().contains("20150312"), e.getMessage());
  }

  @Test
  void rejectsMissingNumber() {
    assertEquals("CITIZEN_ID_REQUIRED", rejectionCode(null));
    assertEquals("CITIZEN_ID_REQUIRED", rejectionCode(""));
    assertEquals("CITIZEN_ID_REQUIRED", rejectionCode(" \t "));
  }

  @Test
  void rejectsWrongLength() {
    assertEquals("CITIZEN_ID_FORMAT", rejectionCode("42900620150312123"));
    assertEquals("CITIZEN_ID_FORMAT", rejectionCode("4290062015031212300"));
    // The old 15-digit numbers (before 1999) are not accepted any more.
    assertEquals("CITIZEN_ID_FORMAT", rejectionCode("429006150312123"));
  }

  @Test
  void rejectsLettersAnywhereButTheCheckPosition() {
    assertEquals("CITIZEN_ID_FORMAT", rejectionCode("42900620150312X230"));
    assertEquals("CITIZEN_ID_FORMAT", rejectionCode("X29006201503121230"));
    assertEquals("CITIZEN_ID_FORMAT", rejectionCode("42900620150312123Y"));
    assertEquals("CITIZEN_ID_FORMAT", rejectionCode("４29006201503121230"));
  }

  @Test
  void rejectsCorruptedCheckCharacter() {
    assertEquals("CITIZEN_ID_CHECK", rejectionCode("429006201503121231"));
    assertEquals("CITIZEN_ID_CHECK", rejectionCode("429006201503121239"));
    assertEquals("CITIZEN_ID_CHECK", rejectionCode("110105194912310021"));
  }

  @Test
  void rejectsOneChangedDigit() {
    assertEquals("CITIZEN_ID_CHECK", rejectionCode("429007201503121230"));
    assertEquals("CITIZEN_ID_CHECK", rejectionCode("429006201503131230"));
    // 2015-03-02 is a real date, so only the checksum can notice.
    assertEquals("CITIZEN_ID_CHECK", rejectionCode("429006201503021230"));
  }

  @Test
  void rejectsTransposedDigits() {
    assertEquals("CITIZEN_ID_CHECK", rejectionCode("429006201503122130"));
    assertEquals("CITIZEN_ID_CHECK", rejectionCode("429060201503121230"));
    assertEquals("CITIZEN_ID_CHECK", rejectionCode("429006201530121230"));
  }

  @Test
  void rejectsImpossibleCalendarDate() {
    String thirtiethOfFebruary = withCheck("42900620150230123");
    assertEquals("42900620150230123X", thirtiethOfFebruary);
    assertEquals("CITIZEN_ID_BIRTH_DATE", rejectionCode(thirtiethOfFebruary));
    assertEquals("CITIZEN_ID_BIRTH_DATE", rejectionCode(withCheck("42900620150229123"))); // 2015 is no leap year
    assertEquals("CITIZEN_ID_BIRTH_DATE", rejectionCode(withCheck("42900620151301123")));
    assertEquals("CITIZEN_ID_BIRTH_DATE", rejectionCode(withCheck("42900620150000123")));
  }

  @Test
  void rejectsBirthBefore1900() {
    assertEquals("CITIZEN_ID_BIRTH_DATE", rejectionCode(withCheck("42900618991231001")));
    assertEquals("CITIZEN_ID_BIRTH_DATE", rejectionCode("440524188001010014"));
  }

  @Test
  void rejectsBirthAfterTodayOnTheGivenClock() {
    String bornSecondOfJune = withCheck("42900620240602001");
    assertEquals("CITIZEN_ID_BIRTH_DATE", rejectionCode(bornSecondOfJune));
    // The same number is fine once that day has come.
    Clock thirdOfJune = Clock.fixed(Instant.parse("2024-06-03T00:00:00Z"), CHINA);
    assertEquals(LocalDate.of(2024, 6, 2), CitizenId.of(bornSecondOfJune, thirdOfJune).birthDate());
  }

  @Test
  void acceptsBirthTodayInBeijingTime() {
    // The clock's UTC date is still 31 May; the Beijing date decides.
    CitizenId bornToday = CitizenId.of(withCheck("42900620240601002"), FIRST_OF_JUNE_2024);
    assertEquals(LocalDate.of(2024, 6, 1), bornToday.birthDate());
  }

  @Test
  void rejectsBirthInTheFutureWithoutAnExplicitClock() {
    String farFuture = withCheck("42900629990101001");
    InvalidValueException e = assertThrows(InvalidValueException.class, () -> CitizenId.of(farFuture));
    assertEquals("CITIZEN_ID_BIRTH_DATE", e.code());
    assertEquals(
        "CITIZEN_ID_BIRTH_DATE", assertThrows(InvalidValueException.class, () -> new CitizenId(farFuture)).code());
  }
}
