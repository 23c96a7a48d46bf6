package org.shouhu.audit.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.UUID;
import org.shouhu.audit.entity.AuditEvent;
import org.shouhu.problems.boundary.RequestId;
import org.shouhu.tenancy.control.TenantSession;

/** Records events in the caller's transaction, which must already be bound to the tenant they concern. */
@ApplicationScoped
public class AuditTrail {

  @PersistenceContext(unitName = "shouhu")
  EntityManager em;

  @Inject TenantSession session;

  public void record(UUID actor, String action, String subject, UUID subjectId, String detail) {
    session.require();
    em.persist(new AuditEvent(actor, action, subject, subjectId, detail, RequestId.current()));
  }
}
