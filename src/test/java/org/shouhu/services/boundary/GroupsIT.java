package org.shouhu.services.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jwt.SignedJWT;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.net.URL;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * Group work end to end: a group with members who join and leave, a session logged with every member's attendance,
 * returned by the supervisor, revised, resubmitted and approved in the services review; attendance that leaves out a
 * member, names a stranger or has nobody present is refused and stores nothing; another organization gets 404 for
 * every group endpoint, the bureau 403, another worker 404. Each test gives the worker its own days.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class GroupsIT {

  private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
  private static final String GROUPS = "api/v1/groups";
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

  /** An active project in 多宝镇 with a GROUP_SESSION and a HOME_VISIT deliverable and three enrolled children. */
  record Setting(String project, String groupSessions, String homeVisits, List<String> children) {}

  @BeforeEach
  void parties() throws Exception {
    api = new Api(base);
    officer = api.login("tianmen-mzj", "officer", Api.DEMO_PASSWORD);
    worker = api.ownWorker("chunhui-sw", "groups");
    supervisor = api.login("chunhui-sw", "supervisor", Api.DEMO_PASSWORD);
    orgId = SignedJWT.parse(worker).getJWTClaimsSet().getStringClaim("tenant_id");
  }

  @Test
  void aGroupSessionWithAttendanceIsReturnedRevisedResubmittedAndApproved() {
    Setting s = setting();
    String a = s.children().get(0);
    String b = s.children().get(1);
    String c = s.children().get(2);
    String id = group(s);
    join(id, a, 30);
    join(id, b, 30);
    var joined = join(id, c, 30);
    assertEquals(3, joined.json().getInt("memberCount"));

    var logged = api.post(GROUPS + "/" + id + "/sessions", worker,
        session(daysAgo(3, 15, 0), daysAgo(3, 16, 30), "认识你我他", Map.of(a, "PRESENT", b, "ABSENT", c, "EXCUSED"), true));
    assertEquals(201, logged.status(), logged.body());
    JsonObject record = logged.json().getJsonObject("record");
    String sid = record.getString("id");
    assertEquals("GROUP_SESSION", record.getString("kind"));
    assertEquals("SUBMITTED", record.getString("status"));
    assertEquals(1, record.getJsonObject("session").getInt("number"));
    assertEquals("认识你我他", record.getJsonObject("session").getString("topic"));
    assertEquals(List.of(a), participants(record), "the members present are the participants");
    assertEquals(Map.of(a, "PRESENT", b, "ABSENT", c, "EXCUSED"), attendance(logged.json()));

    assertEquals(1, api.get(SERVICES + "/review?kind=GROUP_SESSION&project=" + s.project(), supervisor).json().getInt("total"));
    var returned = api.post(SERVICES + "/review", supervisor, "{\"ids\":[\"" + sid + "\"],\"action\":\"RETURN\",\"comment\":\"小明其实到场了\"}");
    assertEquals("RETURNED", returned.json().getJsonArray("items").getJsonObject(0).getString("result"), returned.body());

    var revised = api.post(GROUPS + "/" + id + "/sessions/" + sid + "/revise", worker,
        session(daysAgo(3, 15, 0), daysAgo(3, 16, 30), "认识你我他", Map.of(a, "PRESENT", b, "PRESENT", c, "EXCUSED"), false));
    assertEquals(200, revised.status(), revised.body());
    assertEquals(Set.of(a, b), Set.copyOf(participants(revised.json().getJsonObject("record"))));
    assertEquals(Map.of(a, "PRESENT", b, "PRESENT", c, "EXCUSED"), attendance(revised.json()));
    assertEquals("SUBMITTED", api.post(SERVICES + "/" + sid + "/submit", worker, "").json().getString("status"));
    assertEquals(1, api.post(SERVICES + "/review", supervisor, "{\"ids\":[\"" + sid + "\"],\"action\":\"APPROVE\"}").json().getInt("approved"));
    var approved = api.get(GROUPS + "/" + id + "/sessions/" + sid, supervisor);
    assertEquals("APPROVED", approved.json().getJsonObject("record").getString("status"));
    assertTrue(approved.json().getJsonObject("record").getBoolean("countsTowardDeliverable"));

    var left = api.post(GROUPS + "/" + id + "/members/" + c + "/leave", worker, "{\"leftOn\":\"" + LocalDate.now(CHINA).minusDays(2) + "\"}");
    assertEquals(200, left.status(), left.body());
    assertEquals(2, left.json().getInt("memberCount"));
    assertEquals(3, left.json().getJsonArray("members").size(), "a membership is ended, not deleted");
    var second = api.post(GROUPS + "/" + id + "/sessions", worker,
        session(daysAgo(1, 15, 0), daysAgo(1, 16, 0), "情绪小怪兽", Map.of(a, "PRESENT", b, "PRESENT"), true));
    assertEquals(201, second.status(), second.body());
    assertEquals(2, second.json().getJsonObject("record").getJsonObject("session").getInt("number"));
    assertEquals("GRP_SESSIONS_PENDING", api.post(GROUPS + "/" + id + "/close", worker, "{\"summary\":\"完成\"}").code());
    api.post(SERVICES + "/review", supervisor, "{\"ids\":[\"" + second.json().getJsonObject("record").getString("id") + "\"],\"action\":\"APPROVE\"}");

    var closed = api.post(GROUPS + "/" + id + "/close", worker, "{\"summary\":\"两节活动完成，组员互动明显增加\"}");
    assertEquals("CLOSED", closed.json().getString("status"), closed.body());
    assertEquals("GRP_NOT_OPEN", api.post(GROUPS + "/" + id + "/sessions", worker,
        session(daysAgo(1, 17, 0), daysAgo(1, 18, 0), "x", Map.of(a, "PRESENT", b, "PRESENT"), false)).code());
    var sessions = api.get(GROUPS + "/" + id + "/sessions", supervisor);
    var held = jakarta.json.Json.createReader(new java.io.StringReader(sessions.body())).readArray();
    assertEquals(2, held.size(), sessions.body());
    assertEquals(3, held.getJsonObject(0).getJsonArray("attendance").size(), "the first session keeps all three lines");
    assertEquals(1, api.get(GROUPS + "?status=CLOSED&project=" + s.project(), supervisor).json().getInt("total"));
  }

  @Test
  void attendanceMustCoverTheMembersOfTheDayAndNothingIsStoredOtherwise() throws Exception {
    Setting s = setting();
    String a = s.children().get(0);
    String b = s.children().get(1);
    String outsider = s.children().get(2);
    String id = group(s);
    join(id, a, 30);
    join(id, b, 30);

    String notEnrolled = child();
    assertEquals("GRP_MEMBER_NOT_ENROLLED", api.post(GROUPS + "/" + id + "/members", worker,
        "{\"beneficiaryId\":\"" + notEnrolled + "\"}").fieldCode("beneficiaryId"));
    assertEquals("GRP_ALREADY_MEMBER", api.post(GROUPS + "/" + id + "/members", worker, "{\"beneficiaryId\":\"" + a + "\"}").code());
    assertEquals("GRP_NOT_A_MEMBER", api.post(GROUPS + "/" + id + "/members/" + outsider + "/leave", worker, "{}").code());

    String start = daysAgo(5, 15, 0);
    String end = daysAgo(5, 16, 0);
    assertEquals("GRP_ATTENDANCE_INCOMPLETE", api.post(GROUPS + "/" + id + "/sessions", worker,
        session(start, end, "t", Map.of(a, "PRESENT"), false)).fieldCode("attendance"));
    assertEquals("GRP_NOT_A_MEMBER", api.post(GROUPS + "/" + id + "/sessions", worker,
        session(start, end, "t", Map.of(a, "PRESENT", b, "ABSENT", outsider, "PRESENT"), false)).fieldCode("attendance"));
    assertEquals("GRP_NOBODY_PRESENT", api.post(GROUPS + "/" + id + "/sessions", worker,
        session(start, end, "t", Map.of(a, "ABSENT", b, "EXCUSED"), false)).fieldCode("attendance"));
    assertEquals("GRP_ATTENDANCE_UNKNOWN", api.post(GROUPS + "/" + id + "/sessions", worker,
        session(start, end, "t", Map.of(a, "LATE"), false).replace("}]", "},{\"beneficiaryId\":\"" + b + "\",\"attendance\":\"PRESENT\"}]"))
        .fieldCode("attendance[0].attendance"));
    assertEquals("GRP_NOT_A_MEMBER", api.post(GROUPS + "/" + id + "/sessions", worker,
        session(daysAgo(40, 15, 0), daysAgo(40, 16, 0), "t", Map.of(a, "PRESENT", b, "PRESENT"), false)).fieldCode("attendance"),
        "before they joined they were not members");
    assertEquals("SVC_OUTSIDE_AREA", api.post(GROUPS + "/" + id + "/sessions", worker,
        session(start, end, "t", Map.of(a, "PRESENT", b, "PRESENT"), false).replace("429006104201", "429006120201")).fieldCode("placeCode"));
    assertEquals("SVC_DELIVERABLE_KIND_MISMATCH", api.post(GROUPS + "/" + id + "/sessions", worker,
        session(start, end, "t", Map.of(a, "PRESENT", b, "PRESENT"), false).replaceFirst("\\{", "{\"deliverableId\":\"" + s.homeVisits() + "\","))
        .fieldCode("deliverableId"));
    var empty = api.post(GROUPS + "/" + id + "/sessions", worker, "{}");
    assertEquals("REQUIRED", empty.fieldCode("topic"));
    assertEquals("REQUIRED", empty.fieldCode("attendance"));
    assertEquals("GRP_PLANNED_SESSIONS_RANGE", api.post(GROUPS, worker, "{\"projectId\":\"" + s.project()
        + "\",\"name\":\"n\",\"purpose\":\"p\",\"plannedSessions\":0}").fieldCode("plannedSessions"));

    assertEquals(0, count("select count(*) from service_record where group_id = '" + id + "'"), "no session stored");
    assertEquals(0, count("select count(*) from group_attendance where group_id = '" + id + "'"));
    assertEquals(0, api.get(GROUPS + "/" + id, worker).json().getInt("sessionCount"));
    assertEquals(1, count("select count(*) from service_group where project_id = '" + s.project() + "'"));

    var ok = api.post(GROUPS + "/" + id + "/sessions", worker, session(start, end, "t", Map.of(a, "PRESENT", b, "ABSENT"), false));
    assertEquals(201, ok.status(), ok.body());
    assertEquals(1, ok.json().getJsonObject("record").getJsonObject("session").getInt("number"));
    assertEquals(2, count("select count(*) from group_attendance where group_id = '" + id + "'"));
  }

  @Test
  void anotherOrganizationGets404ForEveryGroupEndpointAndTheBureau403() {
    Setting s = setting();
    String a = s.children().get(0);
    String id = group(s);
    join(id, a, 30);
    var logged = api.post(GROUPS + "/" + id + "/sessions", worker, session(daysAgo(6, 15, 0), daysAgo(6, 16, 0), "t", Map.of(a, "PRESENT"), false));
    assertEquals(201, logged.status(), logged.body());
    String sid = logged.json().getJsonObject("record").getString("id");

    String strangerWorker = api.login("shouwang-sw", "worker", Api.DEMO_PASSWORD);
    String strangerAdmin = api.login("shouwang-sw", "admin", Api.DEMO_PASSWORD);
    for (String stranger : List.of(strangerWorker, strangerAdmin)) {
      for (String path : List.of(GROUPS + "/" + id, GROUPS + "/" + id + "/sessions", GROUPS + "/" + id + "/sessions/" + sid, SERVICES + "/" + sid)) {
        assertEquals(404, api.get(path, stranger).status(), path);
      }
      assertEquals(0, api.get(GROUPS + "?project=" + s.project(), stranger).json().getInt("total"));
      assertEquals(404, api.post(GROUPS + "/" + id + "/close", stranger, "{\"summary\":\"x\"}").status());
      assertEquals(404, api.post(GROUPS + "/" + id + "/void", stranger, "{\"reason\":\"x\"}").status());
    }
    assertEquals(404, api.post(GROUPS + "/" + id + "/members", strangerWorker, "{\"beneficiaryId\":\"" + s.children().get(1) + "\"}").status());
    assertEquals(404, api.post(GROUPS + "/" + id + "/members/" + a + "/leave", strangerWorker, "{}").status());
    assertEquals(404, api.post(GROUPS + "/" + id + "/sessions", strangerWorker,
        session(daysAgo(6, 17, 0), daysAgo(6, 18, 0), "t", Map.of(a, "PRESENT"), false)).status());
    assertEquals(404, api.post(GROUPS + "/" + id + "/sessions/" + sid + "/revise", strangerWorker,
        session(daysAgo(6, 15, 0), daysAgo(6, 16, 0), "t", Map.of(a, "ABSENT"), false)).status());

    String colleague = colleague();
    assertEquals(404, api.get(GROUPS + "/" + id, colleague).status(), "another worker of the organization");
    assertEquals(404, api.post(GROUPS + "/" + id + "/members", colleague, "{\"beneficiaryId\":\"" + s.children().get(1) + "\"}").status());

    assertEquals(403, api.get(GROUPS, officer).status());
    assertEquals(403, api.get(GROUPS + "/" + id, officer).status());
    assertEquals(403, api.post(GROUPS, officer, "{\"projectId\":\"" + s.project() + "\",\"name\":\"n\",\"purpose\":\"p\",\"plannedSessions\":3}").status());

    var untouched = api.get(GROUPS + "/" + id, supervisor).json();
    assertEquals("OPEN", untouched.getString("status"));
    assertEquals(1, untouched.getInt("memberCount"));
    assertEquals(List.of(a), participants(api.get(GROUPS + "/" + id + "/sessions/" + sid, supervisor).json().getJsonObject("record")));
  }

  @Test
  void aSupervisorSetsUpAGroupForAWorkerKeepsItsMembersAndHandsItOver() throws Exception {
    Setting s = setting();
    String me = SignedJWT.parse(worker).getJWTClaimsSet().getSubject();
    String body = "{\"projectId\":\"" + s.project() + "\",\"name\":\"情绪小管家\",\"purpose\":\"学会表达情绪\","
        + "\"plannedSessions\":4,\"schedule\":\"每周三 16:00\"";

    var noFacilitator = api.post(GROUPS, supervisor, body + "}");
    assertEquals(400, noFacilitator.status(), noFacilitator.body());
    assertEquals("REQUIRED", noFacilitator.fieldCode("facilitatorId"));
    String supervisorId = SignedJWT.parse(supervisor).getJWTClaimsSet().getSubject();
    assertEquals("GRP_FACILITATOR_NOT_WORKER", api.post(GROUPS, supervisor, body + ",\"facilitatorId\":\"" + supervisorId + "\"}").fieldCode("facilitatorId"));
    String stranger = SignedJWT.parse(api.login("shouwang-sw", "worker", Api.DEMO_PASSWORD)).getJWTClaimsSet().getSubject();
    assertEquals("GRP_FACILITATOR_NOT_WORKER", api.post(GROUPS, supervisor, body + ",\"facilitatorId\":\"" + stranger + "\"}").fieldCode("facilitatorId"),
        "another organization's worker is nobody here");
    String colleague = colleague();
    String colleagueId = SignedJWT.parse(colleague).getJWTClaimsSet().getSubject();
    var forOthers = api.post(GROUPS, worker, body + ",\"facilitatorId\":\"" + colleagueId + "\"}");
    assertEquals(403, forOthers.status(), "a worker sets up only their own groups");

    var listed = api.get(GROUPS + "/facilitators", supervisor);
    assertEquals(200, listed.status(), listed.body());
    assertTrue(listed.body().contains(me) && !listed.body().contains(supervisorId) && !listed.body().contains(stranger));
    assertEquals(403, api.get(GROUPS + "/facilitators", worker).status());

    var created = api.post(GROUPS, supervisor, body + ",\"facilitatorId\":\"" + me + "\"}");
    assertEquals(201, created.status(), created.body());
    String id = created.json().getString("id");
    assertEquals(me, created.json().getString("facilitatorId"));
    assertEquals("每周三 16:00", created.json().getString("schedule"));
    assertTrue(api.get(GROUPS + "?status=OPEN", worker).body().contains(id), "the worker's caseload lists the group");

    for (String child : s.children()) {
      var joined = api.post(GROUPS + "/" + id + "/members", supervisor,
          "{\"beneficiaryId\":\"" + child + "\",\"joinedOn\":\"" + LocalDate.now(CHINA).minusDays(10) + "\"}");
      assertEquals(200, joined.status(), joined.body());
    }
    var left = api.post(GROUPS + "/" + id + "/members/" + s.children().get(2) + "/leave", supervisor,
        "{\"leftOn\":\"" + LocalDate.now(CHINA).minusDays(5) + "\"}");
    assertEquals(200, left.status(), left.body());
    assertEquals(2, left.json().getInt("memberCount"));
    var logged = api.post(GROUPS + "/" + id + "/sessions", worker, session(daysAgo(2, 15, 0), daysAgo(2, 16, 0), "认识情绪",
        Map.of(s.children().get(0), "PRESENT", s.children().get(1), "ABSENT"), false));
    assertEquals(201, logged.status(), logged.body());
    assertEquals(403, api.post(GROUPS + "/" + id + "/sessions", supervisor, session(daysAgo(1, 15, 0), daysAgo(1, 16, 0), "t",
        Map.of(s.children().get(0), "PRESENT", s.children().get(1), "ABSENT"), false)).status(), "only the facilitator logs sessions");

    String strangerAdmin = api.login("shouwang-sw", "admin", Api.DEMO_PASSWORD);
    assertEquals(404, api.post(GROUPS + "/" + id + "/facilitator", strangerAdmin, "{\"facilitatorId\":\"" + colleagueId + "\"}").status());
    assertEquals(403, api.post(GROUPS + "/" + id + "/facilitator", worker, "{\"facilitatorId\":\"" + colleagueId + "\"}").status());
    var handed = api.post(GROUPS + "/" + id + "/facilitator", supervisor, "{\"facilitatorId\":\"" + colleagueId + "\"}");
    assertEquals(200, handed.status(), handed.body());
    assertEquals(colleagueId, handed.json().getString("facilitatorId"));
    assertEquals(200, api.get(GROUPS + "/" + id, colleague).status());
    assertEquals(404, api.get(GROUPS + "/" + id, worker).status(), "the former facilitator no longer sees it");
    assertEquals(1, count("select count(*) from audit_event where action = 'GROUP_FACILITATOR_CHANGED' and subject_id = '" + id + "'"));
  }

  private String group(Setting s) {
    var created = api.post(GROUPS, worker, "{\"projectId\":\"" + s.project() + "\",\"name\":\"阳光成长小组\","
        + "\"purpose\":\"提升留守儿童的人际交往与情绪表达能力\",\"plannedSessions\":6}");
    assertEquals(201, created.status(), created.body());
    assertEquals("OPEN", created.json().getString("status"));
    return created.json().getString("id");
  }

  private Api.Reply join(String group, String child, int daysAgo) {
    var joined = api.post(GROUPS + "/" + group + "/members", worker,
        "{\"beneficiaryId\":\"" + child + "\",\"joinedOn\":\"" + LocalDate.now(CHINA).minusDays(daysAgo) + "\"}");
    assertEquals(200, joined.status(), joined.body());
    return joined;
  }

  /** Another social worker of the same organization. */
  private String colleague() {
    return api.ownWorker("chunhui-sw", "groupcolleague");
  }

  private static List<String> participants(JsonObject record) {
    return record.getJsonArray("participants").getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
  }

  private static Map<String, String> attendance(JsonObject held) {
    Map<String, String> lines = new HashMap<>();
    held.getJsonArray("attendance").forEach(v -> lines.put(v.asJsonObject().getString("beneficiaryId"), v.asJsonObject().getString("attendance")));
    return lines;
  }

  private static String session(String start, String end, String topic, Map<String, String> attendance, boolean submit) {
    StringBuilder lines = new StringBuilder();
    attendance.forEach((who, what) -> lines.append(lines.length() == 0 ? "" : ",")
        .append("{\"beneficiaryId\":\"").append(who).append("\",\"attendance\":\"").append(what).append("\"}"));
    return "{\"startedAt\":\"" + start + "\",\"endedAt\":\"" + end + "\",\"placeCode\":\"429006104201\",\"topic\":\"" + topic
        + "\",\"attendance\":[" + lines + "],\"submit\":" + submit + "}";
  }

  private static String daysAgo(int days, int hour, int minute) {
    return LocalDate.now(CHINA).minusDays(days).atTime(hour, minute).atZone(CHINA).toOffsetDateTime().toString();
  }

  private Setting setting() {
    LocalDate today = LocalDate.now(CHINA);
    var created = api.post("api/v1/projects", officer, "{\"contractNumber\":\"GRP-" + ThreadLocalRandom.current().nextInt(1_000_000)
        + "\",\"title\":\"多宝镇留守儿童小组工作\",\"organizationId\":\"" + orgId + "\",\"budget\":100000,"
        + "\"periodStart\":\"" + today.minusMonths(6) + "\",\"periodEnd\":\"" + today.plusMonths(6) + "\","
        + "\"coveredTowns\":[\"429006104\"],\"targetGroups\":[\"LEFT_BEHIND_CHILD\"],"
        + "\"deliverables\":[{\"kind\":\"GROUP_SESSION\",\"unit\":\"SESSION\",\"target\":12},"
        + "{\"kind\":\"HOME_VISIT\",\"unit\":\"VISIT\",\"target\":100}],"
        + "\"lockDays\":90}");
    assertEquals(201, created.status(), created.body());
    String project = created.json().getString("id");
    String groups = null;
    String visits = null;
    for (var d : created.json().getJsonArray("deliverables")) {
      JsonObject o = d.asJsonObject();
      if (o.getString("kind").equals("GROUP_SESSION")) {
        groups = o.getString("id");
      } else {
        visits = o.getString("id");
      }
    }
    assertEquals(200, api.post("api/v1/projects/" + project + "/activate", officer, "").status());
    List<String> children = new java.util.ArrayList<>();
    for (int i = 0; i < 3; i++) {
      String child = child();
      var enrolled = api.post("api/v1/projects/" + project + "/enrolments", worker, "{\"beneficiaryId\":\"" + child + "\"}");
      assertEquals(201, enrolled.status(), enrolled.body());
      children.add(child);
    }
    return new Setting(project, groups, visits, children);
  }

  private String child() {
    return api.registerChild(worker, "刘小军");
  }

  /** As the application connects: the non-owner role, bound to the organization for one transaction. */
  private long count(String sql) throws SQLException {
    return Api.countAsApplication(orgId, sql);
  }
}
