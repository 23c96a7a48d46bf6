package org.shouhu.tenancy.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.shouhu.Api;
import org.shouhu.Deployments;

/**
 * Background jobs as several nodes would run them: the upload lives in the database (sealed) while its job runs and
 * is gone when it ends; a job whose node stopped renewing its lease is taken over by the next poll and resumed from
 * its last committed batch, each row imported once.
 *
 * <p>Key rotation: a new version seals from then on, the re-sealing job moves every tenant's values to it, and
 * only then can the old version be retired.
 *
 * <p>A dead node is simulated the way the database sees one: the job's lease is handed to another node id with a
 * new token and an expiry in the past. The run that held it commits nothing more (its next batch finds the token
 * changed), and this server's poller claims the expired job as it would a dead node's.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class BackgroundJobsIT {

  private static final String IMPORTS = "api/v1/beneficiaries/imports";
  private static final String KEYS = "api/v1/platform/keys";
  private static final Path SAMPLE = Path.of(System.getProperty("shouhu.tenants.dir"), "chunhui-sw", "ledger-sample.csv");

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.application();
  }

  @ArquillianResource URL base;
  Api api;
  String admin;
  String tenant;

  @BeforeEach
  void anOrganization() throws Exception {
    api = new Api(base);
    Api.Org org = api.onboardOrganization(api.platformToken());
    admin = api.login(org.slug(), "admin", org.adminPassword());
    tenant = com.nimbusds.jwt.SignedJWT.parse(admin).getJWTClaimsSet().getStringClaim("tenant_id");
  }

  @Test
  void aJobWhoseLeaseExpiredIsTakenOverAndEveryRowIsImportedOnce() throws Exception {
    // Large enough that the job outlasts a few polls even at the import's batch speed (#15).
    int rows = 20_000;
    var accepted = upload(ledger(rows), "big.csv");
    assertEquals(202, accepted.status(), accepted.body());
    String id = accepted.json().getString("id");

    // Wait for the first committed batch, while the upload is still needed.
    JsonObject running = await(id, j -> j.getInt("rowsDone") > 0 || finished(j));
    assertEquals("RUNNING", running.getString("status"), "the file must outlast one batch: " + running);
    try (Connection db = app()) {
      assertTrue(count(db, "select count(*) from import_upload_chunk where job_id = '" + id + "'") > 0,
          "the upload is in the database while its job runs");
      int stolen = db.createStatement().executeUpdate("update job set leased_by = 'dead-node',"
          + " lease_token = gen_random_uuid(), leased_until = now() - interval '1 second'"
          + " where id = '" + id + "' and status = 'RUNNING'");
      db.commit();
      assertEquals(1, stolen);
    }

    JsonObject done = await(id, BackgroundJobsIT::finished);
    assertEquals("DONE", done.getString("status"), done.toString());
    assertEquals(rows, done.getInt("rowsTotal"));
    assertEquals(rows, done.getInt("rowsDone"));
    assertEquals(rows, done.getInt("created"), "no row imported twice, none skipped: " + done);
    assertEquals(0, done.getInt("unchanged"), done.toString());
    assertEquals(0, done.getInt("rejected"), done.toString());
    assertEquals(rows, api.get("api/v1/beneficiaries?limit=1", admin).json().getInt("total"));
    try (Connection db = app()) {
      assertEquals(2, count(db, "select attempts from job where id = '" + id + "'"), "claimed twice: taken over");
      assertEquals(1, count(db, "select count(*) from job where id = '" + id + "' and status = 'DONE'"
          + " and leased_by is null and lease_token is null"));
      assertEquals(0, count(db, "select count(*) from import_upload_chunk where job_id = '" + id + "'"),
          "the upload is deleted when its job ends");
    }
  }

  @Test
  void aTakenOverJobWhoseUploadIsGoneFailsWithItsCode() throws Exception {
    // Large enough that the run is still going when its lease is taken: a first import of 1,500 rows, no longer
    // planned for empty tables (V220), can end between two polls.
    var accepted = upload(ledger(20_000), "lost.csv");
    assertEquals(202, accepted.status(), accepted.body());
    String id = accepted.json().getString("id");
    JsonObject running = await(id, j -> j.getInt("rowsDone") > 0 || finished(j));
    assertEquals("RUNNING", running.getString("status"), running.toString());
    try (Connection db = app()) {
      db.createStatement().executeUpdate("update job set leased_by = 'dead-node', lease_token = gen_random_uuid(),"
          + " leased_until = now() - interval '1 second' where id = '" + id + "'");
      db.createStatement().executeUpdate("delete from import_upload_chunk where job_id = '" + id + "'");
      db.commit();
    }
    JsonObject failed = await(id, BackgroundJobsIT::finished);
    assertEquals("FAILED", failed.getString("status"), failed.toString());
    assertTrue(failed.getString("failure").startsWith("IMPORT_UPLOAD_MISSING"), failed.toString());
    assertTrue(failed.getInt("created") >= 500, "what was committed before stays: " + failed);
    try (Connection db = app()) {
      assertEquals(1, count(db, "select count(*) from job where id = '" + id + "' and status = 'FAILED'"
          + " and failure_code = 'IMPORT_UPLOAD_MISSING' and attempts = 2"));
    }
  }

  /**
   * A run ends its job and its queue entry in one commit. A read that sees the job still running, and then (after
   * that commit) the queue entry ended, must not take the job for abandoned and fail it over the run's own ending:
   * it shows the job as the run ended it (CI once answered 500 here, the read's late write losing to the run's).
   */
  @Test
  void aJobEndedWhileItIsBeingReadIsShownAsItsRunEndedIt() throws Exception {
    var accepted = upload(ledger(10), "race.csv");
    assertEquals(202, accepted.status(), accepted.body());
    String id = accepted.json().getString("id");
    assertEquals("DONE", await(id, BackgroundJobsIT::finished).getString("status"));
    try (Connection run = app()) {
      // Back to the moment inside the run's last commit, as another transaction sees it: the queue entry ended (it
      // is, the run is over), the job still running.
      assertEquals(1, run.createStatement().executeUpdate("update import_job set status = 'RUNNING',"
          + " finished_at = null where id = '" + id + "'"));
      run.commit();
      // That commit, begun and held: it ends the job.
      run.createStatement().executeUpdate("update import_job set status = 'DONE', finished_at = now(),"
          + " version = version + 1 where id = '" + id + "'");
      var reply = Api.sentWhileHeld(run, () -> api.get(IMPORTS + "/" + id, admin));
      assertEquals(200, reply.status(), reply.body());
      assertEquals("DONE", reply.json().getString("status"), reply.body());
      assertEquals(1, count(run, "select count(*) from import_job where id = '" + id + "' and status = 'DONE'"
          + " and failure_message is null"), "the run's ending stands");
    }
  }

  @Test
  void aCancelledImportStopsWhereItIsAndLeavesNoUploadBehind() throws Exception {
    var accepted = upload(ledger(20_000), "cancel.csv");
    assertEquals(202, accepted.status(), accepted.body());
    String id = accepted.json().getString("id");
    JsonObject running = await(id, j -> j.getInt("rowsDone") > 0 || finished(j));
    assertEquals("RUNNING", running.getString("status"), running.toString());

    var cancelled = api.post(IMPORTS + "/" + id + "/cancellation", admin, "{}");
    assertEquals(200, cancelled.status(), cancelled.body());
    assertEquals("FAILED", cancelled.json().getString("status"));
    assertTrue(cancelled.json().getString("failure").startsWith("IMPORT_CANCELLED"), cancelled.body());
    int imported = cancelled.json().getInt("rowsDone");
    assertTrue(imported < 20_000, cancelled.body());
    try (Connection db = app()) {
      assertEquals(0, count(db, "select count(*) from import_upload_chunk where job_id = '" + id + "'"));
      assertEquals(1, count(db, "select count(*) from job where id = '" + id + "' and status = 'FAILED'"
          + " and failure_code = 'IMPORT_CANCELLED'"));
    }
    sleep(6_000); // the run stops at its next batch: nothing more is committed
    JsonObject after = api.get(IMPORTS + "/" + id, admin).json();
    assertEquals(imported, after.getInt("rowsDone"), after.toString());
    assertEquals(imported, api.get("api/v1/beneficiaries?limit=1", admin).json().getInt("total"));
    var again = api.post(IMPORTS + "/" + id + "/cancellation", admin, "{}");
    assertEquals(409, again.status(), again.body());
    assertEquals("IMPORT_ALREADY_FINISHED", again.code());
  }

  @Test
  void aFailedJobLeavesNoUploadBehind() throws Exception {
    var accepted = upload(new byte[] {'P', 'K', 3, 4, 9, 9, 9, 9}, "broken.xlsx");
    assertEquals(202, accepted.status(), accepted.body());
    String id = accepted.json().getString("id");
    JsonObject failed = await(id, BackgroundJobsIT::finished);
    assertEquals("FAILED", failed.getString("status"));
    try (Connection db = app()) {
      assertEquals(0, count(db, "select count(*) from import_upload_chunk where job_id = '" + id + "'"));
      assertEquals(1, count(db, "select count(*) from job where id = '" + id + "' and status = 'FAILED'"
          + " and failure_code = 'LEDGER_UNREADABLE'"));
    }
  }

  @Test
  void aRotatedKeyIsResealedEverywhereAndOnlyThenRetired() throws Exception {
    // Sealed values of this organization: citizen ids, phones, guardians' phones.
    var imported = upload(Files.readAllBytes(SAMPLE), "ledger-sample.csv");
    assertEquals("DONE", await(imported.json().getString("id"), BackgroundJobsIT::finished).getString("status"));
    String platform = api.platformToken();

    JsonObject before = api.get(KEYS, platform).json();
    String old = before.getString("current");
    assertTrue(version(before, old).getJsonNumber("values").longValue() > 0, before.toString());
    var stillCurrent = api.post(KEYS + "/" + old + "/retirement", platform, "{}");
    assertEquals(409, stillCurrent.status(), stillCurrent.body());
    assertEquals("KEY_IS_CURRENT", stillCurrent.code());
    assertEquals(403, api.get(KEYS, admin).status(), "the platform operator's only");

    var rotated = api.post(KEYS + "/rotations", platform, "{}");
    assertEquals(202, rotated.status(), rotated.body());
    String current = rotated.json().getString("current");
    assertNotEquals(old, current);
    assertEquals("READABLE", version(rotated.json(), old).getString("state"));
    assertEquals("CURRENT", version(rotated.json(), current).getString("state"));
    assertEquals("GENERATED", version(rotated.json(), current).getString("source"));
    assertTrue(rotated.json().getJsonNumber("remaining").longValue() > 0, rotated.body());

    // Before the job has moved the values: refused, and the values still open under the old key.
    var tooEarly = api.post(KEYS + "/" + old + "/retirement", platform, "{}");
    assertEquals(409, tooEarly.status(), tooEarly.body());
    assertEquals("KEY_STILL_IN_USE", tooEarly.code());

    JsonObject resealed = awaitKeys(platform, k -> !k.isNull("resealing")
        && finished(k.getJsonObject("resealing")));
    assertEquals("DONE", resealed.getJsonObject("resealing").getString("status"), resealed.toString());
    assertTrue(resealed.getJsonObject("resealing").getJsonNumber("resealed").longValue() > 0, resealed.toString());
    assertEquals(0, resealed.getJsonNumber("remaining").longValue(), resealed.toString());
    assertEquals(0, version(resealed, old).getJsonNumber("values").longValue(), "no value left under " + old);
    try (Connection db = app()) {
      assertEquals(0, count(db, "select count(*) from beneficiary where citizen_id_key = '" + old + "'"
          + " or phone_key = '" + old + "'"));
      assertTrue(count(db, "select count(*) from beneficiary where citizen_id_key = '" + current + "'") > 0);
    }

    var retired = api.post(KEYS + "/" + old + "/retirement", platform, "{}");
    assertEquals(200, retired.status(), retired.body());
    assertEquals("RETIRED", version(retired.json(), old).getString("state"));
    assertEquals(404, api.post(KEYS + "/no-such-key/retirement", platform, "{}").status());

    // Everything still opens with the current version: the register lists (and unmasks) every record.
    var list = api.get("api/v1/beneficiaries?limit=200", admin);
    assertEquals(200, list.status(), list.body());
    assertEquals(27, list.json().getInt("total"));
    var again = upload(Files.readAllBytes(SAMPLE), "ledger-sample.csv");
    JsonObject second = await(again.json().getString("id"), BackgroundJobsIT::finished);
    assertEquals(27, second.getInt("unchanged"), "re-sealed values still compare equal: " + second);
  }

  private static JsonObject version(JsonObject keys, String id) {
    return keys.getJsonArray("versions").stream().map(v -> v.asJsonObject())
        .filter(v -> v.getString("id").equals(id)).findFirst()
        .orElseThrow(() -> new AssertionError("no version " + id + " in " + keys));
  }

  private JsonObject awaitKeys(String token, java.util.function.Predicate<JsonObject> until) {
    long deadline = System.currentTimeMillis() + 300_000;
    while (true) {
      var reply = api.get(KEYS, token);
      assertEquals(200, reply.status(), reply.body());
      if (until.test(reply.json())) {
        return reply.json();
      }
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError("keys still " + reply.body());
      }
      sleep(500);
    }
  }

  // --- helpers -------------------------------------------------------------------------------------------------

  /** The application's own role, bound to this test's organization as a request would be. */
  private Connection app() throws SQLException {
    Connection db = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:"
        + System.getProperty("shouhu.it.db.port") + "/shouhu", "shouhu_app", "embedded");
    db.setAutoCommit(false);
    try (var bind = db.prepareStatement("select set_config('app.tenant_id', ?, false)")) {
      bind.setString(1, tenant);
      bind.execute();
    }
    return db;
  }

  private static long count(Connection db, String sql) throws SQLException {
    try (var rs = db.createStatement().executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static boolean finished(JsonObject job) {
    return job.getString("status").equals("DONE") || job.getString("status").equals("FAILED");
  }

  private Api.Reply upload(byte[] body, String fileName) {
    return api.request("POST", IMPORTS + "?fileName=" + fileName).bearer(admin).body("text/csv", body).send();
  }

  private JsonObject await(String id, java.util.function.Predicate<JsonObject> until) {
    long deadline = System.currentTimeMillis() + 300_000;
    while (true) {
      var reply = api.get(IMPORTS + "/" + id, admin);
      assertEquals(200, reply.status(), reply.body());
      if (until.test(reply.json())) {
        return reply.json();
      }
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError("import " + id + " still " + reply.body());
      }
      sleep(100);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** {@code rows} distinct valid children of 天门, born on consecutive days. */
  private static byte[] ledger(int rows) {
    StringBuilder csv = new StringBuilder("姓名,性别,出生日期,公民身份号码,村(社区)代码,类别,同意方式,同意日期,同意人,同意人关系\r\n");
    LocalDate first = LocalDate.of(2011, 1, 1);
    for (int i = 0; i < rows; i++) {
      // 3,000 birth days, then the next (odd: a boy's) sequence number: every number different, every child born.
      LocalDate born = first.plusDays(i % 3000);
      String day = born.format(DateTimeFormatter.BASIC_ISO_DATE);
      csv.append("学生").append(i).append(",男,").append(born).append(',').append(citizenId(day, 101 + 2 * (i / 3000)))
          .append(",429006107204,留守儿童,书面,2024-09-01,家长").append(i).append(",祖父母\r\n");
    }
    return csv.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** A valid GB 11643 number from 天门 born on {@code yyyymmdd}; an odd sequence is a boy. */
  private static String citizenId(String yyyymmdd, int sequence) {
    String body = "429006" + yyyymmdd + String.format("%03d", sequence);
    int[] weights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      sum += (body.charAt(i) - '0') * weights[i];
    }
    return body + "10X98765432".charAt(sum % 11);
  }
}
