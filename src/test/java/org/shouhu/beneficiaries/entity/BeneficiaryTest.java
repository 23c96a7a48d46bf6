package org.shouhu.beneficiaries.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.shouhu.beneficiaries.entity.Fixtures.INDEX;
import static org.shouhu.beneficiaries.entity.Fixtures.SEALED;
import static org.shouhu.beneficiaries.entity.Fixtures.SUPERVISOR;
import static org.shouhu.beneficiaries.entity.Fixtures.WORKER;
import static org.shouhu.beneficiaries.entity.Fixtures.grandmothersWrittenConsent;
import static org.shouhu.beneficiaries.entity.Fixtures.leftBehindBoy;
import static org.shouhu.beneficiaries.entity.Fixtures.registered;

import java.time.LocalDate;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.shouhu.problems.entity.InvalidValueException;

class BeneficiaryTest {

  @Test
  void isRegisteredActiveWithTheParticularsAndConsent() {
    Beneficiary b = registered();
    assertEquals(BeneficiaryStatus.ACTIVE, b.status());
    assertEquals("张小明", b.name().value());
    assertEquals(LocalDate.of(2015, 3, 12), b.birthDate());
    assertEquals(Gender.MALE, b.gender());
    assertEquals(Set.of(Category.LEFT_BEHIND_CHILD), b.categories());
    assertEquals(SEALED, b.sealedCitizenId());
    assertNull(b.sealedPhone());
    assertNull(b.risk(), "not assessed yet");
    assertEquals(Relationship.GRANDPARENT, b.consent().relationship());
    assertEquals(WORKER, b.createdBy());
  }

