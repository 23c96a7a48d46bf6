package org.shouhu.beneficiaries.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The versions of the personal-data key, platform-wide: the configured keys and those a rotation generated
 * ({@code data_key_version}). One version is CURRENT and seals every new value; the others are READABLE (they still
 * open what they sealed) until they are RETIRED. Rotating makes a new generated version current; retiring is for
 * a version no value uses any more (the boundary counts them), and never for the current one.
 */
@ApplicationScoped
public class KeyVersions {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss");

  public enum State {
    CURRENT,
    READABLE,
    RETIRED
  }

  /** @param source CONFIGURED (from {@code shouhu.crypto.keys}) or GENERATED (by a rotation, held wrapped) */
  public record Version(String id, State state, String source, OffsetDateTime createdAt, OffsetDateTime retiredAt) {}

  @PersistenceContext(unitName = "shouhu")
  EntityManager em;

  @Inject PersonalDataKeys keys;

  /** Every version, the configured ones first, then the generated ones oldest first. */
  public List<Version> list() {
    Keyring configured = keys.configured();
    @SuppressWarnings("unchecked")
    List<Object[]> rows = em.createNativeQuery(
            "select key_id, state, wrapped is not null, created_at, retired_at from data_key_version order by created_at")
        .getResultList();
    Map<String, Version> versions = new LinkedHashMap<>();
    boolean generatedCurrent = rows.stream().anyMatch(r -> r[1].equals("CURRENT"));
    for (String id : configured.keyIds()) {
      State state = !generatedCurrent && id.equals(configured.activeId()) ? State.CURRENT : State.READABLE;
      versions.put(id, new Version(id, state, "CONFIGURED", null, null));
    }
    for (Object[] r : rows) {
      String id = (String) r[0];
      boolean generated = (Boolean) r[2];
      versions.put(id, new Version(id, State.valueOf((String) r[1]), generated ? "GENERATED" : "CONFIGURED",
          generated ? time(r[3]) : null, time(r[4])));
    }
    return new ArrayList<>(versions.values());
  }

  public Optional<Version> find(String id) {
    return list().stream().filter(v -> v.id().equals(id)).findFirst();
  }

  public Version current() {
    return list().stream().filter(v -> v.state() == State.CURRENT).findFirst().orElseThrow();
  }

  /** Seconds since the current version became current; null for a configured one (it always was). */
  public Long currentAgeSeconds() {
    List<?> age = em.createNativeQuery(
            "select extract(epoch from now() - created_at)::bigint from data_key_version where state = 'CURRENT'")
        .getResultList();
    return age.isEmpty() ? null : ((Number) age.get(0)).longValue();
  }

  /**
   * Generates a new version, wrapped under the configured active key, and makes it current; the version that was
   * current stays readable. Every node seals with it within {@code shouhu.crypto.refresh-seconds}.
   */
  public Version rotate() {
    String id = "k" + OffsetDateTime.now(ZoneOffset.UTC).format(STAMP) + "-" + HexFormat.of().formatHex(random(3));
    PersonalDataKeys.Wrapped wrapped = keys.generateWrapped(id);
    em.createNativeQuery("update data_key_version set state = 'READABLE' where state = 'CURRENT'").executeUpdate();
    em.createNativeQuery("insert into data_key_version (key_id, state, wrapped, wrapped_by) values (?1, 'CURRENT', ?2, ?3)")
        .setParameter(1, id)
        .setParameter(2, wrapped.wrapped())
        .setParameter(3, wrapped.wrappedBy())
        .executeUpdate();
    keys.reloadAfterCommit();
    return find(id).orElseThrow();
  }

  /** Marks a version retired: no node opens or seals with it any more. The caller has checked it is unused. */
  public void retire(String id) {
    int updated = em.createNativeQuery(
            "update data_key_version set state = 'RETIRED', retired_at = now() where key_id = ?1 and state = 'READABLE'")
        .setParameter(1, id)
        .executeUpdate();
    if (updated == 0) {
      em.createNativeQuery("insert into data_key_version (key_id, state, retired_at) values (?1, 'RETIRED', now())"
              + " on conflict (key_id) do nothing")
          .setParameter(1, id)
          .executeUpdate();
    }
    keys.reloadAfterCommit();
  }

  private static byte[] random(int bytes) {
    byte[] b = new byte[bytes];
    RANDOM.nextBytes(b);
    return b;
  }

  private static OffsetDateTime time(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof OffsetDateTime t) {
      return t;
    }
    if (value instanceof java.sql.Timestamp t) {
      return t.toInstant().atOffset(ZoneOffset.UTC);
    }
    return OffsetDateTime.parse(value.toString());
  }
}
