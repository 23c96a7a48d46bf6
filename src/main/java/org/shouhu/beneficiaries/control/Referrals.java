package org.shouhu.beneficiaries.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.StringReader;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.shouhu.audit.control.AuditTrail;
import org.shouhu.beneficiaries.entity.Beneficiary;
import org.shouhu.beneficiaries.entity.BeneficiaryId;
import org.shouhu.beneficiaries.entity.Category;
import org.shouhu.beneficiaries.entity.CitizenId;
import org.shouhu.beneficiaries.entity.Consent;
import org.shouhu.beneficiaries.entity.DifficultyType;
import org.shouhu.beneficiaries.entity.Gender;
import org.shouhu.beneficiaries.entity.Particulars;
import org.shouhu.beneficiaries.entity.ParticularsRefused;
import org.shouhu.beneficiaries.entity.PersonName;
import org.shouhu.beneficiaries.entity.PhoneNumber;
import org.shouhu.beneficiaries.entity.Referral;
import org.shouhu.beneficiaries.entity.ReferralStatus;
import org.shouhu.beneficiaries.entity.Sealed;
import org.shouhu.beneficiaries.entity.SharedField;
import org.shouhu.contracts.entity.ProjectId;
import org.shouhu.problems.boundary.RequestId;
import org.shouhu.problems.entity.InvalidValueException;
import org.shouhu.problems.entity.ProblemException;
import org.shouhu.regions.entity.DivisionCode;
import org.shouhu.tenancy.control.TenantSession;
import org.shouhu.tenancy.control.Tenants;
import org.shouhu.tenancy.entity.Tenant;
import org.shouhu.tenancy.entity.TenantKind;
import org.shouhu.tenancy.entity.TenantId;

/**
 * Referrals of the tenant bound to the current transaction, as sender or as receiver. Referrals are two-party rows
 * (V185), not {@code @Multitenant}: every query here names the bound tenant as one of the two parties, and row-level
 * security (policy {@code referral_parties}) refuses any other row even if a query forgot to.
 *
 * <p>The hand-over happens in the receiver's transaction: the shared values are opened, the person is registered in
 * the receiver's register (or found there by the blind index of the citizen identity number), optionally enrolled,
 * the referral answered, and an event appended to both tenants' audit chains — all or nothing.
 */
@ApplicationScoped
public class Referrals {

  private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

  @PersistenceContext(unitName = "shouhu")
  EntityManager em;

  @Inject TenantSession session;
  @Inject PersonalDataCipher cipher;
  @Inject Beneficiaries beneficiaries;
  @Inject Enrolments enrolments;
  @Inject AuditTrail audit;
  @Inject Tenants tenants;

  /**
   * An organization the bound one may refer to, and the bureau funding both; no bureau when it is offered only
   * because the platform allows referrals to any active organization.
   */
  public record Receiver(UUID organizationId, UUID bureauId) {

    public boolean fundedByOwnBureau() {
      return bureauId != null;
    }
  }

  /**
   * A referral as the bureau sees it: no person, no reason, no shared value; whether the sender and the receiver are
   * organizations the bureau funds (one of them is).
   */
  public record BureauRow(UUID id, UUID senderId, UUID receiverId, String agencyKind, String urgency, String status,
      OffsetDateTime sentAt, OffsetDateTime answeredAt, LocalDate followUpOn, boolean senderFunded,
      boolean receiverFunded) {

    public boolean toAgency() {
      return agencyKind != null;
    }

    /** Whether the outcome is still unknown: the receiver has not answered, or the agency's case is not closed. */
    public boolean waiting() {
      return toAgency() ? !"CLOSED".equals(status) : "SENT".equals(status);
    }

    /** Whole days since it was sent, up to the answer (or the agency's closing) once there is one. */
    public long daysWaiting(OffsetDateTime now) {
      OffsetDateTime end = waiting() || answeredAt == null ? now : answeredAt;
      return java.time.Duration.between(sentAt, end).toDays();
    }

    /**
     * Waiting past its time: an agency referral past its follow-up day (or, with none set, past the response days),
     * a referral between organizations unanswered past the response days.
     */
    public boolean overdue(OffsetDateTime now, int responseDays, LocalDate today) {
      if (!waiting()) {
        return false;
      }
      if (toAgency() && followUpOn != null) {
        return followUpOn.isBefore(today);
      }
      return daysWaiting(now) > responseDays;
    }
  }

