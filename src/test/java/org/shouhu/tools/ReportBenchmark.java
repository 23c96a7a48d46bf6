package org.shouhu.tools;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.shouhu.identity.control.PasswordHasher;

/**
 * The reporting benchmark of docs/performance.md — a tool, not a test (nothing runs it in the build).
 *
 * <pre>
 * generate JDBC_URL [SCALE]   province-scale data straight into the database, as the embedded superuser
 * measure  BASE_URL JDBC_URL [N]   p50/p95 of the reports over HTTP next to the raw SQL aggregate
 * </pre>
 *
 * <p>At scale 1: 2,000 organizations, 200 bureaus (each funding 10 of their projects), 2,000,000 beneficiaries
 * (1,000 per organization, all enrolled), 10,000,000 service records (5,000 per organization in 2026: 80% APPROVED,
 * 10% SUBMITTED, 5% RETURNED, 5% VOIDED; one in ten a group session, the rest home visits; one in 33 a late
 * entry). A smaller scale keeps the per-organization volumes and takes fewer organizations (0.001: 2 and 1).
 * Rows go in set-based through generate_series with triggers off ({@code session_replication_role = replica},
 * superuser only), then each organization's summaries are rebuilt once with {@code report_rebuild_all()}. Ids are
 * md5-derived, so a rerun adds nothing twice. Every bureau has an officer {@code officer} and every organization a
 * worker {@code worker}, with the password given in {@code -Dbench.password} (default Bench-Officer-2026).
 */
public final class ReportBenchmark {

  static final int ORGANIZATIONS = 2_000;
  static final int BUREAUS = 200;
  static final int BENEFICIARIES_PER_ORG = 1_000;
  static final int RECORDS_PER_ORG = 5_000;
  static final String PASSWORD = System.getProperty("bench.password", "Bench-Officer-2026");
  static final String SUPERUSER = System.getProperty("bench.user", "postgres");

  private ReportBenchmark() {}

  public static void main(String[] args) throws Exception {
    if (args.length >= 2 && args[0].equals("generate")) {
      generate(args[1], args.length > 2 ? Double.parseDouble(args[2]) : 1.0);
    } else if (args.length >= 3 && args[0].equals("measure")) {
      measure(args[1], args[2], args.length > 3 ? Integer.parseInt(args[3]) : 200);
    } else {
      System.err.println("usage: generate JDBC_URL [SCALE] | measure BASE_URL JDBC_URL [N]");
      System.exit(2);
    }
  }

  static void generate(String url, double scale) throws SQLException {
    int orgs = Math.max(1, (int) Math.round(ORGANIZATIONS * scale));
    int bureaus = Math.max(1, (int) Math.round(BUREAUS * scale));
    String hash = new PasswordHasher().hash(PASSWORD);
    long began = System.nanoTime();
    try (Connection c = DriverManager.getConnection(url, SUPERUSER, "")) {
      c.setAutoCommit(true);
      List<String> towns = strings(c, "select code from region where level = 'TOWN' and code like '429006%' order by code");
      if (towns.isEmpty()) {
        throw new IllegalStateException("no towns of 429006 in region: start the application once first");
      }
      String townArray = "array['" + String.join("','", towns) + "']";
      String townSet = String.join(",", towns);
      execute(c, "set session_replication_role = replica");
      execute(c, "insert into tenant (id, slug, display_name, kind, status, time_zone, division_code, created_at, updated_at)"
          + " select md5('bench-mzj-' || b)::uuid, 'bench-mzj-' || lpad(b::text, 3, '0'), '基准民政局 ' || b, 'BUREAU',"
          + " 'ACTIVE', 'Asia/Shanghai', '429006', now(), now() from generate_series(1, " + bureaus + ") b"
          + " on conflict do nothing");
      users(c, "bench-mzj-", bureaus, "officer", "BUREAU_OFFICER", hash);
      execute(c, "insert into tenant (id, slug, display_name, kind, status, time_zone, credit_code, created_at, updated_at)"
          + " select md5('bench-org-' || o)::uuid, 'bench-org-' || lpad(o::text, 4, '0'), '基准社工机构 ' || o,"
          + " 'ORGANIZATION', 'ACTIVE', 'Asia/Shanghai', '52429006' || lpad(o::text, 10, '0'), now(), now()"
          + " from generate_series(1, " + orgs + ") o on conflict do nothing");
      users(c, "bench-org-", orgs, "worker", "SOCIAL_WORKER", hash);
      execute(c, "insert into project (tenant_id, id, bureau_id, contract_number, title, budget, period_start, period_end,"
          + " covered_towns, target_groups, lock_days, status, created_at, updated_at)"
          + " select md5('bench-org-' || o)::uuid, md5('bench-project-' || o)::uuid,"
          + " md5('bench-mzj-' || ((o - 1) % " + bureaus + " + 1))::uuid, 'BENCH-' || o, '基准项目 ' || o, 500000,"
          + " date '2026-01-01', date '2026-12-31', '" + townSet + "', 'CHILD_IN_DIFFICULTY,LEFT_BEHIND_CHILD', 10,"
          + " 'ACTIVE', now(), now() from generate_series(1, " + orgs + ") o on conflict do nothing");
      execute(c, "insert into deliverable (tenant_id, id, project_id, bureau_id, position, service_kind, unit, target_quantity)"
          + " select md5('bench-org-' || o)::uuid, md5('bench-d' || k || '-' || o)::uuid, md5('bench-project-' || o)::uuid,"
          + " md5('bench-mzj-' || ((o - 1) % " + bureaus + " + 1))::uuid, k,"
          + " case k when 1 then 'HOME_VISIT' else 'GROUP_SESSION' end, case k when 1 then 'VISIT' else 'SESSION' end,"
          + " case k when 1 then 5000 else 600 end"
          + " from generate_series(1, " + orgs + ") o cross join generate_series(1, 2) k on conflict do nothing");
      for (int o = 1; o <= orgs; o++) {
        organization(c, o, townArray);
        if (o % 50 == 0 || o == orgs) {
          System.out.printf("%d of %d organizations loaded (%d s)%n", o, orgs, (System.nanoTime() - began) / 1_000_000_000);
        }
      }
      execute(c, "set session_replication_role = origin");
      for (int o = 1; o <= orgs; o++) {
        try (PreparedStatement s = c.prepareStatement(
            "select set_config('app.tenant_id', md5('bench-org-' || ?)::uuid::text, false), report_rebuild_all()")) {
          s.setInt(1, o);
          s.executeQuery().close();
        }
      }
      execute(c, "select set_config('app.tenant_id', '', false)");
      execute(c, "analyze");
    }
    System.out.printf("generated %d organizations, %d bureaus in %d s%n", orgs, bureaus,
        (System.nanoTime() - began) / 1_000_000_000);
  }

