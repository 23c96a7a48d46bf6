package org.shouhu.tools;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.shouhu.Api;

/**
 * How fast workers can log home visits (issue #15), next to what PostgreSQL itself does with a comparable row in the
 * same run: {@code clients} threads post submitted home visits through HTTP with a JWT and an Idempotency-Key each,
 * for {@code seconds}; then as many JDBC connections insert one row each per transaction into a copy of
 * service_record's columns and indexes, without triggers, for as long. Prints one line per figure:
 *
 * <pre>FIGURE &lt;name&gt; | shouhu &lt;value&gt; | raw &lt;value&gt; | ratio &lt;value&gt;</pre>
 *
 * <pre>
 * java -cp target/test-classes:target/classes:$(cat /tmp/cp.txt) org.shouhu.tools.WriteBenchmark \
 *   --url http://127.0.0.1:8080/ --jdbc jdbc:postgresql://127.0.0.1:54329/shouhu?user=postgres \
 *   --user chunhui-sw/admin --password … --seconds 30 --clients 32 \
 *   [--officer tianmen-mzj/officer --officer-password …] [--project ID]
 * </pre>
 *
 * {@code --user} is the organization's ORG_ADMIN (the tool then creates one worker per client, as real traffic comes
 * from many workers) or a SOCIAL_WORKER (every client logs as that one worker, whose writes the application
 * serializes: a worker cannot be in two places at once). Either registers and enrols one child per client. The
 * project is {@code --project}, else an ACTIVE project of the organization with a HOME_VISIT deliverable found
 * through {@code --jdbc}, else one the bureau officer ({@code --officer}) creates. {@code --jdbc} must be able to read
 * every tenant's rows and create a table (the embedded superuser {@code postgres} or the schema owner); the raw table
 * {@code bench_raw_visit} is dropped at the end. The load average is printed with the figures: the machine is shared.
 */
public final class WriteBenchmark {

  private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
  /** A visit's length, and the hour a worker's first visit of the day starts; one visit an hour after that. */
  private static final int VISIT_MINUTES = 45;
  private static final int FIRST_HOUR = 8;

  private final Map<String, String> opts;
  private final String url;
  private final Api api;
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();

