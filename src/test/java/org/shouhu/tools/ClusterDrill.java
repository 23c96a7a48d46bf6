package org.shouhu.tools;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.shouhu.Api;

/**
 * What the cluster promises, tried through the load balancer of {@code deploy/cluster} (issue #16): writes from
 * many clients survive a node killed mid-request, retries with the same Idempotency-Key run once, the lockout and
 * the address throttle hold across nodes, the standby follows the primary, and what a second node adds.
 *
 * <pre>java -cp … org.shouhu.tools.ClusterDrill CLUSTER_DIR [SECONDS_PER_PHASE]</pre>
 *
 * Run by {@code deploy/cluster/test}, which starts the cluster first. Exits non-zero when a promise is broken.
 */
public final class ClusterDrill {

  private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
  private static final String WORKER_PASSWORD = "Drill-worker-2026";

  private final Path clusterDir;
  private final Properties ports;
  private final Properties secrets;
  private final String lb;
  private final Api api;
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
  private final List<String> broken = new ArrayList<>();
  private final AtomicLong slot = new AtomicLong();

  private ClusterDrill(Path clusterDir) throws IOException {
    this.clusterDir = clusterDir;
    this.ports = load(clusterDir.resolve("ports.env"));
    this.secrets = load(clusterDir.resolve("secrets.env"));
    this.lb = "http://127.0.0.1:" + ports.getProperty("LB_PORT") + "/";
    System.setProperty("shouhu.it.demo-password", secrets.getProperty("DEMO_PASSWORD"));
    this.api = new Api(new URL(lb));
  }

  public static void main(String[] args) throws Exception {
    if (args.length < 1) {
      System.err.println("usage: ClusterDrill CLUSTER_DIR [SECONDS_PER_PHASE]");
      System.exit(2);
    }
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 40;
    ClusterDrill drill = new ClusterDrill(Path.of(args[0]));
    // -Dshouhu.drill.only=standby runs the reads-from-the-standby part alone (a minute instead of ten).
    boolean all = !"standby".equals(System.getProperty("shouhu.drill.only"));
    Fixture fixture = drill.arrange(all ? 16 : 1);
    if (all) {
      drill.writesSurviveAKilledNode(fixture, seconds);
      drill.throughputWithOneAndTwoNodes(fixture, Math.max(10, seconds / 2));
      drill.importSurvivesItsNode(Integer.parseInt(System.getProperty("shouhu.drill.import-rows", "50000")));
      drill.lockoutHoldsAcrossNodes();
      drill.addressThrottleHoldsAcrossNodes();
    }
    drill.standbyFollows();
    drill.reportsReadFromTheStandby(fixture);
    if (drill.broken.isEmpty()) {
      System.out.println("\nALL PROMISES HELD");
    } else {
      System.out.println("\nBROKEN:");
      drill.broken.forEach(b -> System.out.println("  - " + b));
      System.exit(1);
    }
  }

  // --- arrangement ----------------------------------------------------------------------------------------

  /** A project of the demo organization, and per client one worker of its own and one child enrolled. */
  record Fixture(String orgId, String project, String deliverable, List<String> workers, List<String> children) {}

