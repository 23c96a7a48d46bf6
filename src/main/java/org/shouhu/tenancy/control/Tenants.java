package org.shouhu.tenancy.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;
import org.shouhu.problems.entity.ProblemException;
import org.shouhu.tenancy.entity.Slug;
import org.shouhu.tenancy.entity.Tenant;
import org.shouhu.tenancy.entity.TenantId;

/** The tenant registry. Platform-level data: reading it needs no tenant binding. */
@ApplicationScoped
public class Tenants {

  @PersistenceContext(unitName = "shouhu")
  EntityManager em;

  public Optional<Tenant> find(TenantId id) {
    return Optional.ofNullable(em.find(Tenant.class, id.value()));
  }

  public Tenant get(TenantId id) {
    return find(id).orElseThrow(() -> ProblemException.notFound("Tenant"));
  }

  public Optional<Tenant> bySlug(Slug slug) {
    return em.createQuery("select t from Tenant t where t.slug = :slug", Tenant.class)
        .setParameter("slug", slug.value())
        .getResultStream()
        .findFirst();
  }

  public boolean creditCodeTaken(String creditCode) {
    return !em.createQuery("select t.id from Tenant t where t.creditCode = :code")
        .setParameter("code", creditCode)
        .setMaxResults(1)
        .getResultList()
        .isEmpty();
  }

  public List<Tenant> page(int offset, int limit) {
    return em.createQuery("select t from Tenant t order by t.slug", Tenant.class)
        .setFirstResult(offset)
        .setMaxResults(limit)
        .getResultList();
  }

  public List<Tenant> activeOrganizations() {
    return em.createQuery(
            "select t from Tenant t where t.kind = org.shouhu.tenancy.entity.TenantKind.ORGANIZATION"
                + " and t.status = org.shouhu.tenancy.entity.TenantStatus.ACTIVE order by t.displayName",
            Tenant.class)
        .getResultList();
  }

  public long count() {
    return em.createQuery("select count(t) from Tenant t", Long.class).getSingleResult();
  }

  public void add(Tenant tenant) {
    if (bySlug(tenant.slug()).isPresent()) {
      throw ProblemException.conflict("TENANT_SLUG_TAKEN", "A tenant with slug '" + tenant.slug() + "' exists.");
    }
    if (tenant.creditCode() != null && creditCodeTaken(tenant.creditCode().value())) {
      throw ProblemException.conflict(
          "TENANT_CREDIT_CODE_TAKEN", "A tenant with this unified social credit code exists.");
    }
    em.persist(tenant);
  }
}
