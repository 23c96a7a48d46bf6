package org.shouhu.services.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jwt.SignedJWT;
import jakarta.json.JsonObject;
import java.net.URL;
import java.sql.SQLException;
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
 * Counseling cases end to end: intake, assessment, plan, sessions returned, revised, resubmitted and approved in
 * the services review, closure proposed and confirmed; confidential notes readable by the case worker, supervisor
 * and ORG_ADMIN only, sealed at rest and audited when read; another organization gets 404 everywhere, the bureau
 * 403; invalid input answers its code and stores nothing. Every IT of a run shares the database, so the class logs
 * with a worker of its own ({@link Api#ownWorker}) and each test gives it its own days (double-booking spans
 * projects).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class CounselingCasesIT {

  private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
  private static final String CASES = "api/v1/cases";
  private static final String SERVICES = "api/v1/services";
  private static final String NOTE = "孩子透露曾在学校被高年级同学勒索零花钱，不敢告诉祖母";

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.application();
  }

  @ArquillianResource URL base;
  Api api;
  String officer;
  String worker;
  String supervisor;
  String admin;
  String orgId;

  /** An active project in 多宝镇 with CASE, COUNSELING_SESSION and HOME_VISIT deliverables and one enrolled child. */
  record Setting(String project, String cases, String sessions, String homeVisits, String child) {}

  @BeforeEach
  void parties() throws Exception {
    api = new Api(base);
    officer = api.login("tianmen-mzj", "officer", Api.DEMO_PASSWORD);
    worker = api.ownWorker("chunhui-sw", "cases");
    supervisor = api.login("chunhui-sw", "supervisor", Api.DEMO_PASSWORD);
    admin = api.login("chunhui-sw", "admin", Api.DEMO_PASSWORD);
    orgId = SignedJWT.parse(worker).getJWTClaimsSet().getStringClaim("tenant_id");
  }

  @Test
  void aCaseIsWorkedThroughReviewedSessionsToAConfirmedClosure() throws Exception {
    Setting s = setting();
    var opened = api.post(CASES, worker, intake(s, s.cases()));
    assertEquals(201, opened.status(), opened.body());
    String id = opened.json().getString("id");
    assertTrue(opened.header("Location").orElseThrow().endsWith(id));
    assertEquals("INTAKE", opened.json().getString("status"));
    assertEquals(s.child(), opened.json().getString("clientId"));
    assertEquals("CHILD_DIRECTOR", opened.json().getString("referralSource"));
    assertEquals("GRANDPARENT", opened.json().getJsonObject("consent").getString("relationship"));
    assertEquals("李秀英", opened.json().getJsonObject("consent").getString("givenBy"));

    assertEquals("CASE_NOT_PLANNED", api.post(CASES + "/" + id + "/sessions", worker, session(daysAgo(3, 9, 0), daysAgo(3, 10, 0), NOTE, true)).code(),
        "no session before a plan");
    assertEquals("ASSESSED", api.post(CASES + "/" + id + "/assess", worker, "{\"assessment\":\"情绪低落，厌学，祖母照料能力有限\"}").json().getString("status"));
    LocalDate due = LocalDate.now(CHINA).plusMonths(3);
    var planned = api.post(CASES + "/" + id + "/plan", worker, "{\"goals\":[{\"goal\":\"恢复正常上学\",\"dueOn\":\"" + due
        + "\",\"measure\":\"班主任反馈每周出勤五天\"},{\"goal\":\"建立与父母每周通话\",\"dueOn\":\"" + due
        + "\",\"measure\":\"祖母确认每周通话\"}],\"sessionEveryDays\":14}");
    assertEquals("PLANNED", planned.json().getString("status"), planned.body());
    assertEquals(2, planned.json().getJsonArray("goals").size());
    JsonObject goal1 = planned.json().getJsonArray("goals").getJsonObject(0);
    assertEquals(1, goal1.getInt("position"));
    assertEquals("恢复正常上学", goal1.getString("goal"));
    assertEquals(due.toString(), goal1.getString("dueOn"));
    assertEquals("班主任反馈每周出勤五天", goal1.getString("measure"));
    assertEquals(14, planned.json().getInt("sessionEveryDays"));
    assertEquals(LocalDate.now(CHINA).plusDays(14).toString(), planned.json().getString("nextSessionDue"), "two weeks from the plan");
    assertEquals("REQUIRED", api.post(CASES + "/" + id + "/plan", worker, "{\"goals\":[{\"goal\":\"x\"}]}").fieldCode("goals[0].dueOn"));
    assertEquals("CASE_GOAL_UNKNOWN", api.post(CASES + "/" + id + "/sessions", worker, progress(
        session(daysAgo(3, 9, 0), daysAgo(3, 10, 0), NOTE, true), "{\"position\":3,\"progress\":\"ACHIEVED\"}")).fieldCode("goalProgress[0].position"));
    assertEquals("CASE_GOAL_PROGRESS_UNKNOWN", api.post(CASES + "/" + id + "/sessions", worker, progress(
        session(daysAgo(3, 9, 0), daysAgo(3, 10, 0), NOTE, true), "{\"position\":1,\"progress\":\"GREAT\"}")).fieldCode("goalProgress[0].progress"));

    var logged = api.post(CASES + "/" + id + "/sessions", worker, progress(session(daysAgo(3, 9, 0), daysAgo(3, 10, 0), NOTE, true),
        "{\"position\":1,\"progress\":\"SOME_PROGRESS\",\"note\":\"本周上学三天\"}", "{\"position\":2,\"progress\":\"NOT_STARTED\"}"));
    assertEquals(201, logged.status(), logged.body());
    JsonObject record = logged.json().getJsonObject("record");
    String sid = record.getString("id");
    assertEquals("COUNSELING_SESSION", record.getString("kind"));
    assertEquals("SUBMITTED", record.getString("status"));
    assertEquals(1, record.getJsonObject("session").getInt("number"));
    assertEquals("FACE_TO_FACE", record.getJsonObject("session").getString("method"));
    assertEquals(id, record.getJsonObject("session").getString("caseId"));
    assertEquals(List.of(s.child()), record.getJsonArray("participants").getValuesAs(jakarta.json.JsonString.class).stream().map(jakarta.json.JsonString::getString).toList());
    assertTrue(logged.json().getBoolean("hasNote"));
    assertFalse(logged.body().contains(NOTE), "the note is never echoed");
    var rated = record.getJsonObject("session").getJsonArray("goalProgress");
    assertEquals(2, rated.size(), record.toString());
    assertEquals("恢复正常上学", rated.getJsonObject(0).getString("goal"));
    assertEquals("SOME_PROGRESS", rated.getJsonObject(0).getString("progress"));
    assertEquals("本周上学三天", rated.getJsonObject(0).getString("note"));
    assertEquals("NOT_STARTED", rated.getJsonObject(1).getString("progress"));
    assertEquals(LocalDate.now(CHINA).minusDays(3).plusDays(14).toString(),
        api.get(CASES + "/" + id, worker).json().getString("nextSessionDue"), "two weeks from the last session");

    var queue = api.get(SERVICES + "/review?kind=COUNSELING_SESSION&project=" + s.project(), supervisor);
    assertEquals(1, queue.json().getInt("total"), queue.body());
    assertFalse(queue.body().contains(NOTE));
    assertEquals("SOME_PROGRESS", queue.json().getJsonArray("items").getJsonObject(0).getJsonObject("session")
        .getJsonArray("goalProgress").getJsonObject(0).getString("progress"), "the reviewer sees the goal progress");
    var returned = api.post(SERVICES + "/review", supervisor, "{\"ids\":[\"" + sid + "\"],\"action\":\"RETURN\",\"comment\":\"请写明面谈地点\"}");
    assertEquals("RETURNED", returned.json().getJsonArray("items").getJsonObject(0).getString("result"), returned.body());

    assertEquals("SVC_REVISED_WITH_ITS_CASE_OR_GROUP", api.post(SERVICES + "/" + sid + "/revise", worker, "{\"startedAt\":\"" + daysAgo(3, 9, 0)
        + "\",\"endedAt\":\"" + daysAgo(3, 10, 0) + "\",\"placeCode\":\"429006104201\",\"participants\":[\"" + s.child() + "\"],"
        + "\"homeVisit\":{\"present\":\"GUARDIAN\",\"riskAfter\":\"LOW\",\"findings\":["
        + "{\"area\":\"LIVING_CONDITIONS\",\"rating\":3},{\"area\":\"SAFETY\",\"rating\":4},{\"area\":\"SCHOOLING\",\"rating\":4},"
        + "{\"area\":\"HEALTH\",\"rating\":5},{\"area\":\"GUARDIANSHIP\",\"rating\":3}]}}").code(),
        "the home-visit form cannot rewrite a session");
    var revised = api.post(CASES + "/" + id + "/sessions/" + sid + "/revise", worker,
        "{\"startedAt\":\"" + daysAgo(3, 9, 0) + "\",\"endedAt\":\"" + daysAgo(3, 9, 50) + "\",\"placeCode\":\"429006104201\","
            + "\"method\":\"SCHOOL\",\"note\":\"" + NOTE + "；已与班主任沟通\","
            + "\"goalProgress\":[{\"position\":2,\"progress\":\"SOME_PROGRESS\"}]}");
    assertEquals(200, revised.status(), revised.body());
    var rerated = revised.json().getJsonObject("record").getJsonObject("session").getJsonArray("goalProgress");
    assertEquals(1, rerated.size(), "a revision rates afresh: " + rerated);
    assertEquals(2, rerated.getJsonObject(0).getInt("position"));
    assertEquals("SCHOOL", revised.json().getJsonObject("record").getJsonObject("session").getString("method"));
    assertEquals("SUBMITTED", api.post(SERVICES + "/" + sid + "/submit", worker, "").json().getString("status"));
    assertEquals(1, api.post(SERVICES + "/review", supervisor, "{\"ids\":[\"" + sid + "\"],\"action\":\"APPROVE\"}").json().getInt("approved"));
    assertEquals(NOTE + "；已与班主任沟通", api.get(CASES + "/" + id + "/sessions/" + sid + "/note", worker).json().getString("note"));

    var second = api.post(CASES + "/" + id + "/sessions", worker, session(daysAgo(2, 9, 0), daysAgo(2, 10, 0), null, false));
    assertEquals(201, second.status(), second.body());
    String sid2 = second.json().getJsonObject("record").getString("id");
    assertEquals(2, second.json().getJsonObject("record").getJsonObject("session").getInt("number"));
    assertFalse(second.json().getBoolean("hasNote"));
    assertEquals("CASE_SESSIONS_PENDING", api.post(CASES + "/" + id + "/close", worker, closing("GOALS_MET")).code(),
        "a draft session is settled first");
    assertEquals("VOIDED", api.post(SERVICES + "/" + sid2 + "/void", worker, "{\"reason\":\"重复录入\"}").json().getString("status"));

    assertEquals("CASE_GOAL_OUTCOME_REQUIRED", api.post(CASES + "/" + id + "/close", worker,
        "{\"outcome\":\"GOALS_MET\",\"summary\":\"s\",\"goalOutcomes\":[{\"position\":1,\"outcome\":\"ACHIEVED\"}]}").fieldCode("goalOutcomes"));
    assertEquals("CASE_GOAL_OUTCOME_UNKNOWN", api.post(CASES + "/" + id + "/close", worker, closing("GOALS_MET").replace("PARTLY", "MOSTLY"))
        .fieldCode("goalOutcomes[1].outcome"));
    var closing = api.post(CASES + "/" + id + "/close", worker, closing("GOALS_MET"));
    assertEquals("CLOSING", closing.json().getString("status"), closing.body());
    assertEquals("PARTLY", closing.json().getJsonArray("goals").getJsonObject(1).getString("outcome"));
    assertEquals(1, closing.json().getInt("approvedSessions"));
    assertEquals(403, api.post(CASES + "/" + id + "/closure/confirm", worker, "").status(), "workers do not confirm");
    var sentBack = api.post(CASES + "/" + id + "/closure/return", supervisor, "{\"comment\":\"请补充与父母通话的情况\"}");
    assertEquals("PLANNED", sentBack.json().getString("status"), sentBack.body());
    assertEquals("请补充与父母通话的情况", sentBack.json().getString("closureComment"));
    assertFalse(sentBack.json().getJsonArray("goals").getJsonObject(1).containsKey("outcome"), "a returned proposal is cleared");
    assertEquals(403, api.post(CASES + "/" + id + "/closure/return", worker, "{\"comment\":\"x\"}").status(), "workers do not return");
    assertEquals("CLOSING", api.post(CASES + "/" + id + "/close", worker, closing("GOALS_MET")).json().getString("status"));
    var closed = api.post(CASES + "/" + id + "/closure/confirm", supervisor, "");
    assertEquals("CLOSED", closed.json().getString("status"), closed.body());
    assertTrue(closed.json().getBoolean("countsTowardDeliverable"));

    assertEquals("CASE_NOT_PLANNED", api.post(CASES + "/" + id + "/sessions", worker, session(daysAgo(1, 9, 0), daysAgo(1, 10, 0), null, false)).code());
    assertEquals("CASE_VOID_NEEDS_SUPERVISOR", api.post(CASES + "/" + id + "/void", worker, "{\"reason\":\"x\"}").code());
    var sessions = api.get(CASES + "/" + id + "/sessions", supervisor);
    assertEquals(2, jsonArray(sessions).size(), sessions.body());
    assertEquals(1, count("select count(*) from audit_event where action = 'CASE_CLOSED' and subject_id = '" + id + "'"));

    var list = api.get(CASES + "?status=CLOSED&project=" + s.project(), supervisor);
    assertEquals(1, list.json().getInt("total"), list.body());
    assertEquals("ACHIEVED", list.json().getJsonArray("items").getJsonObject(0).getJsonArray("goals").getJsonObject(0).getString("outcome"));
    assertTrue(list.json().getJsonArray("items").getJsonObject(0).containsKey("workerName"), "supervisors see whose case it is");
    assertEquals(LocalDate.now(CHINA).minusDays(3).toString(),
        list.json().getJsonArray("items").getJsonObject(0).getString("lastSessionOn"), "the voided second session does not count");
    assertEquals(0, api.get(CASES + "?status=INTAKE&project=" + s.project(), supervisor).json().getInt("total"));
  }

  @Test
  void confidentialNotesAreForTheCaseWorkerSupervisorsAndOrgAdminOnlyAndEveryReadingIsAudited() throws Exception {
    Setting s = setting();
    String id = plannedCase(s);
    var logged = api.post(CASES + "/" + id + "/sessions", worker, session(daysAgo(5, 14, 0), daysAgo(5, 15, 0), NOTE, false));
    assertEquals(201, logged.status(), logged.body());
    String sid = logged.json().getJsonObject("record").getString("id");
    String note = CASES + "/" + id + "/sessions/" + sid + "/note";

    assertEquals(NOTE, api.get(note, worker).json().getString("note"));
    assertEquals(NOTE, api.get(note, supervisor).json().getString("note"));
    assertEquals(NOTE, api.get(note, admin).json().getString("note"));
    assertEquals(3, count("select count(*) from audit_event where action = 'CASE_NOTE_READ' and subject_id = '" + sid + "'"),
        "every reading is on record");

    String colleague = colleague();
    assertEquals(404, api.get(note, colleague).status(), "another worker of the organization");
    assertEquals(404, api.get(CASES + "/" + id, colleague).status());
    assertEquals(404, api.get(CASES + "/" + id + "/sessions", colleague).status());
    assertEquals(0, api.get(CASES + "?project=" + s.project(), colleague).json().getInt("total"));
    assertEquals(404, api.get(SERVICES + "/" + sid, colleague).status());

    assertEquals(403, api.get(note, officer).status(), "the bureau never reads a note");
    assertEquals(403, api.get(CASES + "/" + id, officer).status());
    assertEquals(403, api.get(CASES, officer).status());
    assertEquals(403, api.get(CASES + "/" + id + "/sessions", officer).status());
    String bureauAdmin = api.login("tianmen-mzj", "admin", Api.DEMO_PASSWORD);
    assertEquals(403, api.get(note, bureauAdmin).status());
    assertEquals(3, count("select count(*) from audit_event where action = 'CASE_NOTE_READ' and subject_id = '" + sid + "'"),
        "refused readers read nothing");

    for (String path : List.of(CASES + "/" + id, CASES + "/" + id + "/sessions", CASES + "/" + id + "/sessions/" + sid,
        CASES + "?project=" + s.project(), SERVICES + "/" + sid, SERVICES + "/review?status=DRAFT&project=" + s.project())) {
      var seen = api.get(path, supervisor);
      assertEquals(200, seen.status(), path + " " + seen.body());
      assertFalse(seen.body().contains(NOTE), "no note in " + path);
    }
    assertEquals(0, count("select count(*) from session_note where position(convert_to('" + NOTE.substring(0, 6) + "', 'UTF8') in note_cipher) > 0"),
        "sealed at rest");
    assertEquals(1, count("select count(*) from session_note where record_id = '" + sid + "' and octet_length(note_cipher) > 28"));
  }

  @Test
  void anotherOrganizationGets404ForEveryCaseEndpoint() throws Exception {
    Setting s = setting();
    String id = plannedCase(s);
    var logged = api.post(CASES + "/" + id + "/sessions", worker, session(daysAgo(6, 9, 0), daysAgo(6, 10, 0), NOTE, false));
    assertEquals(201, logged.status(), logged.body());
    String sid = logged.json().getJsonObject("record").getString("id");

    for (String role : List.of("admin", "supervisor", "worker")) {
      String stranger = api.login("shouwang-sw", role, Api.DEMO_PASSWORD);
      for (String path : List.of(CASES + "/" + id, CASES + "/" + id + "/sessions", CASES + "/" + id + "/sessions/" + sid,
          CASES + "/" + id + "/sessions/" + sid + "/note", SERVICES + "/" + sid)) {
        assertEquals(404, api.get(path, stranger).status(), role + " GET " + path);
      }
      assertEquals(0, api.get(CASES + "?project=" + s.project(), stranger).json().getInt("total"));
      List<String[]> posts = List.of(
          new String[] {CASES + "/" + id + "/assess", "{\"assessment\":\"x\"}"},
          new String[] {CASES + "/" + id + "/plan", "{\"goals\":[\"x\"]}"},
          new String[] {CASES + "/" + id + "/close", closing("WITHDRAWN")},
          new String[] {CASES + "/" + id + "/closure/confirm", ""},
          new String[] {CASES + "/" + id + "/closure/return", "{\"comment\":\"x\"}"},
          new String[] {CASES + "/" + id + "/void", "{\"reason\":\"x\"}"},
          new String[] {CASES + "/" + id + "/sessions", session(daysAgo(6, 11, 0), daysAgo(6, 12, 0), null, false)},
          new String[] {CASES + "/" + id + "/sessions/" + sid + "/revise", session(daysAgo(6, 11, 0), daysAgo(6, 12, 0), null, false)});
      for (String[] post : posts) {
        // A role that may never call the endpoint is refused first (403); one that may finds nothing (404, below).
        int status = api.post(post[0], stranger, post[1]).status();
        assertTrue(status == 404 || status == 403, role + " POST " + post[0] + " answered " + status);
      }
    }
    String strangerWorker = api.login("shouwang-sw", "worker", Api.DEMO_PASSWORD);
    String strangerSupervisor = api.login("shouwang-sw", "supervisor", Api.DEMO_PASSWORD);
    assertEquals(404, api.post(CASES + "/" + id + "/assess", strangerWorker, "{\"assessment\":\"x\"}").status());
    assertEquals(404, api.post(CASES + "/" + id + "/sessions", strangerWorker, session(daysAgo(6, 11, 0), daysAgo(6, 12, 0), null, false)).status());
    assertEquals(404, api.post(CASES + "/" + id + "/sessions/" + sid + "/revise", strangerWorker, session(daysAgo(6, 11, 0), daysAgo(6, 12, 0), null, false)).status());
    assertEquals(404, api.post(CASES + "/" + id + "/closure/confirm", strangerSupervisor, "").status());
    assertEquals(404, api.post(CASES + "/" + id + "/closure/return", strangerSupervisor, "{\"comment\":\"x\"}").status());
    assertEquals(404, api.post(CASES + "/" + id + "/void", strangerSupervisor, "{\"reason\":\"x\"}").status());
    var untouched = api.get(CASES + "/" + id, supervisor).json();
    assertEquals("PLANNED", untouched.getString("status"));
    assertEquals(1, untouched.getInt("sessionCount"));
    assertEquals(0, count("select count(*) from audit_event where action = 'CASE_NOTE_READ' and subject_id = '" + sid + "'"));
  }

  @Test
  void invalidInputIsRefusedWithItsCodeAndStoresNothing() throws Exception {
    Setting s = setting();
    var empty = api.post(CASES, worker, "{}");
    assertEquals(400, empty.status());
    assertEquals("REQUIRED", empty.fieldCode("projectId"));
    assertEquals("REQUIRED", empty.fieldCode("beneficiaryId"));
    assertEquals("REQUIRED", empty.fieldCode("presentingIssue"));
    assertEquals("REQUIRED", empty.fieldCode("referralSource"));
    assertEquals("CASE_REFERRAL_UNKNOWN", api.post(CASES, worker, intake(s, s.cases()).replace("CHILD_DIRECTOR", "NEIGHBOUR"))
        .fieldCode("referralSource"));
    assertEquals("CASE_CONSENT_REQUIRED", api.post(CASES, worker, intake(s, s.cases()).replace("," + CONSENT, ""))
        .fieldCode("consent"), "a child is taken in with consent");
    assertEquals("RELATIONSHIP_UNKNOWN", api.post(CASES, worker, intake(s, s.cases()).replace("GRANDPARENT", "AUNT"))
        .fieldCode("consent.relationship"));
    String stranger = child();
    assertEquals("CASE_CLIENT_NOT_ENROLLED", api.post(CASES, worker, intake(s, s.cases()).replace(s.child(), stranger)).fieldCode("beneficiaryId"));
    assertEquals("CASE_DELIVERABLE_KIND_MISMATCH", api.post(CASES, worker, intake(s, s.homeVisits())).fieldCode("deliverableId"));
    assertEquals("CASE_INTAKE_IN_FUTURE", api.post(CASES, worker, intake(s, s.cases())
        .replace("\"intakeOn\":\"" + LocalDate.now(CHINA).minusDays(20) + "\"", "\"intakeOn\":\"" + LocalDate.now(CHINA).plusDays(3) + "\"")).fieldCode("intakeOn"));
    assertEquals(403, api.post(CASES, supervisor, intake(s, s.cases())).status(), "workers open cases");
    assertEquals(0, count("select count(*) from counseling_case where project_id = '" + s.project() + "'"), "nothing stored");

    String id = plannedCase(s);
    assertEquals("CASE_ALREADY_OPEN", api.post(CASES, worker, intake(s, s.cases())).code());
    assertEquals("CASE_SESSION_METHOD_UNKNOWN", api.post(CASES + "/" + id + "/sessions", worker,
        session(daysAgo(7, 9, 0), daysAgo(7, 10, 0), NOTE, false).replace("FACE_TO_FACE", "TELEPATHY")).fieldCode("method"));
    assertEquals("SVC_OUTSIDE_AREA", api.post(CASES + "/" + id + "/sessions", worker,
        session(daysAgo(7, 9, 0), daysAgo(7, 10, 0), NOTE, false).replace("429006104201", "429006120201")).fieldCode("placeCode"));
    assertEquals("SVC_DURATION_IMPLAUSIBLE", api.post(CASES + "/" + id + "/sessions", worker,
        session(daysAgo(7, 9, 0), daysAgo(7, 9, 2), NOTE, false)).fieldCode("endedAt"));
    assertEquals("SVC_DELIVERABLE_KIND_MISMATCH", api.post(CASES + "/" + id + "/sessions", worker,
        session(daysAgo(7, 9, 0), daysAgo(7, 10, 0), NOTE, false).replaceFirst("\\{", "{\"deliverableId\":\"" + s.homeVisits() + "\",")).fieldCode("deliverableId"));
    assertEquals("CASE_GOALS_REQUIRED", api.post(CASES + "/" + id + "/plan", worker, "{\"goals\":[]}").fieldCode("goals"));
    assertEquals("CASE_SESSION_EVERY_RANGE", api.post(CASES + "/" + id + "/plan", worker, "{\"goals\":[\"g\"],\"sessionEveryDays\":120}")
        .fieldCode("sessionEveryDays"));
    assertEquals("CASE_GOAL_DUE_BEFORE_INTAKE", api.post(CASES + "/" + id + "/plan", worker, "{\"goals\":[{\"goal\":\"g\",\"dueOn\":\""
        + LocalDate.now(CHINA).minusYears(1) + "\",\"measure\":\"m\"}]}").fieldCode("goals"));
    assertEquals("恢复正常上学", api.get(CASES + "/" + id, worker).json().getJsonArray("goals").getJsonObject(0).getString("goal"),
        "refused plans change nothing");
    assertEquals("CASE_OUTCOME_UNKNOWN", api.post(CASES + "/" + id + "/close", worker, closing("SOLVED")).fieldCode("outcome"));
    assertEquals("CASE_NO_APPROVED_SESSION", api.post(CASES + "/" + id + "/close", worker, closing("GOALS_MET")).code());
    assertEquals(0, count("select count(*) from service_record where case_id = '" + id + "'"), "no session stored");
    assertEquals(0, count("select count(*) from session_note where case_id = '" + id + "'"));
    assertEquals(0, api.get(CASES + "/" + id, worker).json().getInt("sessionCount"));

    var first = api.post(CASES + "/" + id + "/sessions", worker, session(daysAgo(7, 9, 0), daysAgo(7, 10, 0), NOTE, false));
    assertEquals(201, first.status(), first.body());
    assertEquals("SVC_WORKER_DOUBLE_BOOKED", api.post(CASES + "/" + id + "/sessions", worker, session(daysAgo(7, 9, 30), daysAgo(7, 10, 30), NOTE, false)).code());
    assertEquals(1, count("select count(*) from service_record where case_id = '" + id + "'"));
    String body = session(daysAgo(7, 11, 0), daysAgo(7, 12, 0), null, false);
    String key = java.util.UUID.randomUUID().toString();
    var again = api.request("POST", CASES + "/" + id + "/sessions").bearer(worker).header("Idempotency-Key", key).json(body).send();
    assertEquals(2, again.json().getJsonObject("record").getJsonObject("session").getInt("number"), "numbers stay dense after refusals");
    var retried = api.request("POST", CASES + "/" + id + "/sessions").bearer(worker).header("Idempotency-Key", key).json(body).send();
    assertEquals(201, retried.status(), "the first answer, not a double-booking: " + retried.body());
    assertEquals(again.json().getJsonObject("record").getString("id"), retried.json().getJsonObject("record").getString("id"));
    assertEquals(2, count("select count(*) from service_record where case_id = '" + id + "'"), "a retried session is stored once");
  }

  private String plannedCase(Setting s) {
    var opened = api.post(CASES, worker, intake(s, s.cases()));
    assertEquals(201, opened.status(), opened.body());
    String id = opened.json().getString("id");
    assertEquals(200, api.post(CASES + "/" + id + "/assess", worker, "{\"assessment\":\"情绪低落\"}").status());
    assertEquals(200, api.post(CASES + "/" + id + "/plan", worker, "{\"goals\":[\"恢复正常上学\"]}").status());
    return id;
  }

  /** Another social worker of the same organization. */
  private String colleague() {
    return api.ownWorker("chunhui-sw", "casecolleague");
  }

  private static jakarta.json.JsonArray jsonArray(Api.Reply reply) {
    return jakarta.json.Json.createReader(new java.io.StringReader(reply.body())).readArray();
  }

  private static String intake(Setting s, String deliverable) {
    return "{\"projectId\":\"" + s.project() + "\",\"beneficiaryId\":\"" + s.child() + "\",\"deliverableId\":\"" + deliverable
        + "\",\"intakeOn\":\"" + LocalDate.now(CHINA).minusDays(20) + "\",\"presentingIssue\":\"父母外出后情绪低落，拒绝上学\","
        + "\"referralSource\":\"CHILD_DIRECTOR\"," + CONSENT + "}";
  }

  /** The grandmother's written consent to counseling, as a minor's intake needs. */
  private static final String CONSENT = "\"consent\":{\"givenOn\":\"" + LocalDate.now(CHINA).minusDays(20)
      + "\",\"givenBy\":\"李秀英\",\"relationship\":\"GRANDPARENT\",\"method\":\"WRITTEN\"}";

  private static String session(String start, String end, String note, boolean submit) {
    return "{\"startedAt\":\"" + start + "\",\"endedAt\":\"" + end + "\",\"placeCode\":\"429006104201\","
        + "\"method\":\"FACE_TO_FACE\"" + (note == null ? "" : ",\"note\":\"" + note + "\"") + ",\"submit\":" + submit + "}";
  }

  /** The session's body with these goal ratings added. */
  private static String progress(String session, String... ratings) {
    return session.substring(0, session.length() - 1) + ",\"goalProgress\":[" + String.join(",", ratings) + "]}";
  }

  private static String closing(String outcome) {
    return "{\"outcome\":\"" + outcome + "\",\"summary\":\"已恢复上学，情绪稳定，与父母每周通话\","
        + "\"goalOutcomes\":[{\"position\":1,\"outcome\":\"ACHIEVED\"},{\"position\":2,\"outcome\":\"PARTLY\"}]}";
  }

  private static String daysAgo(int days, int hour, int minute) {
    return LocalDate.now(CHINA).minusDays(days).atTime(hour, minute).atZone(CHINA).toOffsetDateTime().toString();
  }

  private Setting setting() {
    LocalDate today = LocalDate.now(CHINA);
    var created = api.post("api/v1/projects", officer, "{\"contractNumber\":\"CASE-" + ThreadLocalRandom.current().nextInt(1_000_000)
        + "\",\"title\":\"多宝镇困境儿童个案服务\",\"organizationId\":\"" + orgId + "\",\"budget\":100000,"
        + "\"periodStart\":\"" + today.minusMonths(6) + "\",\"periodEnd\":\"" + today.plusMonths(6) + "\","
        + "\"coveredTowns\":[\"429006104\"],\"targetGroups\":[\"LEFT_BEHIND_CHILD\"],"
        + "\"deliverables\":[{\"kind\":\"CASE\",\"unit\":\"CASE\",\"target\":10},"
        + "{\"kind\":\"COUNSELING_SESSION\",\"unit\":\"SESSION\",\"target\":60},"
        + "{\"kind\":\"HOME_VISIT\",\"unit\":\"VISIT\",\"target\":100}],"
        + "\"lockDays\":90}");
    assertEquals(201, created.status(), created.body());
    String project = created.json().getString("id");
    String cases = null;
    String sessions = null;
    String visits = null;
    for (var d : created.json().getJsonArray("deliverables")) {
      JsonObject o = d.asJsonObject();
      switch (o.getString("kind")) {
        case "CASE" -> cases = o.getString("id");
        case "COUNSELING_SESSION" -> sessions = o.getString("id");
        default -> visits = o.getString("id");
      }
    }
    assertEquals(200, api.post("api/v1/projects/" + project + "/activate", officer, "").status());
    String child = child();
    var enrolled = api.post("api/v1/projects/" + project + "/enrolments", worker, "{\"beneficiaryId\":\"" + child + "\"}");
    assertEquals(201, enrolled.status(), enrolled.body());
    return new Setting(project, cases, sessions, visits, child);
  }

  private String child() {
    return api.registerChild(worker, "王小红");
  }

  /** As the application connects: the non-owner role, bound to the organization for one transaction. */
  private long count(String sql) throws SQLException {
    return Api.countAsApplication(orgId, sql);
  }
}