  private Fixture arrange(int clients) {
    String pw = secrets.getProperty("DEMO_PASSWORD");
    String officer = api.login("tianmen-mzj", "officer", pw);
    String admin = api.login("chunhui-sw", "admin", pw);
    String orgId = api.get("api/v1/me", admin).json().getJsonObject("tenant").getString("id");
    JsonObject project = api.activeProject(officer, orgId, "集群演练",
        "[{\"kind\":\"HOME_VISIT\",\"unit\":\"VISIT\",\"target\":100000,"
            + "\"targetGroup\":\"LEFT_BEHIND_CHILD\",\"minimumPerBeneficiary\":1,\"cadence\":\"MONTH\"}]");
    String projectId = project.getString("id");
    String deliverable = project.getJsonArray("deliverables").getJsonObject(0).getString("id");
    List<String> workers = new ArrayList<>();
    List<String> children = new ArrayList<>();
    for (int i = 0; i < clients; i++) {
      String username = "drill" + UUID.randomUUID().toString().substring(0, 8);
      check(201, api.post("api/v1/users", admin, "{\"username\":\"" + username + "\",\"displayName\":\"演练社工" + i
          + "\",\"roles\":[\"SOCIAL_WORKER\"],\"password\":\"" + WORKER_PASSWORD + "\"}"));
      workers.add(username);
      String child = api.registerChild(admin, "演练儿童" + i);
      check(201, api.post("api/v1/projects/" + projectId + "/enrolments", admin, "{\"beneficiaryId\":\"" + child + "\"}"));
      children.add(child);
    }
    System.out.printf("arranged: project %s, %d workers, %d children%n", projectId, workers.size(), children.size());
    return new Fixture(orgId, projectId, deliverable, workers, children);
  }

  // --- writes under a node crash --------------------------------------------------------------------------

  /** What one run of writers saw. */
  static final class Tally {
    final AtomicInteger acked = new AtomicInteger();
    final AtomicInteger attempts = new AtomicInteger();
    final AtomicInteger retried = new AtomicInteger();
    final AtomicInteger transportErrors = new AtomicInteger();
    final Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
    final Set<String> ackedIds = ConcurrentHashMap.newKeySet();
    final Set<String> gaveUp = ConcurrentHashMap.newKeySet();
    final List<String> refused = Collections.synchronizedList(new ArrayList<>());
    final List<Long> latenciesMicros = Collections.synchronizedList(new ArrayList<>());
  }

