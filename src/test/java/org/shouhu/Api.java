package org.shouhu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.shouhu.problems.entity.InvalidValueException;
import org.shouhu.tenancy.entity.CreditCode;

/** A small HTTP client for the API as a real client sees it: JSON in, status, headers and JSON out. */
public final class Api {

  /**
   * A connection to the IT database as the application's role, in a transaction bound to the tenant as the
   * application binds it (row-level security applies): what a test reads or writes through it, it does as the
   * application would, triggers included. The caller commits or closes (closing rolls back).
   */
  public static Connection asApplicationIn(String tenantId) throws SQLException {
    Connection app = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:"
        + System.getProperty("shouhu.it.db.port") + "/shouhu", "shouhu_app", "embedded");
    app.setAutoCommit(false);
    try (PreparedStatement bind = app.prepareStatement("select set_config('app.tenant_id', ?, true)")) {
      bind.setString(1, tenantId);
      bind.executeQuery().close();
    }
    return app;
  }

  /**
   * Sends a request while {@code holder}'s open transaction holds a change of a row the request will write, and
   * commits that change only once the request waits for it on the row's lock (as {@code pg_locks} shows): two
   * transactions racing for one row, made certain instead of left to timing. Returns the request's reply.
   */
  public static Reply sentWhileHeld(Connection holder, java.util.function.Supplier<Reply> send) throws Exception {
    var request = java.util.concurrent.CompletableFuture.supplyAsync(send);
    try (Connection seer = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:"
        + System.getProperty("shouhu.it.db.port") + "/shouhu", "shouhu_app", "embedded")) {
      long deadline = System.currentTimeMillis() + 30_000;
      while (true) {
        try (var waiting = seer.createStatement().executeQuery(
            "select count(*) from pg_locks where not granted and locktype in ('transactionid', 'tuple')")) {
          waiting.next();
          if (waiting.getLong(1) > 0) {
            break;
          }
        }
        org.junit.jupiter.api.Assertions.assertFalse(request.isDone(),
            () -> "the request did not wait for the held change: " + request.join().body());
        org.junit.jupiter.api.Assertions.assertTrue(System.currentTimeMillis() < deadline,
            "the request never reached the held row");
        Thread.sleep(50);
      }
    }
    holder.commit();
    return request.get(30, java.util.concurrent.TimeUnit.SECONDS);
  }

  public static final String DEMO_PASSWORD = System.getProperty("shouhu.it.demo-password");

  private final URI base;
  // HTTP/1.1, as the nodes speak it (deploy/payara-preboot.asadmin) and as a browser's requests reach them through
  // the proxy; asking for h2c on every new connection would only cost a refused upgrade.
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();

  public Api(URL base) {
    this.base = URI.create(base.toString().endsWith("/") ? base.toString() : base + "/");
  }

  public record Reply(int status, HttpResponse<String> raw) {

    public String body() {
      return raw.body();
    }

    public JsonObject json() {
      return Json.createReader(new StringReader(raw.body())).readObject();
    }

    public String contentType() {
      return raw.headers().firstValue("Content-Type").orElse("");
    }

    public Optional<String> header(String name) {
      return raw.headers().firstValue(name);
    }

    /** The problem code of an error reply, checking that it is really problem+json. */
    public String code() {
      assertEquals("application/problem+json", contentType().split(";")[0], "problem media type: " + body());
      return json().getString("code");
    }

    public String fieldCode(String field) {
      for (JsonValue v : json().getJsonArray("errors")) {
        JsonObject e = v.asJsonObject();
        if (e.getString("field").equals(field)) {
          return e.getString("code");
        }
      }
      throw new AssertionError("no error for field " + field + " in " + body());
    }
  }

  /** An answer whose body is binary (a downloaded file). */
  public record Download(int status, HttpResponse<byte[]> raw) {

    public byte[] bytes() {
      return raw.body();
    }

    public Optional<String> header(String name) {
      return raw.headers().firstValue(name);
    }
  }

  public Request request(String method, String path) {
    return new Request(method, path);
  }

  public Reply get(String path, String token) {
    return request("GET", path).bearer(token).send();
  }

  public Reply post(String path, String token, String json) {
    return request("POST", path).bearer(token).json(json).send();
  }

  public final class Request {
    private final HttpRequest.Builder builder;
    private final String method;
    private HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.noBody();

    Request(String method, String path) {
      this.method = method;
      this.builder = HttpRequest.newBuilder(base.resolve(path.startsWith("/") ? path.substring(1) : path))
          .timeout(Duration.ofSeconds(30));
    }

    public Request bearer(String token) {
      if (token != null) {
        builder.header("Authorization", "Bearer " + token);
      }
      return this;
    }

    public Request header(String name, String value) {
      builder.header(name, value);
      return this;
    }

    public Request json(String json) {
      builder.header("Content-Type", "application/json");
      body = HttpRequest.BodyPublishers.ofString(json);
      return this;
    }

    public Request body(String contentType, byte[] bytes) {
      builder.header("Content-Type", contentType);
      body = HttpRequest.BodyPublishers.ofByteArray(bytes);
      return this;
    }

    /** A body of unknown length, sent chunked (Transfer-Encoding: chunked), as a phone streaming a file does. */
    public Request chunked(String contentType, byte[] bytes) {
      builder.header("Content-Type", contentType);
      body = HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(bytes));
      return this;
    }

    /** Sends and keeps the answer's body as bytes: for downloads, where a String would mangle them. */
    public Download download() {
      try {
        HttpResponse<byte[]> r = http.send(builder.method(method, body).build(), HttpResponse.BodyHandlers.ofByteArray());
        return new Download(r.statusCode(), r);
      } catch (Exception e) {
        throw new AssertionError("request failed: " + method, e);
      }
    }

    public Reply send() {
      try {
        HttpResponse<String> r = http.send(builder.method(method, body).build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), r);
      } catch (Exception e) {
        throw new AssertionError("request failed: " + method, e);
      }
    }
  }

  /** Logs in and returns the access token, failing the test if the login is refused. */
  public String login(String tenant, String username, String password) {
    Reply r = loginAttempt(tenant, username, password, null);
    assertEquals(200, r.status(), "login of " + username + "@" + tenant + ": " + r.body());
    return r.json().getString("access_token");
  }

  public Reply loginAttempt(String tenant, String username, String password, String fromAddress) {
    Request req =
        request("POST", "api/v1/auth/token")
            .json(Json.createObjectBuilder()
                .add("tenant", tenant)
                .add("username", username)
                .add("password", password)
                .build()
                .toString());
    if (fromAddress != null) {
      req.header("X-Forwarded-For", fromAddress);
    }
    return req.send();
  }

  /** A valid GB 11643 citizen id from 天门 (429006) born on the day, with a random sequence and its check character. */
  public static String citizenId(java.time.LocalDate born) {
    int sequence = ThreadLocalRandom.current().nextInt(0, 1000);
    String body = "429006" + born.toString().replace("-", "") + String.format("%03d", sequence);
    int[] weights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      sum += (body.charAt(i) - '0') * weights[i];
    }
    return body + "10X98765432".charAt(sum % 11);
  }

  /**
   * Registers a left-behind child of 多宝镇 (village 429006104201) with a random citizen id and written consent, as
   * the given worker; answers the beneficiary's id.
   */
  public String registerChild(String token, String name) {
    String body = "{\"name\":\"" + name + "\",\"villageCode\":\"429006104201\",\"categories\":[\"LEFT_BEHIND_CHILD\"],"
        + "\"citizenId\":\"" + citizenId(java.time.LocalDate.of(2012, 1, 1).plusDays(ThreadLocalRandom.current().nextInt(2500)))
        + "\",\"consent\":{\"givenOn\":\"2024-09-01\",\"givenBy\":\"李秀英\",\"relationship\":\"GRANDPARENT\","
        + "\"method\":\"WRITTEN\"}}";
    Reply registered = post("api/v1/beneficiaries", token, body);
    assertEquals(201, registered.status(), registered.body());
    return registered.json().getString("id");
  }

  /**
   * An ACTIVE project that the officer's bureau awards to the organization: town 多宝镇 (429006104), left-behind
   * children, from six months ago to six months ahead, lock days 90, with the given deliverables (a JSON array).
   * Answers the project as its creation answered (its id and deliverables' ids). The contract number and the title
   * end in a random number: every IT of a run shares one database.
   */
  public JsonObject activeProject(String officer, String organizationId, String title, String deliverables) {
    java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai"));
    int n = ThreadLocalRandom.current().nextInt(1_000_000);
    Reply created = post("api/v1/projects", officer, "{\"contractNumber\":\"IT-" + n + "\",\"title\":\"" + title + " " + n
        + "\",\"organizationId\":\"" + organizationId + "\",\"budget\":90000,\"periodStart\":\"" + today.minusMonths(6)
        + "\",\"periodEnd\":\"" + today.plusMonths(6) + "\",\"coveredTowns\":[\"429006104\"],"
        + "\"targetGroups\":[\"LEFT_BEHIND_CHILD\"],\"deliverables\":" + deliverables + ",\"lockDays\":90}");
    assertEquals(201, created.status(), created.body());
    String id = created.json().getString("id");
    Reply activated = post("api/v1/projects/" + id + "/activate", officer, "");
    assertEquals(200, activated.status(), activated.body());
    return created.json();
  }

  /**
   * A submitted home visit (09:00-style: {@code hour}:00 to :50, China time) by the worker to the people in the
   * village, with five middling ratings and low risk; answers the record's id.
   */
  public String submittedHomeVisit(String worker, String project, String deliverable, java.time.LocalDate day, int hour,
      String village, java.util.List<String> people) {
    java.time.ZoneId china = java.time.ZoneId.of("Asia/Shanghai");
    String body = "{\"projectId\":\"" + project + "\",\"deliverableId\":\"" + deliverable + "\","
        + "\"startedAt\":\"" + day.atTime(hour, 0).atZone(china).toOffsetDateTime() + "\",\"endedAt\":\""
        + day.atTime(hour, 50).atZone(china).toOffsetDateTime() + "\",\"placeCode\":\"" + village + "\","
        + "\"participants\":[\"" + String.join("\",\"", people) + "\"],"
        + "\"homeVisit\":{\"present\":\"GUARDIAN\",\"riskAfter\":\"LOW\",\"followUp\":\"联系学校了解出勤\","
        + "\"findings\":[{\"area\":\"LIVING_CONDITIONS\",\"rating\":3},{\"area\":\"SAFETY\",\"rating\":4},"
        + "{\"area\":\"SCHOOLING\",\"rating\":4},{\"area\":\"HEALTH\",\"rating\":5},{\"area\":\"GUARDIANSHIP\",\"rating\":3}]},"
        + "\"submit\":true}";
    Reply logged = post("api/v1/services", worker, body);
    assertEquals(201, logged.status(), logged.body());
    return logged.json().getString("id");
  }

  /** Registers a child of the village in one category (a child in difficulty as de facto unsupported); answers the id. */
  public String registerChild(String token, String name, String category, String village) {
    String difficulty = category.equals("CHILD_IN_DIFFICULTY") ? ",\"difficultyType\":\"DE_FACTO_UNSUPPORTED\"" : "";
    String body = "{\"name\":\"" + name + "\",\"villageCode\":\"" + village + "\",\"categories\":[\"" + category + "\"]"
        + difficulty + ",\"citizenId\":\"" + citizenId(java.time.LocalDate.of(2012, 1, 1).plusDays(ThreadLocalRandom.current().nextInt(2500)))
        + "\",\"consent\":{\"givenOn\":\"2024-09-01\",\"givenBy\":\"李秀英\",\"relationship\":\"GRANDPARENT\","
        + "\"method\":\"WRITTEN\"}}";
    Reply registered = post("api/v1/beneficiaries", token, body);
    assertEquals(201, registered.status(), registered.body());
    return registered.json().getString("id");
  }

  /**
   * The first column of the first row of a query run as the application connects: the non-owner role, bound to one
   * tenant for one transaction (rolled back), so the answer is what row-level security lets that tenant see.
   */
  public static long countAsApplication(String tenantId, String sql, Object... parameters) throws java.sql.SQLException {
    try (java.sql.Connection app = java.sql.DriverManager.getConnection(
        "jdbc:postgresql://127.0.0.1:" + System.getProperty("shouhu.it.db.port") + "/shouhu", "shouhu_app", "embedded")) {
      app.setAutoCommit(false);
      try (java.sql.PreparedStatement bind = app.prepareStatement("select set_config('app.tenant_id', ?, true)")) {
        bind.setString(1, tenantId);
        bind.executeQuery().close();
      }
      try (java.sql.PreparedStatement s = app.prepareStatement(sql)) {
        for (int i = 0; i < parameters.length; i++) {
          s.setObject(i + 1, parameters[i]);
        }
        try (java.sql.ResultSet rs = s.executeQuery()) {
          rs.next();
          return rs.getLong(1);
        }
      } finally {
        app.rollback();
      }
    }
  }


  private static final Map<String, String> OWN_WORKERS = new ConcurrentHashMap<>();
  private static final String OWN_WORKER_PASSWORD = "Own-worker-2026";

  /**
   * A social worker of a demo organization that only the calling test class logs work for, created on first use.
   * Every IT of a run shares one database, and a worker cannot be in two places at once: records the demo worker
   * logged in another class would double-book this one's (409 SVC_WORKER_DOUBLE_BOOKED).
   */
  public String ownWorker(String organization, String name) {
    String username = OWN_WORKERS.computeIfAbsent(organization + "/" + name, key -> {
      String created = name + ThreadLocalRandom.current().nextInt(10_000, 99_999);
      Reply reply = post("api/v1/users", login(organization, "admin", DEMO_PASSWORD),
          "{\"username\":\"" + created + "\",\"displayName\":\"社工" + name + "\",\"roles\":[\"SOCIAL_WORKER\"],"
              + "\"password\":\"" + OWN_WORKER_PASSWORD + "\"}");
      assertEquals(201, reply.status(), reply.body());
      return created;
    });
    return login(organization, username, OWN_WORKER_PASSWORD);
  }

  public String platformToken() {
    return login("platform", "operator", DEMO_PASSWORD);
  }

  /** A freshly onboarded organization with its administrator, unique per call so tests never share state. */
  public record Org(String id, String slug, String adminUsername, String adminPassword) {}

  public Org onboardOrganization(String platformToken) {
    String slug = "it-" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40, 1L << 50), 36);
    String password = "Adm1n-" + slug;
    Reply r =
        post(
            "api/v1/tenants",
            platformToken,
            Json.createObjectBuilder()
                .add("slug", slug)
                .add("displayName", "测试社工机构 " + slug)
                .add("kind", "ORGANIZATION")
                .add("creditCode", randomCreditCode())
                .add("admin", Json.createObjectBuilder()
                    .add("username", "admin")
                    .add("displayName", "管理员")
                    .add("password", password))
                .build()
                .toString());
    assertEquals(201, r.status(), r.body());
    return new Org(r.json().getJsonObject("tenant").getString("id"), slug, "admin", password);
  }

  /** A freshly onboarded bureau for the jurisdiction, with an administrator and one officer. */
  public record Bureau(String id, String slug, String adminToken, String officerToken) {}

  public Bureau onboardBureau(String platformToken, String divisionCode) {
    String slug = "it-mzj-" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40, 1L << 50), 36);
    Reply r = post("api/v1/tenants", platformToken, Json.createObjectBuilder()
        .add("slug", slug).add("displayName", "测试民政局 " + slug).add("kind", "BUREAU").add("divisionCode", divisionCode)
        .add("admin", Json.createObjectBuilder().add("username", "admin").add("displayName", "管理员")
            .add("password", "Adm1n-" + slug))
        .build().toString());
    assertEquals(201, r.status(), r.body());
    String admin = login(slug, "admin", "Adm1n-" + slug);
    Reply officer = post("api/v1/users", admin,
        "{\"username\":\"officer\",\"displayName\":\"科长\",\"roles\":[\"BUREAU_OFFICER\"],\"password\":\"Kezhang-" + slug + "\"}");
    assertEquals(201, officer.status(), officer.body());
    return new Bureau(r.json().getJsonObject("tenant").getString("id"), slug, admin,
        login(slug, "officer", "Kezhang-" + slug));
  }

  /** A valid GB 32100 code for a social organization (52…) in 天门 with a random body. */
  public static String randomCreditCode() {
    String alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    StringBuilder body = new StringBuilder("52429006");
    for (int i = 0; i < 9; i++) {
      body.append(alphabet.charAt(ThreadLocalRandom.current().nextInt(alphabet.length())));
    }
    for (char c : alphabet.toCharArray()) {
      try {
        return CreditCode.of(body.toString() + c).value();
      } catch (InvalidValueException wrongCheck) {
        // try the next check character; exactly one is right
      }
    }
    throw new IllegalStateException("no check character fits " + body);
  }
}