  private static void users(Connection c, String prefix, int count, String username, String role, String hash)
      throws SQLException {
    try (PreparedStatement s = c.prepareStatement("insert into app_user (tenant_id, id, username, display_name, roles,"
        + " password_hash, status, password_changed_at, created_at, updated_at)"
        + " select md5('" + prefix + "' || i)::uuid, md5('" + prefix + "' || i || '-" + username + "')::uuid, ?, ?, ?, ?,"
        + " 'ACTIVE', now(), now(), now() from generate_series(1, " + count + ") i on conflict do nothing")) {
      s.setString(1, username);
      s.setString(2, "基准" + username);
      s.setString(3, role);
      s.setString(4, hash);
      s.executeUpdate();
    }
  }

  /** One organization's beneficiaries, enrolments, records and participants, four set-based statements. */
  private static void organization(Connection c, int o, String towns) throws SQLException {
    String tenant = "md5('bench-org-" + o + "')::uuid";
    String worker = "md5('bench-org-" + o + "-worker')::uuid";
    String project = "md5('bench-project-" + o + "')::uuid";
    String person = "md5('bench-b-" + o + "-' || k)::uuid";
    execute(c, "insert into beneficiary (tenant_id, id, name, gender, birth_date, village_code, categories,"
        + " difficulty_type, consent_given_on, consent_given_by, consent_relationship, consent_method, status,"
        + " created_at, created_by, updated_at, updated_by)"
        + " select " + tenant + ", " + person + ","
        + " substr('张王李刘陈杨黄赵周吴', k % 10 + 1, 1) || substr('小大晓', k % 3 + 1, 1) || substr('明华军芳丽强伟静敏磊', k / 10 % 10 + 1, 1),"
        + " case when k % 2 = 0 then 'MALE' else 'FEMALE' end, date '2012-01-01' + k % 2500,"
        + " (" + towns + ")[k % array_length(" + towns + ", 1) + 1] || '201',"
        + " case when k % 5 = 0 then 'CHILD_IN_DIFFICULTY' else 'LEFT_BEHIND_CHILD' end,"
        + " case when k % 5 = 0 then 'LOW_INCOME' end, date '2025-09-01', '监护人', 'GRANDPARENT', 'WRITTEN', 'ACTIVE',"
        + " now(), " + worker + ", now(), " + worker
        + " from generate_series(0, " + (BENEFICIARIES_PER_ORG - 1) + ") k on conflict do nothing");
    execute(c, "insert into enrolment (tenant_id, id, project_id, beneficiary_id, enrolled_on, status, created_at, updated_at)"
        + " select " + tenant + ", md5('bench-e-" + o + "-' || k)::uuid, " + project + ", " + person + ","
        + " date '2026-01-01', 'ACTIVE', now(), now() from generate_series(0, " + (BENEFICIARIES_PER_ORG - 1) + ") k"
        + " on conflict do nothing");
    execute(c, "insert into service_record (tenant_id, id, project_id, deliverable_id, kind, worker_id, started_at, ended_at,"
        + " place_code, status, submitted_at, return_comment, void_reason, voided_at, flags, present, risk_after,"
        + " created_by, created_at, updated_at)"
        + " select " + tenant + ", md5('bench-r-" + o + "-' || j)::uuid, " + project + ","
        + " case when j % 10 = 0 then md5('bench-d2-" + o + "')::uuid else md5('bench-d1-" + o + "')::uuid end,"
        + " case when j % 10 = 0 then 'GROUP_SESSION' else 'HOME_VISIT' end, " + worker + ", s.at,"
        + " s.at + interval '50 minutes', (" + towns + ")[(j % " + BENEFICIARIES_PER_ORG + ") % array_length(" + towns
        + ", 1) + 1] || '201',"
        + " case when j % 20 in (0, 1) then 'SUBMITTED' when j % 20 = 2 then 'RETURNED' when j % 20 = 3 then 'VOIDED'"
        + " else 'APPROVED' end, s.at + interval '1 day',"
        + " case when j % 20 = 2 then '请补充' end, case when j % 20 = 3 then '重复录入' end,"
        + " case when j % 20 = 3 then now() end, case when j % 33 = 0 then 'LATE_ENTRY' else '' end,"
        + " case when j % 10 = 0 then null else 'GUARDIAN' end, case when j % 10 = 0 then null else 'LOW' end,"
        + " " + worker + ", now(), now()"
        + " from generate_series(1, " + RECORDS_PER_ORG + ") j"
        + " cross join lateral (select timestamptz '2026-01-01 08:00+08' + ((j * 37) % 320) * interval '1 day'"
        + " + (j % 9) * interval '1 hour' as at) s on conflict do nothing");
    execute(c, "insert into service_participant (tenant_id, record_id, beneficiary_id)"
        + " select " + tenant + ", md5('bench-r-" + o + "-' || j)::uuid, md5('bench-b-" + o + "-' || (j % "
        + BENEFICIARIES_PER_ORG + "))::uuid from generate_series(1, " + RECORDS_PER_ORG + ") j on conflict do nothing");
  }

