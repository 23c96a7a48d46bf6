package org.shouhu.beneficiaries.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.shouhu.problems.entity.InvalidValueException;
import org.shouhu.problems.entity.StateConflictException;

class ReferralTest {

  static final LocalDate CHILD = LocalDate.now().minusYears(10);
  static final LocalDate ADULT = LocalDate.now().minusYears(30);
  static final Consent GRANDMOTHER =
      new Consent(LocalDate.now(), new PersonName("李秀英"), Relationship.GRANDPARENT, ConsentMethod.WRITTEN);
  static final Consent OWN = new Consent(LocalDate.now(), new PersonName("王小明"), Relationship.SELF, ConsentMethod.ORAL);
  static final Sealed SEALED = new Sealed("k1", new byte[40]);
  static final UUID A = UUID.randomUUID();
  static final UUID B = UUID.randomUUID();

  private static Referral.Request request(LocalDate born, Consent consent, Set<SharedField> shared) {
    return new Referral.Request(UUID.randomUUID(), born, null, "情绪低落", "心理辅导", Urgency.URGENT, consent, shared);
  }

  @Test
  void refusesAMinorWithoutAGuardiansConsentAndAnAdultWithoutAny() {
    assertEquals("REFERRAL_GUARDIAN_CONSENT_REQUIRED",
        assertThrows(InvalidValueException.class, () -> request(CHILD, null, SharedField.REQUIRED_FOR_REGISTRATION)).code());
    assertEquals("REFERRAL_GUARDIAN_CONSENT_REQUIRED",
        assertThrows(InvalidValueException.class, () -> request(CHILD, OWN, SharedField.REQUIRED_FOR_REGISTRATION)).code());
    assertEquals("REFERRAL_CONSENT_REQUIRED",
        assertThrows(InvalidValueException.class, () -> request(ADULT, null, SharedField.REQUIRED_FOR_REGISTRATION)).code());
    request(ADULT, OWN, SharedField.REQUIRED_FOR_REGISTRATION);
  }

  @Test
  void anOrganizationIsSentWhatARegisterNeedsAndNotItself() {
    var few = request(CHILD, GRANDMOTHER, EnumSet.of(SharedField.NAME));
    assertEquals("REFERRAL_SHARED_FIELDS_TOO_FEW", assertThrows(InvalidValueException.class,
        () -> Referral.toOrganization(UUID.randomUUID(), A, B, null, few, SEALED, UUID.randomUUID())).code());
    var enough = request(CHILD, GRANDMOTHER, SharedField.REQUIRED_FOR_REGISTRATION);
    assertEquals("REFERRAL_TO_SELF", assertThrows(InvalidValueException.class,
        () -> Referral.toOrganization(UUID.randomUUID(), A, A, null, enough, SEALED, UUID.randomUUID())).code());
  }

  @Test
  void isAnsweredOnceAndAnAgencyReferralClosesOnce() {
    var r = Referral.toOrganization(UUID.randomUUID(), A, B, null,
        request(CHILD, GRANDMOTHER, SharedField.REQUIRED_FOR_REGISTRATION), SEALED, UUID.randomUUID());
    assertEquals(ReferralStatus.SENT, r.status());
    r.decline("暂无名额", UUID.randomUUID());
    assertEquals(ReferralStatus.DECLINED, r.status());
    assertEquals("REFERRAL_NOT_WAITING",
        assertThrows(StateConflictException.class, () -> r.accept(UUID.randomUUID(), null, UUID.randomUUID())).code());
    assertEquals("REFERRAL_NOT_OPEN",
        assertThrows(StateConflictException.class, () -> r.close("x", UUID.randomUUID())).code(), "not an agency's");

    var agency = Referral.toAgency(UUID.randomUUID(), A, null, request(CHILD, GRANDMOTHER, Set.of()),
        new Referral.Agency(AgencyKind.SCHOOL, "天门市实验小学", null, null, HandOver.LETTER, LocalDate.now()), SEALED,
        UUID.randomUUID());
    assertEquals(ReferralStatus.REFERRED, agency.status());
    agency.followUp("已安排心理老师", null, UUID.randomUUID());
    agency.close("恢复上学", UUID.randomUUID());
    assertEquals(ReferralStatus.CLOSED, agency.status());
    assertEquals("REFERRAL_NOT_OPEN",
        assertThrows(StateConflictException.class, () -> agency.close("x", UUID.randomUUID())).code());
  }
}
