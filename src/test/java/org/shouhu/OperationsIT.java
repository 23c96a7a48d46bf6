package org.shouhu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.nimbusds.jwt.SignedJWT;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue #14, operations: metrics only for the platform operator, HSTS only over HTTPS, the audit trail's hash chain
 * (concurrent writers, verification, an owner's edit named), refused logins during lockout audited, and backup →
 * wipe → restore with deploy/backup and deploy/restore against the running application's database.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class OperationsIT {

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.application();
  }

  @ArquillianResource URL base;

  private static final String PORT = System.getProperty("shouhu.it.db.port");

  // --- /metrics ---------------------------------------------------------------------------------------------------

  @Test
  void metricsNeedAPlatformOperatorsToken() {
    Api api = new Api(base);
    Api.Reply anonymous = api.get("metrics", null);
    assertEquals(401, anonymous.status(), anonymous.body());
    assertEquals("UNAUTHENTICATED", anonymous.code());
    assertEquals(401, api.get("metrics/base", null).status(), "every metrics path");

    Api.Reply worker = api.get("metrics", api.login("chunhui-sw", "worker", Api.DEMO_PASSWORD));
    assertEquals(403, worker.status(), worker.body());

    Api.Reply operator = api.get("metrics", api.platformToken());
    assertEquals(200, operator.status(), operator.body());
    assertTrue(operator.body().contains("# TYPE"), "Prometheus text: " + operator.body().substring(0, 200));
  }

  // --- HSTS -------------------------------------------------------------------------------------------------------

  @Test
  void strictTransportSecurityOnlyWhenATrustedProxySaysHttps() throws Exception {
    // The default trusted proxy is this host's loopback address: the usual reverse proxy on the same machine.
    Api loopback = new Api(new URL("http", "127.0.0.1", base.getPort(), base.getPath()));
    Api.Reply proxied = loopback.request("GET", "").header("X-Forwarded-Proto", "https").send();
    assertTrue(proxied.header("Strict-Transport-Security").orElse("").startsWith("max-age="), proxied.raw().headers().toString());
    Api.Reply plain = loopback.request("GET", "").send();
    assertTrue(plain.header("Strict-Transport-Security").isEmpty(), "plain HTTP gets no HSTS");

    // Anyone else claiming HTTPS is not believed.
    assumeFalse(InetAddress.getByName(base.getHost()).isLoopbackAddress(), "needs a non-loopback address to call from");
    Api.Reply spoofed = new Api(base).request("GET", "").header("X-Forwarded-Proto", "https").send();
    assertTrue(spoofed.header("Strict-Transport-Security").isEmpty(), "untrusted peer: " + base.getHost());
  }

  // --- refused logins during lockout --------------------------------------------------------------------------------

  @Test
  void loginsRefusedDuringLockoutAreAudited() throws Exception {
    Api api = new Api(base);
    String admin = api.login("chunhui-sw", "admin", Api.DEMO_PASSWORD);
    String username = "lock" + ThreadLocalRandom.current().nextInt(100_000, 999_999);
    Api.Reply created = api.post("api/v1/users", admin, "{\"username\":\"" + username + "\",\"displayName\":\"锁定测试\","
        + "\"roles\":[\"SOCIAL_WORKER\"],\"password\":\"Lockout-2026-ok\"}");
    assertEquals(201, created.status(), created.body());
    String userId = created.json().getJsonObject("user").getString("id");
    String address = "198.51.100." + ThreadLocalRandom.current().nextInt(1, 250);
    for (int i = 0; i < 5; i++) {
      api.loginAttempt("chunhui-sw", username, "wrong-password-" + i, address);
    }
    Api.Reply refused = api.loginAttempt("chunhui-sw", username, "Lockout-2026-ok", address);
    assertEquals(429, refused.status(), refused.body());
    assertEquals("ACCOUNT_LOCKED", refused.code());
    api.loginAttempt("chunhui-sw", username, "Lockout-2026-ok", address);

    String tenant = tenantOf(admin);
    assertEquals(2, Api.countAsApplication(tenant,
        "select count(*) from audit_event where action = 'LOGIN_REFUSED' and detail = 'locked' and subject_id = ?",
        UUID.fromString(userId)), "each refusal while locked is in the trail");
    assertEquals(5, Api.countAsApplication(tenant,
        "select count(*) from audit_event where action = 'LOGIN_FAILED' and subject_id = ?", UUID.fromString(userId)));
  }

  // --- the audit chain --------------------------------------------------------------------------------------------

  @Test
  void concurrentWritersOfOneTenantExtendOneUnbrokenChain() throws Exception {
    Api api = new Api(base);
    String tenant = tenantOf(api.login("chunhui-sw", "admin", Api.DEMO_PASSWORD));
    long before = Api.countAsApplication(tenant, "select count(*) from audit_event");
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> writers = new ArrayList<>();
      for (int w = 0; w < 8; w++) {
        writers.add(pool.submit(() -> {
          try (Connection c = asApplication()) {
            c.setAutoCommit(false);
            for (int i = 0; i < 5; i++) {
              bind(c, tenant);
              try (Statement s = c.createStatement()) {
                // Forged chain columns are overwritten; the pause holds the tenant's lock as a slow commit would.
                s.execute("insert into audit_event (tenant_id, id, occurred_at, action, subject, seq, prev_hash, hash)"
                    + " values ('" + tenant + "', gen_random_uuid(), now(), 'IT_CONCURRENT', 'test', 1, '\\x00', '\\x00')");
                s.execute("select pg_sleep(0.01)");
              }
              c.commit();
            }
          }
          return null;
        }));
      }
      for (Future<?> writer : writers) {
        writer.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(before + 40, Api.countAsApplication(tenant, "select count(*) from audit_event"));
    assertEquals(before + 40, Api.countAsApplication(tenant, "select max(seq) from audit_event"), "no gaps");
    JsonObject verified = verifyAsOrgAdmin(api, "chunhui-sw");
    assertTrue(verified.getBoolean("intact"), verified.toString());
    assertEquals(verified.getJsonNumber("events").longValue(), verified.getJsonObject("head").getJsonNumber("seq").longValue());
  }

  @Test
  void theOrgAdminVerifiesOwnTenantAndTheOperatorAnyOther() throws Exception {
    Api api = new Api(base);
    String admin = api.login("chunhui-sw", "admin", Api.DEMO_PASSWORD);
    String tenant = tenantOf(admin);
    JsonObject own = verifyAsOrgAdmin(api, "chunhui-sw");
    assertEquals(tenant, own.getString("tenantId"));
    assertTrue(own.getBoolean("intact"), own.toString());
    assertTrue(own.getJsonNumber("events").longValue() > 0);
    assertEquals(64, own.getJsonObject("head").getString("hash").length());

    Api.Reply operator = api.get("api/v1/tenants/" + tenant + "/audit/verification", api.platformToken());
    assertEquals(200, operator.status(), operator.body());
    assertTrue(operator.json().getBoolean("intact"));
    assertTrue(operator.json().getJsonObject("head").getJsonNumber("seq").longValue()
        >= own.getJsonObject("head").getJsonNumber("seq").longValue());

    assertEquals(403, api.get("api/v1/audit/verification", api.login("chunhui-sw", "worker", Api.DEMO_PASSWORD)).status());
    assertEquals(403, api.get("api/v1/tenants/" + tenant + "/audit/verification", admin).status(),
        "an org admin reaches only their own chain");
    assertEquals(404, api.get("api/v1/tenants/" + UUID.randomUUID() + "/audit/verification", api.platformToken()).status());
  }

  @Test
  void anEditByTheOwnerRoleIsDetectedAndNamed() throws Exception {
    Api api = new Api(base);
    String shouwangAdmin = api.login("shouwang-sw", "admin", Api.DEMO_PASSWORD);
    String tenant = tenantOf(shouwangAdmin);
    api.login("shouwang-sw", "worker", Api.DEMO_PASSWORD);
    api.login("shouwang-sw", "supervisor", Api.DEMO_PASSWORD);

    try (Connection app = asApplication()) {
      app.setAutoCommit(false);
      bind(app, tenant);
      SQLException denied = assertThrows(SQLException.class,
          () -> app.createStatement().execute("update audit_event set detail = 'x'"));
      assertTrue(denied.getMessage().contains("permission denied"), denied.getMessage());
      app.rollback();
    }

    long seq;
    String eventId;
    String original;
    try (Connection owner = asOwner()) {
      owner.setAutoCommit(false);
      bind(owner, tenant);
      try (ResultSet rs = owner.createStatement().executeQuery(
          "select seq, id::text, detail from audit_event order by seq desc offset 1 limit 1")) {
        assertTrue(rs.next());
        seq = rs.getLong(1);
        eventId = rs.getString(2);
        original = rs.getString(3);
      }
      SQLException immutable = assertThrows(SQLException.class,
          () -> owner.createStatement().execute("update audit_event set detail = 'x' where seq = " + seq));
      assertTrue(immutable.getMessage().contains("immutable"), immutable.getMessage());
      owner.rollback();
      tamper(owner, tenant, "update audit_event set detail = 'nothing happened here' where seq = " + seq);
    }
    try {
      Api.Reply verified = api.get("api/v1/tenants/" + tenant + "/audit/verification", api.platformToken());
      assertEquals(200, verified.status(), verified.body());
      JsonObject result = verified.json();
      assertFalse(result.getBoolean("intact"), result.toString());
      JsonObject broken = result.getJsonObject("firstBroken");
      assertEquals(seq, broken.getJsonNumber("seq").longValue(), result.toString());
      assertEquals(eventId, broken.getString("eventId"));
      assertEquals("CONTENT_CHANGED", broken.getString("problem"));
      assertFalse(broken.getString("detail").contains("nothing happened"), "the operator never reads an event's detail");
      assertFalse(verifyAsOrgAdmin(api, "shouwang-sw").getBoolean("intact"));

      Script script = run(Map.of("PGUSER", "shouhu_owner"), "deploy/verify-audit", "shouwang-sw");
      assertEquals(1, script.exit(), script.output());
      assertTrue(script.output().contains("shouwang-sw BROKEN at seq=" + seq + " event=" + eventId + " CONTENT_CHANGED"),
          script.output());
    } finally {
      try (Connection owner = asOwner()) {
        tamper(owner, tenant, "update audit_event set detail = " + (original == null ? "null" : "'" + original.replace("'", "''") + "'")
            + " where seq = " + seq);
      }
    }
    assertTrue(verifyAsOrgAdmin(api, "shouwang-sw").getBoolean("intact"), "put back as it was, the chain holds again");
  }

  // --- backup and restore -------------------------------------------------------------------------------------------

  @Test
  void backupWipeRestoreGivesBackEveryRowAndTheSealedRecords() throws Exception {
    Api api = new Api(base);
    String worker = api.login("chunhui-sw", "worker", Api.DEMO_PASSWORD);
    String citizenId = Api.citizenId(LocalDate.of(2013, 3, 1).plusDays(ThreadLocalRandom.current().nextInt(900)));
    Api.Reply registered = api.post("api/v1/beneficiaries", worker, "{\"name\":\"备份测试\",\"villageCode\":\"429006104201\","
        + "\"categories\":[\"LEFT_BEHIND_CHILD\"],\"citizenId\":\"" + citizenId + "\",\"phone\":\"13812345678\","
        + "\"consent\":{\"givenOn\":\"2024-09-01\",\"givenBy\":\"李秀英\",\"relationship\":\"GRANDPARENT\",\"method\":\"WRITTEN\"}}");
    assertEquals(201, registered.status(), registered.body());
    String child = registered.json().getString("id");
    assertEquals(citizenId, api.get("api/v1/beneficiaries/" + child, worker).json().getString("citizenId"));

    try (Connection su = asSuperuser()) {
      // deploy/postgres-roles.sql's backup role: reads every row (row-level security is forced even for the owner).
      su.createStatement().execute("do $$ begin if not exists (select 1 from pg_roles where rolname = 'shouhu_backup')"
          + " then create role shouhu_backup login bypassrls; grant pg_read_all_data to shouhu_backup; end if; end $$");
    }
    Path dir = Files.createTempDirectory("shouhu-backup");
    Map<String, Long> before = rowCounts();
    Script dump = run(Map.of("PGUSER", "shouhu_backup"), "deploy/backup", "database", dir.toString());
    assertEquals(0, dump.exit(), dump.output());
    Path dataDir = Path.of(System.getProperty("shouhu.it.data.dir"));
    Script keys = run(Map.of("SHOUHU_DATA_DIR", dataDir.toString()), "deploy/backup", "keys", dir.toString());
    assertEquals(0, keys.exit(), keys.output());
    Path dumpFile = Path.of(lastLine(dump.output()));
    Path keysFile = Path.of(lastLine(keys.output()));

    // Wipe: everything the owner owns goes, as if the database were lost (the application keeps running, idle).
    try (Connection owner = asOwner()) {
      owner.createStatement().execute("drop owned by shouhu_owner cascade");
    }
    assertEquals(0, rowCounts().size(), "wiped");

    Script restore = run(Map.of("PGUSER", "shouhu_owner"), "deploy/restore", "database", dumpFile.toString());
    assertEquals(0, restore.exit(), restore.output());
    assertTrue(restore.output().contains("chunhui-sw OK"), restore.output());
    assertEquals(before, rowCounts(), "every table holds as many rows as before");

    try (Connection su = asSuperuser();
        ResultSet rs = su.createStatement().executeQuery(
            "select count(*) filter (where pg_get_userbyid(c.relowner) = 'shouhu_app'),"
                + " count(*) filter (where a.attname is not null and not (c.relrowsecurity and c.relforcerowsecurity)),"
                + " count(*) filter (where a.attname is not null)"
                + " from pg_class c join pg_namespace n on n.oid = c.relnamespace"
                + " left join pg_attribute a on a.attrelid = c.oid and a.attname = 'tenant_id'"
                + " where n.nspname = 'public' and c.relkind = 'r'"
                + " and c.relname <> 'job'")) { // the job queue, a platform table (RowLevelSecurityIT says why)
      rs.next();
      assertEquals(0, rs.getLong(1), "the application role owns nothing");
      assertEquals(0, rs.getLong(2), "row-level security forced on every tenant table");
      assertTrue(rs.getLong(3) > 20);
    }
    try (Connection app = asApplication()) {
      assertThrows(SQLException.class, () -> app.createStatement().execute("delete from audit_event"));
    }

    String again = api.login("chunhui-sw", "worker", Api.DEMO_PASSWORD);
    Api.Reply opened = api.get("api/v1/beneficiaries/" + child, again);
    assertEquals(200, opened.status(), opened.body());
    assertEquals(citizenId, opened.json().getString("citizenId"), "the sealed citizen id opens with the same keys");
    assertEquals("13812345678", opened.json().getString("phone"));

    Path restoredKeys = Files.createTempDirectory("shouhu-keys");
    Script unpacked = run(Map.of(), "deploy/restore", "keys", keysFile.toString(), restoredKeys.toString());
    assertEquals(0, unpacked.exit(), unpacked.output());
    try (Stream<Path> files = Files.list(dataDir.resolve("keys"))) {
      List<Path> originals = files.toList();
      assertFalse(originals.isEmpty());
      for (Path original : originals) {
        assertArrayEquals(Files.readAllBytes(original), Files.readAllBytes(restoredKeys.resolve("keys").resolve(original.getFileName())),
            original.getFileName().toString());
      }
    }
    Script refused = run(Map.of(), "deploy/restore", "keys", keysFile.toString(), restoredKeys.toString());
    assertNotEquals(0, refused.exit(), "an existing key is never overwritten");
  }

  // --- helpers ----------------------------------------------------------------------------------------------------

  private JsonObject verifyAsOrgAdmin(Api api, String tenant) {
    Api.Reply reply = api.get("api/v1/audit/verification", api.login(tenant, "admin", Api.DEMO_PASSWORD));
    assertEquals(200, reply.status(), reply.body());
    return reply.json();
  }

  /** What a deliberate edit by the owner looks like: switch the refusal off, change the row, switch it back on. */
  private static void tamper(Connection owner, String tenant, String update) throws SQLException {
    owner.setAutoCommit(false);
    bind(owner, tenant);
    try (Statement s = owner.createStatement()) {
      s.execute("alter table audit_event disable trigger audit_event_immutable");
      assertEquals(1, s.executeUpdate(update));
      s.execute("alter table audit_event enable trigger audit_event_immutable");
    }
    owner.commit();
  }

  /** Rows per table in the public schema, read by the superuser (row-level security does not filter it). */
  private static Map<String, Long> rowCounts() throws SQLException {
    Map<String, Long> counts = new TreeMap<>();
    try (Connection su = asSuperuser()) {
      List<String> tables = new ArrayList<>();
      try (ResultSet rs = su.createStatement().executeQuery(
          "select tablename from pg_tables where schemaname = 'public' order by 1")) {
        while (rs.next()) {
          tables.add(rs.getString(1));
        }
      }
      for (String table : tables) {
        try (ResultSet rs = su.createStatement().executeQuery("select count(*) from public.\"" + table + "\"")) {
          rs.next();
          counts.put(table, rs.getLong(1));
        }
      }
    }
    return counts;
  }

  private static void bind(Connection c, String tenant) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("select set_config('app.tenant_id', ?, true)")) {
      s.setString(1, tenant);
      s.executeQuery().close();
    }
  }

  private static Connection asApplication() throws SQLException {
    return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + PORT + "/shouhu", "shouhu_app", "embedded");
  }

  private static Connection asOwner() throws SQLException {
    return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + PORT + "/shouhu", "shouhu_owner", "embedded");
  }

  private static Connection asSuperuser() throws SQLException {
    return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + PORT + "/shouhu", "postgres", "");
  }

  private static String tenantOf(String token) throws Exception {
    return SignedJWT.parse(token).getJWTClaimsSet().getStringClaim("tenant_id");
  }

  record Script(int exit, String output) {}

  /** Runs one of deploy/'s scripts against the test's database, as an operator would, stdout and stderr together. */
  private static Script run(Map<String, String> env, String... command) throws IOException, InterruptedException {
    ProcessBuilder process = new ProcessBuilder(command).redirectErrorStream(true);
    process.environment().put("PGHOST", "127.0.0.1");
    process.environment().put("PGPORT", PORT);
    process.environment().put("PGDATABASE", "shouhu");
    process.environment().putAll(env);
    Process p = process.start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(180, TimeUnit.SECONDS), String.join(" ", command) + " timed out");
    return new Script(p.exitValue(), output);
  }

  private static String lastLine(String output) {
    String[] lines = output.strip().split("\n");
    return lines[lines.length - 1].strip();
  }
}
