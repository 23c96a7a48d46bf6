package org.shouhu.beneficiaries.boundary;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.shouhu.beneficiaries.control.Beneficiaries;
import org.shouhu.beneficiaries.entity.Beneficiary;
import org.shouhu.beneficiaries.entity.Category;
import org.shouhu.beneficiaries.entity.Consent;
import org.shouhu.beneficiaries.entity.Guardian;
import org.shouhu.beneficiaries.entity.PhoneNumber;
import org.shouhu.beneficiaries.entity.RiskAssessment;

/**
 * What the API shows of a beneficiary. A {@link Summary} (lists, and the answers to risk and void) is masked
 * throughout and shows an age instead of the birth date; {@link Details} is the opened record, in full, and is
 * only produced by requests that leave an audit event.
 */
public final class BeneficiaryViews {

  private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

  private BeneficiaryViews() {}

  public record Summary(
      UUID id,
      String name,
      String gender,
      int age,
      String citizenId,
      String phone,
      String villageCode,
      List<String> categories,
      String difficultyType,
      String riskLevel,
      String status,
      OffsetDateTime updatedAt,
      long version) {}

  public record Details(
      UUID id,
      String name,
      String gender,
      LocalDate birthDate,
      int age,
      String citizenId,
      String phone,
      String villageCode,
      String school,
      String grade,
      List<String> categories,
      String difficultyType,
      RiskView risk,
      ConsentView consent,
      List<GuardianView> guardians,
      String status,
      VoidView voided,
      UUID createdBy,
      OffsetDateTime createdAt,
      UUID updatedBy,
      OffsetDateTime updatedAt,
      long version) {}

  public record RiskView(String level, String reason, UUID assessedBy, OffsetDateTime assessedAt) {}

  public record ConsentView(LocalDate givenOn, String givenBy, String relationship, String method) {}

  public record VoidView(String reason, UUID voidedBy, OffsetDateTime voidedAt) {}

  public record GuardianView(
      UUID id,
      String relationship,
      String name,
      String phone,
      boolean livesWithChild,
      boolean entrusted,
      LocalDate entrustmentAgreedOn) {}

  public static Summary of(Beneficiaries.Listed listed) {
    Beneficiary b = listed.beneficiary();
    return new Summary(
        b.id().value(),
        b.name().masked(),
        b.gender().name(),
        b.ageOn(LocalDate.now(CHINA)),
        listed.maskedCitizenId(),
        listed.maskedPhone(),
        b.village().value(),
        categories(b),
        b.difficultyType() == null ? null : b.difficultyType().name(),
        b.risk() == null ? null : b.risk().level().name(),
        b.status().name(),
        b.updatedAt(),
        b.version());
  }

  public static Details of(Beneficiaries.Opened opened) {
    Beneficiary b = opened.beneficiary();
    RiskAssessment risk = b.risk();
    Consent consent = b.consent();
    return new Details(
        b.id().value(),
        b.name().value(),
        b.gender().name(),
        b.birthDate(),
        b.ageOn(LocalDate.now(CHINA)),
        opened.citizenId() == null ? null : opened.citizenId().value(),
        opened.phone() == null ? null : opened.phone().value(),
        b.village().value(),
        b.school(),
        b.grade(),
        categories(b),
        b.difficultyType() == null ? null : b.difficultyType().name(),
        risk == null ? null : new RiskView(risk.level().name(), risk.reason(), risk.assessedBy(), risk.assessedAt()),
        new ConsentView(
            consent.givenOn(), consent.givenBy().value(), consent.relationship().name(), consent.method().name()),
        opened.guardians().stream().map(BeneficiaryViews::of).toList(),
        b.status().name(),
        b.isVoided() ? new VoidView(b.voidReason(), b.voidedBy(), b.voidedAt()) : null,
        b.createdBy(),
        b.createdAt(),
        b.updatedBy(),
        b.updatedAt(),
        b.version());
  }

  public static GuardianView of(Beneficiaries.OpenedGuardian opened) {
    Guardian g = opened.guardian();
    PhoneNumber phone = opened.phone();
    return new GuardianView(
        g.id(),
        g.relationship().name(),
        g.name().value(),
        phone == null ? null : phone.value(),
        g.livesWithChild(),
        g.entrusted(),
        g.entrustmentAgreedOn());
  }

  private static List<String> categories(Beneficiary b) {
    return b.categories().stream().map(Category::name).toList();
  }
}
