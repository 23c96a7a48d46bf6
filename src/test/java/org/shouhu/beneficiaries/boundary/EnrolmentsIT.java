package org.shouhu.beneficiaries.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jwt.SignedJWT;
import java.net.URL;
import java.time.LocalDate;
import java.time.ZoneId;
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

/** Enrolling the organization's beneficiaries in its active projects, within the contract's area and groups. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class EnrolmentsIT {

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
  String worker;
  String orgId;

  @BeforeEach
  void parties() throws Exception {
    api = new Api(base);
    officer = api.login("tianmen-mzj", "officer", Api.DEMO_PASSWORD);
    worker = api.login("chunhui-sw", "worker", Api.DEMO_PASSWORD);
    orgId = SignedJWT.parse(worker).getJWTClaimsSet().getStringClaim("tenant_id");
  }

  @Test
  void enrolsAPersonOnceListsThemMaskedAndVoidsWithAReason() {
    String project = activeProject("LEFT_BEHIND_CHILD");
    String child = child("429006104201", "LEFT_BEHIND_CHILD");
    var enrolled = api.post(path(project), worker, "{\"beneficiaryId\":\"" + child + "\",\"enrolledOn\":\"" + PERIOD_START.plusMonths(2) + "\"}");
    assertEquals(201, enrolled.status(), enrolled.body());
    String enrolment = enrolled.json().getString("id");
    assertEquals("ACTIVE", enrolled.json().getString("status"));

    var list = api.get(path(project), worker).json();
    assertEquals(1, list.getInt("total"));
    assertEquals("张*明", list.getJsonArray("items").getJsonObject(0).getString("name"), "masked in lists");

    var twice = api.post(path(project), worker, "{\"beneficiaryId\":\"" + child + "\"}");
    assertEquals(409, twice.status());
    assertEquals("ENROLMENT_EXISTS", twice.code());

    assertEquals("VALIDATION_FAILED", api.post(path(project) + "/" + enrolment + "/void", worker, "{\"reason\":\"\"}").code());
    var voided = api.post(path(project) + "/" + enrolment + "/void", worker, "{\"reason\":\"随父母迁往武汉\"}");
    assertEquals("VOIDED", voided.json().getString("status"));
    assertEquals(0, api.get(path(project), worker).json().getInt("total"));
    assertEquals(1, api.get(path(project) + "?includeVoided=true", worker).json().getInt("total"));
    assertEquals(201, api.post(path(project), worker, "{\"beneficiaryId\":\"" + child + "\"}").status(), "may return later");
  }

  @Test
  void endsAnEnrolmentOnADayForAReasonWhichLeavesTheActiveListButNotThePersonsHistory() throws Exception {
    String project = activeProject("LEFT_BEHIND_CHILD");
    String child = child("429006104201", "LEFT_BEHIND_CHILD");
    LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
    var enrolled = api.post(path(project), worker, "{\"beneficiaryId\":\"" + child + "\",\"enrolledOn\":\"" + today.minusDays(30) + "\"}");
    assertEquals(201, enrolled.status(), enrolled.body());
    String end = path(project) + "/" + enrolled.json().getString("id") + "/end";

    assertEquals("ENROLMENT_END_REASON_UNKNOWN", api.post(end, worker, "{\"endedOn\":\"" + today + "\",\"reason\":\"BORED\"}").fieldCode("reason"));
    assertEquals("ENROLMENT_END_IN_FUTURE", api.post(end, worker, "{\"endedOn\":\"" + today.plusDays(1) + "\",\"reason\":\"AGED_OUT\"}").fieldCode("endedOn"));
    assertEquals("ENROLMENT_END_BEFORE_START", api.post(end, worker, "{\"endedOn\":\"" + today.minusDays(31) + "\",\"reason\":\"AGED_OUT\"}").fieldCode("endedOn"));
    assertEquals("ENROLMENT_END_NOTE_REQUIRED", api.post(end, worker, "{\"endedOn\":\"" + today + "\",\"reason\":\"OTHER\"}").fieldCode("note"));
    String otherOrg = api.login("shouwang-sw", "admin", Api.DEMO_PASSWORD);
    assertEquals(404, api.post(end, otherOrg, "{\"endedOn\":\"" + today + "\",\"reason\":\"LEFT_AREA\"}").status());
    assertEquals(404, api.get("api/v1/beneficiaries/" + child + "/enrolments", otherOrg).status());

    var ended = api.post(end, worker, "{\"endedOn\":\"" + today.minusDays(5) + "\",\"reason\":\"LEFT_AREA\"}");
    assertEquals(200, ended.status(), ended.body());
    assertEquals("ENDED", ended.json().getString("status"));
    assertEquals("LEFT_AREA", ended.json().getString("endReason"));
    assertEquals(today.minusDays(5).toString(), ended.json().getString("endedOn"));
    assertEquals(0, api.get(path(project), worker).json().getInt("total"), "no longer in the project's active list");
    assertEquals(1, api.get(path(project) + "?includeVoided=true", worker).json().getInt("total"));
    assertEquals("ENROLMENT_NOT_ACTIVE", api.post(end, worker, "{\"endedOn\":\"" + today + "\",\"reason\":\"LEFT_AREA\"}").code());

    var history = api.get("api/v1/beneficiaries/" + child + "/enrolments", worker);
    assertEquals(200, history.status(), history.body());
    var only = history.raw().body();
    assertTrue(only.contains("\"status\":\"ENDED\"") && only.contains("多宝镇留守儿童关爱"), only);
    assertEquals(1, Api.countAsApplication(orgId,
        "select count(*) from audit_event where action = 'ENROLMENT_ENDED' and subject_id = '" + enrolled.json().getString("id") + "'"));
    assertEquals(201, api.post(path(project), worker, "{\"beneficiaryId\":\"" + child + "\"}").status(), "may be enrolled again");
  }

  @Test
  void refusesPeopleOutsideTheContractsTownsOrGroupsAndDraftProjects() {
    String project = activeProject("CHILD_IN_DIFFICULTY");
    String elsewhere = child("429006120201", "LEFT_BEHIND_CHILD");
    String leftBehind = child("429006104201", "LEFT_BEHIND_CHILD");
    assertEquals("ENROLMENT_OUTSIDE_PROJECT_AREA",
        api.post(path(project), worker, "{\"beneficiaryId\":\"" + elsewhere + "\"}").fieldCode("beneficiaryId"));
    assertEquals("ENROLMENT_TARGET_GROUP_MISMATCH",
        api.post(path(project), worker, "{\"beneficiaryId\":\"" + leftBehind + "\"}").fieldCode("beneficiaryId"));
    assertEquals("ENROLMENT_OUTSIDE_PERIOD",
        api.post(path(project), worker, "{\"beneficiaryId\":\"" + leftBehind + "\",\"enrolledOn\":\"2030-01-01\"}")
            .fieldCode("enrolledOn"));

    String draft = createProject("LEFT_BEHIND_CHILD");
    var notActive = api.post(path(draft), worker, "{\"beneficiaryId\":\"" + leftBehind + "\"}");
    assertEquals(409, notActive.status());
    assertEquals("ENROLMENT_PROJECT_NOT_ACTIVE", notActive.code());
  }

  @Test
  void onlyTheAwardedOrganizationSeesItsEnrolments() {
    String project = activeProject("LEFT_BEHIND_CHILD");
    String otherOrg = api.login("shouwang-sw", "admin", Api.DEMO_PASSWORD);
    assertEquals(404, api.get(path(project), otherOrg).status());
    assertEquals(403, api.get(path(project), officer).status(), "the bureau reads counts in reports, not names");
    String child = child("429006104201", "LEFT_BEHIND_CHILD");
    assertEquals(404, api.post(path(project), otherOrg, "{\"beneficiaryId\":\"" + child + "\"}").status());
    assertTrue(api.post(path(java.util.UUID.randomUUID().toString()), worker, "{\"beneficiaryId\":\"" + child + "\"}")
        .status() == 404);
  }

  private static String path(String project) {
    return "api/v1/projects/" + project + "/enrolments";
  }

  private String activeProject(String group) {
    String id = createProject(group);
    assertEquals(200, api.post("api/v1/projects/" + id + "/activate", officer, "").status());
    return id;
  }

  private String createProject(String group) {
    var created = api.post("api/v1/projects", officer, "{\"contractNumber\":\"ENR-" + ThreadLocalRandom.current().nextInt(1_000_000)
        + "\",\"title\":\"多宝镇留守儿童关爱\",\"organizationId\":\"" + orgId + "\",\"budget\":100000,"
        + "\"periodStart\":\"" + PERIOD_START + "\",\"periodEnd\":\"" + PERIOD_START.plusYears(1).minusDays(1) + "\",\"coveredTowns\":[\"429006104\"],"
        + "\"targetGroups\":[\"" + group + "\"],\"deliverables\":[{\"kind\":\"HOME_VISIT\",\"unit\":\"VISIT\",\"target\":100}]}");
    assertEquals(201, created.status(), created.body());
    return created.json().getString("id");
  }

  private String child(String village, String category) {
    String body = "{\"name\":\"张小明\",\"villageCode\":\"" + village + "\",\"categories\":[\"" + category + "\"],"
        + "\"citizenId\":\"" + BeneficiariesIT.citizenId(LocalDate.of(2012, 1, 1).plusDays(ThreadLocalRandom.current().nextInt(2500)), true) + "\","
        + "\"consent\":{\"givenOn\":\"2024-09-01\",\"givenBy\":\"李秀英\",\"relationship\":\"GRANDPARENT\",\"method\":\"WRITTEN\"}}";
    var registered = api.post("api/v1/beneficiaries", worker, body);
    assertEquals(201, registered.status(), registered.body());
    return registered.json().getString("id");
  }
}
