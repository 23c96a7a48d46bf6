package org.shouhu.beneficiaries.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.shouhu.audit.control.AuditTrail;
import org.shouhu.beneficiaries.entity.Beneficiary;
import org.shouhu.beneficiaries.entity.BeneficiaryConflict;
import org.shouhu.beneficiaries.entity.BeneficiaryId;
import org.shouhu.beneficiaries.entity.BeneficiaryStatus;
import org.shouhu.beneficiaries.entity.Category;
import org.shouhu.beneficiaries.entity.CitizenId;
import org.shouhu.beneficiaries.entity.Consent;
import org.shouhu.beneficiaries.entity.Guardian;
import org.shouhu.beneficiaries.entity.GuardianDetails;
import org.shouhu.beneficiaries.entity.Particulars;
import org.shouhu.beneficiaries.entity.PhoneNumber;
import org.shouhu.beneficiaries.entity.RiskLevel;
import org.shouhu.beneficiaries.entity.Sealed;
import org.shouhu.problems.entity.InvalidValueException;
import org.shouhu.problems.entity.ProblemException;
import org.shouhu.tenancy.control.TenantSession;
import org.shouhu.tenancy.entity.TenantId;

/**
 * The beneficiary register of the tenant bound to the current transaction. Seals identifiers on the way in,
 * opens them on the way out, refuses a second active record of the same citizen identity number, and writes an
 * audit event for every change and for every time a record is opened in full.
 *
 * <p>Lists never open more than they must: they return masked identifiers only. Every query is filtered by the
 * tenant discriminator and row-level security, so another tenant's id is simply not found.
 */
@ApplicationScoped
public class Beneficiaries {

  public static final String DUPLICATE = "BENEFICIARY_DUPLICATE";
  // Namespace of the advisory locks taken while checking for a duplicate ("SHBI").
  private static final int CITIZEN_ID_LOCK_SPACE = 0x53484249;

  @PersistenceContext(unitName = "shouhu")
  EntityManager em;

  @Inject TenantSession session;
  @Inject PersonalDataCipher cipher;
  @Inject BlindIndex blindIndex;
  @Inject AuditTrail audit;

  /** A record opened in full: its identifiers and its guardians' phones in clear. */
  public record Opened(Beneficiary beneficiary, CitizenId citizenId, PhoneNumber phone, List<OpenedGuardian> guardians) {}

  public record OpenedGuardian(Guardian guardian, PhoneNumber phone) {}

  /** A record as lists show it: identifiers masked before they leave this class. */
  public record Listed(Beneficiary beneficiary, String maskedCitizenId, String maskedPhone) {}

  /**
   * What a list asks for; null means "any".
   *
   * @param villagePrefix leading digits of a division code: a county, town or village
   * @param nameContains part of the name, matched literally
   */
  public record Filter(
      Category category, String villagePrefix, RiskLevel risk, String nameContains, boolean includeVoided) {}

  public Opened register(Particulars particulars, Consent consent, UUID actor) {
    TenantId tenant = session.require();
    BeneficiaryId id = BeneficiaryId.random();
    Identifiers sealed = seal(id, particulars, tenant);
    if (sealed.index != null) {
      refuseDuplicate(sealed.index, null);
    }
    Beneficiary beneficiary;
    try {
      beneficiary = new Beneficiary(id, particulars, sealed.citizenId, sealed.index, sealed.phone, consent, actor);
    } catch (InvalidValueException e) {
      throw ProblemException.invalid("consent", e);
    }
    em.persist(beneficiary);
    // Now, not at commit: the answer carries the version the next revision must name.
    em.flush();
    audit.record(actor, "BENEFICIARY_REGISTERED", "beneficiary", id.value(), null);
    return new Opened(beneficiary, particulars.citizenId(), particulars.phone(), List.of());
  }

  /** Opens a record in full and leaves the audit event PIPL accountability asks for. */
  public Opened open(BeneficiaryId id, UUID actor) {
    Beneficiary beneficiary = get(id);
    audit.record(actor, "BENEFICIARY_OPENED", "beneficiary", id.value(), null);
    return opened(beneficiary);
  }

  public List<Listed> page(Filter filter, int offset, int limit) {
    TypedQuery<Beneficiary> query =
        em.createQuery(
            "select b from Beneficiary b" + where(filter) + " order by b.villageCode, b.name, b.id", Beneficiary.class);
    parameters(filter).forEach(query::setParameter);
    return query.setFirstResult(offset).setMaxResults(limit).getResultList().stream().map(this::listed).toList();
  }

  public long count(Filter filter) {
    TypedQuery<Long> query = em.createQuery("select count(b) from Beneficiary b" + where(filter), Long.class);
    parameters(filter).forEach(query::setParameter);
    return query.getSingleResult();
  }

