package org.shouhu.tenancy.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.shouhu.problems.entity.InvalidValueException;

class CreditCodeTest {

  private static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";

  // Bodies registered in 天门市 (429006): enterprise (91), social-service organisation (52), public institution (12),
  // farmers' cooperative (93).
  private static final List<String> TIANMEN_BODIES =
      List.of("91429006MA4F2K3L1", "52429006MA4D7QWN0", "12429006441000123", "91429006331234567", "93429006MA49ABCDE");

  private static final List<String> TIANMEN_CODES =
      List.of("91429006MA4F2K3L11", "52429006MA4D7QWN0L", "12429006441000123Y", "91429006331234567W",
          "93429006MA49ABCDEK");

  // Codes in circulation, checked by hand; they keep the independent routine below honest.
  private static final List<String> PUBLISHED_CODES =
      List.of("914403001922038216", "9144030071526726XG", "91330100799655058B", "91350100M000100Y43",
          "91110000600037341L", "91420000177570439L");

  /**
   * Deliberately not a copy of the production algorithm: the weights are derived as 3^i mod 31 instead of being
   * listed, so a mistyped weight table in the main code cannot be mirrored here.
   */
  private static char independentCheckCharacter(String body17) {
    int sum = 0;
    int weight = 1;
    for (int i = 0; i < 17; i++) {
      sum += ALPHABET.indexOf(body17.charAt(i)) * weight;
      weight = weight * 3 % 31;
    }
    int check = 31 - sum % 31;
    return check == 31 ? '0' : ALPHABET.charAt(check);
  }

  private static String rejectionCode(String raw) {
    return assertThrows(InvalidValueException.class, () -> CreditCode.of(raw)).code();
  }

  @Test
  void independentRoutineAgreesWithPublishedCodes() {
    for (String published : PUBLISHED_CODES) {
      assertEquals(published.charAt(17), independentCheckCharacter(published.substring(0, 17)), published);
    }
  }

  @Test
  void samplesCarryTheCheckCharacterComputedByHand() {
    for (int i = 0; i < TIANMEN_BODIES.size(); i++) {
      String body = TIANMEN_BODIES.get(i);
      assertEquals(body + independentCheckCharacter(body), TIANMEN_CODES.get(i));
    }
  }

  @Test
  void acceptsCorrectlyCheckedCodes() {
    for (String valid : TIANMEN_CODES) {
      assertEquals(valid, CreditCode.of(valid).value());
    }
    for (String valid : PUBLISHED_CODES) {
      assertEquals(valid, CreditCode.of(valid).value());
    }
  }

  @Test
  void acceptsEveryBodyCompletedWithItsHandComputedCheckCharacter() {
    for (String body : TIANMEN_BODIES) {
      String full = body + independentCheckCharacter(body);
      assertEquals(full, CreditCode.of(full).value());
    }
  }

  @Test
  void acceptsCodesWhoseCheckFoldsFromThirtyOneToZero() {
    // Search for a body whose sum is divisible by 31, so the "31 maps to 0" rule is actually exercised.
    String folding = null;
    for (char c : ALPHABET.toCharArray()) {
      String body = "91429006MA4F2K3L" + c;
      if (independentCheckCharacter(body) == '0') {
        folding = body + '0';
        break;
      }
    }
    assertTrue(folding != null, "no body in the search range folds to 0");
    assertEquals(folding, CreditCode.of(folding).value());
  }

  @Test
  void upperCasesAndTrimsInput() {
    CreditCode code = CreditCode.of("  91429006ma4f2k3l11 \t");
    assertEquals("91429006MA4F2K3L11", code.value());
    assertEquals(CreditCode.of("91429006MA4F2K3L11"), code);
  }

  @Test
  void exposesDivisionCodeFromPositionsThreeToEight() {
    assertEquals("429006", CreditCode.of("91429006MA4F2K3L11").divisionCode());
    assertEquals("420000", CreditCode.of("91420000177570439L").divisionCode());
  }

  @Test
  void printsAsItsValue() {
    assertEquals("52429006MA4D7QWN0L", CreditCode.of("52429006MA4D7QWN0L").toString());
  }

  @Test
  void rejectsMissingCode() {
    assertEquals("CREDIT_CODE_REQUIRED", rejectionCode(null));
    assertEquals("CREDIT_CODE_REQUIRED", rejectionCode(""));
    assertEquals("CREDIT_CODE_REQUIRED", rejectionCode("   "));
  }

  @Test
  void rejectsWrongLength() {
    assertEquals("CREDIT_CODE_FORMAT", rejectionCode("91429006MA4F2K3L1"));
    assertEquals("CREDIT_CODE_FORMAT", rejectionCode("91429006MA4F2K3L111"));
    assertEquals("CREDIT_CODE_FORMAT", rejectionCode("429006"));
  }

  @Test
  void rejectsForbiddenLettersIOZSV() {
    for (char forbidden : "IOZSV".toCharArray()) {
      String body = "91429006MA4F2K3L" + forbidden;
      assertEquals("CREDIT_CODE_FORMAT", rejectionCode(body + "1"), "letter " + forbidden);
      assertEquals("CREDIT_CODE_FORMAT", rejectionCode("91429006" + forbidden + "A4F2K3L11"), "letter " + forbidden);
    }
  }

  @Test
  void rejectsCharactersOutsideTheAlphabet() {
    assertEquals("CREDIT_CODE_FORMAT", rejectionCode("91429006MA4F-K3L11"));
    assertEquals("CREDIT_CODE_FORMAT", rejectionCode("91429006MA4F2K3L1１"));
  }

  @Test
  void rejectsLettersInTheDivisionCode() {
    String body = "9142900AMA4F2K3L1";
    // Give it a matching check character so only the division rule can be the reason.
    assertEquals("CREDIT_CODE_FORMAT", rejectionCode(body + independentCheckCharacter(body)));
  }

  @Test
  void rejectsCorruptedCheckCharacter() {
    InvalidValueException e =
        assertThrows(InvalidValueException.class, () -> CreditCode.of("91420000177570439J"));
    assertEquals("CREDIT_CODE_CHECK", e.code());
    assertTrue(e.getMessage().contains("'L'"), e.getMessage());
  }

  @Test
  void rejectsEverySingleCharacterSubstitution() {
    String valid = "91429006MA4F2K3L11";
    for (int position = 0; position < 18; position++) {
      for (char replacement : ALPHABET.toCharArray()) {
        if (replacement == valid.charAt(position) || (position >= 2 && position < 8 && !Character.isDigit(replacement))) {
          continue;
        }
        String corrupted = valid.substring(0, position) + replacement + valid.substring(position + 1);
        assertEquals("CREDIT_CODE_CHECK", rejectionCode(corrupted), corrupted);
      }
    }
  }

  @Test
  void rejectsTransposedNeighbours() {
    assertEquals("CREDIT_CODE_CHECK", rejectionCode("91429006AM4F2K3L11"));
    assertEquals("CREDIT_CODE_CHECK", rejectionCode("91429060MA4F2K3L11"));
    assertEquals("CREDIT_CODE_CHECK", rejectionCode("12429006441001023Y"));
  }
}
