package org.shouhu.services.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jwt.SignedJWT;
import jakarta.json.JsonObject;
import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
 * #14, exactly-once writes across database outages. Field workers' phones (client threads) log home visits, each
 * with its own Idempotency-Key, and send every request again with the same key until it gets a final answer (2xx or
 * 4xx), as the web app's outbox does. Meanwhile the embedded PostgreSQL is stopped (fast shutdown, down for
 * seconds, started again with its own command line) and later crashed (a backend killed with SIGKILL: the server
 * terminates every connection and recovers). Afterwards: every acknowledged record is stored, once; every key
 * replays its one answer; during the outage answers were 503 problem+json with Retry-After and a request id, never
 * 500; readiness went DOWN and came back UP.
 *
 * <p>The server runs with {@code synchronous_commit=off} (the embedded default, for speed): a crash may lose the
 * last commits, so before crashing it the test turns it on for the application role, as production runs.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class DatabaseOutageIT {

  private static final Logger LOG = Logger.getLogger(DatabaseOutageIT.class.getName());
  private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
  private static final String SERVICES = "api/v1/services";
  private static final int WRITERS = 8;
  private static final int SLOTS_PER_DAY = 48;
  private static final Duration STOPPED = Duration.ofSeconds(8);
  private static final Path DATA = Path.of(System.getProperty("shouhu.it.data.dir"), "pgdata");

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.application();
  }

  @ArquillianResource URL base;

  /** One logged visit: its key and body (sent again at the end) and the record id of its one acknowledgement. */
  record Acked(int writer, String key, String body, String id, boolean replayed) {}

  /** A non-2xx answer or a failed exchange seen by a writer. */
  /** The problem's request id is kept (not only whether there is one) so a failure can be found in the server's log. */
  record Failure(int status, String contentType, Optional<String> retryAfter, String code, String requestId) {}

  final Map<String, Acked> acked = new ConcurrentHashMap<>();
  final ConcurrentLinkedQueue<Failure> failures = new ConcurrentLinkedQueue<>();
  final ConcurrentLinkedQueue<String> refusals = new ConcurrentLinkedQueue<>();
  final AtomicInteger sends = new AtomicInteger();
  final AtomicInteger unreachable = new AtomicInteger();
  final ConcurrentLinkedQueue<long[]> readiness = new ConcurrentLinkedQueue<>();

  @Test
  void writesWithKeysSurviveAStopAndACrashOfTheDatabaseExactlyOnce() throws Exception {
    Api api = new Api(base);
    String officer = api.login("tianmen-mzj", "officer", Api.DEMO_PASSWORD);
    List<String> workers = new ArrayList<>();
    for (int w = 0; w < WRITERS; w++) {
      workers.add(api.ownWorker("chunhui-sw", "outage" + w));
    }
    String orgId = SignedJWT.parse(workers.get(0)).getJWTClaimsSet().getStringClaim("tenant_id");
    JsonObject project = api.activeProject(officer, orgId, "断库演练",
        "[{\"kind\":\"HOME_VISIT\",\"unit\":\"VISIT\",\"target\":5000}]");
    String projectId = project.getString("id");
    String deliverable = project.getJsonArray("deliverables").getJsonObject(0).getString("id");
    List<String> children = new ArrayList<>();
    for (String worker : workers) {
      String child = api.registerChild(worker, "王小雨");
      var enrolled = api.post("api/v1/projects/" + projectId + "/enrolments", worker, "{\"beneficiaryId\":\"" + child + "\"}");
      assertEquals(201, enrolled.status(), enrolled.body());
      children.add(child);
    }
    durableCommitsFor("shouhu_app", true);

    AtomicBoolean writing = new AtomicBoolean(true);
    AtomicBoolean probing = new AtomicBoolean(true);
    ExecutorService pool = Executors.newFixedThreadPool(WRITERS + 1);
    Instant start = Instant.now();
    pool.submit(() -> probeReadiness(api, probing, start));
    List<Future<Integer>> writers = new ArrayList<>();
    for (int w = 0; w < WRITERS; w++) {
      int writer = w;
      writers.add(pool.submit(() -> write(api, writer, workers.get(writer), projectId, deliverable,
          children.get(writer), writing)));
    }
    try {
      Thread.sleep(4_000);
      long stoppedAt = millisSince(start);
      long pid = postmaster();
      LOG.info("stopping PostgreSQL (fast shutdown of " + pid + ")");
      signal("INT", pid);
      awaitExit(pid);
      Thread.sleep(STOPPED.toMillis());
      long restartedAt = millisSince(start);
      restart();
      awaitReady(api);
      long upAt = millisSince(start);
      LOG.info("PostgreSQL back after " + (restartedAt - stoppedAt) + " ms down, ready " + (upAt - restartedAt)
          + " ms after the restart");
      Thread.sleep(3_000);
      crashOneBackend();
      Thread.sleep(4_000);
      writing.set(false);
      int items = 0;
      for (Future<Integer> f : writers) {
        items += f.get(120, TimeUnit.SECONDS);
      }
      probing.set(false);
      pool.shutdown();
      pool.awaitTermination(30, TimeUnit.SECONDS);

      List<Failure> seen = new ArrayList<>(failures);
      long unavailable = seen.stream().filter(f -> f.status() == 503).count();
      long inProgress = seen.stream().filter(f -> f.status() == 409).count();
      long replays = acked.values().stream().filter(Acked::replayed).count();
      LOG.info(String.format("outage run: %d writes acked, %d sends (%d retries), %d answered 503, %d answered 409"
              + " in progress, %d unreachable, %d acks were replays of a committed request; stopped %d ms, readiness"
              + " DOWN %d ms",
          items, sends.get(), sends.get() - items, unavailable, inProgress, unreachable.get(), replays,
          restartedAt - stoppedAt, downMillis()));

      assertTrue(refusals.isEmpty(), "no write was refused: " + refusals);
      assertEquals(items, acked.size(), "every write got exactly one acknowledgement");
      assertTrue(unavailable > 0, "the outage was seen by the writers");
      for (Failure f : seen) {
        assertTrue(f.status() == 503 || (f.status() == 409 && "IDEMPOTENCY_KEY_IN_PROGRESS".equals(f.code())),
            "only 503 (or a copy in progress) while the database is away, never " + f);
        assertEquals("application/problem+json", f.contentType(), "problem+json: " + f);
        assertNotNull(f.requestId(), "the problem names its request: " + f);
        assertTrue(f.retryAfter().isPresent(), "Retry-After: " + f);
      }
      assertTrue(downMillis() > 0, "readiness went DOWN while the database was stopped");
      assertEquals(200, api.get("health/ready", null).status(), "and is UP again");

      // Every acknowledged record is stored, once per key: each writer's total is its number of acknowledgements.
      for (int w = 0; w < WRITERS; w++) {
        int writer = w;
        long mine = acked.values().stream().filter(a -> a.writer() == writer).count();
        var list = api.get(SERVICES + "/mine?limit=1", workers.get(w));
        assertEquals(200, list.status(), list.body());
        assertEquals(mine, list.json().getJsonNumber("total").longValue(), "writer " + w + ": one record per key");
      }
      // Every key is done: sent again, it replays its one answer (none is left in flight or half done).
      ExecutorService again = Executors.newFixedThreadPool(4);
      List<Future<String>> checks = new ArrayList<>();
      for (Acked a : acked.values()) {
        checks.add(again.submit(() -> {
          var reply = api.request("POST", SERVICES).bearer(workers.get(a.writer())).header("Idempotency-Key", a.key())
              .json(a.body()).send();
          if (reply.status() != 201 || !reply.header("Idempotent-Replayed").isPresent()
              || !a.id().equals(reply.json().getString("id"))) {
            return a.key() + " → " + reply.status() + " " + reply.body();
          }
          return null;
        }));
      }
      List<String> wrong = new ArrayList<>();
      for (Future<String> c : checks) {
        Optional.ofNullable(c.get()).ifPresent(wrong::add);
      }
      again.shutdown();
      assertEquals(List.of(), wrong, "every key replays its one answer");
      assertEquals(acked.size(), acked.values().stream().map(Acked::id).distinct().count(), "one record per key");
    } finally {
      writing.set(false);
      probing.set(false);
      pool.shutdownNow();
      if (!Files.exists(DATA.resolve("postmaster.pid"))) {
        restart();
      }
      durableCommitsFor("shouhu_app", false);
    }
  }

  /** One phone: logs visit after visit into free slots, each sent until it gets a final answer. */
  private int write(Api api, int writer, String worker, String project, String deliverable, String child,
      AtomicBoolean writing) throws InterruptedException {
    int items = 0;
    while (writing.get() && items < 400) {
      LocalDate day = LocalDate.now(CHINA).minusDays(1 + items / SLOTS_PER_DAY);
      var started = day.atTime(8, 0).plusMinutes(15L * (items % SLOTS_PER_DAY)).atZone(CHINA).toOffsetDateTime();
      String body = "{\"projectId\":\"" + project + "\",\"deliverableId\":\"" + deliverable + "\",\"startedAt\":\""
          + started + "\",\"endedAt\":\"" + started.plusMinutes(10) + "\",\"placeCode\":\"429006104201\","
          + "\"participants\":[\"" + child + "\"],\"homeVisit\":{\"present\":\"GUARDIAN\",\"riskAfter\":\"LOW\","
          + "\"findings\":[{\"area\":\"LIVING_CONDITIONS\",\"rating\":3},{\"area\":\"SAFETY\",\"rating\":4},"
          + "{\"area\":\"SCHOOLING\",\"rating\":4},{\"area\":\"HEALTH\",\"rating\":5},{\"area\":\"GUARDIANSHIP\","
          + "\"rating\":3}]},\"submit\":true}";
      String key = UUID.randomUUID().toString();
      while (true) {
        sends.incrementAndGet();
        Api.Reply reply;
        try {
          reply = api.request("POST", SERVICES).bearer(worker).header("Idempotency-Key", key).json(body).send();
        } catch (AssertionError e) {
          unreachable.incrementAndGet();
          Thread.sleep(200);
          continue;
        }
        if (reply.status() / 100 == 2) {
          acked.put(key, new Acked(writer, key, body, reply.json().getString("id"),
              reply.header("Idempotent-Replayed").isPresent()));
          break;
        }
        String type = reply.contentType().split(";")[0];
        String code = null;
        String requestId = null;
        if (type.equals("application/problem+json")) {
          JsonObject problem = reply.json();
          code = problem.getString("code", null);
          requestId = problem.getString("requestId", null);
        }
        if (reply.status() == 503 || (reply.status() == 409 && "IDEMPOTENCY_KEY_IN_PROGRESS".equals(code))
            || reply.status() >= 500) {
          failures.add(new Failure(reply.status(), type, reply.header("Retry-After"), code, requestId));
          // Honour Retry-After, but no longer than half a second: the test wants many tries during a short outage.
          Thread.sleep(Math.min(500, 1000L * reply.header("Retry-After").map(Long::parseLong).orElse(1L)));
          continue;
        }
        refusals.add(reply.status() + " " + reply.body());
        break;
      }
      items++;
      Thread.sleep(20);
    }
    return items;
  }

  private void probeReadiness(Api api, AtomicBoolean probing, Instant start) {
    while (probing.get()) {
      int status;
      try {
        status = api.get("health/ready", null).status();
      } catch (AssertionError e) {
        status = -1;
      }
      readiness.add(new long[] {millisSince(start), status});
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private long downMillis() {
    List<long[]> probes = new ArrayList<>(readiness);
    long down = 0;
    for (int i = 1; i < probes.size(); i++) {
      if (probes.get(i - 1)[1] != 200) {
        down += probes.get(i)[0] - probes.get(i - 1)[0];
      }
    }
    return down;
  }

  private static void awaitReady(Api api) throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(60);
    while (Instant.now().isBefore(deadline)) {
      try {
        if (api.get("health/ready", null).status() == 200) {
          return;
        }
      } catch (AssertionError e) {
        // the server is up; only the database is not
      }
      Thread.sleep(100);
    }
    throw new AssertionError("readiness not UP within 60 s of the restart");
  }

  private static long millisSince(Instant start) {
    return Duration.between(start, Instant.now()).toMillis();
  }

  /** The postmaster's PID: the first line of postmaster.pid in the data directory. */
  private static long postmaster() throws IOException {
    return Long.parseLong(Files.readAllLines(DATA.resolve("postmaster.pid")).get(0).trim());
  }

  private static void signal(String signal, long pid) throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
    assertEquals(0, kill.waitFor(), "kill -" + signal + " " + pid);
  }

  private static void awaitExit(long pid) throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(30);
    while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
      assertTrue(Instant.now().isBefore(deadline), "postmaster " + pid + " did not stop");
      Thread.sleep(50);
    }
    while (Files.exists(DATA.resolve("postmaster.pid"))) {
      assertTrue(Instant.now().isBefore(deadline), "postmaster.pid was not removed");
      Thread.sleep(50);
    }
  }

  /**
   * Starts the postmaster again exactly as it was started: postmaster.opts holds its binary and arguments. It is
   * detached from the test (its own output file, no input), and the server's own shutdown stops it as before.
   */
  private static void restart() throws IOException, InterruptedException {
    String opts = Files.readString(DATA.resolve("postmaster.opts")).trim();
    List<String> command = new ArrayList<>();
    if ("root".equals(System.getProperty("user.name"))) {
      // PostgreSQL refuses to run as root; the embedded server runs it in a user namespace of its own (zonky's
      // "unshare -U"), where it is nobody and so is its data directory. The same here.
      command.addAll(List.of("unshare", "-U"));
    }
    command.add(opts.substring(0, opts.indexOf(' ')));
    Matcher quoted = Pattern.compile("\"([^\"]*)\"").matcher(opts.substring(opts.indexOf(' ')));
    while (quoted.find()) {
      command.add(quoted.group(1));
    }
    new ProcessBuilder(command)
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(DATA.resolveSibling("restarted-postgres.log").toFile()))
        .start();
    Instant deadline = Instant.now().plusSeconds(30);
    while (!accepts()) {
      assertTrue(Instant.now().isBefore(deadline), "PostgreSQL did not come back: " + command);
      Thread.sleep(100);
    }
  }

  /** Kills one of the application's backends: PostgreSQL ends every connection (57P02) and recovers by itself. */
  private static void crashOneBackend() throws IOException, InterruptedException {
    long postmaster = postmaster();
    Optional<ProcessHandle> backend = ProcessHandle.of(postmaster).orElseThrow().children()
        .filter(p -> p.info().commandLine().orElse("").contains("shouhu_app")
            || p.info().arguments().map(a -> String.join(" ", a)).orElse("").contains("shouhu_app"))
        .findFirst();
    long victim = backend.map(ProcessHandle::pid).orElseGet(() -> ProcessHandle.of(postmaster).orElseThrow()
        .children().findFirst().orElseThrow().pid());
    LOG.info("crashing PostgreSQL: SIGKILL to backend " + victim);
    signal("KILL", victim);
    Instant deadline = Instant.now().plusSeconds(30);
    Thread.sleep(200);
    while (!accepts()) {
      assertTrue(Instant.now().isBefore(deadline), "PostgreSQL did not recover from the crash");
      Thread.sleep(100);
    }
  }

  private static boolean accepts() {
    try (Connection c = superuser()) {
      return c.isValid(2);
    } catch (SQLException e) {
      return false;
    }
  }

  private static Connection superuser() throws SQLException {
    return DriverManager.getConnection(
        "jdbc:postgresql://127.0.0.1:" + System.getProperty("shouhu.it.db.port") + "/postgres", "postgres", "");
  }

  /** Turns synchronous commit on (or back to the server's setting) for new connections of the role. */
  private static void durableCommitsFor(String role, boolean on) throws SQLException {
    try (Connection c = superuser(); var s = c.createStatement()) {
      s.execute("alter role " + role + (on ? " set synchronous_commit = on" : " reset synchronous_commit"));
    }
  }
}
