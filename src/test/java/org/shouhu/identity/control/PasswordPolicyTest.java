package org.shouhu.identity.control;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.shouhu.problems.entity.InvalidValueException;

class PasswordPolicyTest {

  private final PasswordPolicy policy = new PasswordPolicy();

  private String refusal(String password, String username) {
    return assertThrows(InvalidValueException.class, () -> policy.check(password, username)).code();
  }

  @Test
  void requiresAPassword() {
    assertEquals("PASSWORD_REQUIRED", refusal(null, "wang.fang"));
    assertEquals("PASSWORD_REQUIRED", refusal("", "wang.fang"));
  }

  @Test
  void refusesPasswordsShorterThanTen() {
    assertEquals("PASSWORD_TOO_SHORT", refusal("Ab1-xyz", "wang.fang"));
    assertEquals("PASSWORD_TOO_SHORT", refusal("Abcdefgh1", "wang.fang"));
    assertDoesNotThrow(() -> policy.check("Abcdefghj1", "wang.fang"), "ten is enough");
  }

  @Test
  void refusesPasswordsLongerThan128() {
    assertEquals("PASSWORD_TOO_LONG", refusal("a1".repeat(64) + "x", "wang.fang"));
    assertDoesNotThrow(() -> policy.check("a1".repeat(64), "wang.fang"), "128 is allowed");
  }

  @Test
  void refusesPasswordsOfOneKindOfCharacter() {
    assertEquals("PASSWORD_TOO_SIMPLE", refusal("abcdefghijkl", "wang.fang"));
    assertEquals("PASSWORD_TOO_SIMPLE", refusal("13800138000", "wang.fang"), "a phone number");
    assertEquals("PASSWORD_TOO_SIMPLE", refusal("!@#$%^&*()-+", "wang.fang"));
    assertEquals("PASSWORD_TOO_SIMPLE", refusal("守护社工服务中心天门", "wang.fang"), "Chinese letters only");
  }

  @Test
  void acceptsAnyTwoKindsOfCharacter() {
    assertDoesNotThrow(() -> policy.check("letters-and-dashes", "wang.fang"));
    assertDoesNotThrow(() -> policy.check("19900101-0101", "wang.fang"));
    assertDoesNotThrow(() -> policy.check("rain2026spring", "wang.fang"));
  }

  @Test
  void refusesTheMostGuessedPasswordsWhateverTheirCase() {
    assertEquals("PASSWORD_TOO_COMMON", refusal("password123", "wang.fang"));
    assertEquals("PASSWORD_TOO_COMMON", refusal("Password123", "wang.fang"));
    assertEquals("PASSWORD_TOO_COMMON", refusal("WOAINI1314", "wang.fang"));
    assertEquals("PASSWORD_TOO_COMMON", refusal("1qaz2wsx3edc", "wang.fang"));
  }

  @Test
  void refusesPasswordsContainingTheUsername() {
    assertEquals("PASSWORD_CONTAINS_USERNAME", refusal("wang.fang-2026", "wang.fang"));
    assertEquals("PASSWORD_CONTAINS_USERNAME", refusal("2026-WANG.FANG", "wang.fang"), "case-insensitive");
  }

  @Test
  void ignoresUsernamesTooShortToMatter() {
    assertDoesNotThrow(() -> policy.check("ab-12345678", "ab"));
    assertDoesNotThrow(() -> policy.check("anything-2026", null));
  }

  @Test
  void generatesPasswordsThatPassThePolicy() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 100; i++) {
      String generated = policy.generate();
      assertDoesNotThrow(() -> policy.check(generated, "zhang.wei"), generated);
      assertEquals(18, generated.length(), generated);
      seen.add(generated);
    }
    assertEquals(100, seen.size(), "generated passwords do not repeat");
  }
}
