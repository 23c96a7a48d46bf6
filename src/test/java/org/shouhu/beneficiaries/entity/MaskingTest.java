package org.shouhu.beneficiaries.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.shouhu.problems.entity.InvalidValueException;

/** What lists show instead of the value: enough to recognise a person, too little to identify them. */
class MaskingTest {

  @Test
  void aNameKeepsItsFirstAndLastCharacter() {
    assertEquals("张*明", new PersonName("张小明").masked());
    assertEquals("欧**明", new PersonName("欧阳小明").masked());
    assertEquals("阿******提", new PersonName("阿依古丽·买买提").masked());
  }

  @Test
  void aTwoCharacterNameKeepsOnlyItsFirst() {
    assertEquals("张*", new PersonName("张三").masked());
    assertEquals("*", new PersonName("明").masked());
  }

  @Test
  void countsCharactersNotUtf16Units() {
    // 𠮷 lies outside the BMP: two UTF-16 units, one character.
    assertEquals("𠮷*", new PersonName("𠮷野").masked());
    assertEquals("张*𠮷", new PersonName("张小𠮷").masked());
  }

  @Test
  void aCitizenIdShowsTheFirstAndLastFour() {
    assertEquals("4290**********1230", CitizenId.of("429006201503121230").masked());
  }

  @Test
  void aPhoneShowsTheFirstThreeAndLastFourDigits() {
    assertEquals("138****5678", PhoneNumber.of("13812345678").masked());
    assertEquals("138****5678", PhoneNumber.of("+86 138-1234-5678").masked());
    assertEquals("072****2345", PhoneNumber.of("0728-5212345").masked());
  }

  @Test
  void personalValuesPrintMasked() {
    assertEquals("张*明", new PersonName("张小明").toString());
    assertEquals("138****5678", PhoneNumber.of("13812345678").toString());
    assertFalse(
        new GuardianDetails(
                Relationship.GRANDPARENT, new PersonName("张大山"), PhoneNumber.of("13812345678"), true, false, null)
            .toString()
            .contains("12345678"));
  }

  @Test
  void refusesWhatIsNoPhoneNumberWithoutQuotingIt() {
    for (String bad : new String[] {"12345", "23812345678", "138123456789", "call me", "1381234567x"}) {
      InvalidValueException refused = assertThrows(InvalidValueException.class, () -> PhoneNumber.of(bad));
      assertEquals("PHONE_FORMAT", refused.code());
      assertFalse(refused.getMessage().contains(bad));
    }
  }

  @Test
  void refusesEmptyOverlongOrMultilineNames() {
    assertEquals("PERSON_NAME_REQUIRED", assertThrows(InvalidValueException.class, () -> new PersonName(" ")).code());
    assertEquals(
        "PERSON_NAME_TOO_LONG",
        assertThrows(InvalidValueException.class, () -> new PersonName("张".repeat(101))).code());
    assertEquals(
        "PERSON_NAME_FORMAT", assertThrows(InvalidValueException.class, () -> new PersonName("张\n明")).code());
  }
}
