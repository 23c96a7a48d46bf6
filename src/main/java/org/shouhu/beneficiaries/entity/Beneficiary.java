package org.shouhu.beneficiaries.entity;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.shouhu.problems.entity.InvalidValueException;
import org.shouhu.regions.entity.DivisionCode;
import org.shouhu.tenancy.entity.TenantOwned;
import org.shouhu.tenancy.entity.Voiding;

/**
 * A person an organization serves (服务对象), as its register (台账) records them: mostly rural children left
 * behind or in difficulty, also left-behind elders and women.
 *
 * <p>A record is <b>registered</b> ACTIVE with its particulars and the consent the organization processes them
 * on. Its particulars are <b>revised</b> as a whole, against the version the editor saw, so nobody's change is
 * silently overwritten. A worker <b>assesses its risk</b> with a reason, which replaces the previous assessment
 * (the audit trail keeps the history). <b>Guardians</b> are added to it, at most one father and one mother. A
 * record entered by mistake or twice is <b>voided</b> with a reason; from then on nothing changes it, and it is
 * never deleted.
 *
 * <p>The citizen identity number and phone number are held only {@link Sealed}, together with a keyed blind index
 * of the number that finds duplicates without decrypting. Sealing and opening belong to the control layer: this
 * class only checks that a sealed value is present exactly when the particulars have one.
 */
@Entity
@Table(name = "beneficiary")
public class Beneficiary extends TenantOwned {


  @Id private UUID id;

  @Column(nullable = false)
  private String name;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private Gender gender;

  @Column(name = "birth_date", nullable = false)
  private LocalDate birthDate;

  @Column(name = "citizen_id_cipher")
  private byte[] citizenIdCipher;

  @Column(name = "citizen_id_key")
  private String citizenIdKey;

  @Column(name = "citizen_id_index")
  private byte[] citizenIdIndex;

  @Column(name = "phone_cipher")
  private byte[] phoneCipher;

  @Column(name = "phone_key")
  private String phoneKey;

  @Column(name = "village_code", nullable = false)
  private String villageCode;

  private String school;

  private String grade;

  /** Category names, sorted and comma-separated: a set of at most five constants needs no table of its own. */
  @Column(nullable = false)
  private String categories;

  @Enumerated(EnumType.STRING)
  @Column(name = "difficulty_type")
  private DifficultyType difficultyType;

  @Enumerated(EnumType.STRING)
  @Column(name = "risk_level")
  private RiskLevel riskLevel;

  @Column(name = "risk_reason")
  private String riskReason;

  @Column(name = "risk_assessed_by")
  private UUID riskAssessedBy;

  @Column(name = "risk_assessed_at")
  private OffsetDateTime riskAssessedAt;

  @Column(name = "consent_given_on", nullable = false)
  private LocalDate consentGivenOn;

  @Column(name = "consent_given_by", nullable = false)
  private String consentGivenBy;

  @Enumerated(EnumType.STRING)
  @Column(name = "consent_relationship", nullable = false)
  private Relationship consentRelationship;

  @Enumerated(EnumType.STRING)
  @Column(name = "consent_method", nullable = false)
  private ConsentMethod consentMethod;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private BeneficiaryStatus status;

  @Embedded private Voiding voiding;

  @Column(name = "created_by", nullable = false, updatable = false)
  private UUID createdBy;

  @Column(name = "updated_by", nullable = false)
  private UUID updatedBy;

  @OneToMany(mappedBy = "beneficiary", cascade = CascadeType.PERSIST)
  @OrderBy("createdAt")
  private List<Guardian> guardians = new ArrayList<>();

  protected Beneficiary() {}

  /**
   * Registers a person.
   *
   * @param sealedCitizenId the particulars' citizen identity number, sealed for this record; null without one
   * @param citizenIdIndex its blind index; null without one
   * @param sealedPhone the particulars' phone number, sealed for this record; null without one
   * @throws InvalidValueException when the consent cannot cover this person (see {@link Consent#requireValidFor})
   */
  public Beneficiary(
      BeneficiaryId id,
      Particulars particulars,
      Sealed sealedCitizenId,
      byte[] citizenIdIndex,
      Sealed sealedPhone,
      Consent consent,
      UUID registeredBy) {
    this.id = Objects.requireNonNull(id, "id").value();
    this.status = BeneficiaryStatus.ACTIVE;
    this.createdBy = Objects.requireNonNull(registeredBy, "registered by");
    apply(particulars, sealedCitizenId, citizenIdIndex, sealedPhone);
    record(Objects.requireNonNull(consent, "consent").requireValidFor(particulars.birthDate()));
    this.updatedBy = registeredBy;
  }

  /**
   * Replaces the particulars (and the consent, when a new one is given) with what the editor saw and changed.
   *
   * @param expectedVersion the {@link #version()} the editor opened; anything else means a lost update
   * @param consent a renewed consent, or null to keep the recorded one
   */
  public void revise(
      Particulars particulars,
      Sealed sealedCitizenId,
      byte[] citizenIdIndex,
      Sealed sealedPhone,
      Consent consent,
      long expectedVersion,
      UUID by) {
    requireActive();
    if (expectedVersion != version()) {
      throw BeneficiaryConflict.stale(expectedVersion, version());
    }
    Consent covering = consent != null ? consent : consent();
    covering.requireValidFor(particulars.birthDate());
    apply(particulars, sealedCitizenId, citizenIdIndex, sealedPhone);
    record(covering);
    this.updatedBy = Objects.requireNonNull(by, "revised by");
  }