  private void writesSurviveAKilledNode(Fixture f, int seconds) throws Exception {
    System.out.printf("%n== writes: %d clients for %d s, node1 killed with SIGKILL after %d s and restarted ==%n",
        f.workers().size(), seconds, seconds / 4);
    Tally tally = new Tally();
    Thread chaos = new Thread(() -> {
      try {
        Thread.sleep(seconds * 250L);
        node(1, "kill");
        Thread.sleep(3_000);
        node(1, "start");
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    chaos.start();
    run(f, seconds, tally);
    chaos.join();
    node(1, "wait");
    report("writes", tally, seconds);
    verifyStored(f, tally);
  }

  private void throughputWithOneAndTwoNodes(Fixture f, int seconds) throws Exception {
    System.out.printf("%n== throughput: %d clients, %d s with node2 stopped, then %d s with both ==%n",
        f.workers().size(), seconds, seconds);
    node(2, "stop");
    Thread.sleep(3_000);
    Tally one = new Tally();
    run(f, seconds, one);
    node(2, "start");
    node(2, "wait");
    Thread.sleep(3_000);
    Tally two = new Tally();
    run(f, seconds, two);
    report("1 node", one, seconds);
    report("2 nodes", two, seconds);
    verifyStored(f, one);
    verifyStored(f, two);
  }

  /** Each client posts submitted home visits in its own time slots, retrying each with its key until answered. */
  private void run(Fixture f, int seconds, Tally tally) throws InterruptedException {
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    CountDownLatch done = new CountDownLatch(f.workers().size());
    for (int c = 0; c < f.workers().size(); c++) {
      int client = c;
      Thread t = new Thread(() -> {
        try {
          String token = loginWithRetry("chunhui-sw", f.workers().get(client), WORKER_PASSWORD);
          while (System.nanoTime() < end) {
            long k = slot.getAndIncrement();
            String body = visit(f, client, k);
            token = postUntilAnswered(token, f.workers().get(client), body, tally);
          }
        } catch (Exception e) {
          tally.refused.add("client " + client + " stopped: " + e);
        } finally {
          done.countDown();
        }
      });
      t.start();
    }
    done.await();
  }

  private String postUntilAnswered(String token, String worker, String body, Tally tally) throws Exception {
    String key = UUID.randomUUID().toString();
    long started = System.nanoTime();
    long giveUpAt = started + 180_000_000_000L;
    boolean first = true;
    while (System.nanoTime() < giveUpAt) {
      tally.attempts.incrementAndGet();
      if (!first) {
        tally.retried.incrementAndGet();
      }
      first = false;
      HttpResponse<String> r;
      try {
        r = http.send(HttpRequest.newBuilder(URI.create(lb + "api/v1/services"))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
      } catch (IOException e) {
        tally.transportErrors.incrementAndGet();
        Thread.sleep(250);
        continue;
      }
      tally.statuses.computeIfAbsent(r.statusCode(), s -> new AtomicInteger()).incrementAndGet();
      if (r.statusCode() == 401) {
        token = loginWithRetry("chunhui-sw", worker, WORKER_PASSWORD);
        continue;
      }
      if (r.statusCode() >= 500 || r.statusCode() == 429 || r.statusCode() == 409 && r.body().contains("IN_PROGRESS")) {
        Thread.sleep(retryAfterMillis(r));
        continue;
      }
      if (r.statusCode() == 201 || r.statusCode() == 200) {
        tally.acked.incrementAndGet();
        tally.ackedIds.add(json(r.body()).getString("id"));
        tally.latenciesMicros.add((System.nanoTime() - started) / 1_000);
      } else {
        tally.refused.add(r.statusCode() + " " + r.body());
      }
      return token;
    }
    tally.gaveUp.add(key);
    return token;
  }

  private static long retryAfterMillis(HttpResponse<String> r) {
    return r.headers().firstValue("Retry-After").map(s -> {
      try {
        return Math.min(5_000L, Long.parseLong(s.trim()) * 1_000L);
      } catch (NumberFormatException e) {
        return 500L;
      }
    }).orElse(300L);
  }

  /**
   * Visit number {@code k}: 10 minutes in slot k of 70 twelve-minute slots a day (07:00–21:00), going back day by
   * day over the 85 days the project's 90 lock days leave open. Every k is used once, so no worker is ever
   * double-booked by the drill itself: a 409 can only mean a request ran twice.
   */
  private static String visit(Fixture f, int client, long k) {
    if (k >= 70 * 85) {
      throw new IllegalStateException("the drill ran out of free slots");
    }
    LocalDate day = LocalDate.now(CHINA).minusDays(1 + k / 70);
    int minute = 7 * 60 + (int) (k % 70) * 12;
    var start = day.atTime(minute / 60, minute % 60).atZone(CHINA).toOffsetDateTime();
    return "{\"projectId\":\"" + f.project() + "\",\"deliverableId\":\"" + f.deliverable() + "\","
        + "\"startedAt\":\"" + start + "\",\"endedAt\":\"" + start.plusMinutes(10) + "\",\"placeCode\":\"429006104201\","
        + "\"participants\":[\"" + f.children().get(client) + "\"],"
        + "\"homeVisit\":{\"present\":\"GUARDIAN\",\"riskAfter\":\"LOW\",\"followUp\":\"演练\","
        + "\"findings\":[{\"area\":\"LIVING_CONDITIONS\",\"rating\":3},{\"area\":\"SAFETY\",\"rating\":4},"
        + "{\"area\":\"SCHOOLING\",\"rating\":4},{\"area\":\"HEALTH\",\"rating\":5},{\"area\":\"GUARDIANSHIP\",\"rating\":3}]},"
        + "\"submit\":true}";
  }

  private void report(String name, Tally t, int seconds) {
    List<Long> l = new ArrayList<>(t.latenciesMicros);
    Collections.sort(l);
    System.out.printf("%-8s acked %d (%.1f/s), attempts %d, retries %d, transport errors %d, statuses %s,"
            + " p50 %.0f ms, p99 %.0f ms (acked request incl. its retries), gave up %d, refused %d%n",
        name, t.acked.get(), t.acked.get() / (double) seconds, t.attempts.get(), t.retried.get(),
        t.transportErrors.get(), t.statuses, pct(l, 0.50), pct(l, 0.99), t.gaveUp.size(), t.refused.size());
    t.refused.stream().limit(5).forEach(r -> System.out.println("   refused: " + r));
    if (!t.gaveUp.isEmpty()) {
      broken.add(name + ": " + t.gaveUp.size() + " requests never got an answer within 180 s");
    }
    if (!t.refused.isEmpty()) {
      broken.add(name + ": " + t.refused.size() + " requests refused (a duplicate run shows as a double booking)");
    }
  }

  private static double pct(List<Long> sorted, double p) {
    return sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, (int) (p * sorted.size()))) / 1000.0;
  }

  /** Every acked record is stored once, and nothing was stored that no client was told about. */
  private void verifyStored(Fixture f, Tally t) throws Exception {
    try (Connection c = primary()) {
      int found = 0;
      try (PreparedStatement s = c.prepareStatement("select count(*) from service_record where id = any (?::uuid[])")) {
        s.setArray(1, c.createArrayOf("text", t.ackedIds.toArray()));
        try (ResultSet rs = s.executeQuery()) {
          rs.next();
          found = rs.getInt(1);
        }
      }
      System.out.printf("   stored: %d of %d acked records found on the primary%n", found, t.ackedIds.size());
      if (found != t.ackedIds.size()) {
        broken.add((t.ackedIds.size() - found) + " acked records lost");
      }
      try (PreparedStatement s = c.prepareStatement(
          "select count(*) from idempotency_key where state = 'IN_PROGRESS' and created_at < now() - interval '60 seconds'")) {
        try (ResultSet rs = s.executeQuery()) {
          rs.next();
          if (rs.getInt(1) > 0) {
            broken.add(rs.getInt(1) + " idempotency keys stuck in flight");
          }
        }
      } catch (java.sql.SQLException noSuchState) {
        // The key table no longer keeps an in-flight state: nothing can be stuck.
        c.rollback();
      }
    }
    if (t.acked.get() != t.ackedIds.size()) {
      broken.add("acked " + t.acked.get() + " answers for " + t.ackedIds.size() + " distinct records");
    }
  }

  // --- an import whose node dies ---------------------------------------------------------------------------

  /**
   * A ledger of {@code rows} people is uploaded; once a node has claimed the job and committed some batches, that
   * node is killed. The other node takes the job over when the lease expires and finishes it: every row counted
   * once (created + unchanged + rejected = rows) and the register holds exactly the created people.
   */
  private void importSurvivesItsNode(int rows) throws Exception {
    System.out.printf("%n== import: %,d rows, the node running it killed with SIGKILL ==%n", rows);
    Path ledger = Files.createTempFile("drill-ledger-", ".csv");
    try {
      LedgerBenchmarkFile.main(new String[] {ledger.toString(), String.valueOf(rows)});
      String admin = api.login("chunhui-sw", "admin", secrets.getProperty("DEMO_PASSWORD"));
      String tenant = api.get("api/v1/me", admin).json().getJsonObject("tenant").getString("id");
      long before;
      try (Connection c = primary()) {
        before = count(c, "select count(*) from beneficiary where tenant_id = '" + tenant + "'");
      }
      Api.Reply accepted = api.request("POST", "api/v1/beneficiaries/imports?fileName=drill.csv").bearer(admin)
          .body("text/csv", Files.readAllBytes(ledger)).send();
      if (accepted.status() != 202) {
        broken.add("import: upload answered " + accepted.status() + " " + accepted.body());
        return;
      }
      String id = accepted.json().getString("id");
      String runner = null;
      long deadline = System.nanoTime() + 300_000_000_000L;
      while (System.nanoTime() < deadline) {
        try (Connection c = primary()) {
          String leased = text(c, "select coalesce(max(j.leased_by), '') || '|' || coalesce(max(i.rows_done), 0) from job j"
              + " left join import_job i on i.id = j.id where j.id = '" + id + "'");
          String[] parts = leased.split("\\|");
          if (!parts[0].isEmpty() && Long.parseLong(parts[1]) > 0) {
            runner = parts[0];
            System.out.printf("   %s runs it, %s rows committed: killing it%n", runner, parts[1]);
            break;
          }
        }
        Thread.sleep(200);
      }
      if (runner == null || !runner.startsWith("node")) {
        broken.add("import: no node claimed the job (" + runner + ")");
        return;
      }
      int n = Integer.parseInt(runner.substring(4));
      node(n, "kill");
      long killedAt = System.nanoTime();
      JsonObject job = null;
      while (System.nanoTime() < killedAt + 900_000_000_000L) {
        Api.Reply r;
        try {
          r = api.get("api/v1/beneficiaries/imports/" + id, admin);
        } catch (AssertionError connectionCut) {
          // the balancer was still sending this poll to the node just killed; the next one goes elsewhere
          Thread.sleep(1_000);
          continue;
        }
        if (r.status() == 200) {
          job = r.json();
          String status = job.getString("status");
          if (status.equals("DONE") || status.equals("FAILED")) {
            break;
          }
        } else if (r.status() == 401) {
          admin = api.login("chunhui-sw", "admin", secrets.getProperty("DEMO_PASSWORD"));
        }
        Thread.sleep(1_000);
      }
      node(n, "start");
      String finishedBy;
      long after;
      try (Connection c = primary()) {
        finishedBy = text(c, "select coalesce(leased_by, '-') || ', attempts ' || attempts from job where id = '" + id + "'");
        after = count(c, "select count(*) from beneficiary where tenant_id = '" + tenant + "'");
      }
      System.out.printf("   finished %.0f s after the kill: %s; job %s%n",
          (System.nanoTime() - killedAt) / 1e9, job, finishedBy);
      if (job == null || !"DONE".equals(job.getString("status"))) {
        broken.add("import: did not finish after its node died: " + job);
        return;
      }
      int created = job.getInt("created", -1);
      int unchanged = job.getInt("unchanged", 0);
      int rejected = job.getInt("rejected", 0);
      int updated = job.getInt("updated", 0);
      System.out.printf("   rows: created %d, updated %d, unchanged %d, rejected %d (sum %d of %d); register %d → %d%n",
          created, updated, unchanged, rejected, created + updated + unchanged + rejected, rows, before, after);
      if (created + updated + unchanged + rejected != rows) {
        broken.add("import: counted " + (created + updated + unchanged + rejected) + " rows of " + rows);
      }
      if (after - before != created) {
        broken.add("import: register grew by " + (after - before) + " for " + created + " created");
      }
      node(n, "wait");
    } finally {
      Files.deleteIfExists(ledger);
    }
  }

  // --- logins -----------------------------------------------------------------------------------------------

  /** Concurrent wrong passwords for one account, spread over both nodes: exactly four are checked, then locked. */
  private void lockoutHoldsAcrossNodes() throws Exception {
    System.out.println("\n== lockout: 24 concurrent wrong passwords for one account through the balancer ==");
    String admin = api.login("chunhui-sw", "admin", secrets.getProperty("DEMO_PASSWORD"));
    String username = "lock" + UUID.randomUUID().toString().substring(0, 8);
    check(201, api.post("api/v1/users", admin, "{\"username\":\"" + username + "\",\"displayName\":\"锁定演练\","
        + "\"roles\":[\"SOCIAL_WORKER\"],\"password\":\"" + WORKER_PASSWORD + "\"}"));
    Map<String, AtomicInteger> codes = new ConcurrentHashMap<>();
    Set<String> nodes = ConcurrentHashMap.newKeySet();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < 24; i++) {
      int n = i;
      Thread t = new Thread(() -> {
        try {
          RawReply r = rawLogin("127.0.1." + (10 + n), "chunhui-sw", username, "Wrong-password-" + n);
          codes.computeIfAbsent(r.code(), k -> new AtomicInteger()).incrementAndGet();
        } catch (IOException e) {
          codes.computeIfAbsent("IO " + e.getMessage(), k -> new AtomicInteger()).incrementAndGet();
        }
      });
      threads.add(t);
      t.start();
    }
    for (Thread t : threads) {
      t.join();
    }
    System.out.println("   answers: " + codes);
    int checked = codes.getOrDefault("AUTH_FAILED", new AtomicInteger()).get();
    if (checked != 4) {
      broken.add("lockout: " + checked + " wrong passwords were checked before the lock (expected 4)");
    }
  }

  /** One address fails on unknown accounts, round-robin over both nodes: it is throttled at the configured count. */
  private void addressThrottleHoldsAcrossNodes() throws Exception {
    System.out.println("\n== address throttle: one address sprays unknown accounts through the balancer ==");
    String address = "127.0.2." + (1 + (int) (Math.random() * 200));
    int refusedBeforeThrottle = 0;
    for (int i = 0; i < 100; i++) {
      RawReply r = rawLogin(address, "chunhui-sw", "spray" + i, "Spray-attempt-" + i);
      if ("LOGIN_THROTTLED".equals(r.code())) {
        break;
      }
      refusedBeforeThrottle++;
    }
    System.out.println("   failures before the throttle: " + refusedBeforeThrottle + " (configured 30)");
    if (refusedBeforeThrottle != 30) {
      broken.add("address throttle: " + refusedBeforeThrottle + " failures let through (expected 30)");
    }
  }

  record RawReply(int status, String code) {}

  /**
   * A login sent from a chosen loopback address (all of 127/8 is this machine): the balancer forwards that
   * address, which is what the throttle counts, so the drill can be many clients without spoofing headers.
   */
  private RawReply rawLogin(String from, String tenant, String username, String password) throws IOException {
    byte[] body = ("{\"tenant\":\"" + tenant + "\",\"username\":\"" + username + "\",\"password\":\"" + password + "\"}")
        .getBytes(StandardCharsets.UTF_8);
    try (Socket s = new Socket()) {
      s.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
      s.connect(new InetSocketAddress("127.0.0.1", Integer.parseInt(ports.getProperty("LB_PORT"))), 5_000);
      s.setSoTimeout(30_000);
      OutputStream out = s.getOutputStream();
      out.write(("POST /api/v1/auth/token HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
          + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(body);
      out.flush();
      InputStream in = s.getInputStream();
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      in.transferTo(all);
      String text = all.toString(StandardCharsets.UTF_8);
      int status = Integer.parseInt(text.substring(9, 12));
      var m = java.util.regex.Pattern.compile("\"code\"\\s*:\\s*\"([A-Z_]+)\"").matcher(text);
      return new RawReply(status, m.find() ? m.group(1) : String.valueOf(status));
    }
  }

  // --- standby ----------------------------------------------------------------------------------------------

  private void standbyFollows() throws Exception {
    System.out.println("\n== standby ==");
    try (Connection p = primary(); Connection s = connect("PG_STANDBY_PORT")) {
      long onPrimary = count(p, "select count(*) from service_record");
      Thread.sleep(1_000);
      long onStandby = count(s, "select count(*) from service_record");
      String lag = text(s, "select coalesce(round(extract(epoch from now() - pg_last_xact_replay_timestamp())::numeric, 2)::text, '?')"
          + " || ' s since the last replayed commit; receive = replay: ' || (pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn())");
      System.out.printf("   service records: primary %d, standby %d; %s%n", onPrimary, onStandby, lag);
      if (onPrimary != onStandby) {
        broken.add("standby has " + onStandby + " service records, primary " + onPrimary);
      }
    }
  }

  // --- reads from the standby -------------------------------------------------------------------------------

  /**
   * The bureau's reports read from the standby with their age stated (#16): caught up, the portfolio comes from the
   * standby; with replay paused its stated age grows with the time since the last replayed commit; the officer's own
   * write made while replay is paused is read back at once, from the primary; replay resumed, the standby serves
   * again and holds the write. Underneath, row-level security on the standby: the application role sees nothing
   * without a tenant bound, and only the bound tenant's rows with one.
   */
  private void reportsReadFromTheStandby(Fixture f) throws Exception {
    System.out.println("\n== reads from the standby: the bureau portfolio through the balancer ==");
    String pw = secrets.getProperty("DEMO_PASSWORD");
    String officer = api.login("tianmen-mzj", "officer", pw);
    try (Connection p = primary(); Connection s = connect("PG_STANDBY_PORT")) {
      s.setAutoCommit(true);
      caughtUp(p, s);
      Api.Reply fresh = api.get("api/v1/reports/bureau/projects", officer);
      System.out.printf("   caught up: %d, data source %s, age %s s%n", fresh.status(), source(fresh), age(fresh));
      expect("a caught-up standby serves the portfolio", "standby".equals(source(fresh)));

      text(s, "select pg_wal_replay_pause()::text");
      long pausedAt = System.nanoTime();
      try {
        // Work goes on on the primary (a worker's visit), so WAL arrives that the paused standby does not replay.
        String worker = loginWithRetry("chunhui-sw", f.workers().get(0), WORKER_PASSWORD);
        postUntilAnswered(worker, f.workers().get(0), visit(f, 0, slot.getAndIncrement()), new Tally());
        Thread.sleep(3_000);
        Api.Reply lagging = api.get("api/v1/reports/bureau/projects", officer);
        Thread.sleep(3_000);
        Api.Reply later = api.get("api/v1/reports/bureau/projects", officer);
        System.out.printf("   replay paused %.0f s: data source %s, age %s s; 3 s later %s, age %s s%n",
            (System.nanoTime() - pausedAt) / 1e9, source(lagging), age(lagging), source(later), age(later));
        expect("a paused standby still serves, saying how old its data is", "standby".equals(source(lagging))
            && Double.parseDouble(age(lagging)) >= 2.5);
        expect("the stated age grows while replay is paused", "standby".equals(source(later))
            && Double.parseDouble(age(later)) >= Double.parseDouble(age(lagging)) + 2.5);

        long before = System.nanoTime();
        JsonObject project = api.activeProject(officer, f.orgId(), "备库演练",
            "[{\"kind\":\"HOME_VISIT\",\"unit\":\"VISIT\",\"target\":10,"
                + "\"targetGroup\":\"LEFT_BEHIND_CHILD\",\"minimumPerBeneficiary\":1,\"cadence\":\"MONTH\"}]");
        String id = project.getString("id");
        Api.Reply own = api.get("api/v1/reports/bureau/projects", officer);
        System.out.printf("   the officer's own new project, read back %.0f ms after writing it: data source %s, age %s s,"
                + " listed %s; on the standby: %d%n", (System.nanoTime() - before) / 1e6, source(own), age(own),
            own.body().contains(id), count(s, "select count(*) from project where id = '" + id + "'"));
        expect("the writer reads the own write from the primary", "primary".equals(source(own))
            && "0.0".equals(age(own)) && own.body().contains(id));
        expect("the paused standby does not have that write", count(s, "select count(*) from project where id = '" + id + "'") == 0);
      } finally {
        text(s, "select pg_wal_replay_resume()::text");
      }
      caughtUp(p, s);
      Api.Reply after = api.get("api/v1/reports/bureau/projects", officer);
      System.out.printf("   replay resumed and caught up: data source %s, age %s s%n", source(after), age(after));
      expect("once the standby replayed the write, it serves the writer again", "standby".equals(source(after)));
    }
    String bureau = api.get("api/v1/me", officer).json().getJsonObject("tenant").getString("id");
    try (Connection app = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + ports.getProperty("PG_STANDBY_PORT")
        + "/shouhu", "shouhu_app", secrets.getProperty("APP_PASSWORD"))) {
      app.setAutoCommit(false);
      long unbound = count(app, "select count(*) from project");
      app.rollback();
      long all;
      try (Connection s = connect("PG_STANDBY_PORT")) {
        all = count(s, "select count(*) from project");
      }
      text(app, "select set_config('app.tenant_id', '" + bureau + "', true)");
      long bound = count(app, "select count(*) from project");
      long others = count(app, "select count(*) from project where bureau_id <> '" + bureau + "'");
      app.rollback();
      System.out.printf("   row-level security on the standby, as the application role: no tenant bound %d projects,"
          + " bound to the bureau %d of %d, of other bureaus %d%n", unbound, bound, all, others);
      expect("RLS on the standby: nothing without a tenant", unbound == 0);
      expect("RLS on the standby: the bound tenant's rows only", others == 0 && bound > 0);
    }
  }

  private static String source(Api.Reply r) {
    return r.header("Shouhu-Data-Source").orElse("(none)");
  }

  private static String age(Api.Reply r) {
    return r.header("Shouhu-Data-Age").orElse("-1");
  }

  private void expect(String promise, boolean held) {
    if (!held) {
      broken.add("standby reads: " + promise);
    }
  }

  /** Waits until the standby has replayed everything the primary has written (at most 60 s). */
  private static void caughtUp(Connection primary, Connection standby) throws Exception {
    primary.rollback();
    String target = text(primary, "select pg_current_wal_lsn()::text");
    primary.rollback();
    for (int i = 0; i < 600; i++) {
      if ("t".equals(text(standby, "select (pg_last_wal_replay_lsn() >= '" + target + "'::pg_lsn)::text").substring(0, 1))) {
        return;
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("the standby did not catch up in 60 s");
  }

  // --- plumbing ---------------------------------------------------------------------------------------------

  private Connection primary() throws Exception {
    return connect("PG_PRIMARY_PORT");
  }

  private Connection connect(String portKey) throws Exception {
    Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + ports.getProperty(portKey) + "/shouhu",
        "postgres", secrets.getProperty("SUPER_PASSWORD"));
    c.setAutoCommit(false);
    return c;
  }

  private static long count(Connection c, String sql) throws Exception {
    try (var s = c.createStatement(); var rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static String text(Connection c, String sql) throws Exception {
    try (var s = c.createStatement(); var rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }

  private String loginWithRetry(String tenant, String username, String password) throws Exception {
    for (int i = 0; i < 120; i++) {
      try {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(lb + "api/v1/auth/token"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"tenant\":\"" + tenant + "\",\"username\":\"" + username
                    + "\",\"password\":\"" + password + "\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          return json(r.body()).getString("access_token");
        }
      } catch (IOException retry) {
        // the node behind the balancer died mid-login; the next attempt lands on a live one
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException("cannot log in " + username);
  }

  private void node(int n, String action) throws Exception {
    Path script = Path.of(System.getProperty("shouhu.cluster.scripts", "deploy/cluster")).resolve("node");
    Process p = new ProcessBuilder("bash", script.toString(), String.valueOf(n), action)
        .inheritIO()
        .start();
    if (p.waitFor() != 0) {
      throw new IllegalStateException("node " + n + " " + action + " failed");
    }
  }

  private static void check(int expected, Api.Reply r) {
    if (r.status() != expected) {
      throw new IllegalStateException("expected " + expected + ": " + r.status() + " " + r.body());
    }
  }

  private static JsonObject json(String body) {
    return Json.createReader(new StringReader(body)).readObject();
  }

  private static Properties load(Path file) throws IOException {
    Properties p = new Properties();
    for (String line : Files.readAllLines(file)) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        p.setProperty(line.substring(0, eq), line.substring(eq + 1));
      }
    }
    return p;
  }
}
