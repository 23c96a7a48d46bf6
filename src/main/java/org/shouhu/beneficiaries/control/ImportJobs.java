package org.shouhu.beneficiaries.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.shouhu.beneficiaries.entity.ImportJob;
import org.shouhu.beneficiaries.entity.ImportRejection;
import org.shouhu.beneficiaries.entity.LedgerFormat;
import org.shouhu.tenancy.control.TenantSession;

/** The ledger import jobs of the tenant bound to the current transaction, and their rejected rows. */
@ApplicationScoped
public class ImportJobs {

  @PersistenceContext(unitName = "shouhu")
  EntityManager em;

  @Inject TenantSession session;

  public ImportJob queue(String fileName, LedgerFormat format, UUID uploadedBy) {
    session.require();
    ImportJob job = new ImportJob(UUID.randomUUID(), fileName, format, uploadedBy);
    em.persist(job);
    em.flush();
    return job;
  }

  public Optional<ImportJob> find(UUID id) {
    session.require();
    return Optional.ofNullable(em.find(ImportJob.class, id));
  }

  /** Newest first. */
  public List<ImportJob> page(int offset, int limit) {
    session.require();
    return em.createQuery("select j from ImportJob j order by j.createdAt desc, j.id", ImportJob.class)
        .setFirstResult(offset)
        .setMaxResults(limit)
        .getResultList();
  }

  public long count() {
    session.require();
    return em.createQuery("select count(j) from ImportJob j", Long.class).getSingleResult();
  }

  /** In file order. */
  public List<ImportRejection> rejections(UUID jobId, int offset, int limit) {
    session.require();
    return em.createQuery(
            "select r from ImportRejection r where r.jobId = :job order by r.rowNumber, r.field, r.id",
            ImportRejection.class)
        .setParameter("job", jobId)
        .setFirstResult(offset)
        .setMaxResults(limit)
        .getResultList();
  }

  public long countRejections(UUID jobId) {
    session.require();
    return em.createQuery("select count(r) from ImportRejection r where r.jobId = :job", Long.class)
        .setParameter("job", jobId)
        .getSingleResult();
  }
}
