package org.shouhu.beneficiaries.entity;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.shouhu.regions.entity.DivisionCode;

/** A plausible child in 天门 and the pieces the aggregate needs, for the entity tests. */
final class Fixtures {

  /** Born 2015-03-12, male. */
  static final CitizenId BOY = CitizenId.of("429006201503121230");

  static final DivisionCode VILLAGE = DivisionCode.of("429006104201");
  static final UUID WORKER = UUID.fromString("00000000-0000-4000-8000-0000000000a1");
  static final UUID SUPERVISOR = UUID.fromString("00000000-0000-4000-8000-0000000000a2");
  static final Sealed SEALED = new Sealed("k1", new byte[46]);
  static final byte[] INDEX = new byte[32];

  private Fixtures() {}

  static Particulars leftBehindBoy() {
    return Particulars.of(
        new PersonName("张小明"),
        null,
        null,
        BOY,
        null,
        VILLAGE,
        "岳口镇中心小学",
        "四年级",
        Set.of(Category.LEFT_BEHIND_CHILD),
        null);
  }

  static Consent grandmothersWrittenConsent() {
    return new Consent(
        LocalDate.of(2024, 9, 1), new PersonName("李秀英"), Relationship.GRANDPARENT, ConsentMethod.WRITTEN);
  }

  static Beneficiary registered() {
    return new Beneficiary(
        BeneficiaryId.random(), leftBehindBoy(), SEALED, INDEX, null, grandmothersWrittenConsent(), WORKER);
  }

  static List<ParticularsRule> broken(Runnable build) {
    try {
      build.run();
      return List.of();
    } catch (ParticularsRefused e) {
      return e.broken();
    }
  }
}
