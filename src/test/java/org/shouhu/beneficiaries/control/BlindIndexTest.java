package org.shouhu.beneficiaries.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.shouhu.beneficiaries.entity.CitizenId;
import org.shouhu.tenancy.entity.TenantId;

class BlindIndexTest {

  private static final CitizenId BOY = CitizenId.of("429006201503121230");
  private static final CitizenId GIRL = CitizenId.of("429006201503121249");
  private static final TenantId A = new TenantId(UUID.fromString("00000000-0000-4000-8000-00000000000a"));
  private static final TenantId B = new TenantId(UUID.fromString("00000000-0000-4000-8000-00000000000b"));

  private static final byte[] DATA_KEY = Keyring.randomKey();

  private static BlindIndex withIndexKey(byte[] indexKey) {
    return new BlindIndex(new PersonalDataKeys(Keyring.of(Map.of("k1", DATA_KEY), "k1", indexKey)));
  }

  private final byte[] indexKey = Keyring.randomKey();
  private final BlindIndex index = withIndexKey(indexKey);

  @Test
  void isDeterministicSoTheDatabaseCanCompareIt() {
    assertArrayEquals(index.of(BOY, A), index.of(BOY, A));
    assertArrayEquals(index.of(BOY, A), withIndexKey(indexKey.clone()).of(CitizenId.of("429006201503121230"), A));
    assertEquals(32, index.of(BOY, A).length);
  }

  /**
   * #15: a thread keeps its HMAC instance between numbers; threads computing at once, and one thread alternating
   * between two index keys, get exactly the index a fresh instance gives.
   */
  @Test
  void threadsAtOnceAndAlternatingKeysGetTheIndexAFreshInstanceGives() throws Exception {
    BlindIndex other = withIndexKey(Keyring.randomKey());
    byte[] boyHere = index.of(BOY, A);
    byte[] boyThere = other.of(BOY, A);
    var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
    try {
      java.util.List<java.util.concurrent.Future<Boolean>> runs = new java.util.ArrayList<>();
      for (int t = 0; t < 4; t++) {
        runs.add(pool.submit(() -> {
          for (int i = 0; i < 2_000; i++) {
            if (!Arrays.equals(i % 2 == 0 ? boyHere : boyThere, (i % 2 == 0 ? index : other).of(BOY, A))) {
              return false;
            }
          }
          return true;
        }));
      }
      for (var run : runs) {
        assertEquals(true, run.get());
      }
    } finally {
      pool.shutdownNow();
    }
    assertFalse(Arrays.equals(boyHere, boyThere));
  }

  @Test
  void indexesTheNormalisedNumber() {
    BlindIndex i = withIndexKey(indexKey);
    assertArrayEquals(i.of(CitizenId.of("11010519491231002X"), A), i.of(CitizenId.of(" 11010519491231002x "), A));
  }

  @Test
  void differsForDifferentNumbers() {
    assertFalse(Arrays.equals(index.of(BOY, A), index.of(GIRL, A)));
  }

  @Test
  void dependsOnTheKeySoItCannotBeRecomputedWithoutIt() {
    assertFalse(Arrays.equals(index.of(BOY, A), withIndexKey(Keyring.randomKey()).of(BOY, A)));
  }

  @Test
  void differsBetweenTenantsSoRecordsCannotBeLinkedAcrossOrganizations() {
    assertFalse(Arrays.equals(index.of(BOY, A), index.of(BOY, B)));
  }
}