  /** The service record a referral came from, as its sender sees it: what kind and when. */
  public record SourceRecord(UUID id, String kind, OffsetDateTime startedAt) {}

  /** What the receiver registered: the person's id in its own tenant and whether it was already there. */
  public record Accepted(Referral referral, BeneficiaryId person, boolean alreadyRegistered) {}

  public List<Receiver> receivers() {
    session.require();
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery("select organization_id, bureau_id from shouhu_referral_receivers()").getResultList();
    return rows.stream().map(r -> new Receiver(uuid(r[0]), r[1] == null ? null : uuid(r[1]))).distinct().toList();
  }

  /**
   * Refers one of the bound organization's people to another organization: one its bureaus fund, or any active one
   * when the platform allows it (V205; the database checks the receiver again on insert). {@code fromRecord} is the
   * visit the worker referred the child from, if any.
   */
  public Referral send(UUID receiver, Referral.Request request, Optional<UUID> fromRecord, UUID actor) {
    TenantId me = session.require();
    Receiver allowed = receivers().stream().filter(r -> r.organizationId().equals(receiver)).findFirst()
        .orElseThrow(() -> refusedReceiver(receiver));
    fromRecord.ifPresent(record -> checkSource(record, request.beneficiaryId()));
    UUID id = UUID.randomUUID();
    Sealed shared = sealShared(id, request.beneficiaryId(), request.shared());
    Referral referral;
    try {
      referral = Referral.toOrganization(id, me.value(), receiver,
          allowed.fundedByOwnBureau() ? allowed.bureauId() : ownBureau().orElse(null), request, shared, actor);
    } catch (InvalidValueException e) {
      throw ProblemException.invalid("sharedFields", e);
    }
    fromRecord.ifPresent(referral::madeFrom);
    em.persist(referral);
    em.flush();
    audit.record(actor, "REFERRAL_SENT", "referral", id, "beneficiary=" + request.beneficiaryId());
    otherParty(referral, "REFERRAL_RECEIVED", null);
    return referral;
  }

  /** Records a referral to an outside agency: nothing leaves the platform but the letter the worker prints. */
  public Referral toAgency(Referral.Request request, Referral.Agency agency, Optional<UUID> fromRecord, UUID actor) {
    TenantId me = session.require();
    fromRecord.ifPresent(record -> checkSource(record, request.beneficiaryId()));
    UUID id = UUID.randomUUID();
    Sealed shared = sealShared(id, request.beneficiaryId(), request.shared());
    // The sender's own bureau, even when it funds no other organization: the bureau's figures count agency referrals.
    Referral referral = Referral.toAgency(id, me.value(), ownBureau().orElse(null), request, agency, shared, actor);
    fromRecord.ifPresent(referral::madeFrom);
    em.persist(referral);
    em.flush();
    audit.record(actor, "REFERRAL_TO_AGENCY", "referral", id,
        "beneficiary=" + request.beneficiaryId() + "; agency=" + agency.kind());
    return referral;
  }

  /** Why a receiver is refused, said as precisely as the sender may know it. */
  private ProblemException refusedReceiver(UUID receiver) {
    Optional<Tenant> tenant = tenants.find(new TenantId(receiver)).filter(t -> t.kind() == TenantKind.ORGANIZATION);
    if (tenant.isEmpty()) {
      return ProblemException.invalid("receiverId", "REFERRAL_RECEIVER_UNKNOWN", "No organization has that id.");
    }
    if (!tenant.get().isActive()) {
      return ProblemException.invalid("receiverId", "REFERRAL_RECEIVER_SUSPENDED",
          "The organization is suspended on the platform and receives no referral.");
    }
    return ProblemException.invalid("receiverId", "REFERRAL_RECEIVER_NOT_ALLOWED",
        "Refer to an organization funded by a bureau that funds yours (the platform does not allow others).");
  }