  public RiskAssessment assessRisk(RiskLevel level, String reason, UUID by) {
    requireActive();
    RiskAssessment assessment = new RiskAssessment(level, reason, by, OffsetDateTime.now(ZoneOffset.UTC));
    this.riskLevel = assessment.level();
    this.riskReason = assessment.reason();
    this.riskAssessedBy = assessment.assessedBy();
    this.riskAssessedAt = assessment.assessedAt();
    this.updatedBy = by;
    return assessment;
  }

  /**
   * Adds a guardian whose phone the caller has sealed for {@code guardianId}.
   *
   * @throws BeneficiaryConflict when a father or mother is recorded already
   */
  public Guardian addGuardian(UUID guardianId, GuardianDetails details, Sealed sealedPhone, UUID by) {
    requireActive();
    if (details.isParent() && guardians.stream().anyMatch(g -> g.relationship() == details.relationship())) {
      throw BeneficiaryConflict.parentTwice(details.relationship());
    }
    Guardian guardian = new Guardian(guardianId, this, details, sealedPhone, by);
    guardians.add(guardian);
    return guardian;
  }

  public void voidBecause(String reason, UUID by) {
    requireActive();
    this.voiding = Voiding.because(reason, by, "VOID_REASON_REQUIRED", "Say why the record is voided.");
    this.status = BeneficiaryStatus.VOIDED;
    this.updatedBy = by;
  }

  public boolean isVoided() {
    return status == BeneficiaryStatus.VOIDED;
  }

  /** Whole years of age on {@code day}. */
  public int ageOn(LocalDate day) {
    return Period.between(birthDate, day).getYears();
  }

  private void apply(Particulars particulars, Sealed sealedCitizenId, byte[] index, Sealed sealedPhone) {
    boolean hasCitizenId = particulars.citizenId() != null;
    if (hasCitizenId != (sealedCitizenId != null) || hasCitizenId != (index != null)) {
      throw new IllegalArgumentException("the citizen identity number is sealed and indexed exactly when given");
    }
    if ((particulars.phone() != null) != (sealedPhone != null)) {
      throw new IllegalArgumentException("the phone number is sealed exactly when given");
    }
    this.name = particulars.name().value();
    this.gender = particulars.gender();
    this.birthDate = particulars.birthDate();
    this.citizenIdCipher = hasCitizenId ? sealedCitizenId.bytes() : null;
    this.citizenIdKey = hasCitizenId ? sealedCitizenId.keyId() : null;
    this.citizenIdIndex = hasCitizenId ? index.clone() : null;
    this.phoneCipher = sealedPhone == null ? null : sealedPhone.bytes();
    this.phoneKey = sealedPhone == null ? null : sealedPhone.keyId();
    this.villageCode = particulars.village().value();
    this.school = particulars.school();
    this.grade = particulars.grade();
    this.categories = particulars.categories().stream().map(Enum::name).sorted().collect(Collectors.joining(","));
    this.difficultyType = particulars.difficultyType();
  }

  private void record(Consent consent) {
    this.consentGivenOn = consent.givenOn();
    this.consentGivenBy = consent.givenBy().value();
    this.consentRelationship = consent.relationship();
    this.consentMethod = consent.method();
  }

  private void requireActive() {
    if (isVoided()) {
      throw BeneficiaryConflict.voided();
    }
  }

  public BeneficiaryId id() {
    return new BeneficiaryId(id);
  }

  public PersonName name() {
    return new PersonName(name);
  }

  public Gender gender() {
    return gender;
  }

  public LocalDate birthDate() {
    return birthDate;
  }

  /** Null when no number is recorded. */
  public Sealed sealedCitizenId() {
    return citizenIdCipher == null ? null : new Sealed(citizenIdKey, citizenIdCipher);
  }

  /** Null when no number is recorded. */
  public byte[] citizenIdIndex() {
    return citizenIdIndex == null ? null : citizenIdIndex.clone();
  }

  /** Null when no phone is recorded. */
  public Sealed sealedPhone() {
    return phoneCipher == null ? null : new Sealed(phoneKey, phoneCipher);
  }

  public DivisionCode village() {
    return DivisionCode.of(villageCode);
  }

  public String school() {
    return school;
  }

  public String grade() {
    return grade;
  }

  public Set<Category> categories() {
    EnumSet<Category> set = EnumSet.noneOf(Category.class);
    Arrays.stream(categories.split(",")).map(String::trim).map(Category::valueOf).forEach(set::add);
    return set;
  }

  public DifficultyType difficultyType() {
    return difficultyType;
  }

  /** Null until someone assesses the risk. */
  public RiskAssessment risk() {
    return riskLevel == null ? null : new RiskAssessment(riskLevel, riskReason, riskAssessedBy, riskAssessedAt);
  }

  public Consent consent() {
    return new Consent(consentGivenOn, new PersonName(consentGivenBy), consentRelationship, consentMethod);
  }

  public BeneficiaryStatus status() {
    return status;
  }

  public String voidReason() {
    return voiding == null ? null : voiding.reason();
  }

  public UUID voidedBy() {
    return voiding == null ? null : voiding.by();
  }

  public OffsetDateTime voidedAt() {
    return voiding == null ? null : voiding.at();
  }

  public UUID createdBy() {
    return createdBy;
  }

  public UUID updatedBy() {
    return updatedBy;
  }

  public List<Guardian> guardians() {
    return List.copyOf(guardians);
  }
}