  private WriteBenchmark(Map<String, String> opts) throws IOException {
    this.opts = opts;
    String u = required("url");
    this.url = u.endsWith("/") ? u : u + "/";
    this.api = new Api(new URL(url));
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> opts = new HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      if (!args[i].startsWith("--")) {
        usage();
      }
      opts.put(args[i].substring(2), args[i + 1]);
    }
    if (args.length % 2 != 0 || !opts.containsKey("url") || !opts.containsKey("jdbc") || !opts.containsKey("user")
        || !opts.containsKey("password")) {
      usage();
    }
    new WriteBenchmark(opts).run();
  }

  private static void usage() {
    System.err.println("usage: WriteBenchmark --url URL --jdbc JDBC_URL --user TENANT/USERNAME --password PW"
        + " [--seconds 30] [--clients 32] [--caseload 8] [--jdbc-user postgres] [--jdbc-password ''] [--project ID]"
        + " [--raw-seconds SECONDS (0: no raw reference)] [--app-pid PID --pg-pid POSTMASTER_PID (CPU per POST)]"
        + " [--rate POSTS_PER_SECOND (offered by all clients together; 0: each posts again at once)]"
        + " [--officer TENANT/USERNAME --officer-password PW]");
    System.exit(2);
  }

  /** One side's run: answered requests and the latency of each. */
  static final class Tally {
    final AtomicInteger done = new AtomicInteger();
    final Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();
    final List<Long> micros = Collections.synchronizedList(new ArrayList<>());

    void fail(String why) {
      failures.computeIfAbsent(why.length() > 160 ? why.substring(0, 160) : why, k -> new AtomicInteger()).incrementAndGet();
    }

    double pct(double p) {
      List<Long> l = new ArrayList<>(micros);
      Collections.sort(l);
      return l.isEmpty() ? 0 : l.get(Math.min(l.size() - 1, (int) (p * l.size()))) / 1000.0;
    }
  }

  /**
   * Where the clients log: the project, its deliverable, the day slots may go back to, one worker each and a caseload
   * of children per client ({@code children} holds client c's at c * caseload … c * caseload + caseload − 1).
   */
  record Fixture(String project, String deliverable, LocalDate earliest, List<String> tokens, List<String> children,
      int caseload) {}

  private void run() throws Exception {
    int seconds = Integer.parseInt(opts.getOrDefault("seconds", "30"));
    int clients = Integer.parseInt(opts.getOrDefault("clients", "32"));
    Fixture f = arrange(clients);
    long stored = count("select count(*) from service_record");
    System.out.printf("arranged: project %s, %d clients, %d service records stored, load %s%n", f.project(), clients,
        stored, load());

    Tally warm = new Tally();
    posts(f, Math.min(10, Math.max(3, seconds / 5)), warm);
    Tally shouhu = new Tally();
    String loadBefore = load();
    long postsFrom = System.nanoTime();
    LockSampler locks = new LockSampler();
    locks.start();
    Cpu cpu = new Cpu(opts.get("app-pid"), opts.get("pg-pid"));
    posts(f, seconds, shouhu);
    Cpu.Used postsCpu = cpu.used();
    locks.halt();
    double shouhuSeconds = (System.nanoTime() - postsFrom) / 1e9;
    String loadAfterPosts = load();

    int rawSecondsWanted = Integer.parseInt(opts.getOrDefault("raw-seconds", String.valueOf(seconds)));
    Tally raw = new Tally();
    long rawFrom = System.nanoTime();
    Cpu rawCpu = new Cpu(null, opts.get("pg-pid"));
    if (rawSecondsWanted > 0) {
      inserts(clients, rawSecondsWanted, raw);
    }
    Cpu.Used rawUsed = rawCpu.used();
    double rawSeconds = (System.nanoTime() - rawFrom) / 1e9;
    String loadAfterRaw = load();

    shouhu.failures.forEach((k, v) -> System.out.println("  shouhu failure x" + v + ": " + k));
    raw.failures.forEach((k, v) -> System.out.println("  raw failure x" + v + ": " + k));
    double shouhuRate = shouhu.done.get() / shouhuSeconds;
    double rawRate = raw.done.get() / rawSeconds;
    System.out.printf("clients %d, %d s each side, %d records stored before; load average %s (before), %s (after"
        + " posts), %s (after raw)%n", clients, seconds, stored, loadBefore, loadAfterPosts, loadAfterRaw);
    figure("write.rate_per_s", shouhuRate, rawRate, shouhuRate / rawRate);
    figure("write.p50_ms", shouhu.pct(0.50), raw.pct(0.50), shouhu.pct(0.50) / raw.pct(0.50));
    figure("write.p99_ms", shouhu.pct(0.99), raw.pct(0.99), shouhu.pct(0.99) / raw.pct(0.99));
    System.out.printf("lock waits while posting (mean backends waiting, %d samples): tenant audit chain %.2f,"
        + " worker %.2f, other %.2f%n", locks.samples, locks.mean(0), locks.mean(1), locks.mean(2));
    System.out.println("wait events while posting (mean backends of this database per sample, state: wait event):");
    locks.events().forEach(e -> System.out.println("  " + e));
    if (cpu.measures()) {
      // CPU a POST cost, wherever it ran: unlike the wall clock, this does not grow with the neighbours' load.
      int n = Math.max(1, shouhu.done.get());
      int r = Math.max(1, raw.done.get());
      System.out.printf("CPU while posting: application %.2f s, PostgreSQL %.2f s, for %d POSTs (wall %.1f s);"
          + " raw: PostgreSQL %.2f s for %d inserts%n", postsCpu.app(), postsCpu.pg(), shouhu.done.get(), shouhuSeconds,
          rawUsed.pg(), raw.done.get());
      double rawMs = raw.done.get() == 0 ? Double.NaN : rawUsed.pg() * 1000 / r;
      figure("write.cpu_ms_per_post", (postsCpu.app() + postsCpu.pg()) * 1000 / n, rawMs,
          (postsCpu.app() + postsCpu.pg()) * 1000 / n / rawMs);
      figure("write.app_cpu_ms_per_post", postsCpu.app() * 1000 / n, Double.NaN, Double.NaN);
      // The share of the application's CPU its JIT compilers took: large while the JVM is still warming up (#15,
      // session 12: a third of it after 4,000 POSTs), so a figure with a large one is not the steady state's.
      figure("write.app_jit_cpu_ms_per_post", postsCpu.jit() * 1000 / n, Double.NaN, Double.NaN);
      figure("write.pg_cpu_ms_per_post", postsCpu.pg() * 1000 / n, rawMs, postsCpu.pg() * 1000 / n / rawMs);
    }
    figure("write.failures", shouhu.failures.values().stream().mapToInt(AtomicInteger::get).sum(),
        raw.failures.values().stream().mapToInt(AtomicInteger::get).sum(), Double.NaN);
  }

  /**
   * CPU seconds used since construction by the application's JVM ({@code --app-pid}) and by the PostgreSQL server
   * ({@code --pg-pid}, the postmaster: itself, its reaped children and its live ones), read from /proc.
   */
  static final class Cpu {
    /** CPU seconds of the application's JVM, of PostgreSQL, and of the JVM's JIT compiler threads alone. */
    record Used(double app, double pg, double jit) {}

    private static final double TICKS = 100.0; // USER_HZ on Linux
    private final String appPid;
    private final String pgPid;
    private final double app0;
    private final double pg0;
    private final double jit0;

    Cpu(String appPid, String pgPid) {
      this.appPid = appPid;
      this.pgPid = pgPid;
      this.app0 = app();
      this.pg0 = pg();
      this.jit0 = jit();
    }

    boolean measures() {
      return appPid != null && pgPid != null;
    }

    Used used() {
      return new Used(app() - app0, pg() - pg0, jit() - jit0);
    }

    private double app() {
      return appPid == null ? 0 : ticks(appPid, false) / TICKS;
    }

    /** The JVM's compiler threads (HotSpot names them "C1 CompilerThre…" and "C2 CompilerThre…"). */
    private double jit() {
      if (appPid == null) {
        return 0;
      }
      double t = 0;
      try (var tasks = Files.list(Path.of("/proc", appPid, "task"))) {
        for (Path task : (Iterable<Path>) tasks::iterator) {
          try {
            if (Files.readString(task.resolve("comm")).matches("C[12] Compiler.*\\s*")) {
              t += ticks(appPid + "/task/" + task.getFileName(), false);
            }
          } catch (IOException e) {
            // the thread ended meanwhile
          }
        }
      } catch (IOException e) {
        return 0;
      }
      return t / TICKS;
    }

    private double pg() {
      if (pgPid == null) {
        return 0;
      }
      double t = ticks(pgPid, true);
      try (var procs = Files.list(Path.of("/proc"))) {
        for (Path p : (Iterable<Path>) procs::iterator) {
          String name = p.getFileName().toString();
          if (name.chars().allMatch(Character::isDigit) && pgPid.equals(field(name, 1))) {
            t += ticks(name, false);
          }
        }
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
      return t / TICKS;
    }

    /** Fields of /proc/pid/stat after the command's closing parenthesis: 0 state, 1 ppid, 11 utime, 12 stime… */
    private static String field(String pid, int i) {
      try {
        String stat = Files.readString(Path.of("/proc", pid, "stat"));
        return stat.substring(stat.lastIndexOf(')') + 2).split(" ")[i];
      } catch (IOException | RuntimeException e) {
        return null; // ended meanwhile
      }
    }

    private static double ticks(String pid, boolean withReapedChildren) {
      try {
        String[] f = Files.readString(Path.of("/proc", pid, "stat")).replaceFirst("^.*\\) ", "").split(" ");
        double t = Long.parseLong(f[11]) + Long.parseLong(f[12]);
        return withReapedChildren ? t + Long.parseLong(f[13]) + Long.parseLong(f[14]) : t;
      } catch (IOException | RuntimeException e) {
        return 0; // ended meanwhile (its time is now in the postmaster's reaped children)
      }
    }
  }

  private static void figure(String name, double shouhu, double raw, double ratio) {
    System.out.printf("FIGURE %s | shouhu %.2f | raw %.2f | ratio %s%n", name, shouhu, raw,
        Double.isNaN(ratio) || Double.isInfinite(ratio) ? "n/a" : String.format("%.3f", ratio));
  }

  /**
   * Samples, every 50 ms, how many backends wait for a lock: the tenant's audit chain (advisory lock 'AUDT', V145),
   * a worker's double-booking lock (ServiceRecords.lockWorker) or anything else. Says which lock, if any, the
   * writes queue on.
   */
  final class LockSampler extends Thread {
    volatile boolean running = true;
    int samples;
    final long[] waiting = new long[3];
    final Map<String, Long> events = new HashMap<>();

    LockSampler() {
      setDaemon(true);
    }

    @Override
    public void run() {
      try (Connection c = db();
          PreparedStatement s = c.prepareStatement("select count(*) filter (where locktype = 'advisory' and classid ="
              + " 1096107092), count(*) filter (where locktype = 'advisory' and classid = 40001), count(*) filter"
              + " (where locktype <> 'advisory' or classid not in (1096107092, 40001)) from pg_locks where not granted");
          PreparedStatement activity = c.prepareStatement("select state || ': ' || coalesce(wait_event_type || ':'"
              + " || wait_event, 'on CPU'), count(*) from pg_stat_activity where datname = current_database()"
              + " and backend_type = 'client backend' and pid <> pg_backend_pid() and state <> 'idle' group by 1")) {
        while (running) {
          try (ResultSet rs = s.executeQuery()) {
            rs.next();
            for (int i = 0; i < 3; i++) {
              waiting[i] += rs.getLong(i + 1);
            }
            samples++;
          }
          try (ResultSet rs = activity.executeQuery()) {
            while (rs.next()) {
              events.merge(rs.getString(1), rs.getLong(2), Long::sum);
            }
          }
          Thread.sleep(50);
        }
      } catch (Exception e) {
        System.out.println("lock sampler stopped: " + e);
      }
    }

    void halt() throws InterruptedException {
      running = false;
      join();
    }

    List<String> events() {
      List<String> lines = new ArrayList<>();
      events.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
          .forEach(e -> lines.add(String.format("%6.2f %s", e.getValue() / (double) Math.max(1, samples), e.getKey())));
      return lines;
    }

    double mean(int i) {
      return samples == 0 ? 0 : waiting[i] / (double) samples;
    }
  }

  // --- arrangement ----------------------------------------------------------------------------------------

  private Fixture arrange(int clients) throws Exception {
    // A worker's day as in the field: each child of the caseload visited once, one visit an hour. (Until session 8
    // every client visited one child in six-minute slots round the clock: up to 240 visits of one child a day, which
    // made the same-day, double-booking and overlap checks read tens of rows a POST that no real day has.)
    int caseload = Integer.parseInt(opts.getOrDefault("caseload", "8"));
    if (caseload < 1 || FIRST_HOUR + caseload > 24) {
      usage();
    }
    String[] who = required("user").split("/", 2);
    String tenant = who[0];
    String token = api.login(tenant, who[1], required("password"));
    JsonObject me = api.get("api/v1/me", token).json();
    String orgId = me.getJsonObject("tenant").getString("id");
    boolean admin = me.getJsonObject("user").getJsonArray("roles").getValuesAs(JsonValue::toString).stream()
        .anyMatch(r -> r.contains("ORG_ADMIN"));

    String[] project = findProject(orgId);
    if (project == null) {
      String[] officer = required("officer").split("/", 2);
      String officerToken = api.login(officer[0], officer[1], required("officer-password"));
      JsonObject created = api.activeProject(officerToken, orgId, "写入基准",
          "[{\"kind\":\"HOME_VISIT\",\"unit\":\"VISIT\",\"target\":1000000}]");
      project = new String[] {created.getString("id"),
          created.getJsonArray("deliverables").getJsonObject(0).getString("id"), "90",
          LocalDate.now(CHINA).minusMonths(6).toString()};
    }
    LocalDate earliest = earliestOpenDay(Integer.parseInt(project[2]), LocalDate.parse(project[3]));

    List<String> tokens = new ArrayList<>();
    List<String> children = new ArrayList<>();
    String password = "Bench-" + UUID.randomUUID().toString().substring(0, 12);
    for (int i = 0; i < clients; i++) {
      if (admin) {
        String username = "bench" + UUID.randomUUID().toString().substring(0, 8);
        check(201, api.post("api/v1/users", token, "{\"username\":\"" + username + "\",\"displayName\":\"基准社工" + i
            + "\",\"roles\":[\"SOCIAL_WORKER\"],\"password\":\"" + password + "\"}"));
        tokens.add(api.login(tenant, username, password));
      } else {
        tokens.add(token);
      }
      for (int j = 0; j < caseload; j++) {
        String child = registerChild(token, "基准儿童" + i + "-" + j);
        check(201, api.post("api/v1/projects/" + project[0] + "/enrolments", token, "{\"beneficiaryId\":\"" + child + "\"}"));
        children.add(child);
      }
    }
    if (!admin) {
      System.out.println("note: every client logs as the one worker " + who[1]
          + ", whose writes are serialized; pass the ORG_ADMIN to measure many workers");
    }
    return new Fixture(project[0], project[1], earliest, tokens, children, caseload);
  }

  /**
   * A child with a random citizen number, drawn again when the number is taken: in a register of a million people a
   * caseload of a few hundred meets one now and then (409 BENEFICIARY_DUPLICATE).
   */
  private String registerChild(String token, String name) {
    for (int attempt = 1; ; attempt++) {
      try {
        return api.registerChild(token, name);
      } catch (AssertionError taken) {
        if (attempt == 5) {
          throw taken;
        }
      }
    }
  }

  /** An ACTIVE project of the organization with a HOME_VISIT deliverable: id, deliverable, lock days, period start. */
  private String[] findProject(String orgId) throws Exception {
    if (opts.containsKey("project")) {
      try (Connection c = db();
          PreparedStatement s = c.prepareStatement("select p.id, d.id, p.lock_days, p.period_start from project p"
              + " join deliverable d on d.tenant_id = p.tenant_id and d.project_id = p.id and d.service_kind = 'HOME_VISIT'"
              + " where p.id = ?::uuid")) {
        s.setString(1, opts.get("project"));
        return first(s);
      }
    }
    try (Connection c = db();
        PreparedStatement s = c.prepareStatement("select p.id, d.id, p.lock_days, p.period_start from project p"
            + " join deliverable d on d.tenant_id = p.tenant_id and d.project_id = p.id and d.service_kind = 'HOME_VISIT'"
            + " where p.tenant_id = ?::uuid and p.status = 'ACTIVE' and p.period_start <= current_date"
            + " and p.period_end >= current_date order by p.period_start limit 1")) {
      s.setString(1, orgId);
      return first(s);
    }
  }

  private static String[] first(PreparedStatement s) throws Exception {
    try (ResultSet rs = s.executeQuery()) {
      return rs.next() ? new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)} : null;
    }
  }

  /**
   * The first day of the oldest month still open: a month locks {@code lockDays} days after it ends
   * (PeriodLockRule), and nothing is logged before the project began. A day's margin on the lock so a run that
   * crosses midnight is not refused.
   */
  static LocalDate earliestOpenDay(int lockDays, LocalDate periodStart) {
    LocalDate today = LocalDate.now(CHINA);
    LocalDate month = today.withDayOfMonth(1);
    while (today.plusDays(1).isBefore(month.minusDays(1).plusDays(lockDays + 1L))) {
      month = month.minusMonths(1);
    }
    return month.isBefore(periodStart) ? periodStart : month;
  }

  // --- the application's side -----------------------------------------------------------------------------

  /**
   * Each client posts submitted home visits into its own hourly slots (its own worker), or into slots shared
   * through one counter when every client is the same worker, from yesterday back to the earliest open day.
   */
  private void posts(Fixture f, int seconds, Tally tally) throws InterruptedException {
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    int clients = f.tokens().size();
    boolean oneWorker = f.tokens().stream().distinct().count() == 1;
    // --rate: the clients together offer that many POSTs a second, each on its own schedule, and a POST's time is
    // counted from when it was due, not from when it was sent (a late start is the server's delay too). Without it,
    // each client posts again as soon as it has its answer: the most the server can take, not a day's traffic.
    double rate = Double.parseDouble(opts.getOrDefault("rate", "0"));
    long interval = rate > 0 ? (long) (clients * 1e9 / rate) : 0;
    long from = System.nanoTime();
    CountDownLatch done = new CountDownLatch(clients);
    for (int c = 0; c < clients; c++) {
      int client = c;
      Thread t = new Thread(() -> {
        try {
          long due = from + (interval * client) / clients;
          while (System.nanoTime() < end) {
            long k = oneWorker ? SHARED.getAndIncrement() : OWN[client].getAndIncrement();
            String body = visit(f, client, k);
            if (body == null) {
              tally.fail("out of free slots");
              return;
            }
            if (interval > 0) {
              long wait = due - System.nanoTime();
              if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
              }
              post(f.tokens().get(client), body, tally, due);
              due += interval;
            } else {
              post(f.tokens().get(client), body, tally, System.nanoTime());
            }
          }
        } catch (Exception e) {
          tally.fail("client stopped: " + e);
        } finally {
          done.countDown();
        }
      });
      t.start();
    }
    done.await();
  }

  private static final AtomicLong SHARED = new AtomicLong();
  private static final AtomicLong[] OWN = new AtomicLong[1024];

  static {
    for (int i = 0; i < OWN.length; i++) {
      OWN[i] = new AtomicLong();
    }
  }

  private void post(String token, String body, Tally tally, long started) throws InterruptedException {
    try {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url + "api/v1/services"))
              .timeout(Duration.ofSeconds(60))
              .header("Authorization", "Bearer " + token)
              .header("Content-Type", "application/json")
              .header("Idempotency-Key", UUID.randomUUID().toString())
              .POST(HttpRequest.BodyPublishers.ofString(body))
              .build(),
          HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() == 201) {
        tally.done.incrementAndGet();
        tally.micros.add((System.nanoTime() - started) / 1_000);
      } else {
        tally.fail(r.statusCode() + " " + code(r.body()));
      }
    } catch (IOException e) {
      tally.fail("transport: " + e);
    }
  }

  private static String code(String body) {
    try {
      return Json.createReader(new StringReader(body)).readObject().getString("code", body);
    } catch (RuntimeException e) {
      return body;
    }
  }

  /**
   * Visit number k of a client: child k mod caseload of its caseload, in hour k mod caseload of day k / caseload from
   * yesterday back (so each child once a day); null past the earliest open day. With one worker for every client, k
   * is that worker's and runs over all the clients' children.
   */
  private static String visit(Fixture f, int client, long k) {
    boolean shared = f.tokens().stream().distinct().count() == 1;
    LocalDate day = LocalDate.now(CHINA).minusDays(1 + k / f.caseload());
    if (day.isBefore(f.earliest())) {
      return null;
    }
    int slot = (int) (k % f.caseload());
    String child = shared
        ? f.children().get((int) (k % f.children().size()))
        : f.children().get(client * f.caseload() + slot);
    OffsetDateTime start = day.atTime(FIRST_HOUR + slot, 0).atZone(CHINA).toOffsetDateTime();
    return "{\"projectId\":\"" + f.project() + "\",\"deliverableId\":\"" + f.deliverable() + "\","
        + "\"startedAt\":\"" + start + "\",\"endedAt\":\"" + start.plusMinutes(VISIT_MINUTES) + "\",\"placeCode\":\"429006104201\","
        + "\"participants\":[\"" + child + "\"],"
        + "\"homeVisit\":{\"present\":\"GUARDIAN\",\"riskAfter\":\"LOW\",\"followUp\":\"基准\","
        + "\"findings\":[{\"area\":\"LIVING_CONDITIONS\",\"rating\":3},{\"area\":\"SAFETY\",\"rating\":4},"
        + "{\"area\":\"SCHOOLING\",\"rating\":4},{\"area\":\"HEALTH\",\"rating\":5},{\"area\":\"GUARDIANSHIP\",\"rating\":3}]},"
        + "\"submit\":true}";
  }

  // --- the raw reference ----------------------------------------------------------------------------------

  /**
   * The same number of connections, each inserting one row per transaction (autocommit, the server's default
   * durability) into a table with service_record's columns, defaults and indexes and nothing else: no triggers, no
   * foreign keys, no row-level security, no rules.
   */
  private void inserts(int clients, int seconds, Tally tally) throws Exception {
    try (Connection c = db(); Statement s = c.createStatement()) {
      s.execute("drop table if exists bench_raw_visit");
      s.execute("create table bench_raw_visit (like service_record including defaults including indexes)");
    }
    try {
      long end = System.nanoTime() + seconds * 1_000_000_000L;
      CountDownLatch done = new CountDownLatch(clients);
      AtomicLong k = new AtomicLong();
      UUID tenant = UUID.randomUUID();
      UUID project = UUID.randomUUID();
      UUID deliverable = UUID.randomUUID();
      for (int i = 0; i < clients; i++) {
        UUID worker = UUID.randomUUID();
        Thread t = new Thread(() -> {
          try (Connection c = db();
              PreparedStatement s = c.prepareStatement("insert into bench_raw_visit (tenant_id, id, project_id,"
                  + " deliverable_id, kind, worker_id, started_at, ended_at, place_code, status, submitted_at, flags,"
                  + " present, risk_after, follow_up, created_by, created_at, updated_at) values (?, ?, ?, ?,"
                  + " 'HOME_VISIT', ?, ?, ?, '429006104201', 'SUBMITTED', now(), '', 'GUARDIAN', 'LOW', '基准', ?, now(),"
                  + " now())")) {
            while (System.nanoTime() < end) {
              OffsetDateTime start = OffsetDateTime.now().minusMinutes(6 * k.getAndIncrement());
              long started = System.nanoTime();
              s.setObject(1, tenant);
              s.setObject(2, UUID.randomUUID());
              s.setObject(3, project);
              s.setObject(4, deliverable);
              s.setObject(5, worker);
              s.setObject(6, start);
              s.setObject(7, start.plusMinutes(6));
              s.setObject(8, worker);
              s.executeUpdate();
              tally.done.incrementAndGet();
              tally.micros.add((System.nanoTime() - started) / 1_000);
            }
          } catch (Exception e) {
            tally.fail("raw: " + e);
          } finally {
            done.countDown();
          }
        });
        t.start();
      }
      done.await();
    } finally {
      try (Connection c = db(); Statement s = c.createStatement()) {
        s.execute("drop table if exists bench_raw_visit");
      }
    }
  }

  // --- helpers --------------------------------------------------------------------------------------------

  private Connection db() throws Exception {
    return DriverManager.getConnection(required("jdbc"), opts.getOrDefault("jdbc-user", "postgres"),
        opts.getOrDefault("jdbc-password", ""));
  }

  private long count(String sql) throws Exception {
    try (Connection c = db(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static String load() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (IOException e) {
      return "?";
    }
  }

  private String required(String name) {
    String v = opts.get(name);
    if (v == null) {
      System.err.println("missing --" + name);
      usage();
    }
    return v;
  }

  private static void check(int expected, Api.Reply r) {
    if (r.status() != expected) {
      throw new IllegalStateException("expected " + expected + ", got " + r.status() + ": " + r.body());
    }
  }
}