  /** A bureau funding the bound organization (the first by id, when several do), if any does yet. */
  private Optional<UUID> ownBureau() {
    @SuppressWarnings("unchecked")
    List<Object> rows = em.createNativeQuery("select p.bureau_id from project p where p.tenant_id = ?1"
            + " and p.status <> 'DRAFT' order by p.bureau_id limit 1")
        .setParameter(1, session.require().value())
        .getResultList();
    return rows.stream().findFirst().map(Referrals::uuid);
  }

  /** The record a referral is made from: the sender's own, of the same person, not voided. */
  private void checkSource(UUID record, UUID person) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows = em.createNativeQuery("select r.status, exists (select 1 from service_participant p"
            + " where p.tenant_id = r.tenant_id and p.record_id = r.id and p.beneficiary_id = ?3)"
            + " from service_record r where r.tenant_id = ?1 and r.id = ?2")
        .setParameter(1, session.require().value())
        .setParameter(2, record)
        .setParameter(3, person)
        .getResultList();
    if (rows.isEmpty()) {
      throw ProblemException.invalid("serviceRecordId", "REFERRAL_RECORD_NOT_FOUND", "No service record of yours has that id.");
    }
    if (!Boolean.TRUE.equals(rows.get(0)[1])) {
      throw ProblemException.invalid("serviceRecordId", "REFERRAL_RECORD_OTHER_PERSON", "The record is of another person.");
    }
    if ("VOIDED".equals(rows.get(0)[0])) {
      throw ProblemException.invalid("serviceRecordId", "REFERRAL_RECORD_VOIDED", "A voided record is no ground for a referral.");
    }
  }

  /** The service record the sender made the referral from: its kind and when it happened. */
  public Optional<SourceRecord> source(Referral referral) {
    if (referral.serviceRecordId() == null || !referral.senderId().equals(session.require().value())) {
      return Optional.empty();
    }
    @SuppressWarnings("unchecked")
    List<Object[]> rows = em.createNativeQuery("select r.kind, r.started_at from service_record r"
            + " where r.tenant_id = ?1 and r.id = ?2")
        .setParameter(1, referral.senderId())
        .setParameter(2, referral.serviceRecordId())
        .getResultList();
    return rows.stream().findFirst()
        .map(r -> new SourceRecord(referral.serviceRecordId(), (String) r[0], time(r[1])));
  }

  public List<Referral> sent(Optional<UUID> person, int offset, int limit) {
    TenantId me = session.require();
    var query = em.createQuery("select r from Referral r where r.senderId = :me"
            + (person.isPresent() ? " and r.beneficiaryId = :person" : "") + " order by r.sentAt desc, r.id",
        Referral.class).setParameter("me", me.value());
    person.ifPresent(p -> query.setParameter("person", p));
    return query.setFirstResult(offset).setMaxResults(limit).getResultList();
  }

  public List<Referral> inbox(boolean waitingOnly, int offset, int limit) {
    TenantId me = session.require();
    var query = em.createQuery("select r from Referral r where r.receiverId = :me"
                + (waitingOnly ? " and r.status = :sent" : "") + " order by r.sentAt desc, r.id",
            Referral.class)
        .setParameter("me", me.value());
    if (waitingOnly) {
      query.setParameter("sent", ReferralStatus.SENT);
    }
    return query
        .setFirstResult(offset).setMaxResults(limit).getResultList();
  }

  /** Either party's referral; anyone else's id is not found, like an id of nothing. */
  public Referral get(UUID id) {
    TenantId me = session.require();
    return em.createQuery("select r from Referral r where r.id = :id and (r.senderId = :me or r.receiverId = :me)",
            Referral.class)
        .setParameter("id", id).setParameter("me", me.value())
        .getResultList().stream().findFirst()
        .orElseThrow(() -> ProblemException.notFound("Referral"));
  }

  public Referral asSender(UUID id) {
    Referral r = get(id);
    if (!r.senderId().equals(session.require().value())) {
      throw ProblemException.notFound("Referral");
    }
    return r;
  }

  public Referral asReceiver(UUID id) {
    Referral r = get(id);
    if (r.receiverId() == null || !r.receiverId().equals(session.require().value())) {
      throw ProblemException.notFound("Referral");
    }
    return r;
  }

  /** The shared values in clear, for the letter and for the hand-over; never for a list. */
  public Map<SharedField, String> shared(Referral referral) {
    JsonObject values = Json.createReader(new StringReader(cipher.open(referral.sealedShared(), context(referral.id()))))
        .readObject();
    Map<SharedField, String> out = new EnumMap<>(SharedField.class);
    values.forEach((k, v) -> out.put(SharedField.valueOf(k), ((JsonString) v).getString()));
    return out;
  }

  /** The shared values as a list shows them: masked, or only said to be there. */
  public Map<SharedField, String> sharedMasked(Referral referral) {
    Map<SharedField, String> out = new EnumMap<>(SharedField.class);
    shared(referral).forEach((field, value) -> out.put(field, switch (field) {
      case NAME -> new PersonName(value).masked();
      case CITIZEN_ID -> CitizenId.of(value).masked();
      case PHONE -> PhoneNumber.of(value).masked();
      case BIRTH_DATE -> value.substring(0, 4);
      case VILLAGE -> value.substring(0, 9);
      case GENDER, CATEGORIES, DIFFICULTY_TYPE -> value;
      case SCHOOL, GRADE -> null;
    }));
    return out;
  }

  /**
   * The receiver takes the person on: registers them from the shared fields (or finds them already registered by
   * citizen identity number), enrols them in one of its projects if asked, answers the referral, and appends the
   * event to both audit chains. One transaction: a refused enrolment leaves nothing behind.
   */
  public Accepted accept(UUID id, Optional<ProjectId> project, UUID actor) {
    Referral referral = asReceiver(id);
    if (referral.status() != ReferralStatus.SENT) {
      throw new org.shouhu.problems.entity.StateConflictException("REFERRAL_NOT_WAITING",
          "The referral has already been answered or withdrawn.");
    }
    Map<SharedField, String> values = shared(referral);
    Particulars particulars = particulars(values);
    Consent consent = new Consent(referral.consentGivenOn(), new PersonName(referral.consentGivenBy()),
        referral.consentRelationship(), referral.consentMethod());
    Optional<Beneficiaries.Opened> existing = particulars.citizenId() == null
        ? Optional.empty() : beneficiaries.findActiveForComparison(particulars.citizenId());
    BeneficiaryId person = existing.map(o -> o.beneficiary().id())
        .orElseGet(() -> beneficiaries.register(particulars, consent, actor).beneficiary().id());
    UUID enrolment = project.map(p -> enrolments.enrol(p, person, LocalDate.now(CHINA), actor).enrolment().id())
        .orElse(null);
    referral.accept(person.value(), enrolment, actor);
    em.flush();
    audit.record(actor, "REFERRAL_ACCEPTED", "referral", id,
        "beneficiary=" + person + (existing.isPresent() ? " (already registered)" : "")
            + (enrolment == null ? "" : "; enrolment=" + enrolment));
    otherParty(referral, "REFERRAL_ACCEPTED", null);
    return new Accepted(referral, person, existing.isPresent());
  }

  public Referral decline(UUID id, String reason, UUID actor) {
    Referral referral = asReceiver(id);
    try {
      referral.decline(reason, actor);
    } catch (InvalidValueException e) {
      throw ProblemException.invalid("reason", e);
    }
    em.flush();
    audit.record(actor, "REFERRAL_DECLINED", "referral", id, null);
    otherParty(referral, "REFERRAL_DECLINED", null);
    return referral;
  }

  public Referral withdraw(UUID id, String reason, UUID actor) {
    Referral referral = asSender(id);
    try {
      referral.withdraw(reason, actor);
    } catch (InvalidValueException e) {
      throw ProblemException.invalid("reason", e);
    }
    em.flush();
    audit.record(actor, "REFERRAL_WITHDRAWN", "referral", id, null);
    otherParty(referral, "REFERRAL_WITHDRAWN", null);
    return referral;
  }

  public Referral followUp(UUID id, String note, LocalDate next, UUID actor) {
    Referral referral = asSender(id);
    try {
      referral.followUp(note, next, actor);
    } catch (InvalidValueException e) {
      throw ProblemException.invalid("note", e);
    }
    em.flush();
    audit.record(actor, "REFERRAL_FOLLOWED_UP", "referral", id, null);
    return referral;
  }

  public Referral close(UUID id, String outcome, UUID actor) {
    Referral referral = asSender(id);
    try {
      referral.close(outcome, actor);
    } catch (InvalidValueException e) {
      throw ProblemException.invalid("outcome", e);
    }
    em.flush();
    audit.record(actor, "REFERRAL_CLOSED", "referral", id, null);
    return referral;
  }

  /**
   * A counseling case closed as REFERRED names the referral that carries the person on: the sender's own, of the
   * same person, and not yet linked to another case.
   */
  public Referral linkCase(UUID id, UUID caseId, BeneficiaryId client, UUID actor) {
    Referral referral = em.createQuery("select r from Referral r where r.id = :id and r.senderId = :me", Referral.class)
        .setParameter("id", id).setParameter("me", session.require().value())
        .getResultList().stream().findFirst()
        .orElseThrow(() -> ProblemException.invalid("referralId", "CASE_REFERRAL_NOT_FOUND", "No such referral of yours."));
    if (!referral.beneficiaryId().equals(client.value())) {
      throw ProblemException.invalid("referralId", "CASE_REFERRAL_OTHER_PERSON", "The referral is of another person.");
    }
    try {
      referral.linkCase(caseId);
    } catch (InvalidValueException e) {
      throw ProblemException.invalid("referralId", e);
    }
    em.flush();
    audit.record(actor, "REFERRAL_LINKED_TO_CASE", "referral", id, "case=" + caseId);
    return referral;
  }

  /**
   * The caller's own referral of {@code person}, for a record that names it (an incident's step, #17); a field
   * error on {@code referralId} otherwise.
   */
  public Referral ownOf(UUID id, BeneficiaryId person) {
    Referral referral = em.createQuery("select r from Referral r where r.id = :id and r.senderId = :me", Referral.class)
        .setParameter("id", id).setParameter("me", session.require().value())
        .getResultList().stream().findFirst()
        .orElseThrow(() -> ProblemException.invalid("referralId", "INC_REFERRAL_NOT_FOUND", "No such referral of yours."));
    if (!referral.beneficiaryId().equals(person.value())) {
      throw ProblemException.invalid("referralId", "INC_REFERRAL_OTHER_PERSON", "The referral is of another child.");
    }
    return referral;
  }

  /** The sender printed the letter with the shared values in full: an opening, audited as one. */
  public void letterPrinted(Referral referral, UUID actor) {
    audit.record(actor, "REFERRAL_LETTER_PRINTED", "referral", referral.id(), null);
  }

  /** Agency referrals of the bound organization whose follow-up day has come. */
  public List<Referral> followUpsDue(LocalDate today) {
    TenantId me = session.require();
    return em.createQuery("select r from Referral r where r.senderId = :me and r.followUpOn <= :today"
                + " and r.status <> :closed order by r.followUpOn, r.id", Referral.class)
        .setParameter("me", me.value()).setParameter("today", today)
        .setParameter("closed", ReferralStatus.CLOSED)
        .getResultList();
  }

  /** The bound bureau's referrals, without a personal field (V185 {@code shouhu_referrals_for_bureau}). */
  public List<BureauRow> forBureau() {
    session.require();
    @SuppressWarnings("unchecked")
    List<Object[]> rows = em.createNativeQuery("select referral_id, sender_id, receiver_id, agency_kind, urgency,"
        + " status, sent_at, answered_at, follow_up_on, sender_funded, receiver_funded"
        + " from shouhu_referrals_for_bureau()").getResultList();
    return rows.stream().map(r -> new BureauRow(uuid(r[0]), uuid(r[1]), r[2] == null ? null : uuid(r[2]),
        (String) r[3], (String) r[4], (String) r[5], time(r[6]), r[7] == null ? null : time(r[7]),
        date(r[8]), Boolean.TRUE.equals(r[9]), Boolean.TRUE.equals(r[10]))).toList();
  }

  private void otherParty(Referral referral, String action, String detail) {
    em.createNativeQuery("select shouhu_referral_audit_other_party(?1, ?2, ?3, ?4)")
        .setParameter(1, referral.id())
        .setParameter(2, action)
        .setParameter(3, detail)
        .setParameter(4, RequestId.current())
        .getSingleResult();
  }

  /** Reads the sender's own record and seals exactly the chosen fields' values for this referral. */
  private Sealed sealShared(UUID referral, UUID person, Set<SharedField> fields) {
    Beneficiaries.Opened opened = beneficiaries.opened(beneficiaries.get(new BeneficiaryId(person)));
    Beneficiary b = opened.beneficiary();
    if (b.isVoided()) {
      throw ProblemException.invalid("beneficiaryId", "BENEFICIARY_VOIDED", "This beneficiary's record is voided.");
    }
    if (fields.contains(SharedField.CATEGORIES) && b.difficultyType() != null
        && !fields.contains(SharedField.DIFFICULTY_TYPE)) {
      throw ProblemException.invalid("sharedFields", "REFERRAL_SHARED_FIELDS_TOO_FEW",
          "A child in difficulty is shared with the kind of difficulty, or the receiver cannot register them.");
    }
    JsonObjectBuilder values = Json.createObjectBuilder();
    for (SharedField field : fields) {
      String value = switch (field) {
        case NAME -> b.name().value();
        case GENDER -> b.gender().name();
        case BIRTH_DATE -> b.birthDate().toString();
        case VILLAGE -> b.village().value();
        case CATEGORIES -> b.categories().stream().map(Enum::name).sorted().collect(Collectors.joining(","));
        case CITIZEN_ID -> opened.citizenId() == null ? null : opened.citizenId().value();
        case PHONE -> opened.phone() == null ? null : opened.phone().value();
        case SCHOOL -> b.school();
        case GRADE -> b.grade();
        case DIFFICULTY_TYPE -> b.difficultyType() == null ? null : b.difficultyType().name();
      };
      if (value != null) {
        values.add(field.name(), value);
      }
    }
    return cipher.seal(values.build().toString(), context(referral));
  }

  private static Particulars particulars(Map<SharedField, String> v) {
    Set<Category> categories = Arrays.stream(v.get(SharedField.CATEGORIES).split(",")).map(Category::valueOf)
        .collect(Collectors.toCollection(() -> EnumSet.noneOf(Category.class)));
    try {
      return Particulars.of(
          new PersonName(v.get(SharedField.NAME)),
          Gender.valueOf(v.get(SharedField.GENDER)),
          LocalDate.parse(v.get(SharedField.BIRTH_DATE)),
          v.containsKey(SharedField.CITIZEN_ID) ? CitizenId.of(v.get(SharedField.CITIZEN_ID)) : null,
          v.containsKey(SharedField.PHONE) ? PhoneNumber.of(v.get(SharedField.PHONE)) : null,
          DivisionCode.of(v.get(SharedField.VILLAGE)),
          v.get(SharedField.SCHOOL),
          v.get(SharedField.GRADE),
          categories,
          v.containsKey(SharedField.DIFFICULTY_TYPE) ? DifficultyType.valueOf(v.get(SharedField.DIFFICULTY_TYPE)) : null);
    } catch (ParticularsRefused refused) {
      // The sender's own record passed the same rules; a difficulty type left unshared is the one way to fail.
      throw ProblemException.conflict("REFERRAL_SHARED_FIELDS_INCOMPLETE",
          "The shared fields do not make a complete record here: " + refused.broken().get(0).code());
    }
  }

  static String context(UUID referral) {
    return "referral.shared/" + referral;
  }

  private static UUID uuid(Object value) {
    return value instanceof UUID u ? u : UUID.fromString(value.toString());
  }

  private static LocalDate date(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof LocalDate d) {
      return d;
    }
    if (value instanceof java.sql.Date d) {
      return d.toLocalDate();
    }
    return LocalDate.parse(value.toString());
  }

  private static OffsetDateTime time(Object value) {
    if (value instanceof OffsetDateTime t) {
      return t;
    }
    if (value instanceof java.sql.Timestamp t) {
      return t.toInstant().atOffset(java.time.ZoneOffset.UTC);
    }
    return OffsetDateTime.parse(value.toString());
  }
}
