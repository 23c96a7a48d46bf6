package org.shouhu.services.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jwt.SignedJWT;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.net.URL;
import java.time.LocalDate;
import java.time.ZoneId;
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

/**
 * Home visits end to end: logged by the worker for an enrolled child, returned by the supervisor with a comment,
 * revised, resubmitted and approved; every rule's code through the API; isolation from other tenants and the bureau.
 * Every IT of a run shares the database, so the class logs with a worker of its own ({@link Api#ownWorker}) and each
 * test gives it its own day (double-booking spans projects).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ServiceRecordsIT {

  private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
  private static final String SERVICES = "api/v1/services";

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.application();
  }

  @ArquillianResource URL base;
  Api api;
  String officer;
  String worker;
  String supervisor;
  String orgId;

  /** An active project in 多宝镇 with a HOME_VISIT and a GROUP_SESSION deliverable, and one enrolled child. */
  record Setting(String project, String homeVisits, String groupSessions, String child) {}

  @BeforeEach
  void parties() throws Exception {
    api = new Api(base);
    officer = api.login("tianmen-mzj", "officer", Api.DEMO_PASSWORD);
    worker = api.ownWorker("chunhui-sw", "records");
    supervisor = api.login("chunhui-sw", "supervisor", Api.DEMO_PASSWORD);
    orgId = SignedJWT.parse(worker).getJWTClaimsSet().getStringClaim("tenant_id");
  }

  @Test
  void visitIsReturnedRevisedResubmittedAndApproved() {
    Setting s = setting();
    var logged = api.post(SERVICES, worker, visit(s, s.homeVisits(), daysAgo(1, 9, 0), daysAgo(1, 10, 0), "429006104201", false));
    assertEquals(201, logged.status(), logged.body());
    assertTrue(logged.header("Location").orElseThrow().endsWith(logged.json().getString("id")));
    String id = logged.json().getString("id");
    assertEquals("DRAFT", logged.json().getString("status"));
    assertEquals(0, logged.json().getJsonArray("flags").size(), logged.body());
    assertEquals(5, logged.json().getJsonObject("homeVisit").getJsonObject("findings").size());
    assertFalse(logged.json().getBoolean("countsTowardDeliverable"));

    assertEquals("SUBMITTED", api.post(SERVICES + "/" + id + "/submit", worker, "").json().getString("status"));
    assertTrue(queueIds(s.project()).contains(id), "in the supervisor's queue");

    var returned = api.post(SERVICES + "/review", supervisor,
        "{\"ids\":[\"" + id + "\"],\"action\":\"RETURN\",\"comment\":\"请补充监护情况说明\"}");
    assertEquals(200, returned.status(), returned.body());
    assertEquals("RETURNED", returned.json().getJsonArray("items").getJsonObject(0).getString("result"));
    var seen = api.get(SERVICES + "/" + id, worker).json();
    assertEquals("RETURNED", seen.getString("status"));
    assertEquals("请补充监护情况说明", seen.getString("returnComment"));

    var again = api.post(SERVICES + "/review", supervisor, "{\"ids\":[\"" + id + "\"],\"action\":\"APPROVE\"}");
    assertEquals("SVC_NOT_AWAITING_REVIEW", again.json().getJsonArray("items").getJsonObject(0).getString("code"),
        "a returned record is the worker's until resubmitted");

    long opened = seen.getJsonNumber("version").longValue();
    String content = revision(s, daysAgo(1, 9, 0), daysAgo(1, 10, 30), "429006104201", "祖母身体欠佳，已联系村委会协助");
    var revised = api.post(SERVICES + "/" + id + "/revise", worker, withVersion(content, opened));
    assertEquals(200, revised.status(), revised.body());
    assertTrue(revised.json().getJsonNumber("version").longValue() > opened);
    assertEquals(revised.json().getJsonNumber("version"), api.get(SERVICES + "/" + id, worker).json().getJsonNumber("version"),
        "the answer carries the stored version");
    var lost = api.post(SERVICES + "/" + id + "/revise", worker, withVersion(content, opened));
    assertEquals(409, lost.status(), "a second device still holding the old version: " + lost.body());
    assertEquals("SVC_STALE", lost.code());
    assertEquals("祖母身体欠佳，已联系村委会协助",
        revised.json().getJsonObject("homeVisit").getJsonObject("findings").getJsonObject("GUARDIANSHIP").getString("note"));
    assertEquals("SUBMITTED", api.post(SERVICES + "/" + id + "/submit", worker, "").json().getString("status"));

    var approved = api.post(SERVICES + "/review", supervisor, "{\"ids\":[\"" + id + "\"],\"action\":\"APPROVE\"}");
    assertEquals(1, approved.json().getInt("approved"), approved.body());
    var done = api.get(SERVICES + "/" + id, supervisor).json();
    assertEquals("APPROVED", done.getString("status"));
    assertTrue(done.getBoolean("countsTowardDeliverable"));

    var edit = api.post(SERVICES + "/" + id + "/revise", worker, revision(s, daysAgo(1, 9, 0), daysAgo(1, 10, 0), "429006104201", "x"));
    assertEquals(409, edit.status());
    assertEquals("SVC_NOT_EDITABLE", edit.code());
    assertEquals("SVC_VOID_NEEDS_SUPERVISOR",
        api.post(SERVICES + "/" + id + "/void", worker, "{\"reason\":\"录入错误\"}").code());
    assertEquals("VOIDED", api.post(SERVICES + "/" + id + "/void", supervisor, "{\"reason\":\"重复录入\"}").json().getString("status"));
  }

  @Test
  void workerCannotBeInTwoPlacesAtOnceAndASecondVisitTheSameDayIsFlagged() {
    Setting s = setting();
    assertEquals(201, api.post(SERVICES, worker, visit(s, s.homeVisits(), daysAgo(2, 14, 0), daysAgo(2, 15, 0), "429006104201", true)).status());

    var overlapping = api.post(SERVICES, worker, visit(s, s.homeVisits(), daysAgo(2, 14, 30), daysAgo(2, 15, 30), "429006104201", false));
    assertEquals(409, overlapping.status(), overlapping.body());
    assertEquals("SVC_WORKER_DOUBLE_BOOKED", overlapping.code());

    Setting other = setting();
    assertEquals("SVC_WORKER_DOUBLE_BOOKED",
        api.post(SERVICES, worker, visit(other, other.homeVisits(), daysAgo(2, 13, 30), daysAgo(2, 14, 10), "429006104201", false)).code(),
        "across projects too");

    var later = api.post(SERVICES, worker, visit(s, s.homeVisits(), daysAgo(2, 16, 0), daysAgo(2, 16, 45), "429006104201", false));
    assertEquals(201, later.status(), later.body());
    assertEquals(List.of("SAME_DAY_REPEAT"), flags(later.json()));
  }

  @Test
  void rulesRefuseWithTheirCodesAndLateEntriesAreFlagged() {
    Setting s = setting();
    LocalDate beforePeriod = LocalDate.now(CHINA).minusMonths(6).minusDays(3);
    String early = beforePeriod.atTime(9, 0).atZone(CHINA).toOffsetDateTime().toString();
    String earlyEnd = beforePeriod.atTime(10, 0).atZone(CHINA).toOffsetDateTime().toString();
    assertEquals("SVC_OUTSIDE_PERIOD",
        api.post(SERVICES, worker, visit(s, s.homeVisits(), early, earlyEnd, "429006104201", false)).fieldCode("startedAt"));
    assertEquals("SVC_OUTSIDE_AREA",
        api.post(SERVICES, worker, visit(s, s.homeVisits(), daysAgo(3, 9, 0), daysAgo(3, 10, 0), "429006120201", false)).fieldCode("placeCode"));
    assertEquals("SVC_DURATION_IMPLAUSIBLE",
        api.post(SERVICES, worker, visit(s, s.homeVisits(), daysAgo(3, 9, 0), daysAgo(3, 9, 2), "429006104201", false)).fieldCode("endedAt"));
    assertEquals("SVC_TIME_ORDER",
        api.post(SERVICES, worker, visit(s, s.homeVisits(), daysAgo(3, 10, 0), daysAgo(3, 9, 0), "429006104201", false)).fieldCode("endedAt"));
    assertEquals("SVC_DELIVERABLE_KIND_MISMATCH",
        api.post(SERVICES, worker, visit(s, s.groupSessions(), daysAgo(3, 9, 0), daysAgo(3, 10, 0), "429006104201", false)).fieldCode("deliverableId"));
    String notEnrolled = child();
    assertEquals("SVC_PARTICIPANT_NOT_ENROLLED",
        api.post(SERVICES, worker, visit(s, s.homeVisits(), daysAgo(3, 9, 0), daysAgo(3, 10, 0), "429006104201", false)
            .replace(s.child(), notEnrolled)).fieldCode("participants"));

    var late = api.post(SERVICES, worker, visit(s, s.homeVisits(), daysAgo(20, 9, 0), daysAgo(20, 10, 0), "429006104201", true));
    assertEquals(201, late.status(), late.body());
    assertEquals(List.of("LATE_ENTRY"), flags(late.json()));
    assertEquals("SUBMITTED", late.json().getString("status"));
  }

  @Test
  void aChildWhoseEnrolmentEndedIsServedUpToHerLastDayAndNotAfter() {
    Setting s = setting();
    String moved = child();
    var enrolled = api.post("api/v1/projects/" + s.project() + "/enrolments", worker,
        "{\"beneficiaryId\":\"" + moved + "\",\"enrolledOn\":\"" + LocalDate.now(CHINA).minusDays(30) + "\"}");
    assertEquals(201, enrolled.status(), enrolled.body());
    var ended = api.post("api/v1/projects/" + s.project() + "/enrolments/" + enrolled.json().getString("id") + "/end", supervisor,
        "{\"endedOn\":\"" + LocalDate.now(CHINA).minusDays(5) + "\",\"reason\":\"LEFT_AREA\"}");
    assertEquals(200, ended.status(), ended.body());

    var before = api.post(SERVICES, worker, visit(s, s.homeVisits(), daysAgo(8, 9, 0), daysAgo(8, 10, 0), "429006104201", false)
        .replace(s.child(), moved));
    assertEquals(201, before.status(), "a visit before she moved away, logged late, is a visit to an enrolled child: " + before.body());
    assertEquals("SVC_PARTICIPANT_NOT_ENROLLED",
        api.post(SERVICES, worker, visit(s, s.homeVisits(), daysAgo(2, 9, 0), daysAgo(2, 10, 0), "429006104201", false)
            .replace(s.child(), moved)).fieldCode("participants"));
  }

  @Test
  void anotherOrganizationSeesNothingAndTheBureauIsRefused() {
    Setting s = setting();
    var logged = api.post(SERVICES, worker, visit(s, s.homeVisits(), daysAgo(4, 9, 0), daysAgo(4, 10, 0), "429006104201", true));
    assertEquals(201, logged.status(), logged.body());
    String id = logged.json().getString("id");

    String otherAdmin = api.login("shouwang-sw", "admin", Api.DEMO_PASSWORD);
    assertEquals(404, api.get(SERVICES + "/" + id, otherAdmin).status());
    assertEquals(api.get(SERVICES + "/" + java.util.UUID.randomUUID(), otherAdmin).body().replaceAll("\"requestId\":\"[^\"]*\"", ""),
        api.get(SERVICES + "/" + id, otherAdmin).body().replaceAll("\"requestId\":\"[^\"]*\"", ""),
        "another tenant's id answers like no id at all");
    assertEquals(404, api.post(SERVICES + "/" + id + "/void", otherAdmin, "{\"reason\":\"x\"}").status());
    var foreignReview = api.post(SERVICES + "/review", otherAdmin, "{\"ids\":[\"" + id + "\"],\"action\":\"APPROVE\"}");
    assertEquals("NOT_FOUND", foreignReview.json().getJsonArray("items").getJsonObject(0).getString("code"));
    assertEquals(0, api.get(SERVICES + "/review?project=" + s.project(), otherAdmin).json().getInt("total"));
    assertEquals("SUBMITTED", api.get(SERVICES + "/" + id, supervisor).json().getString("status"), "untouched");

    assertEquals(403, api.get(SERVICES + "/" + id, officer).status());
    assertEquals(403, api.get(SERVICES + "/review", officer).status());
    assertEquals(403, api.post(SERVICES + "/review", officer, "{\"ids\":[\"" + id + "\"],\"action\":\"APPROVE\"}").status());
    assertEquals(403, api.post(SERVICES, officer, visit(s, s.homeVisits(), daysAgo(4, 11, 0), daysAgo(4, 12, 0), "429006104201", false)).status());
    assertEquals(403, api.post(SERVICES + "/review", worker, "{\"ids\":[\"" + id + "\"],\"action\":\"APPROVE\"}").status(),
        "workers do not review");
  }

  @Test
  void aRetriedLogWithTheSameKeyStoresOneRecordAndOtherWorkersDoNotSeeIt() {
    Setting s = setting();
    String body = visit(s, s.homeVisits(), daysAgo(5, 9, 0), daysAgo(5, 10, 0), "429006104201", true);
    String key = java.util.UUID.randomUUID().toString();
    var first = api.request("POST", SERVICES).bearer(worker).header("Idempotency-Key", key).json(body).send();
    assertEquals(201, first.status(), first.body());
    var retry = api.request("POST", SERVICES).bearer(worker).header("Idempotency-Key", key).json(body).send();
    assertEquals(201, retry.status(), "the first answer, not a double-booking: " + retry.body());
    assertEquals("true", retry.header("Idempotent-Replayed").orElse(""));
    String id = first.json().getString("id");
    assertEquals(id, retry.json().getString("id"));
    assertEquals(List.of(id), queueIds(s.project()), "stored once");

    String admin = api.login("chunhui-sw", "admin", Api.DEMO_PASSWORD);
    String colleague = api.ownWorker("chunhui-sw", "recordscolleague");
    assertEquals(404, api.get(SERVICES + "/" + id, colleague).status(), "a child's record is for its worker and reviewers");
    assertEquals(404, api.post(SERVICES + "/" + id + "/void", colleague, "{\"reason\":\"x\"}").status());
    assertEquals(200, api.get(SERVICES + "/" + id, admin).status(), "ORG_ADMIN reads it");
  }

  @Test
  void aPersonsServicesAreListedNewestFirstToTheirWorkerAndTheOrganizationsReviewers() {
    Setting s = setting();
    String older = api.post(SERVICES, worker, visit(s, s.homeVisits(), daysAgo(12, 6, 0), daysAgo(12, 6, 40), "429006104201", true))
        .json().getString("id");
    String newer = api.post(SERVICES, worker, visit(s, s.homeVisits(), daysAgo(11, 6, 0), daysAgo(11, 6, 40), "429006104201", false))
        .json().getString("id");

    var mine = api.get(SERVICES + "?beneficiary=" + s.child(), worker);
    assertEquals(200, mine.status(), mine.body());
    assertEquals(2, mine.json().getInt("total"));
    assertEquals(List.of(newer, older), mine.json().getJsonArray("items").stream().map(v -> v.asJsonObject().getString("id")).toList());
    var second = api.get(SERVICES + "?beneficiary=" + s.child() + "&limit=1&offset=1", worker).json();
    assertEquals(2, second.getInt("total"));
    assertEquals(older, second.getJsonArray("items").getJsonObject(0).getString("id"), "paged");

    String colleague = api.ownWorker("chunhui-sw", "recordscolleague");
    assertEquals(0, api.get(SERVICES + "?beneficiary=" + s.child(), colleague).json().getInt("total"), "a worker sees their own records");
    var reviewed = api.get(SERVICES + "?beneficiary=" + s.child(), supervisor).json();
    assertEquals(2, reviewed.getInt("total"), "a supervisor sees the organization's");
    assertTrue(reviewed.getJsonArray("items").getJsonObject(0).containsKey("workerName"), "with the worker's name");
    assertEquals(2, api.get(SERVICES + "?beneficiary=" + s.child(), api.login("chunhui-sw", "admin", Api.DEMO_PASSWORD)).json().getInt("total"));

    String otherOrg = api.login("shouwang-sw", "supervisor", Api.DEMO_PASSWORD);
    assertEquals(404, api.get(SERVICES + "?beneficiary=" + s.child(), otherOrg).status(), "another organization's person");
    assertEquals(403, api.get(SERVICES + "?beneficiary=" + s.child(), officer).status(), "the bureau reads no one's services");
    assertEquals("REQUIRED", api.get(SERVICES, worker).fieldCode("beneficiary"));
    assertEquals("ID_FORMAT", api.get(SERVICES + "?beneficiary=nope", worker).fieldCode("beneficiary"));
  }

  private List<String> queueIds(String project) {
    return api.get(SERVICES + "/review?status=SUBMITTED&project=" + project, supervisor).json().getJsonArray("items")
        .stream().map(v -> v.asJsonObject().getString("id")).toList();
  }

  private static List<String> flags(JsonObject record) {
    return record.getJsonArray("flags").getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
  }

  private static String withVersion(String json, long version) {
    return json.substring(0, json.lastIndexOf('}')) + ",\"version\":" + version + "}";
  }

  private static String daysAgo(int days, int hour, int minute) {
    return LocalDate.now(CHINA).minusDays(days).atTime(hour, minute).atZone(CHINA).toOffsetDateTime().toString();
  }

  private static String visit(Setting s, String deliverable, String start, String end, String place, boolean submit) {
    return "{\"projectId\":\"" + s.project() + "\",\"deliverableId\":\"" + deliverable + "\","
        + content(s, start, end, place, "与祖母同住，照料基本到位").replaceFirst("^\\{", "").replaceFirst("}$", "")
        + ",\"submit\":" + submit + "}";
  }

  private static String revision(Setting s, String start, String end, String place, String guardianshipNote) {
    return content(s, start, end, place, guardianshipNote);
  }

  private static String content(Setting s, String start, String end, String place, String guardianshipNote) {
    return "{\"startedAt\":\"" + start + "\",\"endedAt\":\"" + end + "\",\"placeCode\":\"" + place + "\","
        + "\"participants\":[\"" + s.child() + "\"],"
        + "\"homeVisit\":{\"present\":\"ENTRUSTED_GUARDIAN\",\"riskAfter\":\"MEDIUM\",\"followUp\":\"联系学校了解出勤\","
        + "\"nextVisitOn\":\"" + LocalDate.now(CHINA).plusDays(30) + "\",\"findings\":["
        + "{\"area\":\"LIVING_CONDITIONS\",\"rating\":3,\"note\":\"房屋老旧\"},"
        + "{\"area\":\"SAFETY\",\"rating\":4},"
        + "{\"area\":\"SCHOOLING\",\"rating\":4,\"note\":\"五年级在读\"},"
        + "{\"area\":\"HEALTH\",\"rating\":5},"
        + "{\"area\":\"GUARDIANSHIP\",\"rating\":3,\"note\":\"" + guardianshipNote + "\"}]}}";
  }

  private Setting setting() {
    LocalDate today = LocalDate.now(CHINA);
    var created = api.post("api/v1/projects", officer, "{\"contractNumber\":\"SVC-" + ThreadLocalRandom.current().nextInt(1_000_000)
        + "\",\"title\":\"多宝镇留守儿童关爱\",\"organizationId\":\"" + orgId + "\",\"budget\":100000,"
        + "\"periodStart\":\"" + today.minusMonths(6) + "\",\"periodEnd\":\"" + today.plusMonths(6) + "\","
        + "\"coveredTowns\":[\"429006104\"],\"targetGroups\":[\"LEFT_BEHIND_CHILD\"],"
        + "\"deliverables\":[{\"kind\":\"HOME_VISIT\",\"unit\":\"VISIT\",\"target\":100},"
        + "{\"kind\":\"GROUP_SESSION\",\"unit\":\"SESSION\",\"target\":10}],"
        // Visits up to 20 days back would cross a month's default 10-day lock on some days; PeriodLockIT covers locks.
        + "\"lockDays\":90}");
    assertEquals(201, created.status(), created.body());
    String project = created.json().getString("id");
    var deliverables = created.json().getJsonArray("deliverables");
    String homeVisits = null;
    String groups = null;
    for (var d : deliverables) {
      JsonObject o = d.asJsonObject();
      if (o.getString("kind").equals("HOME_VISIT")) {
        homeVisits = o.getString("id");
      } else {
        groups = o.getString("id");
      }
    }
    assertEquals(200, api.post("api/v1/projects/" + project + "/activate", officer, "").status());
    String child = child();
    var enrolled = api.post("api/v1/projects/" + project + "/enrolments", worker, "{\"beneficiaryId\":\"" + child + "\"}");
    assertEquals(201, enrolled.status(), enrolled.body());
    return new Setting(project, homeVisits, groups, child);
  }

  private String child() {
    return api.registerChild(worker, "张小明");
  }
}
