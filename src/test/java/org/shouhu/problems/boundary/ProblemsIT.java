package org.shouhu.problems.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.shouhu.Api;
import org.shouhu.Api.Reply;
import org.shouhu.Deployments;

/**
 * How every refusal leaves the system: RFC 9457 problem documents with a stable code and the request id, one
 * error per offending field, never a 500, a stack trace or SQL for bad input, and nothing half-written.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ProblemsIT {

  private static final String PROBLEM_JSON = "application/problem+json";
  private static final int MAX_JSON_BYTES = 1024 * 1024;
  /** What a request id the server made up looks like. */
  private static final String UUID_FORMAT = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.application();
  }

  @ArquillianResource URL base;
  Api api;

  /** For bodies the Api helper cannot send: streamed (chunked) ones. HTTP/1.1 so that no h2c upgrade interferes. */
  private final HttpClient http1 =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();

  @BeforeEach
  void connect() {
    api = new Api(base);
  }

  // ---------------------------------------------------------------------------------------------- unreadable bodies

  @Test
  void refusesMalformedJsonAtLogin() {
    Reply r = api.post("api/v1/auth/token", null, "{\"tenant\": \"chunhui-sw\", \"username\": ");
    assertProblem(r, 400, "MALFORMED_JSON");
  }

  @Test
  void refusesMalformedJsonWhenCreatingAUser() {
    String admin = api.login("chunhui-sw", "admin", Api.DEMO_PASSWORD);
    assertProblem(api.post("api/v1/users", admin, "{\"username\": \"li.lei\", \"roles\": [\"SOCIAL_WORKER\""), 400,
        "MALFORMED_JSON");
    assertProblem(api.post("api/v1/users", admin, "{'username': 'li.lei'}"), 400, "MALFORMED_JSON");
  }

  @Test
  void namesThePropertyThatHasAValueOfTheWrongType() {
    String admin = api.login("chunhui-sw", "admin", Api.DEMO_PASSWORD);
    Reply roles = api.post("api/v1/users", admin,
        "{\"username\":\"li.lei\",\"displayName\":\"李雷\",\"roles\":\"ORG_ADMIN\"}");
    assertEquals(Map.of("roles", "INVALID_TYPE"), fieldErrors(assertProblem(roles, 400, "VALIDATION_FAILED")));

    Reply username = api.post("api/v1/auth/token", null,
        "{\"tenant\":\"chunhui-sw\",\"username\":{\"first\":\"li\"},\"password\":\"x\"}");
    assertEquals(Map.of("username", "INVALID_TYPE"), fieldErrors(assertProblem(username, 400, "VALIDATION_FAILED")));

    JsonObject tenant = onboarding(freshSlug()).add("admin", "admin").build();
    Reply admin2 = api.post("api/v1/tenants", api.platformToken(), tenant.toString());
    assertEquals(Map.of("admin", "INVALID_TYPE"), fieldErrors(assertProblem(admin2, 400, "VALIDATION_FAILED")));
  }

  @Test
  void refusesAnUnknownEnumConstantAsBadInput() {
    String platform = api.platformToken();
    long before = tenantCount(platform);
    for (JsonValue kind : List.of(Json.createValue("CHARITY"), Json.createValue(5))) {
      String slug = freshSlug();
      Reply r = api.post("api/v1/tenants", platform, onboarding(slug).add("kind", kind).build().toString());
      assertProblem(r, 400);
      assertFalse(r.body().contains("org.shouhu"), "no class names: " + r.body());
      assertFalse(tenantSlugs(platform).contains(slug));
    }
    assertEquals(before, tenantCount(platform));
  }

  @Test
  void namesTheKindFieldForAnUnknownOrMistypedConstant() {
    String platform = api.platformToken();
    for (JsonValue kind : List.of(Json.createValue("CHARITY"), Json.createValue(5))) {
      Reply r = api.post("api/v1/tenants", platform, onboarding(freshSlug()).add("kind", kind).build().toString());
      assertTrue(fieldErrors(assertProblem(r, 400, "VALIDATION_FAILED")).containsKey("kind"), r.body());
    }
  }

  // ------------------------------------------------------------------------------------------- missing and blank

  @Test
  void requiresABody() {
    assertProblem(api.request("POST", "api/v1/auth/token").send(), 400, "BODY_REQUIRED");
    assertProblem(api.post("api/v1/auth/token", null, "null"), 400, "BODY_REQUIRED");
    String admin = api.login("chunhui-sw", "admin", Api.DEMO_PASSWORD);
    assertProblem(api.request("POST", "api/v1/users").bearer(admin).send(), 400, "BODY_REQUIRED");
    assertProblem(api.post("api/v1/users", admin, "null"), 400, "BODY_REQUIRED");
  }

  @Test
  void requiresABodyEvenWhenAnEmptyOneIsDeclaredAsJson() {
    assertProblem(api.post("api/v1/auth/token", null, ""), 400, "BODY_REQUIRED");
    String admin = api.login("chunhui-sw", "admin", Api.DEMO_PASSWORD);
    assertProblem(api.post("api/v1/users", admin, ""), 400, "BODY_REQUIRED");
  }

  @Test
  void reportsEveryBlankFieldAtOnce() {
    String admin = api.login("chunhui-sw", "admin", Api.DEMO_PASSWORD);
    Reply user = api.post("api/v1/users", admin,
        "{\"username\":\"  \",\"displayName\":\" \",\"roles\":[\"SOCIAL_WORKER\"]}");
    assertEquals(
        Map.of("username", "USERNAME_REQUIRED", "displayName", "REQUIRED"),
        fieldErrors(assertProblem(user, 400, "VALIDATION_FAILED")));

    Reply login = api.post("api/v1/auth/token", null, "{\"tenant\":\"\",\"username\":\" \",\"password\":\"x\"}");
    assertEquals(
        Map.of("tenant", "REQUIRED", "username", "REQUIRED"),
        fieldErrors(assertProblem(login, 400, "VALIDATION_FAILED")));
  }

  // -------------------------------------------------------------------------------------------------- body size

  @Test
  void refusesAnOversizedBodyThatDeclaresItsLength() {
    Reply r = send(HttpRequest.newBuilder(uri("api/v1/auth/token"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(loginOfSize(MAX_JSON_BYTES + 1))));
    assertProblem(r, 413, "PAYLOAD_TOO_LARGE");
  }

  @Test
  void refusesAnOversizedChunkedBody() {
    byte[] body = loginOfSize(MAX_JSON_BYTES + 64 * 1024);
    // ofInputStream has no known length, so the client must send the body chunked, without Content-Length.
    Reply login = send(HttpRequest.newBuilder(uri("api/v1/auth/token"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))));
    assertProblem(login, 413, "PAYLOAD_TOO_LARGE");

    String admin = api.login("chunhui-sw", "admin", Api.DEMO_PASSWORD);
    Reply user = send(HttpRequest.newBuilder(uri("api/v1/users"))
        .header("Authorization", "Bearer " + admin)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))));
    assertProblem(user, 413, "PAYLOAD_TOO_LARGE");
  }

  @Test
  void readsABodyJustUnderTheCapAndJudgesItsContent() {
    byte[] body = loginOfSize(MAX_JSON_BYTES - 16);
    Reply declared = send(HttpRequest.newBuilder(uri("api/v1/auth/token"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    assertEquals(Map.of("password", "TOO_LONG"), fieldErrors(assertProblem(declared, 400, "VALIDATION_FAILED")));

    Reply chunked = send(HttpRequest.newBuilder(uri("api/v1/auth/token"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))));
    assertEquals(Map.of("password", "TOO_LONG"), fieldErrors(assertProblem(chunked, 400, "VALIDATION_FAILED")));
  }

  // ------------------------------------------------------------------------------------ what JAX-RS itself refuses

  @Test
  void answersAnUnknownPathWithAProblem() {
    assertProblem(api.get("api/v1/no-such-thing", null), 404, "NOT_FOUND");
    String worker = api.login("chunhui-sw", "worker", Api.DEMO_PASSWORD);
    assertProblem(api.get("api/v1/no-such-thing", worker), 404, "NOT_FOUND");
    assertProblem(api.get("api/v1/me/no/such/thing", worker), 404, "NOT_FOUND");
  }

  @Test
  void answersAWrongMethodWithAProblem() {
    String worker = api.login("chunhui-sw", "worker", Api.DEMO_PASSWORD);
    assertProblem(api.request("DELETE", "api/v1/me").bearer(worker).send(), 405, "METHOD_NOT_ALLOWED");
    assertProblem(api.request("GET", "api/v1/auth/token").send(), 405, "METHOD_NOT_ALLOWED");
  }

  @Test
  void answersAWrongContentTypeWithAProblem() {
    byte[] text = "tenant=chunhui-sw&username=worker".getBytes(StandardCharsets.UTF_8);
    assertProblem(api.request("POST", "api/v1/auth/token").body("text/plain", text).send(), 415,
        "UNSUPPORTED_MEDIA_TYPE");
    assertProblem(api.request("POST", "api/v1/auth/token").body("application/xml", text).send(), 415,
        "UNSUPPORTED_MEDIA_TYPE");
  }

  @Test
  void answersAnUnacceptableMediaTypeWithAProblem() {
    String worker = api.login("chunhui-sw", "worker", Api.DEMO_PASSWORD);
    assertProblem(api.request("GET", "api/v1/me").bearer(worker).header("Accept", "application/xml").send(), 406,
        "NOT_ACCEPTABLE");
  }

  // ---------------------------------------------------------------------------------------- onboarding tenants

  @Test
  void refusesACorruptedCreditCodeAndStoresNothing() {
    String platform = api.platformToken();
    long before = tenantCount(platform);
    String valid = Api.randomCreditCode();
    String corrupted = valid.substring(0, 17) + (valid.charAt(17) == '0' ? '1' : '0');
    String slug = freshSlug();

    Reply r = api.post("api/v1/tenants", platform, onboarding(slug).add("creditCode", corrupted).build().toString());

    assertEquals(Map.of("creditCode", "CREDIT_CODE_CHECK"), fieldErrors(assertProblem(r, 400, "VALIDATION_FAILED")));
    assertEquals(before, tenantCount(platform), "nothing stored");
    assertFalse(tenantSlugs(platform).contains(slug));
  }

  @Test
  void refusesABureauWhoseJurisdictionIsATown() {
    String platform = api.platformToken();
    long before = tenantCount(platform);
    String slug = freshSlug();
    JsonObject bureau = onboarding(slug)
        .add("kind", "BUREAU")
        .addNull("creditCode")
        .add("divisionCode", "429006107") // 岳口镇, a town of 天门市
        .build();

    Reply r = api.post("api/v1/tenants", platform, bureau.toString());

    assertEquals(
        Map.of("divisionCode", "BUREAU_JURISDICTION_LEVEL"), fieldErrors(assertProblem(r, 400, "VALIDATION_FAILED")));
    assertEquals(before, tenantCount(platform));
    assertFalse(tenantSlugs(platform).contains(slug));
  }

  @Test
  void rollsBackTheTenantWhenItsAdministratorsPasswordIsTooWeak() {
    String platform = api.platformToken();
    long before = tenantCount(platform);
    String slug = freshSlug();
    String creditCode = Api.randomCreditCode();

    // The tenant row is inserted before the administrator's password is checked: only a rollback removes it.
    Reply weak = api.post("api/v1/tenants", platform,
        onboarding(slug, creditCode, "short").build().toString());

    assertTrue(fieldErrors(assertProblem(weak, 400, "VALIDATION_FAILED")).containsValue("PASSWORD_TOO_SHORT"),
        weak.body());
    assertEquals(before, tenantCount(platform), "no tenant left behind");
    assertFalse(tenantSlugs(platform).contains(slug));

    Reply retry = api.post("api/v1/tenants", platform,
        onboarding(slug, creditCode, "Strong-enough-2026").build().toString());
    assertEquals(201, retry.status(), "neither the slug nor the credit code was taken: " + retry.body());
    assertEquals(before + 1, tenantCount(platform));
  }

  @Test
  void namesThePasswordFieldAsTheRequestSpellsIt() {
    Reply onboarding = api.post("api/v1/tenants", api.platformToken(),
        onboarding(freshSlug(), Api.randomCreditCode(), "short").build().toString());
    assertEquals("PASSWORD_TOO_SHORT", onboarding.fieldCode("admin.password"));

    Api.Org org = api.onboardOrganization(api.platformToken());
    String admin = api.login(org.slug(), org.adminUsername(), org.adminPassword());
    Reply change = api.post("api/v1/me/password", admin,
        Json.createObjectBuilder().add("currentPassword", org.adminPassword()).add("newPassword", "short").build()
            .toString());
    assertEquals("PASSWORD_TOO_SHORT", change.fieldCode("newPassword"));
  }

  // ------------------------------------------------------------------------------------------- creating users

  @Test
  void refusesADuplicateUsername() {
    Api.Org org = api.onboardOrganization(api.platformToken());
    String admin = api.login(org.slug(), org.adminUsername(), org.adminPassword());
    long before = userCount(admin);

    assertProblem(api.post("api/v1/users", admin, newUser("admin", "SOCIAL_WORKER")), 409, "USERNAME_TAKEN");
    assertProblem(api.post("api/v1/users", admin, newUser("ADMIN", "SOCIAL_WORKER")), 409, "USERNAME_TAKEN");
    assertEquals(before, userCount(admin));
  }

  @Test
  void refusesAnUnknownRoleNamingItsPosition() {
    Api.Org org = api.onboardOrganization(api.platformToken());
    String admin = api.login(org.slug(), org.adminUsername(), org.adminPassword());
    long before = userCount(admin);

    Reply first = api.post("api/v1/users", admin, newUser("li.lei", "CHIEF"));
    assertEquals(Map.of("roles[0]", "ROLE_UNKNOWN"), fieldErrors(assertProblem(first, 400, "VALIDATION_FAILED")));
    Reply second = api.post("api/v1/users", admin, newUser("li.lei", "SOCIAL_WORKER", "social_worker"));
    assertEquals(Map.of("roles[1]", "ROLE_UNKNOWN"), fieldErrors(assertProblem(second, 400, "VALIDATION_FAILED")));
    assertEquals(before, userCount(admin));
  }

  @Test
  void refusesARoleTheOrganizationMayNotGive() {
    Api.Org org = api.onboardOrganization(api.platformToken());
    String admin = api.login(org.slug(), org.adminUsername(), org.adminPassword());
    long before = userCount(admin);

    for (String role : List.of("BUREAU_OFFICER", "PLATFORM_ADMIN")) {
      Reply r = api.post("api/v1/users", admin, newUser("li.lei", role));
      assertEquals(
          Map.of("roles", "USER_ROLE_NOT_ALLOWED"), fieldErrors(assertProblem(r, 400, "VALIDATION_FAILED")), role);
    }
    assertEquals(before, userCount(admin));
  }

  @Test
  void refusesAWeakPasswordForANewUserAndStoresNothing() {
    Api.Org org = api.onboardOrganization(api.platformToken());
    String admin = api.login(org.slug(), org.adminUsername(), org.adminPassword());
    long before = userCount(admin);

    String body = Json.createObjectBuilder()
        .add("username", "li.lei")
        .add("displayName", "李雷")
        .add("roles", Json.createArrayBuilder().add("SOCIAL_WORKER"))
        .add("password", "li.lei-2026")
        .build()
        .toString();
    Reply r = api.post("api/v1/users", admin, body);

    assertEquals(
        Map.of("password", "PASSWORD_CONTAINS_USERNAME"), fieldErrors(assertProblem(r, 400, "VALIDATION_FAILED")));
    assertEquals(before, userCount(admin));
    assertEquals(401, api.loginAttempt(org.slug(), "li.lei", "li.lei-2026", null).status());
  }

  // ------------------------------------------------------------------------------------------------ request ids

  @Test
  void keepsASaneRequestIdTheCallerSupplied() {
    String id = "it-" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40, 1L << 50), 36) + ".a_b";
    Reply problem = api.request("GET", "api/v1/no-such-thing").header("X-Request-Id", id).send();
    assertEquals(id, assertProblem(problem, 404, "NOT_FOUND").getString("requestId"));

    String worker = api.login("chunhui-sw", "worker", Api.DEMO_PASSWORD);
    Reply ok = api.request("GET", "api/v1/me").bearer(worker).header("X-Request-Id", id).send();
    assertEquals(200, ok.status());
    assertEquals(id, ok.header("X-Request-Id").orElse(null), "successful responses carry it too");
  }

  @Test
  void replacesARequestIdThatDoesNotLookLikeOne() {
    for (String insane : List.of("has spaces in it", "x".repeat(200), "short", "semi;colon;id", "id/with/slashes/1")) {
      Reply r = api.request("GET", "api/v1/no-such-thing").header("X-Request-Id", insane).send();
      String id = assertProblem(r, 404, "NOT_FOUND").getString("requestId");
      assertNotEquals(insane, id);
      assertTrue(id.matches(UUID_FORMAT), id);
    }
  }

  @Test
  void givesEveryRequestItsOwnId() {
    String first = assertProblem(api.get("api/v1/no-such-thing", null), 404, "NOT_FOUND").getString("requestId");
    String second = assertProblem(api.get("api/v1/no-such-thing", null), 404, "NOT_FOUND").getString("requestId");
    assertNotEquals(first, second);
  }

  @Test
  void givesContainerLevelProblemsARequestIdToo() {
    assertProblem(api.get("api/v1/me", "not.a.token"), 401, "UNAUTHENTICATED");
    assertProblem(api.get("no-such-page", null), 404, "NOT_FOUND");
  }

  // ---------------------------------------------------------------------------------------- operations endpoints

  @Test
  void reportsReadyWhenTheDatabaseIsUp() {
    Reply r = api.get("health/ready", null);
    assertEquals(200, r.status(), r.body());
    JsonObject health = r.json();
    assertEquals("UP", health.getString("status"));
    assertTrue(health.getJsonArray("checks").stream()
        .map(JsonValue::asJsonObject)
        .anyMatch(c -> "database".equals(c.getString("name")) && "UP".equals(c.getString("status"))), r.body());
  }

  @Test
  void servesMetricsInPrometheusText() {
    // Only the platform operator reads metrics (OperationsIT tests the refusals).
    Reply r = api.request("GET", "metrics").bearer(api.platformToken()).header("Accept", "text/plain").send();
    assertEquals(200, r.status());
    assertTrue(r.contentType().startsWith("text/plain"), r.contentType());
    assertTrue(r.body().contains("# TYPE "), "Prometheus exposition format");
    String sample = "[a-zA-Z_:][a-zA-Z0-9_:]*(\\{.*\\})? .+";
    assertTrue(r.body().lines().anyMatch(l -> !l.startsWith("#") && l.matches(sample)), "at least one sample line");
  }

  @Test
  void publishesTheOpenApiDocumentWithTheApiPaths() {
    Reply r = api.request("GET", "openapi").header("Accept", "application/json").send();
    assertEquals(200, r.status());
    JsonObject paths = Json.createReader(new StringReader(r.body())).readObject().getJsonObject("paths");
    for (String path : List.of("/api/v1/auth/token", "/api/v1/users", "/api/v1/tenants", "/api/v1/me")) {
      assertTrue(paths.containsKey(path), path + " in " + paths.keySet());
    }
    assertTrue(paths.getJsonObject("/api/v1/auth/token").containsKey("post"));
  }

  // ------------------------------------------------------------------------------------------------------ helpers

  /** Checks everything every problem must be and that it carries this code; returns the document. */
  private static JsonObject assertProblem(Reply r, int status, String code) {
    JsonObject problem = assertProblem(r, status);
    assertEquals(code, problem.getString("code"), r.body());
    return problem;
  }

  /**
   * Checks everything every problem must be, whatever its code: problem+json with type, title, status and code, the
   * request id in body and header alike, and nothing internal in the text.
   */
  private static JsonObject assertProblem(Reply r, int status) {
    assertEquals(status, r.status(), r.body());
    assertEquals(PROBLEM_JSON, r.contentType().split(";")[0].trim(), r.body());
    for (String leak : List.of("Exception", "at org.", "SQL")) {
      assertFalse(r.body().contains(leak), "'" + leak + "' leaked: " + r.body());
    }
    JsonObject problem = r.json();
    assertEquals(status, problem.getInt("status"));
    assertTrue(problem.getString("type").startsWith("urn:shouhu:problem:"), problem.getString("type"));
    assertFalse(problem.getString("title").isBlank());
    assertFalse(problem.getString("code").isBlank());
    String requestId = problem.getString("requestId", null);
    assertTrue(requestId != null && !requestId.isBlank(), "requestId in " + r.body());
    assertEquals(requestId, r.header("X-Request-Id").orElse(null), "X-Request-Id header equals the body's requestId");
    return problem;
  }

  /** The field errors as field → code, checking each names a field, a code and a message. */
  private static Map<String, String> fieldErrors(JsonObject problem) {
    assertTrue(problem.containsKey("errors"), "errors in " + problem);
    Map<String, String> errors = new LinkedHashMap<>();
    for (JsonValue v : problem.getJsonArray("errors")) {
      JsonObject e = v.asJsonObject();
      assertFalse(e.getString("field").isBlank(), e.toString());
      assertFalse(e.getString("message").isBlank(), e.toString());
      assertEquals(null, errors.put(e.getString("field"), e.getString("code")), "one error per field: " + problem);
    }
    return errors;
  }

  private Reply send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> r = http1.send(request.timeout(Duration.ofSeconds(60)).build(),
          HttpResponse.BodyHandlers.ofString());
      return new Reply(r.statusCode(), r);
    } catch (Exception e) {
      throw new AssertionError("request failed", e);
    }
  }

  private URI uri(String path) {
    String root = base.toString().endsWith("/") ? base.toString() : base + "/";
    return URI.create(root + path);
  }

  /** A well-formed login body of exactly the given size in bytes, its bulk in the password. */
  private static byte[] loginOfSize(int bytes) {
    String head = "{\"tenant\":\"chunhui-sw\",\"username\":\"worker\",\"password\":\"";
    String tail = "\"}";
    String json = head + "x".repeat(bytes - head.length() - tail.length()) + tail;
    byte[] body = json.getBytes(StandardCharsets.US_ASCII);
    assertEquals(bytes, body.length);
    return body;
  }

  private static String freshSlug() {
    return "it-p-" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40, 1L << 50), 36);
  }

  /** A complete, valid organization onboarding; tests overwrite the one member they make wrong. */
  private static JsonObjectBuilder onboarding(String slug) {
    return onboarding(slug, Api.randomCreditCode(), "Strong-enough-2026");
  }

  private static JsonObjectBuilder onboarding(String slug, String creditCode, String adminPassword) {
    return Json.createObjectBuilder()
        .add("slug", slug)
        .add("displayName", "测试社工机构 " + slug)
        .add("kind", "ORGANIZATION")
        .add("creditCode", creditCode)
        .add("admin", Json.createObjectBuilder()
            .add("username", "admin")
            .add("displayName", "管理员")
            .add("password", adminPassword));
  }

  private static String newUser(String username, String... roles) {
    var list = Json.createArrayBuilder();
    for (String role : roles) {
      list.add(role);
    }
    return Json.createObjectBuilder()
        .add("username", username)
        .add("displayName", "李雷")
        .add("roles", list)
        .build()
        .toString();
  }

  private long tenantCount(String platform) {
    Reply r = api.get("api/v1/tenants?limit=1", platform);
    assertEquals(200, r.status(), r.body());
    return r.json().getJsonNumber("total").longValue();
  }

  private List<String> tenantSlugs(String platform) {
    List<String> slugs = new ArrayList<>();
    for (int offset = 0; ; offset += 200) {
      JsonObject page = api.get("api/v1/tenants?limit=200&offset=" + offset, platform).json();
      page.getJsonArray("items").forEach(t -> slugs.add(t.asJsonObject().getString("slug")));
      if (offset + 200 >= page.getJsonNumber("total").longValue()) {
        return slugs;
      }
    }
  }

  private long userCount(String admin) {
    Reply r = api.get("api/v1/users?limit=1", admin);
    assertEquals(200, r.status(), r.body());
    return r.json().getJsonNumber("total").longValue();
  }

  /**
   * Two changes of one record at the same moment: the request that finds the row changed since it read it is refused
   * 409 {@code CONCURRENT_CHANGE} with {@code Retry-After}, keeps nothing, and the same request sent again applies.
   * Both ways a request commits are raced: the resource's own transaction, and the idempotency filter's. (Before
   * there was a mapper for it, Jersey's own mapper of a failed commit threw again and the container said 500.)
   */
  @Test
  void aChangeThatLosesARaceWithAnotherIs409AndTheSameRequestThenApplies() throws Exception {
    Api.Org org = api.onboardOrganization(api.platformToken());
    String admin = api.login(org.slug(), "admin", org.adminPassword());
    String tenant = com.nimbusds.jwt.SignedJWT.parse(admin).getJWTClaimsSet().getStringClaim("tenant_id");
    String worker = createdUser(admin, "SOCIAL_WORKER");
    String supervisor = createdUser(admin, "SUPERVISOR");
    String path = "api/v1/users/" + worker + "/supervisor";
    String body = "{\"supervisorId\":\"" + supervisor + "\"}";
    String key = java.util.UUID.randomUUID().toString();

    for (var send : List.<java.util.function.Supplier<Reply>>of(
        () -> api.request("PUT", path).bearer(admin).json(body).send(),
        () -> api.request("PUT", path).bearer(admin).header("Idempotency-Key", key).json(body).send())) {
      Reply lost = whileAnotherTransactionChangesTheUser(tenant, worker, send);
      assertEquals(409, lost.status(), lost.body());
      assertEquals("CONCURRENT_CHANGE", lost.code(), lost.body());
      assertTrue(lost.contentType().startsWith(PROBLEM_JSON), lost.contentType());
      assertEquals("1", lost.header("Retry-After").orElse(null));
      assertEquals(0, Api.countAsApplication(tenant,
          "select count(*) from app_user where id = ?::uuid and supervisor_id is not null", worker), "nothing kept");
    }
    Reply applied = api.request("PUT", path).bearer(admin).header("Idempotency-Key", key).json(body).send();
    assertEquals(200, applied.status(), applied.body());
    assertTrue(applied.header("Idempotent-Replayed").isEmpty(), "the refused run kept no answer for its key");
    assertEquals(supervisor, applied.json().getString("supervisorId"), applied.body());
  }

  /** Sends the request while another transaction holds a change of the user, committed once the request waits. */
  private Reply whileAnotherTransactionChangesTheUser(String tenant, String user, java.util.function.Supplier<Reply> send)
      throws Exception {
    try (var other = Api.asApplicationIn(tenant)) {
      assertEquals(1, other.createStatement().executeUpdate(
          "update app_user set version = version + 1 where id = '" + user + "'"));
      return Api.sentWhileHeld(other, send);
    }
  }

  private String createdUser(String admin, String role) {
    String name = role.toLowerCase(java.util.Locale.ROOT).replace("_", "") + ThreadLocalRandom.current().nextInt(10_000, 99_999);
    Reply created = api.post("api/v1/users", admin, "{\"username\":\"" + name + "\",\"displayName\":\"" + name
        + "\",\"roles\":[\"" + role + "\"],\"password\":\"Race-at-commit-2026\"}");
    assertEquals(201, created.status(), created.body());
    return created.json().getJsonObject("user").getString("id");
  }
}