  @Test
  void refusesToHoldAnIdentifierThatIsNotSealedAndIndexed() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new Beneficiary(BeneficiaryId.random(), leftBehindBoy(), null, null, null, grandmothersWrittenConsent(), WORKER));
    assertThrows(
        IllegalArgumentException.class,
        () -> new Beneficiary(BeneficiaryId.random(), leftBehindBoy(), SEALED, null, null, grandmothersWrittenConsent(), WORKER));
    assertThrows(
        IllegalArgumentException.class,
        () -> new Beneficiary(BeneficiaryId.random(), leftBehindBoy(), SEALED, INDEX, SEALED, grandmothersWrittenConsent(), WORKER));
  }

  @Test
  void aChildUnder14CannotConsentAlone() {
    Consent own = new Consent(LocalDate.of(2024, 9, 1), new PersonName("张小明"), Relationship.SELF, ConsentMethod.ORAL);
    InvalidValueException refused =
        assertThrows(
            InvalidValueException.class,
            () -> new Beneficiary(BeneficiaryId.random(), leftBehindBoy(), SEALED, INDEX, null, own, WORKER));
    assertEquals("CONSENT_GUARDIAN_REQUIRED", refused.code());
  }

  @Test
  void consentCannotPredateBirth() {
    Consent early =
        new Consent(LocalDate.of(2014, 1, 1), new PersonName("李秀英"), Relationship.GRANDPARENT, ConsentMethod.WRITTEN);
    assertEquals(
        "CONSENT_BEFORE_BIRTH",
        assertThrows(InvalidValueException.class, () -> early.requireValidFor(LocalDate.of(2015, 3, 12))).code());
  }

  @Test
  void anAdultMayConsentForThemself() {
    Consent own = new Consent(LocalDate.of(2024, 9, 1), new PersonName("王桂兰"), Relationship.SELF, ConsentMethod.WRITTEN);
    assertEquals(own, own.requireValidFor(LocalDate.of(1950, 1, 1)));
    assertEquals(own, own.requireValidFor(LocalDate.of(2010, 9, 1)), "14 on the day consent was given");
  }

  @Test
  void aRevisionNamesTheVersionItWasEditedFrom() {
    Beneficiary b = registered();
    BeneficiaryConflict stale =
        assertThrows(
            BeneficiaryConflict.class, () -> b.revise(leftBehindBoy(), SEALED, INDEX, null, null, 7, SUPERVISOR));
    assertEquals(BeneficiaryConflict.STALE, stale.code());

    b.revise(leftBehindBoy(), SEALED, INDEX, null, null, b.version(), SUPERVISOR);
    assertEquals(SUPERVISOR, b.updatedBy());
    assertEquals(Relationship.GRANDPARENT, b.consent().relationship(), "no new consent keeps the old one");
  }

  @Test
  void assessingRiskRecordsWhoWhyAndWhen() {
    Beneficiary b = registered();
    RiskAssessment risk = b.assessRisk(RiskLevel.HIGH, "祖母病重，无人照看", SUPERVISOR);
    assertEquals(risk, b.risk());
    assertEquals(SUPERVISOR, b.risk().assessedBy());
    assertNotNull(b.risk().assessedAt());
    assertEquals(
        "RISK_REASON_REQUIRED",
        assertThrows(InvalidValueException.class, () -> b.assessRisk(RiskLevel.LOW, " ", WORKER)).code());
  }

  @Test
  void recordsAtMostOneFatherAndOneMother() {
    Beneficiary b = registered();
    b.addGuardian(UUID.randomUUID(), guardian(Relationship.FATHER), null, WORKER);
    b.addGuardian(UUID.randomUUID(), guardian(Relationship.GRANDPARENT), null, WORKER);
    b.addGuardian(UUID.randomUUID(), guardian(Relationship.GRANDPARENT), null, WORKER);
    BeneficiaryConflict twice =
        assertThrows(
            BeneficiaryConflict.class,
            () -> b.addGuardian(UUID.randomUUID(), guardian(Relationship.FATHER), null, WORKER));
    assertEquals(BeneficiaryConflict.PARENT_TWICE, twice.code());
    assertEquals(3, b.guardians().size());
  }

  @Test
  void anEntrustedGuardianNeedsTheAgreementDateAndOnlyThen() {
    PersonName name = new PersonName("张大山");
    assertEquals(
        "GUARDIAN_ENTRUSTMENT_DATE_REQUIRED",
        assertThrows(
                InvalidValueException.class,
                () -> new GuardianDetails(Relationship.GRANDPARENT, name, null, true, true, null))
            .code());
    assertEquals(
        "GUARDIAN_ENTRUSTMENT_DATE_WITHOUT_ENTRUSTMENT",
        assertThrows(
                InvalidValueException.class,
                () -> new GuardianDetails(Relationship.GRANDPARENT, name, null, true, false, LocalDate.of(2024, 1, 1)))
            .code());
    assertEquals(
        "GUARDIAN_RELATIONSHIP_SELF",
        assertThrows(InvalidValueException.class, () -> new GuardianDetails(Relationship.SELF, name, null, true, false, null))
            .code());
  }

  @Test
  void aGuardiansPhoneIsHeldOnlySealed() {
    Beneficiary b = registered();
    GuardianDetails withPhone =
        new GuardianDetails(Relationship.MOTHER, new PersonName("刘芳"), PhoneNumber.of("13812345678"), false, false, null);
    assertThrows(IllegalArgumentException.class, () -> b.addGuardian(UUID.randomUUID(), withPhone, null, WORKER));
    Guardian mother = b.addGuardian(UUID.randomUUID(), withPhone, SEALED, WORKER);
    assertEquals(SEALED, mother.sealedPhone());
  }

  @Test
  void voidingNeedsAReasonAndEndsEveryChange() {
    Beneficiary b = registered();
    assertEquals(
        "VOID_REASON_REQUIRED", assertThrows(InvalidValueException.class, () -> b.voidBecause("", WORKER)).code());
    b.voidBecause("重复录入", SUPERVISOR);
    assertTrue(b.isVoided());
    assertEquals("重复录入", b.voidReason());
    assertEquals(SUPERVISOR, b.voidedBy());
    assertNotNull(b.voidedAt());

    for (Runnable change :
        new Runnable[] {
          () -> b.voidBecause("again", WORKER),
          () -> b.assessRisk(RiskLevel.HIGH, "reason", WORKER),
          () -> b.revise(leftBehindBoy(), SEALED, INDEX, null, null, b.version(), WORKER),
          () -> b.addGuardian(UUID.randomUUID(), guardian(Relationship.OTHER), null, WORKER)
        }) {
      assertEquals(BeneficiaryConflict.VOIDED, assertThrows(BeneficiaryConflict.class, change::run).code());
    }
  }

  private static GuardianDetails guardian(Relationship relationship) {
    return new GuardianDetails(relationship, new PersonName("张大山"), null, true, false, null);
  }
}
