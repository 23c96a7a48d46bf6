package org.shouhu.contracts.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jwt.SignedJWT;
import jakarta.json.JsonObject;
import java.net.URL;
import java.util.List;
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

/** Purchased service projects: who may see and steer them, what is refused, and the lifecycle. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ProjectsIT {

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.application();
  }

  @ArquillianResource URL base;
  Api api;
  String officer;
  String awardedAdmin;
  String awardedWorker;
  String otherOrgAdmin;
  String awardedOrgId;

  @BeforeEach
  void parties() throws Exception {
    api = new Api(base);
    officer = api.login("tianmen-mzj", "officer", Api.DEMO_PASSWORD);
    awardedAdmin = api.login("chunhui-sw", "admin", Api.DEMO_PASSWORD);
    awardedWorker = api.login("chunhui-sw", "worker", Api.DEMO_PASSWORD);
    otherOrgAdmin = api.login("shouwang-sw", "admin", Api.DEMO_PASSWORD);
    awardedOrgId = SignedJWT.parse(awardedAdmin).getJWTClaimsSet().getStringClaim("tenant_id");
  }

  @Test
  void theBureauAwardsAProjectThatTheOrganizationCanReadButNotSteer() {
    var created = api.post("api/v1/projects", officer, project(number(), 30, 40, 30, ""));
    assertEquals(201, created.status(), created.body());
    JsonObject p = created.json();
    assertTrue(created.header("Location").orElse("").endsWith("/api/v1/projects/" + p.getString("id")));
    assertEquals("DRAFT", p.getString("status"));
    assertEquals("480000.00", p.getString("budget"));
    assertEquals(awardedOrgId, p.getString("organizationId"));
    assertEquals(List.of("429006107", "429006115"), strings(p, "coveredTowns"));
    assertEquals(2000, p.getJsonArray("deliverables").getJsonObject(0).getInt("target"));
    assertEquals("144000.00", p.getJsonArray("milestones").getJsonObject(0).getString("amount"), "30% of the budget");

    var seenByWorker = api.get("api/v1/projects/" + p.getString("id"), awardedWorker);
    assertEquals(200, seenByWorker.status());
    assertEquals(p.getString("contractNumber"), seenByWorker.json().getString("contractNumber"));
    for (String action : List.of("activate", "close")) {
      assertEquals(403, api.post("api/v1/projects/" + p.getString("id") + "/" + action, awardedAdmin, "").status());
    }
    assertEquals(403, api.post("api/v1/projects", awardedAdmin, project(number(), 30, 40, 30, "")).status());
  }

  @Test
  void anotherOrganizationAndAnUnrelatedBureauSeeNothingOfIt() throws Exception {
    String id = api.post("api/v1/projects", officer, project(number(), 30, 40, 30, "")).json().getString("id");
    Api.Bureau wuchang = api.onboardBureau(api.platformToken(), "420106");

    for (String stranger : List.of(otherOrgAdmin, wuchang.officerToken())) {
      var reply = api.get("api/v1/projects/" + id, stranger);
      assertEquals(404, reply.status());
      assertEquals("NOT_FOUND", reply.code());
      assertTrue(ids(api.get("api/v1/projects?limit=200", stranger).json()).stream().noneMatch(id::equals));
      assertEquals(404, api.post("api/v1/projects/" + id + "/terminate", wuchang.officerToken(), "{\"reason\":\"x\"}").status());
    }
    assertTrue(ids(api.get("api/v1/projects?limit=200", awardedAdmin).json()).contains(id));

    // Underneath, as the application role: the project's rows are invisible to the third party.
    String otherOrg = SignedJWT.parse(otherOrgAdmin).getJWTClaimsSet().getStringClaim("tenant_id");
    assertEquals(0, Api.countAsApplication(otherOrg, "select count(*) from project where id = ?::uuid", id));
    assertEquals(0, Api.countAsApplication(otherOrg, "select count(*) from deliverable where project_id = ?::uuid", id));
    assertEquals(0, Api.countAsApplication(wuchang.id(), "select count(*) from project where id = ?::uuid", id));
    String bureau = SignedJWT.parse(officer).getJWTClaimsSet().getStringClaim("tenant_id");
    assertEquals(1, Api.countAsApplication(bureau, "select count(*) from project where id = ?::uuid", id));
    assertEquals(1, Api.countAsApplication(awardedOrgId, "select count(*) from project where id = ?::uuid", id));
    assertEquals(2, Api.countAsApplication(awardedOrgId, "select count(*) from deliverable where project_id = ?::uuid", id));
  }

  @Test
  void refusesEachKindOfBadInputWithAFieldErrorAndStoresNothing() {
    long before = total();
    String good = project(number(), 30, 40, 30, "");
    record Case(String json, String field, String code) {}
    List<Case> cases = List.of(
        new Case(good.replace("\"429006115\"", "\"420106001\""), "coveredTowns[1]", "REGION_OUTSIDE_JURISDICTION"),
        new Case(good.replace("\"429006115\"", "\"429006999\""), "coveredTowns[1]", "REGION_UNKNOWN"),
        new Case(good.replace("\"429006115\"", "\"42900611\""), "coveredTowns[1]", "DIVISION_CODE_FORMAT"),
        new Case(good.replace("\"periodEnd\":\"2026-12-31\"", "\"periodEnd\":\"2025-12-31\""), "periodEnd", "PERIOD_END_BEFORE_START"),
        new Case(good.replace("\"target\":2000", "\"target\":-5"), "deliverables[0].target", "DELIVERABLE_TARGET_NOT_POSITIVE"),
        new Case(good.replace("\"kind\":\"HOME_VISIT\"", "\"kind\":\"SIGHTSEEING\""), "deliverables[0].kind", "SERVICE_KIND_UNKNOWN"),
        new Case(good.replace("480000.00", "480000.005"), "budget", "BUDGET_SCALE"),
        new Case(good.replace("480000.00", "-1"), "budget", "BUDGET_NEGATIVE"),
        new Case(good.replace("\"organizationId\":\"" + awardedOrgId + "\"", "\"organizationId\":\"" + java.util.UUID.randomUUID() + "\""),
            "organizationId", "ORGANIZATION_UNKNOWN"),
        new Case(good.replace("\"sharePercent\":40", "\"sharePercent\":80"), "milestones[1]", "MILESTONE_SHARES_EXCEED_BUDGET"));
    for (Case c : cases) {
      var reply = api.post("api/v1/projects", officer, c.json());
      assertEquals(400, reply.status(), c.code() + ": " + reply.body());
      assertEquals(c.code(), reply.fieldCode(c.field()), reply.body());
    }
    var wrongType = api.post("api/v1/projects", officer, good.replace("\"target\":2000", "\"target\":\"lots\""));
    assertEquals(400, wrongType.status(), wrongType.body());
    assertEquals(before, total(), "nothing was stored");
  }

  @Test
  void aContractNumberIsUniquePerBureau() {
    String number = number();
    assertEquals(201, api.post("api/v1/projects", officer, project(number, 30, 40, 30, "")).status());
    var again = api.post("api/v1/projects", officer, project(number, 30, 40, 30, ""));
    assertEquals(409, again.status());
    assertEquals("PROJECT_CONTRACT_NUMBER_TAKEN", again.code());
  }

  @Test
  void followsItsLifecycleAndRefusesIllegalTransitions() {
    String incomplete = api.post("api/v1/projects", officer, project(number(), 30, 40, 0, "")).json().getString("id");
    var refused = api.post("api/v1/projects/" + incomplete + "/activate", officer, "");
    assertEquals(409, refused.status());
    assertEquals("PROJECT_MILESTONES_INCOMPLETE", refused.code());

    String id = api.post("api/v1/projects", officer, project(number(), 30, 40, 30, "")).json().getString("id");
    assertEquals("ACTIVE", api.post("api/v1/projects/" + id + "/activate", officer, "").json().getString("status"));
    assertEquals("PROJECT_NOT_DRAFT", api.post("api/v1/projects/" + id + "/activate", officer, "").code());
    assertEquals("VALIDATION_FAILED", api.post("api/v1/projects/" + id + "/terminate", officer, "{\"reason\":\" \"}").code());
    var terminated = api.post("api/v1/projects/" + id + "/terminate", officer, "{\"reason\":\"机构服务严重不达标\"}");
    assertEquals("TERMINATED", terminated.json().getString("status"));
    assertEquals("机构服务严重不达标", terminated.json().getString("statusReason"));
    assertEquals("PROJECT_NOT_ACTIVE", api.post("api/v1/projects/" + id + "/close", officer, "").code());

    assertTrue(ids(api.get("api/v1/projects?status=TERMINATED&limit=200", awardedAdmin).json()).contains(id));
    assertTrue(ids(api.get("api/v1/projects?status=ACTIVE&limit=200", awardedAdmin).json()).stream().noneMatch(id::equals));
    assertEquals("SORT_UNKNOWN", api.get("api/v1/projects?sort=secret", officer).fieldCode("sort"));
    assertEquals(200, api.get("api/v1/projects?sort=-contractNumber&activeFrom=2026-06-01", officer).status());
  }

  private String project(String number, int first, int interim, int last, String extra) {
    StringBuilder milestones = new StringBuilder();
    milestones.append("{\"kind\":\"FIRST\",\"sharePercent\":").append(first).append(",\"dueDate\":\"2026-01-31\",\"requiresEvaluation\":false}");
    milestones.append(",{\"kind\":\"INTERIM\",\"sharePercent\":").append(interim).append(",\"dueDate\":\"2026-07-15\"}");
    if (last > 0) {
      milestones.append(",{\"kind\":\"FINAL\",\"sharePercent\":").append(last).append(",\"dueDate\":\"2027-01-31\"}");
    }
    return "{\"contractNumber\":\"" + number + "\",\"title\":\"岳口镇困境儿童关爱保护服务项目\","
        + "\"organizationId\":\"" + awardedOrgId + "\",\"budget\":480000.00,"
        + "\"periodStart\":\"2026-01-01\",\"periodEnd\":\"2026-12-31\","
        + "\"coveredTowns\":[\"429006107\",\"429006115\"],\"targetGroups\":[\"CHILD_IN_DIFFICULTY\"],"
        + "\"deliverables\":[{\"kind\":\"HOME_VISIT\",\"unit\":\"VISIT\",\"target\":2000,\"targetGroup\":\"CHILD_IN_DIFFICULTY\","
        + "\"minimumPerBeneficiary\":1,\"cadence\":\"MONTH\"},{\"kind\":\"GROUP_SESSION\",\"unit\":\"SESSION\",\"target\":40}],"
        + "\"milestones\":[" + milestones + "]" + extra + "}";
  }

  private long total() {
    return api.get("api/v1/projects", officer).json().getJsonNumber("total").longValue();
  }

  private static String number() {
    return "TMMZ-IT-" + ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999);
  }

  private static List<String> ids(JsonObject page) {
    return page.getJsonArray("items").stream().map(v -> v.asJsonObject().getString("id")).toList();
  }

  private static List<String> strings(JsonObject o, String key) {
    return o.getJsonArray(key).stream().map(v -> ((jakarta.json.JsonString) v).getString()).toList();
  }

}
