package org.shouhu.beneficiaries.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.shouhu.problems.entity.InvalidValueException;
import org.shouhu.problems.entity.StateConflictException;

/**
 * A referral (转介) of one person by the organization serving them, either to another organization on the platform or
 * to an outside agency. The only row two tenants share (V185): it lives in the sender's tenant, names the receiver,
 * and carries exactly the particulars the sender chose to share, sealed.
 *
 * <p>Between organizations it is SENT, then the receiver's supervisor {@link #accept accepts} it (having registered
 * the person in its own tenant from the shared fields) or {@link #decline declines} it with a reason; the sender may
 * {@link #withdraw withdraw} it while it waits. To an outside agency it is REFERRED, may be {@link #followUp followed
 * up} and is {@link #close closed} with the outcome. An answered referral is never answered again.
 *
 * <p>A minor (under 18, 未成年人) is referred only on a guardian's consent: no consent, or consent the child gave
 * themself, is refused ({@code REFERRAL_GUARDIAN_CONSENT_REQUIRED}).
 */
@Entity
@Table(name = "referral")
public class Referral {

  public static final int AGE_OF_MAJORITY = 18;
  public static final int REASON_MAX = 1000;
  public static final int SERVICES_MAX = 500;
  public static final int AGENCY_MAX = 200;
  private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

  @Id private UUID id;

  /** The sending organization's tenant. */
  @Column(name = "tenant_id", nullable = false, updatable = false)
  private UUID senderId;

  @Column(name = "receiver_tenant_id", updatable = false)
  private UUID receiverId;

  @Column(name = "bureau_id", updatable = false)
  private UUID bureauId;

  @Column(name = "beneficiary_id", nullable = false, updatable = false)
  private UUID beneficiaryId;

  @Column(name = "case_id")
  private UUID caseId;

  /** The sender's service record (a home visit) the referral was made from, if it was. */
  @Column(name = "service_record_id")
  private UUID serviceRecordId;

  @Enumerated(EnumType.STRING)
  @Column(name = "agency_kind", updatable = false)
  private AgencyKind agencyKind;

  @Column(name = "agency_name")
  private String agencyName;

  @Column(name = "agency_contact")
  private String agencyContact;

  @Column(name = "handed_over")
  private String handedOver;

  @Enumerated(EnumType.STRING)
  @Column(name = "handed_over_how")
  private HandOver handedOverHow;

  @Column(name = "follow_up_on")
  private LocalDate followUpOn;

  @Column(nullable = false)
  private String reason;

  @Column(nullable = false)
  private String services;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private Urgency urgency;

  @Column(name = "consent_given_on")
  private LocalDate consentGivenOn;

  @Column(name = "consent_given_by")
  private String consentGivenBy;

  @Enumerated(EnumType.STRING)
  @Column(name = "consent_relationship")
  private Relationship consentRelationship;

  @Enumerated(EnumType.STRING)
  @Column(name = "consent_method")
  private ConsentMethod consentMethod;

  @Column(name = "shared_fields", nullable = false, updatable = false)
  private String sharedFields;

  @Column(name = "shared_cipher", nullable = false, updatable = false)
  private byte[] sharedCipher;

  @Column(name = "shared_key", nullable = false, updatable = false)
  private String sharedKey;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private ReferralStatus status;

  @Column(name = "status_reason")
  private String statusReason;

  @Column(name = "sent_at", nullable = false, updatable = false)
  private OffsetDateTime sentAt;

  @Column(name = "sent_by", nullable = false, updatable = false)
  private UUID sentBy;

  @Column(name = "answered_at")
  private OffsetDateTime answeredAt;

  @Column(name = "answered_by")
  private UUID answeredBy;

  @Column(name = "received_beneficiary_id")
  private UUID receivedBeneficiaryId;

  @Column(name = "received_enrolment_id")
  private UUID receivedEnrolmentId;

  @Version private long version;

  protected Referral() {}

