package org.shouhu.services.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jwt.SignedJWT;
import java.net.URL;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
import org.shouhu.Deployments;

/** A retried POST returns the first answer and stores nothing twice, even when the copies arrive together. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class IdempotencyIT {

  /** A contract that began eight months ago and runs a year, so "now" is always inside it, whatever the date. */
  static final LocalDate PERIOD_START =
      LocalDate.now(ZoneId.of("Asia/Shanghai")).minusMonths(8).withDayOfMonth(1);

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.application();
  }

  @ArquillianResource URL base;
  Api api;
  String officer;
  String orgId;

  @BeforeEach
  void parties() throws Exception {
    api = new Api(base);
    officer = api.login("tianmen-mzj", "officer", Api.DEMO_PASSWORD);
    orgId = SignedJWT.parse(api.login("chunhui-sw", "admin", Api.DEMO_PASSWORD)).getJWTClaimsSet().getStringClaim("tenant_id");
  }

  @Test
  void theSameKeyTwiceYieldsOneRecordAndTheSameAnswer() {
    String key = UUID.randomUUID().toString();
    String body = project();
    long before = total();
    var first = post(key, body, officer);
    var retry = post(key, body, officer);
    assertEquals(201, first.status(), first.body());
    assertEquals(201, retry.status());
    assertEquals(first.body(), retry.body(), "the replay is the first answer, byte for byte");
    assertEquals(first.header("Location"), retry.header("Location"));
    assertEquals("true", retry.header("Idempotent-Replayed").orElse(""));
    assertEquals(before + 1, total());
  }

  @Test
  void theSameKeyWithADifferentBodyIsRefused() {
    String key = UUID.randomUUID().toString();
    assertEquals(201, post(key, project(), officer).status());
    var reused = post(key, project(), officer);
    assertEquals(422, reused.status());
    assertEquals("IDEMPOTENCY_KEY_REUSED", reused.code());
  }

  @Test
  void aRefusalKeepsNothingSoTheKeyStaysFreeAndAMalformedKeyIsRefused() {
    String key = UUID.randomUUID().toString();
    String bad = project().replace("\"budget\":100000", "\"budget\":-1");
    long before = total();
    assertEquals(400, post(key, bad, officer).status());
    var again = post(key, bad, officer);
    assertEquals(400, again.status(), "the refused request runs again and is refused again");
    assertTrue(again.header("Idempotent-Replayed").isEmpty(), "nothing was kept to replay");
    assertEquals(201, post(key, project(), officer).status(), "the refusal stored nothing, not even the key");
    assertEquals(before + 1, total());
    assertEquals("IDEMPOTENCY_KEY_FORMAT", post("short", project(), officer).fieldCode("Idempotency-Key"));
  }

  @Test
  void keysBelongToOneUser() throws Exception {
    String key = UUID.randomUUID().toString();
    String body = project();
    assertEquals(201, post(key, body, officer).status());
    String admin = api.login("tianmen-mzj", "admin", Api.DEMO_PASSWORD);
    String name = "officer" + ThreadLocalRandom.current().nextInt(1_000_000);
    assertEquals(201, api.post("api/v1/users", admin, "{\"username\":\"" + name + "\",\"displayName\":\"另一位科员\","
        + "\"roles\":[\"BUREAU_OFFICER\"],\"password\":\"Second-desk-2026\"}").status());
    var otherUser = post(key, body, api.login("tianmen-mzj", name, "Second-desk-2026"));
    assertEquals(409, otherUser.status(), "it ran for the other officer and met the first one's contract number");
    assertEquals("PROJECT_CONTRACT_NUMBER_TAKEN", otherUser.code());
    assertTrue(otherUser.header("Idempotent-Replayed").isEmpty());
  }

  @Test
  void concurrentCopiesOfOneRequestRunOnce() throws Exception {
    String key = UUID.randomUUID().toString();
    String body = project();
    long before = total();
    ExecutorService pool = Executors.newFixedThreadPool(5);
    List<Future<Api.Reply>> replies = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      replies.add(pool.submit(() -> post(key, body, officer)));
    }
    int created = 0;
    int replayed = 0;
    for (Future<Api.Reply> f : replies) {
      Api.Reply reply = f.get();
      assertTrue(reply.status() == 201 || reply.status() == 409, "201 or in-progress 409, got " + reply.status());
      created += reply.status() == 201 ? 1 : 0;
      replayed += reply.header("Idempotent-Replayed").isPresent() ? 1 : 0;
    }
    pool.shutdown();
    assertTrue(created >= 1);
    assertEquals(created - 1, replayed, "the copies waited for the first and were answered with its answer");
    assertEquals(before + 1, total(), "exactly one project whatever the interleaving");
  }

  private Api.Reply post(String key, String body, String token) {
    return api.request("POST", "api/v1/projects").bearer(token).header("Idempotency-Key", key).json(body).send();
  }

  private long total() {
    return api.get("api/v1/projects", officer).json().getJsonNumber("total").longValue();
  }

  private String project() {
    return "{\"contractNumber\":\"IDEM-" + ThreadLocalRandom.current().nextInt(100_000_000) + "\",\"title\":\"重试测试\","
        + "\"organizationId\":\"" + orgId + "\",\"budget\":100000,\"periodStart\":\"" + PERIOD_START + "\",\"periodEnd\":\"" + PERIOD_START.plusYears(1).minusDays(1) + "\","
        + "\"coveredTowns\":[\"429006107\"],\"deliverables\":[{\"kind\":\"HOME_VISIT\",\"unit\":\"VISIT\",\"target\":10}]}";
  }
}
