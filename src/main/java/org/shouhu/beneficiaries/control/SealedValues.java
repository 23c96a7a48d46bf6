package org.shouhu.beneficiaries.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.shouhu.beneficiaries.entity.Sealed;
import org.shouhu.tenancy.control.TenantSession;

/**
 * Every column the personal-data cipher seals, with the context each value was sealed for, in the tenant bound to
 * the current transaction (row-level security): how many values each key version holds, and re-sealing values
 * with the current version. The session notes belong to the services context; they are listed here because their
 * sealing is this context's, and a key can be retired only when no column of any context still needs it.
 *
 * <p>A value is re-sealed only if it is still exactly what was read (same key id, same bytes): a revision that
 * sealed a new value meanwhile is never overwritten. The values themselves do not change, so neither do versions,
 * timestamps or audit trails.
 */
@ApplicationScoped
public class SealedValues {

  /** One sealed column: its table, the columns naming a row, and how the row's sealing context is written. */
  record Column(String table, List<String> ids, String cipher, String key, Function<Object[], String> context) {}

  static final List<Column> COLUMNS = List.of(
      new Column("beneficiary", List.of("id"), "citizen_id_cipher", "citizen_id_key",
          ids -> "beneficiary.citizen_id/" + ids[0]),
      new Column("beneficiary", List.of("id"), "phone_cipher", "phone_key", ids -> "beneficiary.phone/" + ids[0]),
      new Column("guardian", List.of("id"), "phone_cipher", "phone_key", ids -> "guardian.phone/" + ids[0]),
      new Column("session_note", List.of("record_id"), "note_cipher", "note_key",
          ids -> "session_note.note/" + ids[0]),
      // A referral's shared values are visible to both its parties, so either one's rotation may re-seal them.
      new Column("referral", List.of("id"), "shared_cipher", "shared_key", ids -> "referral.shared/" + ids[0]),
      new Column("import_upload_chunk", List.of("job_id", "chunk_no"), "cipher", "key_id",
          ids -> "import_upload/" + ids[0] + "/" + ids[1]));

  @PersistenceContext(unitName = "shouhu")
  EntityManager em;

  @Inject PersonalDataCipher cipher;
  @Inject PersonalDataKeys keys;
  @Inject TenantSession session;

  /** Sealed values by key id, over every sealed column of the bound tenant. */
  public Map<String, Long> countByKey() {
    session.require();
    Map<String, Long> counts = new TreeMap<>();
    for (Column c : COLUMNS) {
      @SuppressWarnings("unchecked")
      List<Object[]> rows = em.createNativeQuery("select " + c.key() + ", count(*) from " + c.table()
              + " where " + c.key() + " is not null group by " + c.key())
          .getResultList();
      for (Object[] row : rows) {
        counts.merge((String) row[0], ((Number) row[1]).longValue(), Long::sum);
      }
    }
    return counts;
  }

  /**
   * Re-seals at most {@code limit} values of the bound tenant that another version sealed, with the current one.
   *
   * @return how many were found (each re-sealed, unless a revision sealed a new value meanwhile); fewer than
   *     {@code limit} means none is left in this tenant
   */
  public int resealBatch(int limit) {
    session.require();
    String current = keys.keyring().activeId();
    int done = 0;
    for (Column c : COLUMNS) {
      if (done >= limit) {
        break;
      }
      String ids = String.join(", ", c.ids());
      @SuppressWarnings("unchecked")
      List<Object[]> rows = em.createNativeQuery("select " + ids + ", " + c.cipher() + ", " + c.key() + " from "
              + c.table() + " where " + c.key() + " is not null and " + c.key() + " <> ?1 limit " + (limit - done))
          .setParameter(1, current)
          .getResultList();
      int n = c.ids().size();
      StringBuilder where = new StringBuilder();
      for (int i = 0; i < n; i++) {
        where.append(c.ids().get(i)).append(" = ?").append(i + 3).append(" and ");
      }
      for (Object[] row : rows) {
        Object[] rowIds = java.util.Arrays.copyOf(row, n);
        String context = c.context().apply(rowIds);
        Sealed old = new Sealed((String) row[n + 1], (byte[]) row[n]);
        Sealed fresh = cipher.sealBytes(cipher.openBytes(old, context), context);
        Query update = em.createNativeQuery("update " + c.table() + " set " + c.cipher() + " = ?1, " + c.key()
                + " = ?2 where " + where + c.key() + " = ?" + (n + 3) + " and " + c.cipher() + " = ?" + (n + 4))
            .setParameter(1, fresh.bytes())
            .setParameter(2, fresh.keyId());
        for (int i = 0; i < n; i++) {
          update.setParameter(i + 3, rowIds[i]);
        }
        update.setParameter(n + 3, old.keyId()).setParameter(n + 4, old.bytes());
        update.executeUpdate();
        done++;
      }
    }
    return done;
  }
}