  /** What every referral says, whoever receives it. */
  public record Request(
      UUID beneficiaryId, LocalDate birthDate, UUID caseId, String reason, String services, Urgency urgency,
      Consent consent, Set<SharedField> shared) {

    public Request {
      reason = text(reason, REASON_MAX, "reason");
      services = text(services, SERVICES_MAX, "services");
      if (urgency == null) {
        urgency = Urgency.ROUTINE;
      }
      shared = shared == null || shared.isEmpty() ? EnumSet.noneOf(SharedField.class) : EnumSet.copyOf(shared);
      boolean minor = Period.between(birthDate, LocalDate.now(CHINA)).getYears() < AGE_OF_MAJORITY;
      if (minor && (consent == null || consent.relationship() == Relationship.SELF)) {
        throw new InvalidValueException(
            "REFERRAL_GUARDIAN_CONSENT_REQUIRED",
            "The person is under " + AGE_OF_MAJORITY + ": record the guardian's consent to the referral.");
      }
      if (consent == null) {
        throw new InvalidValueException("REFERRAL_CONSENT_REQUIRED", "Record the person's consent to the referral.");
      }
    }
  }

  /** The outside agency and what it was given. */
  public record Agency(AgencyKind kind, String name, String contact, String handedOver, HandOver how,
      LocalDate followUpOn) {

    public Agency {
      if (kind == null) {
        throw new InvalidValueException("REFERRAL_AGENCY_KIND_REQUIRED", "Say what kind of agency it is.");
      }
      name = text(name, AGENCY_MAX, "agencyName");
      contact = contact == null || contact.isBlank() ? null : contact.strip();
      handedOver = handedOver == null || handedOver.isBlank() ? null : handedOver.strip();
    }
  }

  public static Referral toOrganization(UUID id, UUID sender, UUID receiver, UUID bureau, Request request,
      Sealed shared, UUID actor) {
    if (sender.equals(receiver)) {
      throw new InvalidValueException("REFERRAL_TO_SELF", "An organization does not refer to itself.");
    }
    if (!request.shared().containsAll(SharedField.REQUIRED_FOR_REGISTRATION)) {
      throw new InvalidValueException(
          "REFERRAL_SHARED_FIELDS_TOO_FEW",
          "Share at least the name, gender, birth date, village and categories: the receiver registers the person"
              + " from them.");
    }
    Referral r = new Referral(id, sender, bureau, request, shared, actor);
    r.receiverId = receiver;
    r.status = ReferralStatus.SENT;
    return r;
  }

  public static Referral toAgency(UUID id, UUID sender, UUID bureau, Request request, Agency agency, Sealed shared,
      UUID actor) {
    Referral r = new Referral(id, sender, bureau, request, shared, actor);
    r.agencyKind = agency.kind();
    r.agencyName = agency.name();
    r.agencyContact = agency.contact();
    r.handedOver = agency.handedOver();
    r.handedOverHow = agency.how();
    r.followUpOn = agency.followUpOn();
    r.status = ReferralStatus.REFERRED;
    return r;
  }

  private Referral(UUID id, UUID sender, UUID bureau, Request request, Sealed shared, UUID actor) {
    this.id = id;
    this.senderId = sender;
    this.bureauId = bureau;
    this.beneficiaryId = request.beneficiaryId();
    this.caseId = request.caseId();
    this.reason = request.reason();
    this.services = request.services();
    this.urgency = request.urgency();
    Consent consent = request.consent();
    this.consentGivenOn = consent.givenOn();
    this.consentGivenBy = consent.givenBy().value();
    this.consentRelationship = consent.relationship();
    this.consentMethod = consent.method();
    this.sharedFields = request.shared().stream().map(Enum::name).collect(Collectors.joining(","));
    this.sharedCipher = shared.bytes();
    this.sharedKey = shared.keyId();
    this.sentAt = OffsetDateTime.now(ZoneOffset.UTC);
    this.sentBy = actor;
  }

  /**
   * The visit (or other service record of the same person) the worker referred the child from. Said once, before
   * the referral is sent: where a referral came from does not change afterwards.
   */
  public void madeFrom(UUID record) {
    if (serviceRecordId != null || version > 0) {
      throw new InvalidValueException("REFERRAL_RECORD_FIXED", "Where a referral came from is said when it is sent.");
    }
    this.serviceRecordId = record;
  }

  /** The counseling case that ended in this referral. */
  public void linkCase(UUID kase) {
    if (caseId != null && !caseId.equals(kase)) {
      throw new InvalidValueException("CASE_REFERRAL_LINKED", "The referral already carries another case on.");
    }
    this.caseId = kase;
  }

  /** The receiver took the person on: {@code person} is its own record of them, enrolled as {@code enrolment} if so. */
  public void accept(UUID person, UUID enrolment, UUID by) {
    requireWaiting();
    this.status = ReferralStatus.ACCEPTED;
    this.receivedBeneficiaryId = person;
    this.receivedEnrolmentId = enrolment;
    answered(by);
  }

