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
