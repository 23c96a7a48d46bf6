package org.shouhu.beneficiaries.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.postgresql.PGStatement;
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
import org.shouhu.beneficiaries.entity.RiskAssessment;
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

  /**
   * The start of a ledger import's batch: takes the duplicate-check locks of all its numbers in one statement (in
   * ascending order, so two batches never wait on each other in a cycle; a worker's {@link #register} takes one of
   * them), then finds the active records among them in one query and opens them for comparison. The locks are held
   * to the commit, as {@link #register} holds its one, so no record of these numbers appears before the batch
   * commits. No audit event, as for {@link #findActiveForComparison}.
   *
   * @return the opened records by their blind index
   */
  Map<ByteBuffer, Opened> lockAndFindActiveForComparison(Collection<byte[]> indexes) {
    TenantId tenant = session.require();
    if (indexes.isEmpty()) {
      return Map.of();
    }
    List<UUID> ids = new ArrayList<>();
    try {
      Connection c = em.unwrap(Connection.class);
      Object[] keys = indexes.stream().map(i -> ByteBuffer.wrap(i).getInt()).distinct().sorted().toArray();
      try (PreparedStatement lock =
          c.prepareStatement("select count(pg_advisory_xact_lock(?, k)) from unnest(?::int4[]) as l(k)")) {
        lock.setInt(1, CITIZEN_ID_LOCK_SPACE);
        lock.setArray(2, c.createArrayOf("int4", keys));
        lock.executeQuery().close();
      }
      try (PreparedStatement find =
          c.prepareStatement("select b.id from unnest(?::bytea[]) as k(citizen_id_index)"
              + " cross join lateral (select id from beneficiary where tenant_id = ? and status = 'ACTIVE'"
              + " and citizen_id_index = k.citizen_id_index limit 1) as b")) {
        // One probe of the unique index per number, whatever the register's size: as "= any(?)" the planner was
        // seen reading every record of the tenant for the batch's numbers (a cached plan probing tenant_id alone)
        // or, on a small register, scanning it whole. The limit keeps the subquery a probe per number (a plain
        // lateral subquery is flattened into a join, which may hash the table); a number has one active record.
        // Planned at every execution, for the table as it is now, not as it was when the connection first saw it.
        if (find.isWrapperFor(PGStatement.class)) {
          find.unwrap(PGStatement.class).setPrepareThreshold(0);
        }
        find.setArray(1, c.createArrayOf("bytea", indexes.toArray(new byte[0][])));
        find.setObject(2, tenant.value());
        try (ResultSet rs = find.executeQuery()) {
          while (rs.next()) {
            ids.add(rs.getObject(1, UUID.class));
          }
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("could not look up the batch's citizen identity numbers", e);
    }
    Map<ByteBuffer, Opened> found = new HashMap<>();
    if (!ids.isEmpty()) {
      em.createQuery("select b from Beneficiary b where b.id in :ids", Beneficiary.class)
          .setParameter("ids", ids)
          .setHint("eclipselink.batch", "b.guardians")
          .setHint("eclipselink.batch.type", "IN")
          .getResultList()
          .forEach(b -> found.put(ByteBuffer.wrap(b.citizenIdIndex()), opened(b)));
    }
    return found;
  }

  /**
   * A registration checked exactly as {@link #register} checks one, with its guardian and risk assessment, but not
   * written: a ledger batch writes all of its new records at once ({@link #writeRegistrations}). The caller holds
   * the lock of its number ({@link #lockAndFindActiveForComparison}) and found no active record.
   *
   * @param index the number's blind index in this tenant, as the lookup used it (computed once per row)
   * @param guardian null for none
   * @param riskLevel null for none
   * @throws ProblemException as {@link #register}, {@link #assessRisk} would
   */
  Beneficiary prepareRegistration(
      Particulars particulars, byte[] index, Consent consent, GuardianDetails guardian, RiskLevel riskLevel,
      String riskReason, UUID actor) {
    session.require();
    BeneficiaryId id = BeneficiaryId.random();
    Identifiers sealed = seal(id, particulars, index);
    Beneficiary beneficiary;
    try {
      beneficiary = new Beneficiary(id, particulars, sealed.citizenId, sealed.index, sealed.phone, consent, actor);
    } catch (InvalidValueException e) {
      throw ProblemException.invalid("consent", e);
    }
    if (guardian != null) {
      UUID guardianId = UUID.randomUUID();
      Sealed phone = guardian.phone() == null ? null : cipher.seal(guardian.phone().value(), guardianPhone(guardianId));
      beneficiary.addGuardian(guardianId, guardian, phone, actor);
    }
    if (riskLevel != null) {
      try {
        beneficiary.assessRisk(riskLevel, riskReason, actor);
      } catch (InvalidValueException e) {
        throw ProblemException.invalid("reason", e);
      }
    }
    return beneficiary;
  }

  /**
   * Writes prepared registrations ({@link #prepareRegistration}) with one statement per table, whatever their
   * number: the records and their guardians as arrays, unnested by PostgreSQL. The same connection and tenant as
   * the transaction's, so row-level security checks every row; the audit event is the caller's (one per batch).
   * The records are not managed by the persistence context afterwards: nothing in the batch reads them again.
   */
  void writeRegistrations(List<Beneficiary> records) {
    if (records.isEmpty()) {
      return;
    }
    TenantId tenant = session.require();
    int n = records.size();
    UUID[] id = new UUID[n];
    String[] name = new String[n];
    String[] gender = new String[n];
    String[] birthDate = new String[n];
    byte[][] citizenIdCipher = new byte[n][];
    String[] citizenIdKey = new String[n];
    byte[][] citizenIdIndex = new byte[n][];
    byte[][] phoneCipher = new byte[n][];
    String[] phoneKey = new String[n];
    String[] village = new String[n];
    String[] school = new String[n];
    String[] grade = new String[n];
    String[] categories = new String[n];
    String[] difficulty = new String[n];
    String[] riskLevel = new String[n];
    String[] riskReason = new String[n];
    UUID[] riskBy = new UUID[n];
    String[] riskAt = new String[n];
    String[] consentOn = new String[n];
    String[] consentBy = new String[n];
    String[] consentRelationship = new String[n];
    String[] consentMethod = new String[n];
    UUID[] createdBy = new UUID[n];
    List<Guardian> guardians = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Beneficiary b = records.get(i);
      id[i] = b.id().value();
      name[i] = b.name().value();
      gender[i] = b.gender().name();
      birthDate[i] = b.birthDate().toString();
      Sealed citizenId = b.sealedCitizenId();
      citizenIdCipher[i] = citizenId == null ? null : citizenId.bytes();
      citizenIdKey[i] = citizenId == null ? null : citizenId.keyId();
      citizenIdIndex[i] = b.citizenIdIndex();
      Sealed phone = b.sealedPhone();
      phoneCipher[i] = phone == null ? null : phone.bytes();
      phoneKey[i] = phone == null ? null : phone.keyId();
      village[i] = b.village().value();
      school[i] = b.school();
      grade[i] = b.grade();
      categories[i] = categoriesColumn(b);
      difficulty[i] = b.difficultyType() == null ? null : b.difficultyType().name();
      RiskAssessment risk = b.risk();
      riskLevel[i] = risk == null ? null : risk.level().name();
      riskReason[i] = risk == null ? null : risk.reason();
      riskBy[i] = risk == null ? null : risk.assessedBy();
      riskAt[i] = risk == null ? null : risk.assessedAt().toString();
      Consent consent = b.consent();
      consentOn[i] = consent.givenOn().toString();
      consentBy[i] = consent.givenBy().value();
      consentRelationship[i] = consent.relationship().name();
      consentMethod[i] = consent.method().name();
      createdBy[i] = b.createdBy();
      guardians.addAll(b.guardians());
    }
    OffsetDateTime now = OffsetDateTime.now(java.time.ZoneOffset.UTC);
    try {
      Connection c = em.unwrap(Connection.class);
      try (PreparedStatement insert = c.prepareStatement(
          "insert into beneficiary (tenant_id, id, name, gender, birth_date, citizen_id_cipher, citizen_id_key,"
              + " citizen_id_index, phone_cipher, phone_key, village_code, school, grade, categories,"
              + " difficulty_type, risk_level, risk_reason, risk_assessed_by, risk_assessed_at, consent_given_on,"
              + " consent_given_by, consent_relationship, consent_method, status, created_at, created_by,"
              + " updated_at, updated_by, version)"
              + " select ?, r.id, r.name, r.gender, r.birth_date, r.cid, r.cid_key, r.cid_index, r.phone,"
              + " r.phone_key, r.village, r.school, r.grade, r.categories, r.difficulty, r.risk_level,"
              + " r.risk_reason, r.risk_by, r.risk_at, r.consent_on, r.consent_by, r.consent_relationship,"
              + " r.consent_method, 'ACTIVE', ?, r.created_by, ?, r.created_by, 0"
              + " from unnest(?::uuid[], ?::varchar[], ?::varchar[], ?::date[], ?::bytea[], ?::varchar[],"
              + " ?::bytea[], ?::bytea[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[],"
              + " ?::varchar[], ?::varchar[], ?::varchar[], ?::uuid[], ?::timestamptz[], ?::date[], ?::varchar[],"
              + " ?::varchar[], ?::varchar[], ?::uuid[])"
              + " as r(id, name, gender, birth_date, cid, cid_key, cid_index, phone, phone_key, village, school,"
              + " grade, categories, difficulty, risk_level, risk_reason, risk_by, risk_at, consent_on,"
              + " consent_by, consent_relationship, consent_method, created_by)")) {
        int p = 1;
        insert.setObject(p++, tenant.value());
        insert.setObject(p++, now);
        insert.setObject(p++, now);
        bindArrays(c, insert, p,
            new String[] {"uuid", "varchar", "varchar", "varchar", "bytea", "varchar", "bytea", "bytea", "varchar",
                "varchar", "varchar", "varchar", "varchar", "varchar", "varchar", "varchar", "uuid", "varchar",
                "varchar", "varchar", "varchar", "varchar", "uuid"},
            new Object[][] {id, name, gender, birthDate, citizenIdCipher, citizenIdKey, citizenIdIndex, phoneCipher,
                phoneKey, village, school, grade, categories, difficulty, riskLevel, riskReason, riskBy, riskAt,
                consentOn, consentBy, consentRelationship, consentMethod, createdBy});
        insert.executeUpdate();
      }
      if (!guardians.isEmpty()) {
        writeGuardians(c, tenant, guardians, now);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("could not write the batch's new records", e);
    }
  }

  /**
   * Brings the planner's statistics of the two tables a ledger import grows up to date when they are stale — never
   * analysed, or grown to twice the size they were analysed at (V220 decides, as the tables' owner; the application
   * role may not ANALYZE). Without it a register's first import runs to its end on plans PostgreSQL cached while the
   * tables looked empty (the foreign-key checks of each guardian, the batch's lookup), which read the growing table
   * instead of probing a key: the first 50,000 rows of a node went 7× slower than the next. In the caller's
   * transaction, after its writes: ANALYZE counts the transaction's own new rows, and its new statistics invalidate
   * those cached plans in every session once it commits.
   *
   * @return the tables analysed; usually none
   */
  List<String> analyseIfGrown() {
    try {
      Connection c = em.unwrap(Connection.class);
      try (PreparedStatement analyse = c.prepareStatement("select shouhu_analyse_register_if_grown()");
          ResultSet rs = analyse.executeQuery()) {
        rs.next();
        return List.of((String[]) rs.getArray(1).getArray());
      }
    } catch (SQLException e) {
      throw new IllegalStateException("could not bring the register's statistics up to date", e);
    }
  }

  private static void writeGuardians(Connection c, TenantId tenant, List<Guardian> guardians, OffsetDateTime now)
      throws SQLException {
    int n = guardians.size();
    UUID[] id = new UUID[n];
    UUID[] beneficiary = new UUID[n];
    String[] relationship = new String[n];
    String[] name = new String[n];
    byte[][] phone = new byte[n][];
    String[] phoneKey = new String[n];
    Boolean[] livesWith = new Boolean[n];
    Boolean[] entrusted = new Boolean[n];
    String[] agreedOn = new String[n];
    UUID[] createdBy = new UUID[n];
    for (int i = 0; i < n; i++) {
      Guardian g = guardians.get(i);
      id[i] = g.id();
      beneficiary[i] = g.beneficiaryId().value();
      relationship[i] = g.relationship().name();
      name[i] = g.name().value();
      Sealed sealed = g.sealedPhone();
      phone[i] = sealed == null ? null : sealed.bytes();
      phoneKey[i] = sealed == null ? null : sealed.keyId();
      livesWith[i] = g.livesWithChild();
      entrusted[i] = g.entrusted();
      agreedOn[i] = g.entrustmentAgreedOn() == null ? null : g.entrustmentAgreedOn().toString();
      createdBy[i] = g.createdBy();
    }
    try (PreparedStatement insert = c.prepareStatement(
        "insert into guardian (tenant_id, id, beneficiary_id, relationship, name, phone_cipher, phone_key,"
            + " lives_with_child, entrusted, entrustment_agreed_on, created_at, created_by, updated_at, updated_by,"
            + " version)"
            + " select ?, g.id, g.beneficiary_id, g.relationship, g.name, g.phone, g.phone_key, g.lives_with,"
            + " g.entrusted, g.agreed_on, ?, g.created_by, ?, g.created_by, 0"
            + " from unnest(?::uuid[], ?::uuid[], ?::varchar[], ?::varchar[], ?::bytea[], ?::varchar[],"
            + " ?::boolean[], ?::boolean[], ?::date[], ?::uuid[])"
            + " as g(id, beneficiary_id, relationship, name, phone, phone_key, lives_with, entrusted, agreed_on,"
            + " created_by)")) {
      int p = 1;
      insert.setObject(p++, tenant.value());
      insert.setObject(p++, now);
      insert.setObject(p++, now);
      bindArrays(c, insert, p,
          new String[] {"uuid", "uuid", "varchar", "varchar", "bytea", "varchar", "bool", "bool", "varchar", "uuid"},
          new Object[][] {id, beneficiary, relationship, name, phone, phoneKey, livesWith, entrusted, agreedOn,
              createdBy});
      insert.executeUpdate();
    }
  }

  /**
   * Binds one array parameter per column from {@code first} on. One call site for all of them: written out once per
   * column (33 call sites), C2 compiled {@link #writeRegistrations} into 60 kB of code, over 2 s of a node's second
   * import (JFR {@code jdk.Compilation}, session 10), the driver's array encoding inlined at each site. Each column
   * keeps its own array type ({@code UUID[]}, {@code String[]}, {@code byte[][]}, {@code Boolean[]}), which is what
   * the driver encodes by.
   */
  private static void bindArrays(Connection c, PreparedStatement insert, int first, String[] types, Object[][] columns)
      throws SQLException {
    for (int k = 0; k < columns.length; k++) {
      insert.setArray(first + k, c.createArrayOf(types[k], columns[k]));
    }
  }

  /** The categories as the column holds them: names, sorted, comma-separated. */
  private static String categoriesColumn(Beneficiary b) {
    return b.categories().stream().map(Enum::name).sorted().collect(Collectors.joining(","));
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
    return seal(id, particulars, citizenId == null ? null : blindIndex.of(citizenId, tenant));
  }

  private Identifiers seal(BeneficiaryId id, Particulars particulars, byte[] index) {
    CitizenId citizenId = particulars.citizenId();
    PhoneNumber phone = particulars.phone();
    return new Identifiers(
        citizenId == null ? null : cipher.seal(citizenId.value(), citizenIdContext(id)),
        index,
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
