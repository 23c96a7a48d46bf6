package org.shouhu.beneficiaries.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.shouhu.beneficiaries.entity.Sealed;
import org.shouhu.tenancy.control.TenantSession;

/**
 * The uploaded ledger of an import job, held in the database so that any node can run (or take over) the job and
 * none keeps it on disk: chunks of at most 1 MiB, each sealed with the personal-data cipher under the context
 * {@code import_upload/<job>/<chunk>}, in the tenant bound to the current transaction (row-level security).
 * Removed in the transaction that ends the job.
 */
@ApplicationScoped
public class ImportUploads {

  @PersistenceContext(unitName = "shouhu")
  EntityManager em;

  @Inject PersonalDataCipher cipher;
  @Inject TenantSession session;

  public static String context(UUID job, int chunk) {
    return "import_upload/" + job + "/" + chunk;
  }

  public void store(UUID job, int chunk, byte[] plaintext) {
    Sealed sealed = cipher.sealBytes(plaintext, context(job, chunk));
    em.createNativeQuery("insert into import_upload_chunk (tenant_id, job_id, chunk_no, key_id, cipher)"
            + " values (?1, ?2, ?3, ?4, ?5)")
        .setParameter(1, session.require().value())
        .setParameter(2, job)
        .setParameter(3, chunk)
        .setParameter(4, sealed.keyId())
        .setParameter(5, sealed.bytes())
        .executeUpdate();
  }

  /** The chunk's plaintext; empty past the last chunk. */
  public Optional<byte[]> chunk(UUID job, int chunk) {
    session.require();
    List<?> rows = em.createNativeQuery(
            "select key_id, cipher from import_upload_chunk where job_id = ?1 and chunk_no = ?2")
        .setParameter(1, job)
        .setParameter(2, chunk)
        .getResultList();
    if (rows.isEmpty()) {
      return Optional.empty();
    }
    Object[] row = (Object[]) rows.get(0);
    return Optional.of(cipher.openBytes(new Sealed((String) row[0], (byte[]) row[1]), context(job, chunk)));
  }

  public boolean exists(UUID job) {
    session.require();
    return !em.createNativeQuery("select 1 from import_upload_chunk where job_id = ?1 limit 1")
        .setParameter(1, job)
        .getResultList()
        .isEmpty();
  }

  /** Deletes the upload: its job has ended. */
  public int remove(UUID job) {
    session.require();
    return em.createNativeQuery("delete from import_upload_chunk where job_id = ?1")
        .setParameter(1, job)
        .executeUpdate();
  }
}
