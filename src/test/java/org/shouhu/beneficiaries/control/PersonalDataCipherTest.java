package org.shouhu.beneficiaries.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.shouhu.beneficiaries.entity.Sealed;

class PersonalDataCipherTest {

  private static final String NUMBER = "429006201503121230";
  private static final String CONTEXT = "beneficiary.citizen_id/6f1c0e9e-0000-4000-8000-000000000001";

  private static final byte[] K1 = Keyring.randomKey();
  private static final byte[] K2 = Keyring.randomKey();
  private static final byte[] INDEX = Keyring.randomKey();

  private static PersonalDataCipher cipher(Map<String, byte[]> keys, String active) {
    return new PersonalDataCipher(new PersonalDataKeys(Keyring.of(keys, active, INDEX)));
  }

  private final PersonalDataCipher onlyK1 = cipher(Map.of("k1", K1), "k1");

  @Test
  void opensWhatItSealed() {
    Sealed sealed = onlyK1.seal(NUMBER, CONTEXT);
    assertEquals("k1", sealed.keyId());
    assertEquals(NUMBER, onlyK1.open(sealed, CONTEXT));
    assertEquals("张小明 138", onlyK1.open(onlyK1.seal("张小明 138", CONTEXT), CONTEXT), "any UTF-8 text");
  }

  @Test
  void storesIvCiphertextAndTagButNeverThePlaintext() {
    Sealed sealed = onlyK1.seal(NUMBER, CONTEXT);
    assertEquals(12 + NUMBER.length() + 16, sealed.bytes().length);
    String asText = new String(sealed.bytes(), StandardCharsets.ISO_8859_1);
    assertFalse(asText.contains(NUMBER));
    assertFalse(asText.contains(NUMBER.substring(6, 14)), "not even the birth date digits");
  }

  @Test
  void sealingTheSameValueTwiceGivesDifferentCiphertexts() {
    Sealed first = onlyK1.seal(NUMBER, CONTEXT);
    Sealed second = onlyK1.seal(NUMBER, CONTEXT);
    assertNotEquals(first, second, "a fresh random IV per value");
  }

  @Test
  void refusesATamperedCiphertextWithoutQuotingTheValue() {
    Sealed sealed = onlyK1.seal(NUMBER, CONTEXT);
    for (int position : new int[] {0, 12, sealed.bytes().length - 1}) {
      byte[] bytes = sealed.bytes();
      bytes[position] ^= 0x01;
      IllegalStateException refused =
          assertThrows(IllegalStateException.class, () -> onlyK1.open(new Sealed("k1", bytes), CONTEXT));
      assertTrue(refused.getMessage().contains("failed authentication"), refused.getMessage());
      assertFalse(refused.getMessage().contains(NUMBER));
    }
  }

  @Test
  void refusesAValueCopiedIntoAnotherRecordOrField() {
    Sealed sealed = onlyK1.seal(NUMBER, CONTEXT);
    assertThrows(
        IllegalStateException.class,
        () -> onlyK1.open(sealed, "beneficiary.citizen_id/6f1c0e9e-0000-4000-8000-000000000002"));
    assertThrows(
        IllegalStateException.class,
        () -> onlyK1.open(sealed, "beneficiary.phone/6f1c0e9e-0000-4000-8000-000000000001"));
  }

  @Test
  void refusesATruncatedValue() {
    assertThrows(IllegalStateException.class, () -> onlyK1.open(new Sealed("k1", new byte[12]), CONTEXT));
  }

  @Test
  void afterRotationTheOldKeyIdStillOpensWhileNewValuesUseTheNewKey() {
    Sealed old = onlyK1.seal(NUMBER, CONTEXT);
    Map<String, byte[]> both = new LinkedHashMap<>();
    both.put("k1", K1);
    both.put("k2", K2);
    PersonalDataCipher rotated = cipher(both, "k2");

    assertEquals(NUMBER, rotated.open(old, CONTEXT), "opened by the key id stored with it");
    Sealed fresh = rotated.seal(NUMBER, CONTEXT);
    assertEquals("k2", fresh.keyId());
    assertEquals(NUMBER, rotated.open(fresh, CONTEXT));
    assertTrue(rotated.isSealedWithRetiredKey(old));
    assertFalse(rotated.isSealedWithRetiredKey(fresh));
  }

