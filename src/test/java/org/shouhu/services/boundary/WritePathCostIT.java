package org.shouhu.services.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jwt.SignedJWT;
import jakarta.json.JsonObject;
import java.net.URL;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.concurrent.ThreadLocalRandom;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.shouhu.Api;
import org.shouhu.Deployments;

/**
 * The cost of logging a home visit does not grow with the records already stored (#15). Timing on a shared machine
 * proves nothing, so this counts what PostgreSQL itself counts per table (pg_stat_user_tables): the scans and the
 * rows read by five POSTs with a few hundred records of the same worker and child stored, then again with ten times
 * as many. The bulk rows are written straight into the embedded database as its superuser, the worst case for the
 * old checks: every one of them is the same worker's and serves the same child, earlier than the visits posted.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class WritePathCostIT {

  private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
  private static final String SERVICES = "api/v1/services";
  private static final int POSTS = 5;
  private static final int SMALL = 400;
  private static final int LARGE = 4_000;

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.application();
  }

  @ArquillianResource URL base;

  /** What one table's counters say, summed over a phase and divided by its POSTs. */
  record Cost(double seqScans, double seqRows, double idxScans, double idxRows) {

    double rows() {
      return seqRows + idxRows;
    }

    double scans() {
      return seqScans + idxScans;
    }
  }

  @Test
  void aHomeVisitReadsTheSameRowsWithTenTimesTheRecordsStored() throws Exception {
    Api api = new Api(base);
    String officer = api.login("tianmen-mzj", "officer", Api.DEMO_PASSWORD);
    String worker = api.ownWorker("chunhui-sw", "cost");
    String orgId = SignedJWT.parse(worker).getJWTClaimsSet().getStringClaim("tenant_id");
    JsonObject created = project(api, officer, orgId);
    String project = created.getString("id");
    String deliverable = created.getJsonArray("deliverables").getJsonObject(0).getString("id");
    String child = api.registerChild(worker, "王小军");
    assertEquals(201, api.post("api/v1/projects/" + project + "/enrolments", worker,
        "{\"beneficiaryId\":\"" + child + "\"}").status());
    LocalDate today = LocalDate.now(CHINA);

    // The first visit names the worker and the place for the bulk rows (and warms the server's request path). Each
    // phase posts on a day of its own, so both see the same records of that day (their own): only the bulk differs.
    var first = post(api, worker, project, deliverable, child, today.minusDays(3).atTime(6, 0).atZone(CHINA));
    assertEquals(201, first.status(), first.body());
    UUID firstId = UUID.fromString(first.json().getString("id"));

    try (Connection db = superuser()) {
      // Bulk rows go back in time from four days ago, 37 minutes apart (30 minutes each, so none overlap).
      OffsetDateTime bulkFrom = today.minusDays(4).atTime(6, 0).atZone(CHINA).toOffsetDateTime();
      bulk(db, firstId, child, bulkFrom, 0, SMALL);
      Map<String, Cost> small = measure(db, api, worker, project, deliverable, child, today.minusDays(2).atTime(8, 0).atZone(CHINA));
      bulk(db, firstId, child, bulkFrom, SMALL, LARGE);
      Map<String, Cost> large = measure(db, api, worker, project, deliverable, child, today.minusDays(1).atTime(8, 0).atZone(CHINA));
      System.out.println("WRITE PATH COST per POST with " + SMALL + " records stored: " + small);
      System.out.println("WRITE PATH COST per POST with " + LARGE + " records stored: " + large);

      // The tables the bulk grew. The others keep their size between the phases, and on a table of a few dozen rows
      // (project, deliverable) the planner may switch between its index and a sequential scan after an autovacuum's
      // ANALYZE: that is not the cost growing with the data ("all tables" is printed above for the record).
      for (String table : new String[] {"service_record", "service_participant"}) {
        Cost s = small.get(table);
        Cost l = large.get(table);
        // The same rows within a handful (the five visits of a phase see each other, and the planner may read one
        // more page), nothing like the ten-fold the stored records grew by.
        assertTrue(l.rows() <= s.rows() * 1.2 + 5,
            table + ": rows read per POST grew from " + s.rows() + " to " + l.rows());
        assertTrue(l.scans() <= s.scans() * 1.2 + 2,
            table + ": scans per POST grew from " + s.scans() + " to " + l.scans());
      }
      assertEquals(0.0, large.get("service_record").seqScans(), "no sequential scan of service_record: " + large);
      assertEquals(0.0, large.get("service_participant").seqScans(), "no sequential scan of service_participant: " + large);
      assertTrue(large.get("service_record").rows() < 40,
          "a POST reads a few dozen rows of service_record at most, whatever is stored: " + large);
    }
  }

  /**
   * Two workers log visits of the same deliverable, on the same day, in the same town, at the same time (#15): the
   * first one's transaction stays open after its record and participant are in (their summary triggers have run), and
   * the second one's POST must be answered meanwhile. With one summary row per deliverable (and per deliverable, day,
   * town and kind) the second POST's upsert would wait for the first transaction's commit, so it could only be
   * answered after the timeout below. Then the figures are exact: the summaries summed over their shards equal the
   * aggregate of the raw records, also after a rebuild put everything in shard 0 and an approval moved the records
   * from pending to approved in their workers' shards (negative pending counts there).
   */
  @Test
  void twoWorkersLogTheSameDeliverableDayAndTownWithoutWaitingForEachOther() throws Exception {
    Api api = new Api(base);
    String officer = api.login("tianmen-mzj", "officer", Api.DEMO_PASSWORD);
    String first = api.ownWorker("chunhui-sw", "shard-a");
    String orgId = SignedJWT.parse(first).getJWTClaimsSet().getStringClaim("tenant_id");
    try (Connection db = superuser()) {
      int firstShard = shard(db, first);
      // Two workers share a shard with a probability of 1/16: take the first of a few whose shard differs.
      String other = null;
      for (int i = 0; i < 12 && other == null; i++) {
        String candidate = api.ownWorker("chunhui-sw", "shard-b" + i);
        other = shard(db, candidate) != firstShard ? candidate : null;
      }
      assertTrue(other != null, "a second worker in another shard");
      String second = other;
      JsonObject created = project(api, officer, orgId);
      String project = created.getString("id");
      String deliverable = created.getJsonArray("deliverables").getJsonObject(0).getString("id");
      String firstChild = api.registerChild(first, "李小兰");
      String secondChild = api.registerChild(second, "赵小虎");
      for (String[] e : new String[][] {{first, firstChild}, {second, secondChild}}) {
        assertEquals(201, api.post("api/v1/projects/" + project + "/enrolments", e[0],
            "{\"beneficiaryId\":\"" + e[1] + "\"}").status());
      }
      LocalDate day = LocalDate.now(CHINA).minusDays(5);
      var logged = post(api, first, project, deliverable, firstChild, day.atTime(8, 0).atZone(CHINA));
      assertEquals(201, logged.status(), logged.body());
      UUID model = UUID.fromString(logged.json().getString("id"));

      String secondRecord;
      try (Connection held = Api.asApplicationIn(orgId)) {
        // The first worker's next visit of that day, submitted, written as the application writes it (its role, its
        // tenant, the triggers firing): its summary rows are now locked until this transaction ends.
        UUID heldId = UUID.randomUUID();
        try (PreparedStatement record = held.prepareStatement(
                "insert into service_record (tenant_id, id, project_id, deliverable_id, kind, worker_id, started_at,"
                    + " ended_at, place_code, status, submitted_at, flags, present, risk_after, created_by, created_at,"
                    + " updated_at) select r.tenant_id, ?, r.project_id, r.deliverable_id, r.kind, r.worker_id,"
                    + " r.started_at + interval '2 hours', r.ended_at + interval '2 hours', r.place_code, 'SUBMITTED',"
                    + " now(), '', r.present, r.risk_after, r.worker_id, now(), now() from service_record r where r.id = ?");
            PreparedStatement findings = held.prepareStatement(
                "insert into home_visit_finding (tenant_id, record_id, area, rating, note) select f.tenant_id, ?, f.area,"
                    + " f.rating, f.note from home_visit_finding f where f.record_id = ?");
            PreparedStatement person = held.prepareStatement(
                "insert into service_participant (tenant_id, record_id, beneficiary_id) values (?::uuid, ?, ?::uuid)")) {
          record.setObject(1, heldId);
          record.setObject(2, model);
          assertEquals(1, record.executeUpdate());
          // Every area assessed, as the application stores a visit: the demo tenant's review queue (ScreensSweepIT,
          // later in the same build) reads this record and a visit without findings is not a visit record.
          findings.setObject(1, heldId);
          findings.setObject(2, model);
          assertEquals(5, findings.executeUpdate());
          person.setString(1, orgId);
          person.setObject(2, heldId);
          person.setString(3, firstChild);
          assertEquals(1, person.executeUpdate());
        }
        Api.Reply reply = answeredMeanwhile(
            () -> post(api, second, project, deliverable, secondChild, day.atTime(9, 0).atZone(CHINA)),
            "the second worker's visit waited for the first worker's open transaction");
        assertEquals(201, reply.status(), reply.body());
        secondRecord = reply.json().getString("id");
        held.commit();
      }

      assertSummariesExact(db, orgId, deliverable, 3, 0);
      assertTrue(count(db, "select count(distinct shard) from report_daily where deliverable_id = ?", deliverable) >= 2,
          "the two workers' visits are counted in two shards");

      // The rebuild counts everything in shard 0; the approval takes the records out of pending in their workers'
      // shards, where pending falls below zero. Only the sums mean anything, and they stay exact.
      try (Statement s = db.createStatement()) {
        s.execute("select set_config('app.tenant_id', '" + orgId + "', false)");
        s.execute("select report_rebuild_all()");
        s.execute("select set_config('app.tenant_id', '', false)");
      }
      assertEquals(0, count(db, "select count(*) from report_daily where deliverable_id = ? and shard <> 0", deliverable));
      assertEquals(0, count(db, "select count(*) from report_monthly where tenant_id = ? and shard <> 0", orgId));

      // Approvals move approved counts, which the monthly roll-up (V230) keeps per month, town, kind, organization and
      // shard: the first worker's visit approved in a transaction that stays open holds its month's row of the first
      // worker's shard; the supervisor's approval of the second worker's visit (same month, town, kind) must not wait.
      String supervisor = api.login("chunhui-sw", "supervisor", Api.DEMO_PASSWORD);
      try (Connection held = Api.asApplicationIn(orgId)) {
        try (PreparedStatement approve = held.prepareStatement("update service_record set status = 'APPROVED',"
            + " reviewed_by = (select id from app_user where username = 'supervisor'), reviewed_at = now(),"
            + " updated_at = now() where id = ? and status = 'SUBMITTED'")) {
          approve.setObject(1, model);
          assertEquals(1, approve.executeUpdate());
        }
        Api.Reply reviewed = answeredMeanwhile(() -> api.post(SERVICES + "/review", supervisor,
            "{\"action\":\"APPROVE\",\"ids\":[\"" + secondRecord + "\"]}"),
            "the approval of the second worker's visit waited for the first one's");
        assertEquals(200, reviewed.status(), reviewed.body());
        assertEquals(0, reviewed.json().getInt("refused"), reviewed.body());
        held.commit();
      }
      assertSummariesExact(db, orgId, deliverable, 1, 2);
      assertEquals(2, count(db, "select count(distinct m.shard) from report_monthly m, (select distinct tenant_id,"
          + " bureau_id, report_month(day) as month, town_code, kind from report_daily where deliverable_id = ?) d"
          + " where (m.tenant_id, m.bureau_id, m.month, m.town_code, m.kind) = (d.tenant_id, d.bureau_id, d.month,"
          + " d.town_code, d.kind) and m.approved_records > 0 and m.shard in (" + firstShard + ", " + shard(db, second)
          + ")", deliverable), "each approval is rolled up in its worker's shard");
      assertTrue(count(db, "select count(*) from report_daily where deliverable_id = ? and pending_records < 0",
          deliverable) >= 1, "an approval after the rebuild left a negative pending count in a worker's shard");
      var progress = api.get("api/v1/reports/projects/" + project + "/progress", officer);
      assertEquals(200, progress.status(), progress.body());
      JsonObject figures = progress.json().getJsonArray("deliverables").getJsonObject(0);
      assertEquals(2, figures.getJsonNumber("approved").longValue(), progress.body());
      assertEquals(1, figures.getJsonNumber("submittedNotApproved").longValue(), progress.body());
    }
  }

  /**
   * The deliverable's summaries, summed over their shards, hold what its raw records say: per day, town and kind
   * (report_daily) and in total (report_deliverable_tally), each record with its one participant.
   */
  /**
   * The request's answer, sent from another thread while the caller's transaction still holds its rows: answered
   * within two minutes, or the request waited for that transaction.
   */
  private static Api.Reply answeredMeanwhile(Supplier<Api.Reply> request, String waited) throws Exception {
    try {
      return CompletableFuture.supplyAsync(request).get(120, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError(waited, e);
    }
  }

  private static void assertSummariesExact(Connection db, String tenant, String deliverable, long pending, long approved)
      throws SQLException {
    String raw = text(db, "select count(*) filter (where status = 'SUBMITTED') || ' '"
        + " || count(*) filter (where status = 'APPROVED') from service_record where deliverable_id = ?", deliverable);
    assertEquals(pending + " " + approved, raw, "the raw records");
    assertEquals(raw + " " + raw, text(db, "select sum(pending_records) || ' ' || sum(approved_records) || ' '"
        + " || sum(pending_attendances) || ' ' || sum(approved_attendances) from report_daily where deliverable_id = ?"
        + " group by day, town_code, kind", deliverable), "report_daily summed over its shards");
    assertEquals(raw + " " + raw, text(db, "select sum(pending_records) || ' ' || sum(approved_records) || ' '"
        + " || sum(pending_attendances) || ' ' || sum(approved_attendances) from report_deliverable_tally"
        + " where deliverable_id = ?", deliverable), "report_deliverable_tally summed over its shards");
    assertEquals(tenant, text(db, "select distinct tenant_id::text from report_daily where deliverable_id = ?", deliverable));
    // The monthly roll-up (V230) has no deliverable: its line of the deliverable's month, town and kind holds every
    // approved record of the organization and bureau there (this run's other classes' too), summed over its shards.
    String[] monthly = text(db, "with d as (select distinct tenant_id, bureau_id, report_month(day) as month, town_code,"
        + " kind from report_daily where deliverable_id = ?) select (select count(*) || ' ' || coalesce(sum(n.people), 0)"
        + " from service_record r join project p on p.tenant_id = r.tenant_id and p.id = r.project_id"
        + " cross join lateral (select count(*) as people from service_participant sp where sp.tenant_id = r.tenant_id"
        + " and sp.record_id = r.id and sp.removed_at is null) n where r.status = 'APPROVED' and r.tenant_id = d.tenant_id"
        + " and p.bureau_id = d.bureau_id and report_month(report_day(r.started_at)) = d.month"
        + " and left(r.place_code, 9) = d.town_code and r.kind = d.kind)"
        + " || '|' || (select coalesce(sum(m.approved_records), 0) || ' ' || coalesce(sum(m.approved_attendances), 0)"
        + " from report_monthly m where (m.tenant_id, m.bureau_id, m.month, m.town_code, m.kind)"
        + " = (d.tenant_id, d.bureau_id, d.month, d.town_code, d.kind)) from d", deliverable).split("\\|");
    assertEquals(monthly[0], monthly[1], "report_monthly summed over its shards");
  }

  private static int shard(Connection db, String token) throws Exception {
    return (int) count(db, "select report_shard(?::uuid)", SignedJWT.parse(token).getJWTClaimsSet().getSubject());
  }

  private static long count(Connection db, String sql, String parameter) throws SQLException {
    return Long.parseLong(text(db, sql, parameter));
  }

  private static String text(Connection db, String sql, String parameter) throws SQLException {
    try (PreparedStatement s = db.prepareStatement(sql)) {
      s.setObject(1, UUID.fromString(parameter));
      try (ResultSet rs = s.executeQuery()) {
        assertTrue(rs.next(), sql);
        String value = rs.getString(1);
        assertTrue(!rs.next(), "one row: " + sql);
        return value;
      }
    }
  }

  /** Posts {@link #POSTS} visits from {@code from}, an hour apart, and answers each table's counters per POST. */
  private Map<String, Cost> measure(
      Connection db, Api api, String worker, String project, String deliverable, String child, ZonedDateTime from)
      throws Exception {
    Map<String, double[]> before = counters(db);
    for (int i = 0; i < POSTS; i++) {
      var r = post(api, worker, project, deliverable, child, from.plusHours(i));
      assertEquals(201, r.status(), r.body());
    }
    Map<String, double[]> after = counters(db);
    Map<String, Cost> cost = new LinkedHashMap<>();
    double[] all = new double[4];
    for (var e : after.entrySet()) {
      double[] was = before.getOrDefault(e.getKey(), new double[4]);
      double[] d = new double[4];
      for (int k = 0; k < 4; k++) {
        d[k] = (e.getValue()[k] - was[k]) / POSTS;
        all[k] += d[k];
      }
      if (d[0] + d[1] + d[2] + d[3] > 0) {
        System.out.printf("WRITE PATH TABLE %-28s seq_scan %5.1f seq_tup_read %7.1f idx_scan %5.1f idx_tup_fetch %7.1f%n",
            e.getKey(), d[0], d[1], d[2], d[3]);
      }
      if (e.getKey().equals("service_record") || e.getKey().equals("service_participant")) {
        cost.put(e.getKey(), new Cost(d[0], d[1], d[2], d[3]));
      }
    }
    cost.put("all tables", new Cost(all[0], all[1], all[2], all[3]));
    return cost;
  }

  /**
   * Every user table's seq_scan, seq_tup_read, idx_scan, idx_tup_fetch, once the server's backends have reported:
   * PostgreSQL 15 flushes a backend's counters at most once a second, and an idle one's within ten.
   */
  private static Map<String, double[]> counters(Connection db) throws Exception {
    Thread.sleep(11_500);
    Map<String, double[]> m = new LinkedHashMap<>();
    try (Statement s = db.createStatement();
        ResultSet rs = s.executeQuery("select relname, seq_scan, seq_tup_read, coalesce(idx_scan, 0),"
            + " coalesce(idx_tup_fetch, 0) from pg_stat_user_tables where schemaname = 'public'")) {
      while (rs.next()) {
        m.put(rs.getString(1), new double[] {rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)});
      }
    }
    return m;
  }

  /**
   * Records {@code from}..{@code to} of the bulk (DRAFT home visits of the first visit's worker, project and place,
   * each serving the child), then ANALYZE so the planner knows the table's new size.
   */
  private static void bulk(Connection db, UUID model, String child, OffsetDateTime start, int from, int to)
      throws SQLException {
    try (PreparedStatement records = db.prepareStatement(
            "insert into service_record (tenant_id, id, project_id, deliverable_id, kind, worker_id, started_at,"
                + " ended_at, place_code, status, flags, present, risk_after, created_by, created_at, updated_at)"
                + " select r.tenant_id, gen_random_uuid(), r.project_id, r.deliverable_id, r.kind, r.worker_id,"
                + " ?::timestamptz - g * interval '37 minutes', ?::timestamptz - g * interval '37 minutes'"
                + " + interval '30 minutes', r.place_code, 'DRAFT', '', r.present, r.risk_after, r.worker_id, now(),"
                + " now() from service_record r, generate_series(?, ?) g where r.id = ?");
        PreparedStatement people = db.prepareStatement(
            "insert into service_participant (tenant_id, record_id, beneficiary_id)"
                + " select r.tenant_id, r.id, ?::uuid from service_record r where r.worker_id = ("
                + " select worker_id from service_record where id = ?) and not exists (select 1 from"
                + " service_participant p where p.tenant_id = r.tenant_id and p.record_id = r.id)")) {
      records.setObject(1, start);
      records.setObject(2, start);
      records.setInt(3, from);
      records.setInt(4, to - 1);
      records.setObject(5, model);
      assertEquals(to - from, records.executeUpdate());
      people.setString(1, child);
      people.setObject(2, model);
      assertEquals(to - from, people.executeUpdate());
    }
    try (Statement s = db.createStatement()) {
      s.execute("analyze service_record");
      s.execute("analyze service_participant");
    }
  }

  private static Api.Reply post(
      Api api, String worker, String project, String deliverable, String child, ZonedDateTime start) {
    String body = "{\"projectId\":\"" + project + "\",\"deliverableId\":\"" + deliverable + "\","
        + "\"startedAt\":\"" + start.toOffsetDateTime() + "\",\"endedAt\":\"" + start.plusMinutes(45).toOffsetDateTime()
        + "\",\"placeCode\":\"429006104201\",\"participants\":[\"" + child + "\"],"
        + "\"homeVisit\":{\"present\":\"GUARDIAN\",\"riskAfter\":\"LOW\",\"findings\":["
        + "{\"area\":\"LIVING_CONDITIONS\",\"rating\":3},{\"area\":\"SAFETY\",\"rating\":4},"
        + "{\"area\":\"SCHOOLING\",\"rating\":4},{\"area\":\"HEALTH\",\"rating\":5},"
        + "{\"area\":\"GUARDIANSHIP\",\"rating\":3}]},\"submit\":true}";
    return api.request("POST", SERVICES).bearer(worker).header("Idempotency-Key", UUID.randomUUID().toString())
        .json(body).send();
  }

  private static JsonObject project(Api api, String officer, String orgId) {
    LocalDate today = LocalDate.now(CHINA);
    var created = api.post("api/v1/projects", officer, "{\"contractNumber\":\"COST-"
        + ThreadLocalRandom.current().nextInt(1_000_000) + "\",\"title\":\"多宝镇留守儿童关爱\",\"organizationId\":\""
        + orgId + "\",\"budget\":100000,\"periodStart\":\"" + today.minusMonths(6) + "\",\"periodEnd\":\""
        + today.plusMonths(6) + "\",\"coveredTowns\":[\"429006104\"],\"targetGroups\":[\"LEFT_BEHIND_CHILD\"],"
        + "\"deliverables\":[{\"kind\":\"HOME_VISIT\",\"unit\":\"VISIT\",\"target\":100}],\"lockDays\":90}");
    assertEquals(201, created.status(), created.body());
    assertEquals(200, api.post("api/v1/projects/" + created.json().getString("id") + "/activate", officer, "").status());
    return created.json();
  }

  private static Connection superuser() throws SQLException {
    return DriverManager.getConnection(
        "jdbc:postgresql://127.0.0.1:" + System.getProperty("shouhu.it.db.port") + "/shouhu", "postgres", "");
  }
}
