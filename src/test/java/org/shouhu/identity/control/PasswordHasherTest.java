package org.shouhu.identity.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PasswordHasherTest {

  // 16 bytes of salt and 32 of hash, standard Base64 without padding, as the PHC string format has it.
  private static final Pattern PHC =
      Pattern.compile("\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$([A-Za-z0-9+/]{22})\\$([A-Za-z0-9+/]{43})");
  private static final String PASSWORD = "Field-work-2026";

  private static PasswordHasher hasher;
  private static String hash;

  @BeforeAll
  static void hashOnce() {
    // Argon2id at the OWASP cost takes tens of milliseconds: hash once for the tests that only read.
    hasher = new PasswordHasher();
    hash = hasher.hash(PASSWORD);
  }

  @Test
  void verifiesTheHashedPassword() {
    assertTrue(hasher.verify(PASSWORD, hash));
  }

  @Test
  void refusesAWrongPassword() {
    assertFalse(hasher.verify("Field-work-2027", hash));
    assertFalse(hasher.verify("field-work-2026", hash), "case matters");
    assertFalse(hasher.verify("", hash));
  }

  @Test
  void saltsEveryHash() {
    String again = hasher.hash(PASSWORD);
    assertNotEquals(hash, again);
    assertTrue(hasher.verify(PASSWORD, again));
  }

  @Test
  void writesThePhcStringFormatWithOwaspParameters() {
    Matcher m = PHC.matcher(hash);
    assertTrue(m.matches(), hash);
    assertEquals(16, Base64.getDecoder().decode(m.group(1)).length);
    assertEquals(32, Base64.getDecoder().decode(m.group(2)).length);
  }

  @Test
  void hashesNonAsciiPasswords() {
    String chinese = "守护-社工-二〇二六";
    String encoded = hasher.hash(chinese);
    assertTrue(hasher.verify(chinese, encoded));
    assertFalse(hasher.verify("守护-社工-二〇二七", encoded));
  }

  @Test
  void refusesATamperedHash() {
    String[] parts = hash.split("\\$");
    assertFalse(hasher.verify(PASSWORD, withPart(parts, 5, flipFirst(parts[5]))), "changed hash bytes");
    assertFalse(hasher.verify(PASSWORD, withPart(parts, 4, flipFirst(parts[4]))), "changed salt");
    assertFalse(hasher.verify(PASSWORD, withPart(parts, 3, "m=19456,t=3,p=1")), "changed cost");
    assertFalse(hasher.verify(PASSWORD, hash.replace("$argon2id$", "$argon2i$")), "other variant");
    assertFalse(hasher.verify(PASSWORD, hash.replace("$v=19$", "$v=16$")), "other version");
    assertFalse(hasher.verify(PASSWORD, hash.substring(0, hash.lastIndexOf('$'))), "hash missing");
  }

  @Test
  void decoyVerificationNeverSucceeds() {
    assertFalse(hasher.verifyDecoy(PASSWORD));
    assertFalse(hasher.verifyDecoy(""));
    assertFalse(hasher.verifyDecoy("decoy-"));
  }

  private static String withPart(String[] parts, int index, String replacement) {
    String[] copy = parts.clone();
    copy[index] = replacement;
    return String.join("$", copy);
  }

  /** Changes the first character, which carries six whole bits, so the decoded bytes really differ. */
  private static String flipFirst(String b64) {
    char first = b64.charAt(0);
    return (first == 'A' ? 'B' : 'A') + b64.substring(1);
  }
}