  /**
   * #15: a thread keeps its cipher between values. Threads sealing and opening at once each get their own, and
   * values sealed alternately under two rings on the same thread (a rotation) each carry and open with their key.
   */
  @Test
  void threadsSealingAtOnceAndKeysAlternatingOnOneThreadNeverMixValues() throws Exception {
    Map<String, byte[]> both = new LinkedHashMap<>();
    both.put("k1", K1);
    both.put("k2", K2);
    PersonalDataCipher rotated = cipher(both, "k2");
    var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
    try {
      java.util.List<java.util.concurrent.Future<Integer>> runs = new java.util.ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int thread = t;
        runs.add(pool.submit(() -> {
          for (int i = 0; i < 2_000; i++) {
            String value = "4290062015" + thread + String.format("%07d", i);
            PersonalDataCipher ring = i % 2 == 0 ? onlyK1 : rotated;
            Sealed sealed = ring.seal(value, CONTEXT + "/" + i);
            assertEquals(i % 2 == 0 ? "k1" : "k2", sealed.keyId());
            assertEquals(value, rotated.open(sealed, CONTEXT + "/" + i));
          }
          return 2_000;
        }));
      }
      for (var run : runs) {
        assertEquals(2_000, run.get());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void theKeyIdIsAuthenticatedToo() {
    Map<String, byte[]> sameKeyTwoIds = new LinkedHashMap<>();
    sameKeyTwoIds.put("k1", K1);
    sameKeyTwoIds.put("k1-copy", K1);
    PersonalDataCipher c = cipher(sameKeyTwoIds, "k1");
    Sealed sealed = c.seal(NUMBER, CONTEXT);
    assertThrows(IllegalStateException.class, () -> c.open(new Sealed("k1-copy", sealed.bytes()), CONTEXT));
  }

  @Test
  void aValueSealedWithAKeyNoLongerConfiguredFailsNamingOnlyTheKeyId() {
    Sealed sealed = onlyK1.seal(NUMBER, CONTEXT);
    IllegalStateException refused =
        assertThrows(IllegalStateException.class, () -> cipher(Map.of("k2", K2), "k2").open(sealed, CONTEXT));
    assertTrue(refused.getMessage().contains("'k1'"), refused.getMessage());
  }

  @Test
  void aRotatedVersionSealsNewValuesTheOldOneStillOpensAndARetiredOneOpensNothing() {
    Keyring configured = Keyring.of(Map.of("k1", K1), "k1", INDEX);
    Keyring rotated = configured.withVersions(Map.of("v2", K2), java.util.List.of(), "v2");
    PersonalDataCipher before = new PersonalDataCipher(new PersonalDataKeys(configured));
    PersonalDataCipher after = new PersonalDataCipher(new PersonalDataKeys(rotated));
    Sealed old = before.seal(NUMBER, CONTEXT);
    Sealed fresh = after.seal(NUMBER, CONTEXT);
    assertEquals("v2", fresh.keyId());
    assertEquals(NUMBER, after.open(old, CONTEXT), "the previous version stays readable");
    assertTrue(after.isSealedWithRetiredKey(old));
    assertEquals("k1", rotated.masterId(), "the configured key still wraps the generated version");

    PersonalDataCipher retired =
        new PersonalDataCipher(new PersonalDataKeys(rotated.withVersions(Map.of(), java.util.List.of("k1"), null)));
    assertEquals(NUMBER, retired.open(fresh, CONTEXT));
    assertThrows(IllegalStateException.class, () -> retired.open(old, CONTEXT));
    assertThrows(IllegalStateException.class, () -> configured.withVersions(Map.of(), java.util.List.of("k1"), null),
        "the current version cannot be retired");
  }
}