  /** Replaces the particulars; identifiers are sealed afresh, so a revision also moves them to the active key. */
  public Opened revise(BeneficiaryId id, Particulars particulars, Consent consent, long version, UUID actor) {
    TenantId tenant = session.require();
    Beneficiary beneficiary = get(id);
    Identifiers sealed = seal(id, particulars, tenant);
    if (sealed.index != null) {
      refuseDuplicate(sealed.index, id);
    }
    try {
      beneficiary.revise(particulars, sealed.citizenId, sealed.index, sealed.phone, consent, version, actor);
    } catch (InvalidValueException e) {
      throw ProblemException.invalid("consent", e);
    }
    flushOrConflict();
    audit.record(actor, "BENEFICIARY_REVISED", "beneficiary", id.value(), null);
    return new Opened(beneficiary, particulars.citizenId(), particulars.phone(), openGuardians(beneficiary));
  }

  public Listed assessRisk(BeneficiaryId id, RiskLevel level, String reason, UUID actor) {
    Beneficiary beneficiary = get(id);
    try {
      beneficiary.assessRisk(level, reason, actor);
    } catch (InvalidValueException e) {
      throw ProblemException.invalid("reason", e);
    }
    flushOrConflict();
    // The level is no personal data; the reason may be, so it stays out of the trail.
    audit.record(actor, "BENEFICIARY_RISK_ASSESSED", "beneficiary", id.value(), "level=" + level);
    return listed(beneficiary);
  }

  public OpenedGuardian addGuardian(BeneficiaryId id, GuardianDetails details, UUID actor) {
    Beneficiary beneficiary = get(id);
    UUID guardianId = UUID.randomUUID();
    Sealed phone = details.phone() == null ? null : cipher.seal(details.phone().value(), guardianPhone(guardianId));
    Guardian guardian = beneficiary.addGuardian(guardianId, details, phone, actor);
    em.persist(guardian);
    audit.record(actor, "GUARDIAN_ADDED", "guardian", guardianId, "beneficiary=" + id);
    return new OpenedGuardian(guardian, details.phone());
  }

  public OpenedGuardian openGuardian(BeneficiaryId id, UUID guardianId, UUID actor) {
    Guardian guardian =
        get(id).guardians().stream()
            .filter(g -> g.id().equals(guardianId))
            .findFirst()
            .orElseThrow(() -> ProblemException.notFound("Guardian"));
    audit.record(actor, "GUARDIAN_OPENED", "guardian", guardianId, "beneficiary=" + id);
    return openGuardian(guardian);
  }

  public Listed voidBecause(BeneficiaryId id, String reason, UUID actor) {
    Beneficiary beneficiary = get(id);
    try {
      beneficiary.voidBecause(reason, actor);
    } catch (InvalidValueException e) {
      throw ProblemException.invalid("reason", e);
    }
    flushOrConflict();
    audit.record(actor, "BENEFICIARY_VOIDED", "beneficiary", id.value(), null);
    return listed(beneficiary);
  }

  /**
   * The active record with this citizen identity number, found through the blind index and opened for comparison
   * by the ledger import. No audit event: nobody sees the values, they are only compared with a spreadsheet row
   * the uploader already holds. Never hand the result to a view.
   */
  Optional<Opened> findActiveForComparison(CitizenId citizenId) {
    TenantId tenant = session.require();
    return em.createQuery(
            "select b from Beneficiary b where b.citizenIdIndex = :index and b.status = :active", Beneficiary.class)
        .setParameter("index", blindIndex.of(citizenId, tenant))
        .setParameter("active", BeneficiaryStatus.ACTIVE)
        .getResultList()
        .stream()
        .findFirst()
        .map(this::opened);
  }

  public Optional<Beneficiary> find(BeneficiaryId id) {
    session.require();
    return Optional.ofNullable(em.find(Beneficiary.class, id.value()));
  }

  public Beneficiary get(BeneficiaryId id) {
    return find(id).orElseThrow(() -> ProblemException.notFound("Beneficiary"));
  }

  private record Identifiers(Sealed citizenId, byte[] index, Sealed phone) {}

  private Identifiers seal(BeneficiaryId id, Particulars particulars, TenantId tenant) {
    CitizenId citizenId = particulars.citizenId();
    PhoneNumber phone = particulars.phone();
    return new Identifiers(
        citizenId == null ? null : cipher.seal(citizenId.value(), citizenIdContext(id)),
        citizenId == null ? null : blindIndex.of(citizenId, tenant),
        phone == null ? null : cipher.seal(phone.value(), phoneContext(id)));
  }

