package org.shouhu.tenancy.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jwt.SignedJWT;
import java.net.URL;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.shouhu.Api;
import org.shouhu.Deployments;

/**
 * The database's own guard, proven by connecting exactly as the application does: the non-owner application
 * role, against the running application's PostgreSQL. Whatever the application code forgets, these hold.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class RowLevelSecurityIT {

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.application();
  }

  @ArquillianResource URL base;
  String tenantA;
  String tenantB;
  Connection app;

  @BeforeEach
  void connectAsTheApplicationRole() throws Exception {
    Api api = new Api(base);
    tenantA = tenantOf(api.login("chunhui-sw", "admin", Api.DEMO_PASSWORD));
    tenantB = tenantOf(api.login("shouwang-sw", "admin", Api.DEMO_PASSWORD));
    app = DriverManager.getConnection(
        "jdbc:postgresql://127.0.0.1:" + System.getProperty("shouhu.it.db.port") + "/shouhu", "shouhu_app", "embedded");
    app.setAutoCommit(false);
  }

  @AfterEach
  void close() throws SQLException {
    app.rollback();
    app.close();
  }

  @Test
  void anUnfilteredNativeSelectInATenantsTransactionSeesOnlyThatTenant() throws SQLException {
    bind(tenantB);
    long bRows = count("select count(*) from app_user");
    assertTrue(bRows > 0, "B has users");
    app.commit();

    bind(tenantA);
    long all = count("select count(*) from app_user");
    long own = count("select count(*) from app_user where tenant_id = '" + tenantA + "'");
    long theirs = count("select count(*) from app_user where tenant_id = '" + tenantB + "'");
    assertTrue(all > 0);
    assertEquals(own, all, "everything visible belongs to A");
    assertEquals(0, theirs, "B's rows are invisible even when asked for by tenant id");
    assertEquals(List.of(tenantA), strings("select distinct tenant_id::text from app_user"));
  }

  @Test
  void insertingARowForAnotherTenantFails() throws SQLException {
    bind(tenantA);
    SQLException refused = assertThrows(SQLException.class, () -> execute(
        "insert into app_user (tenant_id, id, username, display_name, roles, password_hash, status,"
            + " password_changed_at, created_at, updated_at)"
            + " values ('" + tenantB + "', gen_random_uuid(), 'intruder', 'x', 'ORG_ADMIN', 'x', 'ACTIVE',"
            + " now(), now(), now())"));
    assertTrue(refused.getMessage().contains("row-level security"), refused.getMessage());
  }

  @Test
  void movingAnOwnRowToAnotherTenantFails() throws SQLException {
    bind(tenantA);
    SQLException refused = assertThrows(SQLException.class,
        () -> execute("update app_user set tenant_id = '" + tenantB + "'"));
    assertTrue(refused.getMessage().contains("row-level security"), refused.getMessage());
  }

  @Test
  void aConnectionThatBoundNoTenantSeesNothing() throws SQLException {
    assertEquals(0, count("select count(*) from app_user"));
    assertEquals(0, count("select count(*) from audit_event"));
  }

  @Test
  void theBindingEndsWithItsTransaction() throws SQLException {
    bind(tenantA);
    assertTrue(count("select count(*) from app_user") > 0);
    app.commit();
    assertEquals(0, count("select count(*) from app_user"), "a pooled connection returns with no tenant");
  }

  @Test
  void theApplicationRoleCanNeitherDeleteNorBypassNorDisableTheGuard() throws SQLException {
    try (Statement s = app.createStatement();
        ResultSet rs = s.executeQuery(
            "select rolsuper, rolbypassrls from pg_roles where rolname = current_user")) {
      rs.next();
      assertFalse(rs.getBoolean(1), "not a superuser");
      assertFalse(rs.getBoolean(2), "no BYPASSRLS");
    }
    bind(tenantA);
    assertThrows(SQLException.class, () -> execute("delete from app_user"), "records are never deleted");
    app.rollback();
    assertThrows(SQLException.class, () -> execute("alter table app_user no force row level security"));
    app.rollback();
    assertThrows(SQLException.class, () -> execute("update audit_event set action = 'x'"), "audit is append-only");
  }

  /**
   * Tables with a tenant_id column that are not tenant-owned: the background job queue (V140) holds only ids,
   * leases and whose work a job is, never personal data, and must be claimable by a node's poller before any tenant
   * is bound; every transaction of a job binds its tenant and meets row-level security in the tables it touches
   * (ADR 0014).
   */
  private static final java.util.Set<String> PLATFORM_TABLES = java.util.Set.of("job");

  /**
   * A guard for every table added later: any table with a tenant_id column must force row-level security, lead
   * its primary key with tenant_id, and lead every foreign key to another tenant-owned table with it.
   */
  @Test
  void everyTenantOwnedTableIsGuardedAndCitusReady() throws SQLException {
    List<String> tables = strings(
        "select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace"
            + " where n.nspname = 'public' and c.relkind = 'r' and exists (select 1 from pg_attribute a"
            + " where a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped) order by 1");
    assertTrue(tables.contains("app_user") && tables.contains("audit_event"), tables.toString());
    for (String table : tables) {
      if (PLATFORM_TABLES.contains(table)) {
        continue;
      }
      List<String> flags = strings("select relrowsecurity::text || ',' || relforcerowsecurity::text from pg_class"
          + " where relname = '" + table + "' and relnamespace = 'public'::regnamespace");
      assertEquals(List.of("true,true"), flags, table + " must ENABLE and FORCE row level security");
      List<String> pkLead = strings("select a.attname from pg_index i join pg_attribute a on a.attrelid = i.indrelid"
          + " and a.attnum = i.indkey[0] where i.indrelid = '" + table + "'::regclass and i.indisprimary");
      assertEquals(List.of("tenant_id"), pkLead, table + " primary key must lead with tenant_id");
      List<String> fkLeads = strings("select a.attname from pg_constraint k join pg_attribute a"
          + " on a.attrelid = k.conrelid and a.attnum = k.conkey[1] where k.contype = 'f'"
          + " and k.conrelid = '" + table + "'::regclass and k.confrelid <> 'tenant'::regclass");
      for (String lead : fkLeads) {
        assertEquals("tenant_id", lead, table + ": foreign keys to tenant-owned tables lead with tenant_id");
      }
    }
  }

  /**
   * A guard for every policy added later (V235, ADR 0019): a policy compares rows with the tenant read once per
   * statement, {@code (select shouhu_current_tenant())}, never with the function itself, which PostgreSQL inlines
   * and evaluates for every row (5x the cost of a bureau's 10,000-person scan).
   */
  @Test
  void everyPolicyReadsTheTenantOncePerStatement() throws SQLException {
    List<String> policies = strings("select tablename || '.' || policyname from pg_policies"
        + " where schemaname = 'public' and (coalesce(qual, '') || coalesce(with_check, '')) like '%shouhu_current_tenant()%'");
    assertTrue(policies.size() > 40, policies.toString());
    List<String> perRow = strings("select tablename || '.' || policyname from pg_policies where schemaname = 'public'"
        + " and regexp_replace(coalesce(qual, '') || coalesce(with_check, ''),"
        + " '\\(\\s*SELECT shouhu_current_tenant\\(\\) AS shouhu_current_tenant\\s*\\)', '', 'g')"
        + " like '%shouhu_current_tenant()%'");
    assertEquals(List.of(), perRow, "these policies evaluate the tenant once per row");
  }

  private void bind(String tenant) throws SQLException {
    try (PreparedStatement s = app.prepareStatement("select set_config('app.tenant_id', ?, true)")) {
      s.setString(1, tenant);
      s.executeQuery().close();
    }
  }

  private long count(String sql) throws SQLException {
    try (Statement s = app.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private List<String> strings(String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Statement s = app.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  private void execute(String sql) throws SQLException {
    try (Statement s = app.createStatement()) {
      s.execute(sql);
    }
  }

  private static String tenantOf(String token) throws Exception {
    return SignedJWT.parse(token).getJWTClaimsSet().getStringClaim("tenant_id");
  }
}
