package org.shouhu.tenancy.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.UserTransaction;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.shouhu.Deployments;
import org.shouhu.identity.control.Accounts;
import org.shouhu.identity.entity.User;
import org.shouhu.tenancy.boundary.Provisioning;
import org.shouhu.tenancy.entity.Slug;
import org.shouhu.tenancy.entity.Tenant;
import org.shouhu.tenancy.entity.TenantId;

/**
 * Runs inside the application: the tenant binding as the application's own code does it (EclipseLink
 * discriminator and the RLS setting together), and provisioning repeated on a live database.
 */
@ExtendWith(ArquillianExtension.class)
class TenantSessionIT {

  @Deployment
  static WebArchive deployment() {
    return Deployments.application().addClasses(TenantSessionIT.class, Deployments.class);
  }

  @Inject TenantSession session;
  @Inject Tenants tenants;
  @Inject Accounts accounts;
  @Inject Provisioning provisioning;
  @Inject UserTransaction tx;

  @PersistenceContext(unitName = "shouhu")
  EntityManager em;

  @Test
  void insideATenantsTransactionNativeAndJpqlQueriesSeeOnlyItsRows() throws Exception {
    TenantId a = tenant("chunhui-sw");
    TenantId b = tenant("shouwang-sw");
    inTransaction(() -> {
      session.bind(a);
      long jpql = em.createQuery("select count(u) from User u", Long.class).getSingleResult();
      long nativeAll = ((Number) em.createNativeQuery("select count(*) from app_user").getSingleResult()).longValue();
      long nativeB = ((Number) em.createNativeQuery("select count(*) from app_user where tenant_id = ?1")
          .setParameter(1, b.value()).getSingleResult()).longValue();
      assertTrue(jpql >= 3, "A's demo users");
      assertEquals(jpql, nativeAll, "RLS filters the unfiltered native query to A's rows");
      assertEquals(0, nativeB);
      return null;
    });
  }

  @Test
  void aNativeInsertForAnotherTenantFailsInsideABoundTransaction() throws Exception {
    TenantId a = tenant("chunhui-sw");
    TenantId b = tenant("shouwang-sw");
    tx.begin();
    try {
      session.bind(a);
      Exception refused = assertThrows(Exception.class, () -> em.createNativeQuery(
              "insert into audit_event (tenant_id, id, occurred_at, action, subject)"
                  + " values (?1, gen_random_uuid(), now(), 'FORGED', 'test')")
          .setParameter(1, b.value())
          .executeUpdate());
      assertTrue(causes(refused).contains("row-level security"), causes(refused));
    } finally {
      tx.rollback();
    }
  }

  @Test
  void aTransactionCannotBeReboundToAnotherTenant() throws Exception {
    TenantId a = tenant("chunhui-sw");
    TenantId b = tenant("shouwang-sw");
    tx.begin();
    try {
      session.bind(a);
      session.bind(a);
      assertThrows(IllegalStateException.class, () -> session.bind(b));
    } finally {
      tx.rollback();
    }
  }

  @Test
  void tenantOwnedQueriesFailFastWithoutABoundTenant() throws Exception {
    tx.begin();
    try {
      assertThrows(Exception.class, () -> em.createQuery("select u from User u", User.class).getResultList());
    } finally {
      tx.rollback();
    }
    assertThrows(IllegalStateException.class, () -> session.bind(tenant("chunhui-sw")), "binding needs a transaction");
  }

  @Test
  void provisioningTheSameManifestsAgainChangesNothing() throws Exception {
    Path dir = Path.of(System.getProperty("shouhu.provision.dir"));
    List<String> before = snapshot();
    assertTrue(provisioning.provision(dir).isEmpty(), "no new logins the second time");
    assertTrue(provisioning.provision(dir).isEmpty(), "nor the third");
    assertEquals(before, snapshot());
    assertTrue(before.size() >= 4 + 9, before.toString());
  }

  /** Every demo tenant and user with id, version and password hash: any change at all shows up here. */
  private List<String> snapshot() throws Exception {
    List<String> lines = new ArrayList<>();
    for (String slug : List.of("platform", "tianmen-mzj", "chunhui-sw", "shouwang-sw")) {
      Tenant t = inTransaction(() -> tenants.bySlug(new Slug(slug)).orElseThrow());
      lines.add(t.id() + " " + t.slug() + " " + t.displayName() + " " + t.status() + " v" + version(t));
      lines.addAll(inTransaction(() -> {
        session.bind(t.id());
        return accounts.page(0, 100).stream()
            .map(u -> u.id() + " " + u.username() + " " + u.roles() + " v" + u.version() + " " + u.passwordHash())
            .toList();
      }));
    }
    return lines;
  }

  private long version(Tenant t) {
    return ((Number) em.createNativeQuery("select version from tenant where id = ?1")
        .setParameter(1, t.id().value()).getSingleResult()).longValue();
  }

  private TenantId tenant(String slug) throws Exception {
    return inTransaction(() -> tenants.bySlug(new Slug(slug)).orElseThrow().id());
  }

  private <T> T inTransaction(Callable<T> work) throws Exception {
    tx.begin();
    try {
      T result = work.call();
      tx.commit();
      return result;
    } catch (Exception | AssertionError e) {
      tx.rollback();
      throw e;
    }
  }

  private static String causes(Throwable t) {
    StringBuilder s = new StringBuilder();
    for (; t != null; t = t.getCause()) {
      s.append(t.getMessage()).append(" / ");
    }
    return s.toString();
  }
}