  public void decline(String why, UUID by) {
    requireWaiting();
    this.statusReason = text(why, REASON_MAX, "reason");
    this.status = ReferralStatus.DECLINED;
    answered(by);
  }

  public void withdraw(String why, UUID by) {
    requireWaiting();
    this.statusReason = text(why, REASON_MAX, "reason");
    this.status = ReferralStatus.WITHDRAWN;
    answered(by);
  }

  /** The worker checked with the agency; {@code next} is the next follow-up day, if another is needed. */
  public void followUp(String note, LocalDate next, UUID by) {
    requireOpenAtAgency();
    this.statusReason = text(note, REASON_MAX, "note");
    this.followUpOn = next;
    this.status = ReferralStatus.FOLLOWED_UP;
    answered(by);
  }

  public void close(String outcome, UUID by) {
    requireOpenAtAgency();
    this.statusReason = text(outcome, REASON_MAX, "outcome");
    this.followUpOn = null;
    this.status = ReferralStatus.CLOSED;
    answered(by);
  }

  private void requireWaiting() {
    if (status != ReferralStatus.SENT) {
      throw new StateConflictException("REFERRAL_NOT_WAITING", "The referral has already been answered or withdrawn.");
    }
  }

  private void requireOpenAtAgency() {
    if (agencyKind == null || status == ReferralStatus.CLOSED) {
      throw new StateConflictException("REFERRAL_NOT_OPEN", "Only an open referral to an outside agency is followed up"
          + " or closed.");
    }
  }

  private void answered(UUID by) {
    this.answeredAt = OffsetDateTime.now(ZoneOffset.UTC);
    this.answeredBy = by;
  }

  private static String text(String value, int max, String field) {
    if (value == null || value.isBlank()) {
      throw new InvalidValueException("REQUIRED", "'" + field + "' is required.");
    }
    String stripped = value.strip();
    if (stripped.length() > max) {
      throw new InvalidValueException("TOO_LONG", "'" + field + "' is at most " + max + " characters.");
    }
    return stripped;
  }

  /** Days the receiver has let it wait (or took to answer), in whole days. */
  public long daysWaiting(OffsetDateTime now) {
    OffsetDateTime end = answeredAt == null || status == ReferralStatus.SENT ? now : answeredAt;
    return java.time.Duration.between(sentAt, end).toDays();
  }

  public boolean toAgency() {
    return agencyKind != null;
  }

  public UUID id() { return id; }
  public UUID senderId() { return senderId; }
  public UUID receiverId() { return receiverId; }
  public UUID bureauId() { return bureauId; }
  public UUID beneficiaryId() { return beneficiaryId; }
  public UUID caseId() { return caseId; }
  public UUID serviceRecordId() { return serviceRecordId; }
  public AgencyKind agencyKind() { return agencyKind; }
  public String agencyName() { return agencyName; }
  public String agencyContact() { return agencyContact; }
  public String handedOver() { return handedOver; }
  public HandOver handedOverHow() { return handedOverHow; }
  public LocalDate followUpOn() { return followUpOn; }
  public String reason() { return reason; }
  public String services() { return services; }
  public Urgency urgency() { return urgency; }
  public LocalDate consentGivenOn() { return consentGivenOn; }
  public String consentGivenBy() { return consentGivenBy; }
  public Relationship consentRelationship() { return consentRelationship; }
  public ConsentMethod consentMethod() { return consentMethod; }
  public Sealed sealedShared() { return new Sealed(sharedKey, sharedCipher); }
  public ReferralStatus status() { return status; }
  public String statusReason() { return statusReason; }
  public OffsetDateTime sentAt() { return sentAt; }
  public UUID sentBy() { return sentBy; }
  public OffsetDateTime answeredAt() { return answeredAt; }
  public UUID answeredBy() { return answeredBy; }
  public UUID receivedBeneficiaryId() { return receivedBeneficiaryId; }
  public UUID receivedEnrolmentId() { return receivedEnrolmentId; }
  public long version() { return version; }

  public Set<SharedField> shared() {
    return sharedFields.isEmpty() ? EnumSet.noneOf(SharedField.class)
        : Arrays.stream(sharedFields.split(",")).map(SharedField::valueOf)
            .collect(Collectors.toCollection(() -> EnumSet.noneOf(SharedField.class)));
  }
}