  /**
   * Logs in as the first bench bureau's officer and times N requests of the portfolio and of one project's
   * progress, then N runs of the plain aggregate the portfolio would need over the raw tables (as the superuser:
   * the bureau cannot read service records), and prints p50/p95 of each in milliseconds.
   */
  static void measure(String base, String url, int n) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    String root = base.endsWith("/") ? base : base + "/";
    HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(root + "api/v1/auth/token"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"tenant\":\"bench-mzj-001\",\"username\":\"officer\",\"password\":\""
            + PASSWORD + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
    Matcher token = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"").matcher(login.body());
    if (!token.find()) {
      throw new IllegalStateException("login refused: " + login.body());
    }
    String bearer = "Bearer " + token.group(1);
    String project;
    String bureau;
    try (Connection c = DriverManager.getConnection(url, SUPERUSER, "")) {
      project = strings(c, "select md5('bench-project-1')::uuid::text").get(0);
      bureau = strings(c, "select md5('bench-mzj-1')::uuid::text").get(0);
    }
    report("GET /reports/bureau/projects", time(n, () -> get(http, root + "api/v1/reports/bureau/projects", bearer)));
    report("GET /reports/projects/{id}/progress",
        time(n, () -> get(http, root + "api/v1/reports/projects/" + project + "/progress", bearer)));
    try (Connection c = DriverManager.getConnection(url, SUPERUSER, "")) {
      String raw = "select r.deliverable_id, count(*) filter (where r.status = 'APPROVED'),"
          + " count(*) filter (where r.status = 'SUBMITTED'),"
          + " count(*) filter (where r.status = 'APPROVED' and r.started_at >= now() - interval '30 days')"
          + " from service_record r join project p on p.tenant_id = r.tenant_id and p.id = r.project_id"
          + " join service_participant sp on sp.tenant_id = r.tenant_id and sp.record_id = r.id and sp.removed_at is null"
          + " where p.bureau_id = '" + bureau + "' group by r.deliverable_id";
      report("raw aggregate for the portfolio (SQL)", time(Math.min(n, 50), () -> strings(c, raw)));
      String rawProject = raw.replace("p.bureau_id = '" + bureau + "'", "p.id = '" + project + "'");
      report("raw aggregate for one project (SQL)", time(n, () -> strings(c, rawProject)));
    }
  }

  interface Work {
    void run() throws Exception;
  }

  private static long[] time(int n, Work work) throws Exception {
    work.run();
    long[] ms = new long[n];
    for (int i = 0; i < n; i++) {
      long t = System.nanoTime();
      work.run();
      ms[i] = (System.nanoTime() - t) / 1_000;
    }
    Arrays.sort(ms);
    return ms;
  }

  private static void report(String what, long[] micros) {
    System.out.printf("%-40s n=%d p50=%.1f ms p95=%.1f ms%n", what, micros.length,
        micros[micros.length / 2] / 1000.0, micros[(int) Math.ceil(micros.length * 0.95) - 1] / 1000.0);
  }

  private static void get(HttpClient http, String url, String bearer) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", bearer).build(),
        HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException(url + " answered " + r.statusCode() + ": " + r.body());
    }
  }

  private static void execute(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  private static List<String> strings(Connection c, String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }
}
