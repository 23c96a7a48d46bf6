package org.shouhu.beneficiaries.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shouhu.beneficiaries.entity.Sealed;

class PersonalDataKeysTest {

  private static final String K1 = b64(Keyring.randomKey());
  private static final String K2 = b64(Keyring.randomKey());
  private static final String INDEX = b64(Keyring.randomKey());

  @TempDir Path keyDir;

  private static String b64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }

  private Keyring configured(String keys, String active, String index) {
    return PersonalDataKeys.resolve(
        Optional.ofNullable(keys), Optional.ofNullable(active), Optional.ofNullable(index), keyDir, false);
  }

  @Test
  void readsConfiguredKeysAndTheActiveOne() {
    Keyring ring = configured("k1:" + K1 + ", k2:" + K2, "k2", INDEX);
    assertEquals("k2", ring.activeId());
    assertEquals(Set.of("k1", "k2"), ring.keyIds());
    assertFalse(ring.toString().contains(K1) || ring.toString().contains(K2), "never shows key material");
  }

  @Test
  void refusesMalformedConfigurationWithoutQuotingKeys() {
    String shortKey = b64(new byte[16]);
    for (String[] bad :
        new String[][] {
          {"k1:" + K1, "k9", INDEX}, // active key not on the ring
          {"k1:" + shortKey, "k1", INDEX}, // AES-128, not 256
          {"k1:" + K1, "k1", shortKey},
          {"k1:not*base64", "k1", INDEX},
          {K1, "k1", INDEX}, // no id
          {"k1:" + K1 + ",k1:" + K2, "k1", INDEX}, // same id twice
          {"k1:" + K1, "k1", K1}, // index key reuses a data key
          {"bad id:" + K1, "bad id", INDEX},
        }) {
      IllegalStateException refused =
          assertThrows(IllegalStateException.class, () -> configured(bad[0], bad[1], bad[2]));
      assertFalse(
          refused.getMessage().contains(K1) || refused.getMessage().contains(shortKey),
          "message quotes a key: " + refused.getMessage());
    }
  }

  @Test
  void refusesHalfAConfiguration() {
    assertThrows(IllegalStateException.class, () -> configured("k1:" + K1, "k1", null));
    assertThrows(IllegalStateException.class, () -> configured(null, null, INDEX));
  }

  @Test
  void refusesToInventAKeyForAnExternalDatabase() {
    IllegalStateException refused = assertThrows(IllegalStateException.class, () -> configured(null, null, null));
    assertTrue(refused.getMessage().contains("shouhu.crypto.keys"), refused.getMessage());
    assertFalse(Files.exists(keyDir.resolve(PersonalDataKeys.DEV_FILE)));
  }

  @Test
  void generatesADevelopmentKeyOnceAndReusesIt() throws Exception {
    Keyring first = PersonalDataKeys.resolve(Optional.empty(), Optional.empty(), Optional.empty(), keyDir, true);
    Path file = keyDir.resolve(PersonalDataKeys.DEV_FILE);
    assertTrue(Files.exists(file));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));

    Keyring again = PersonalDataKeys.resolve(Optional.empty(), Optional.empty(), Optional.empty(), keyDir, true);
    Sealed sealed = new PersonalDataCipher(new PersonalDataKeys(first)).seal("13800138000", "test/1");
    assertEquals("13800138000", new PersonalDataCipher(new PersonalDataKeys(again)).open(sealed, "test/1"));
  }

  @Test
  void configurationWinsOverADevelopmentKeyFile() {
    PersonalDataKeys.resolve(Optional.empty(), Optional.empty(), Optional.empty(), keyDir, true);
    Keyring ring =
        PersonalDataKeys.resolve(Optional.of("prod1:" + K1), Optional.of("prod1"), Optional.of(INDEX), keyDir, true);
    assertEquals("prod1", ring.activeId());
  }
}
