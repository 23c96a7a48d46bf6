package org.shouhu.tools;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The reporting benchmark of docs/performance.md — a tool, not a test (nothing runs it in the build). The data
 * comes from {@link ProvinceDataSet}; this measures, against the running application and its database:
 *
 * <pre>java -cp … org.shouhu.tools.ReportBenchmark BASE_URL JDBC_URL [N] [BUREAU_SLUG]</pre>
 *
 * p50/p95 over N requests (default 200) of the bureau's portfolio, one of its projects' progress, and its coverage,
 * services and quality reports over the last 90 days through HTTP, next to the plain SQL aggregate over the raw
 * service records that the same figures would need (as the superuser, so nothing but the query itself is timed). The bureau's officer logs in with {@code -Dbench.password}.
 *
 * <p>Next to each figure, the drill-down lists it opens to (#13), with the parameters the screens send: a project's
 * approved records of a deliverable (first and last page) after the portfolio, each quality signal of one
 * organization after {@code /quality}, a town's and a month's records after {@code /services}, and the four people
 * lists (all towns and one town) after {@code /coverage}. Every row carries the 1-minute load average when it was
 * taken, since the machine is shared. {@code -Dbench.raw=false} skips the raw SQL rows (to re-measure the lists
 * alone after a change); {@code -Dbench.warmup=K} sets the warm-up runs of each measurement (default N/2, at least
 * 20), to spare a loaded machine once the server is warm.
 */
public final class ReportBenchmark {

  static final String PASSWORD = System.getProperty("bench.password", "Bench-pass-2026");
  static final String SUPERUSER = System.getProperty("bench.user", "postgres");
  static final boolean RAW = Boolean.parseBoolean(System.getProperty("bench.raw", "true"));
  /** Warm-up runs before each measurement; default N/2 (at least 20). */
  static final Integer WARM_UP = Integer.getInteger("bench.warmup");
  /** {@code -Dbench.start=coverage|services|quality} resumes at that figure (after {@code /me}), skipping the earlier. */
  static final int START = List.of("portfolio", "coverage", "services", "quality").indexOf(System.getProperty("bench.start", "portfolio"));
  /**
   * {@code -Dbench.paired=true}: coverage and services each timed interleaved with their raw SQL aggregate
   * ({@code -Dbench.rawruns}, default 50, raw runs spread over the N requests) and printed with the ratio, instead of
   * the raw aggregates at the end of the run (issue #15).
   */
  static final boolean PAIRED = Boolean.parseBoolean(System.getProperty("bench.paired", "false"));
  static final int RAW_RUNS = Integer.getInteger("bench.rawruns", 50);
  /** The drill-down screens' page size (js/screens/drill.js). */
  static final int PAGE = 50;

  private ReportBenchmark() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      System.err.println("usage: ReportBenchmark BASE_URL JDBC_URL [N] [BUREAU_SLUG]");
      System.exit(2);
    }
    measure(args[0], args[1], args.length > 2 ? Integer.parseInt(args[2]) : 200, args.length > 3 ? args[3] : "bench-b-001");
  }

  static void measure(String base, String url, int n, String bureauSlug) throws Exception {
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    String root = base.endsWith("/") ? base : base + "/";
    HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(root + "api/v1/auth/token"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"tenant\":\"" + bureauSlug + "\",\"username\":\"officer\",\"password\":\""
            + PASSWORD + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
    Matcher token = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"").matcher(login.body());
    if (!token.find()) {
      throw new IllegalStateException("login refused: " + login.body());
    }
    String bearer = "Bearer " + token.group(1);
    String project;
    String bureau;
    String organization;
    String deliverable;
    String projectPeriod;
    String town;
    try (Connection c = DriverManager.getConnection(url, SUPERUSER, "")) {
      bureau = strings(c, "select id::text from tenant where slug = '" + bureauSlug.replace("'", "") + "'").get(0);
      project = strings(c, "select id::text from project where bureau_id = '" + bureau + "' order by id limit 1").get(0);
      organization = strings(c, "select tenant_id::text from project where id = '" + project + "'").get(0);
      // The deliverable with the most records (home visits): the portfolio's largest figure of one project.
      deliverable = strings(c, "select id::text from deliverable where project_id = '" + project + "'"
          + " order by service_kind = 'HOME_VISIT' desc, position limit 1").get(0);
      projectPeriod = strings(c, "select 'from=' || period_start || '&to=' || period_end from project where id = '" + project + "'").get(0);
      // The bureau's busiest town, whose services row is the largest list of its kind.
      town = strings(c, "select town_code from report_record where bureau_id = '" + bureau + "' and town_code is not null"
          + " group by 1 order by count(*) desc limit 1").get(0);
    }
    String api = root + "api/v1/";
    // The floor every authenticated request pays (token check, caller standing, one user row).
    report("GET /me", time(n, () -> get(http, api + "me", bearer)));
    if (START <= 0) {
      report("GET /reports/bureau/projects", time(n, () -> get(http, api + "reports/bureau/projects", bearer)));
      // The list behind a deliverable's approved figure (projects.js, project.js): first page, and the last page,
      // the deepest offset the pager reaches.
      String approved = "reports/bureau/records?project=" + project + "&deliverable=" + deliverable + "&status=APPROVED&"
          + projectPeriod + "&limit=" + PAGE + "&offset=";
      long approvedTotal = total(get(http, api + approved + 0, bearer));
      long lastPage = Math.max(0, (approvedTotal - 1) / PAGE * PAGE);
      report("  list: project's approved records, p.1", time(n, () -> get(http, api + approved + 0, bearer)), approvedTotal);
      report("  list: same, last page (offset " + lastPage + ")", time(n, () -> get(http, api + approved + lastPage, bearer)),
          approvedTotal);
      report("GET /reports/projects/{id}/progress",
          time(n, () -> get(http, root + "api/v1/reports/projects/" + project + "/progress", bearer)));
    }
    if (RAW && START <= 0) try (Connection c = DriverManager.getConnection(url, SUPERUSER, "")) {
      // What the reports would have to compute without summaries, written as well as plain SQL allows: per
      // deliverable approved and pending records, approved attendances (people present) and the last 30 days,
      // reading the records through service_record_by_project and each record's participants by primary key.
      String raw = "select r.deliverable_id, count(*) filter (where r.status = 'APPROVED'),"
          + " count(*) filter (where r.status = 'SUBMITTED'),"
          + " count(*) filter (where r.status = 'APPROVED' and r.started_at >= now() - interval '30 days'),"
          + " sum(pc.n) filter (where r.status = 'APPROVED')"
          + " from service_record r cross join lateral (select count(*) n from service_participant sp"
          + " where sp.tenant_id = r.tenant_id and sp.record_id = r.id and sp.removed_at is null) pc"
          + " where (r.tenant_id, r.project_id) in (select p.tenant_id, p.id from project p where %s)"
          + " group by r.deliverable_id";
      String rawBureau = raw.formatted("p.bureau_id = '" + bureau + "'");
      report("raw aggregate for the portfolio (SQL)", time(Math.min(n, 50), () -> strings(c, rawBureau)));
      String rawProject = raw.formatted("p.id = '" + project + "'");
      report("raw aggregate for one project (SQL)", time(n, () -> strings(c, rawProject)));
      // The same project with what the progress report also draws: approved quantity per service day (the
      // weekly and monthly series are cumulated from it).
      String rawSeries = "select r.deliverable_id, (r.started_at at time zone 'Asia/Shanghai')::date, count(*)"
          + " from service_record r where r.tenant_id = (select tenant_id from project where id = '" + project + "')"
          + " and r.project_id = '" + project + "' and r.status = 'APPROVED' group by 1, 2";
      report("raw project aggregate + daily series (SQL)", time(n, () -> {
        strings(c, rawProject);
        strings(c, rawSeries);
      }));
    }
    // Coverage, services and quality over the last 90 days: the summaries through HTTP, the raw tables in SQL.
    String period = "?from=" + java.time.LocalDate.now().minusDays(89) + "&to=" + java.time.LocalDate.now();
    String projects = "(select p.tenant_id, p.id from project p where p.bureau_id = '" + bureau + "')";
    String from = "now() - interval '90 days'";
    String rawCoverage = "with people as (select b.tenant_id, b.id, left(b.village_code, 9) as town, b.categories"
        + " from enrolment e join beneficiary b on b.tenant_id = e.tenant_id and b.id = e.beneficiary_id"
        + " where (e.tenant_id, e.project_id) in " + projects + " and e.status = 'ACTIVE' and b.status = 'ACTIVE'"
        + " group by b.tenant_id, b.id), seen as (select sp.tenant_id, sp.beneficiary_id,"
        + " max(r.started_at) filter (where r.kind = 'HOME_VISIT') as last_visit, bool_or(r.started_at >= " + from + ") as served"
        + " from service_record r join service_participant sp on sp.tenant_id = r.tenant_id and sp.record_id = r.id"
        + " and sp.removed_at is null where (r.tenant_id, r.project_id) in " + projects + " and r.status = 'APPROVED'"
        + " group by 1, 2) select p.town, c.category, count(*), count(*) filter (where s.served),"
        + " count(*) filter (where c.category = 'CHILD_IN_DIFFICULTY' and (s.last_visit is null"
        + " or s.last_visit < now() - interval '30 days')) from people p"
        + " cross join lateral unnest(string_to_array(p.categories, ',')) as c(category)"
        + " left join seen s on s.tenant_id = p.tenant_id and s.beneficiary_id = p.id group by 1, 2";
    String rawServices = "select to_char(r.started_at at time zone 'Asia/Shanghai', 'YYYY-MM'), r.kind,"
        + " left(r.place_code, 9), r.tenant_id, count(*), sum(pc.n) from service_record r"
        + " cross join lateral (select count(*) n from service_participant sp where sp.tenant_id = r.tenant_id"
        + " and sp.record_id = r.id and sp.removed_at is null) pc"
        + " where (r.tenant_id, r.project_id) in " + projects + " and r.status = 'APPROVED'"
        + " and r.started_at >= " + from + " group by 1, 2, 3, 4";
    if (START <= 1) {
      if (PAIRED) {
        paired("GET /reports/bureau/coverage", "raw coverage aggregate (SQL)", n, url,
            () -> get(http, api + "reports/bureau/coverage" + period, bearer), c -> strings(c, rawCoverage));
      } else {
        report("GET /reports/bureau/coverage", time(n, () -> get(http, api + "reports/bureau/coverage" + period, bearer)));
      }
      // The summary's four figures open to the bureau's people (all towns); a town's row to that town's.
      for (String where : new String[] {"", "&town=" + town}) {
        for (String state : new String[] {"registered", "served", "unvisited30", "unvisited90"}) {
          String people = "reports/bureau/people" + period + where + "&state=" + state + "&offset=0&limit=" + PAGE;
          long peopleTotal = total(get(http, api + people, bearer));
          report("  list: people " + state + (where.isEmpty() ? ", all towns" : ", one town"),
              time(n, () -> get(http, api + people, bearer)), peopleTotal);
          if (where.isEmpty() && state.equals("served")) {
            // The deepest page the pager reaches: a range of the list's index as long as the list.
            long last = Math.max(0, (peopleTotal - 1) / PAGE * PAGE);
            String deepest = people.replace("&offset=0&", "&offset=" + last + "&");
            report("  list: same, last page (offset " + last + ")", time(n, () -> get(http, api + deepest, bearer)), peopleTotal);
          }
        }
      }
    }
    if (START <= 2) {
      if (PAIRED) {
        paired("GET /reports/bureau/services", "raw services aggregate (SQL)", n, url,
            () -> get(http, api + "reports/bureau/services" + period, bearer), c -> strings(c, rawServices));
      } else {
        report("GET /reports/bureau/services", time(n, () -> get(http, api + "reports/bureau/services" + period, bearer)));
      }
      // The services screen's rows by town and by month open to their records; a town in a month narrows both.
      String month = java.time.YearMonth.now().minusMonths(1).toString();
      for (String[] list : new String[][] {{"a town's records", "&town=" + town}, {"a month's records", "&month=" + month},
          {"a town's records in a month", "&town=" + town + "&month=" + month}}) {
        String records = "reports/bureau/records" + period + list[1] + "&offset=0&limit=" + PAGE;
        report("  list: " + list[0], time(n, () -> get(http, api + records, bearer)), total(get(http, api + records, bearer)));
      }
    }
    report("GET /reports/bureau/quality", time(n, () -> get(http, api + "reports/bureau/quality" + period, bearer)));
    // Each signal of one organization (quality.js: its row's cells, over the report's period).
    for (String signal : new String[] {"LATE_ENTRY", "SAME_DAY_REPEAT", "DOUBLE_BOOKED", "RETURNED", "APPROVED_VOID",
        "MISSING_EVIDENCE"}) {
      String records = "reports/bureau/records" + period + "&signal=" + signal + "&org=" + organization + "&offset=0&limit=" + PAGE;
      report("  list: " + signal + " of one org", time(n, () -> get(http, api + records, bearer)),
          total(get(http, api + records, bearer)));
    }
    if (RAW && !PAIRED) try (Connection c = DriverManager.getConnection(url, SUPERUSER, "")) {
      report("raw coverage aggregate (SQL)", time(Math.min(n, 20), () -> strings(c, rawCoverage)));
      report("raw services aggregate (SQL)", time(Math.min(n, 50), () -> strings(c, rawServices)));
    }
  }

  interface Work {
    void run() throws Exception;
  }

  interface RawWork {
    void run(Connection c) throws Exception;
  }

  /**
   * A figure through HTTP and the raw SQL aggregate of the same figure, interleaved (one raw run after every
   * n / raw-runs requests, after both warmed up), so both see the same load; prints both and their ratio at p50 and
   * p95 (issue #15: the figure at least 5x faster than the raw aggregate).
   */
  private static void paired(String what, String rawWhat, int n, String url, Work figure, RawWork raw) throws Exception {
    int rawRuns = Math.min(n, RAW_RUNS);
    long[] ms = new long[n];
    long[] rawMs = new long[rawRuns];
    try (Connection c = DriverManager.getConnection(url, SUPERUSER, "")) {
      for (int i = 0; i < (WARM_UP != null ? WARM_UP : Math.max(20, n / 2)); i++) {
        figure.run();
      }
      for (int i = 0; i < Math.max(3, rawRuns / 10); i++) {
        raw.run(c);
      }
      int every = Math.max(1, n / rawRuns);
      int r = 0;
      for (int i = 0; i < n; i++) {
        long t = System.nanoTime();
        figure.run();
        ms[i] = (System.nanoTime() - t) / 1_000;
        if (i % every == 0 && r < rawRuns) {
          t = System.nanoTime();
          raw.run(c);
          rawMs[r++] = (System.nanoTime() - t) / 1_000;
        }
      }
      rawMs = Arrays.copyOf(rawMs, r);
    }
    Arrays.sort(ms);
    Arrays.sort(rawMs);
    report(what, ms);
    report(rawWhat, rawMs);
    System.out.printf("%-46s p50 %.1fx  p95 %.1fx%n", "  raw / figure", (double) p(rawMs, 0.5) / p(ms, 0.5),
        (double) p(rawMs, 0.95) / p(ms, 0.95));
  }

  private static long p(long[] sorted, double q) {
    return q == 0.5 ? sorted[sorted.length / 2] : sorted[(int) Math.ceil(sorted.length * q) - 1];
  }

  /**
   * Times n runs after a warm-up of n/2 runs (at least 20): a server timed right after its start measures the JIT
   * compiling the request path, not the request.
   */
  private static long[] time(int n, Work work) throws Exception {
    for (int i = 0; i < (WARM_UP != null ? WARM_UP : Math.max(20, n / 2)); i++) {
      work.run();
    }
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
    report(what, micros, -1);
  }

  /** One row, with the list's total when it is one, and the load average right after it was timed. */
  private static void report(String what, long[] micros, long total) {
    System.out.printf("%-46s n=%d p50=%.1f ms p95=%.1f ms%s  load %s%n", what, micros.length,
        p(micros, 0.5) / 1000.0, p(micros, 0.95) / 1000.0,
        total < 0 ? "" : "  total=" + total, load());
  }

  private static String load() {
    try {
      String[] l = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ");
      return l[0] + " " + l[1] + " " + l[2];
    } catch (java.io.IOException | RuntimeException e) {
      return "?";
    }
  }

  private static long total(String body) {
    Matcher m = Pattern.compile("\"total\"\\s*:\\s*(\\d+)").matcher(body);
    if (!m.find()) {
      throw new IllegalStateException("no total in " + body);
    }
    return Long.parseLong(m.group(1));
  }

  private static String get(HttpClient http, String url, String bearer) throws Exception {
    HttpResponse<String> r;
    try {
      r = http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", bearer).build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (java.io.IOException e) {
      // Under heavy load the server has closed the shared HTTP/2 connection mid-run; one retry (timed with the
      // failure) keeps a long run going.
      r = http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", bearer).build(),
        HttpResponse.BodyHandlers.ofString());
    }
    if (r.statusCode() != 200) {
      throw new IllegalStateException(url + " answered " + r.statusCode() + ": " + r.body());
    }
    return r.body();
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