  /**
   * Two workers entering the same child at the same moment must not both succeed: a transaction-scoped advisory
   * lock on the index serialises them, so the second one sees the first one's record (the partial unique index
   * would refuse it anyway, but only with an error that cannot name the existing record).
   */
  private void refuseDuplicate(byte[] index, BeneficiaryId self) {
    em.createNativeQuery("select count(*) from (select pg_advisory_xact_lock(?1, ?2)) locked")
        .setParameter(1, CITIZEN_ID_LOCK_SPACE)
        .setParameter(2, ByteBuffer.wrap(index).getInt())
        .getSingleResult();
    List<UUID> existing =
        em.createQuery(
                "select b.id from Beneficiary b where b.citizenIdIndex = :index and b.status = :active", UUID.class)
            .setParameter("index", index)
            .setParameter("active", BeneficiaryStatus.ACTIVE)
            .getResultList();
    existing.stream()
        .filter(found -> self == null || !found.equals(self.value()))
        .findFirst()
        .ifPresent(
            found -> {
              throw new ProblemException(
                  409,
                  DUPLICATE,
                  "Conflict",
                  "A beneficiary with this citizen identity number is already registered.",
                  List.of(),
                  Map.of("existingId", found.toString()));
            });
  }

  Opened opened(Beneficiary beneficiary) {
    BeneficiaryId id = beneficiary.id();
    Sealed citizenId = beneficiary.sealedCitizenId();
    Sealed phone = beneficiary.sealedPhone();
    return new Opened(
        beneficiary,
        citizenId == null ? null : CitizenId.of(cipher.open(citizenId, citizenIdContext(id))),
        phone == null ? null : PhoneNumber.of(cipher.open(phone, phoneContext(id))),
        openGuardians(beneficiary));
  }

  private List<OpenedGuardian> openGuardians(Beneficiary beneficiary) {
    return beneficiary.guardians().stream().map(this::openGuardian).toList();
  }

  private OpenedGuardian openGuardian(Guardian guardian) {
    Sealed phone = guardian.sealedPhone();
    return new OpenedGuardian(
        guardian, phone == null ? null : PhoneNumber.of(cipher.open(phone, guardianPhone(guardian.id()))));
  }

  private Listed listed(Beneficiary beneficiary) {
    BeneficiaryId id = beneficiary.id();
    Sealed citizenId = beneficiary.sealedCitizenId();
    Sealed phone = beneficiary.sealedPhone();
    return new Listed(
        beneficiary,
        citizenId == null ? null : CitizenId.of(cipher.open(citizenId, citizenIdContext(id))).masked(),
        phone == null ? null : PhoneNumber.of(cipher.open(phone, phoneContext(id))).masked());
  }

  private static String where(Filter filter) {
    StringBuilder where = new StringBuilder(" where 1 = 1");
    if (!filter.includeVoided()) {
      where.append(" and b.status = :active");
    }
    if (filter.category() != null) {
      // Stored sorted and comma-separated; the surrounding commas stop one name matching inside another.
      where.append(" and concat(',', b.categories, ',') like :category");
    }
    if (filter.villagePrefix() != null) {
      where.append(" and b.villageCode like :village");
    }
    if (filter.risk() != null) {
      where.append(" and b.riskLevel = :risk");
    }
    if (filter.nameContains() != null) {
      where.append(" and b.name like :name escape '\\'");
    }
    return where.toString();
  }

  private static Map<String, Object> parameters(Filter filter) {
    Map<String, Object> parameters = new HashMap<>();
    if (!filter.includeVoided()) {
      parameters.put("active", BeneficiaryStatus.ACTIVE);
    }
    if (filter.category() != null) {
      parameters.put("category", "%," + filter.category().name() + ",%");
    }
    if (filter.villagePrefix() != null) {
      parameters.put("village", filter.villagePrefix() + "%");
    }
    if (filter.risk() != null) {
      parameters.put("risk", filter.risk());
    }
    if (filter.nameContains() != null) {
      parameters.put("name", "%" + escapeLike(filter.nameContains()) + "%");
    }
    return parameters;
  }

  private static String escapeLike(String text) {
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }

  /** A concurrent change surfaces here as a 409 the editor can act on, not as a failed commit. */
  private void flushOrConflict() {
    try {
      em.flush();
    } catch (OptimisticLockException e) {
      throw ProblemException.conflict(
          BeneficiaryConflict.STALE, "The record was changed by someone else meanwhile. Open it again.");
    }
  }

  static String citizenIdContext(BeneficiaryId id) {
    return "beneficiary.citizen_id/" + id;
  }

  static String phoneContext(BeneficiaryId id) {
    return "beneficiary.phone/" + id;
  }

  static String guardianPhone(UUID guardianId) {
    return "guardian.phone/" + guardianId;
  }
}
