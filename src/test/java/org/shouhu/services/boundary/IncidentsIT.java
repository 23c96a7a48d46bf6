package org.shouhu.services.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jwt.SignedJWT;
import jakarta.json.JsonObject;
import java.net.URL;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
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
 * Mandatory reports: the organization raises and handles an incident; the funding bureau sees it at once, minimized;
 * nobody else sees it at all.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class IncidentsIT {

  /** A contract that began eight months ago and runs a year, so "now" is always inside it, whatever the date. */
  static final LocalDate PERIOD_START =
      LocalDate.now(ZoneId.of("Asia/Shanghai")).minusMonths(8).withDayOfMonth(1);

  static final String FOUND = "孩子手臂有多处淤青，自述被继父殴打";

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
  String project;
  String child;
  String citizenId;

  @BeforeEach
  void parties() throws Exception {
    api = new Api(base);
    officer = api.login("tianmen-mzj", "officer", Api.DEMO_PASSWORD);
    worker = api.ownWorker("chunhui-sw", "incidents");
    supervisor = api.login("chunhui-sw", "supervisor", Api.DEMO_PASSWORD);
    orgId = SignedJWT.parse(worker).getJWTClaimsSet().getStringClaim("tenant_id");
    project = activeProject();
    child = child();
    var enrolled = api.post("api/v1/projects/" + project + "/enrolments", worker,
        "{\"beneficiaryId\":\"" + child + "\",\"enrolledOn\":\"" + PERIOD_START.plusMonths(2) + "\"}");
    assertEquals(201, enrolled.status(), enrolled.body());
  }

  @Test
  void theFundingBureauSeesARaisedIncidentAtOnceWithoutPersonalData() {
    var raised = api.post("api/v1/incidents", worker, card(child));
    assertEquals(201, raised.status(), raised.body());
    String id = raised.json().getString("id");
    assertTrue(raised.header("Location").orElseThrow().endsWith("/api/v1/incidents/" + id));
    assertEquals("OPEN", raised.json().getString("status"));
    assertEquals(FOUND, raised.json().getString("found"), "the organization reads the whole card");
    assertEquals(child, raised.json().getString("beneficiaryId"));

    var seen = api.get("api/v1/incidents/" + id, officer);
    assertEquals(200, seen.status(), seen.body());
    JsonObject view = seen.json();
    assertEquals("张*明", view.getString("child"));
    assertEquals("429006104", view.getString("townCode"));
    assertEquals("SUSPECTED_ABUSE", view.getString("concern"));
    assertEquals(project, view.getString("projectId"));
    assertEquals(0, view.getInt("ageDays"));
    assertTrue(view.containsKey("openSince"));
    assertEquals(2, view.getJsonArray("reportedTo").size());
    for (String hidden : new String[] {"found", "beneficiaryId", "serviceRecordId", "raisedBy", "voidReason"}) {
      assertFalse(view.containsKey(hidden), hidden + " is not the bureau's to read");
    }
    assertFalse(seen.body().contains(FOUND), "no found text anywhere in the bureau's answer");
    assertFalse(seen.body().contains(citizenId), "no citizen id");
    assertFalse(seen.body().contains("张小明"), "no full name");

    var list = api.get("api/v1/incidents?status=OPEN&project=" + project, officer);
    assertEquals(200, list.status(), list.body());
    assertEquals(1, list.json().getInt("total"));
    assertEquals(id, list.json().getJsonArray("items").getJsonObject(0).getString("id"));
    assertFalse(list.body().contains(FOUND));
    assertFalse(list.body().contains(citizenId));
    assertEquals(0, api.get("api/v1/incidents?concern=NEGLECT&project=" + project, officer).json().getInt("total"));
  }

  @Test
  void aVisitRaisesAConcernAndTheRecordFindsItsIncidents() {
    String deliverable = api.get("api/v1/projects/" + project, worker).json()
        .getJsonArray("deliverables").getJsonObject(0).getString("id");
    var visit = api.post("api/v1/services", worker, "{\"projectId\":\"" + project + "\",\"deliverableId\":\"" + deliverable
        + "\",\"startedAt\":\"" + sixDaysAgo(7, 0) + "\",\"endedAt\":\"" + sixDaysAgo(7, 40) + "\","
        + "\"placeCode\":\"429006104201\",\"participants\":[\"" + child + "\"],"
        + "\"homeVisit\":{\"present\":\"NOBODY\",\"riskAfter\":\"HIGH\",\"findings\":["
        + "{\"area\":\"LIVING_CONDITIONS\",\"rating\":2},{\"area\":\"SAFETY\",\"rating\":1},"
        + "{\"area\":\"SCHOOLING\",\"rating\":3},{\"area\":\"HEALTH\",\"rating\":3},"
        + "{\"area\":\"GUARDIANSHIP\",\"rating\":1}]}}");
    assertEquals(201, visit.status(), visit.body());
    String record = visit.json().getString("id");
    var raised = api.post("api/v1/incidents", worker, card(child).replace("{", "{\"serviceRecordId\":\"" + record + "\","));
    assertEquals(201, raised.status(), raised.body());
    assertEquals(record, raised.json().getString("serviceRecordId"));
    api.post("api/v1/incidents", worker, card(child));

    var fromRecord = api.get("api/v1/incidents?record=" + record, supervisor);
    assertEquals(1, fromRecord.json().getInt("total"), fromRecord.body());
    assertEquals(raised.json().getString("id"), fromRecord.json().getJsonArray("items").getJsonObject(0).getString("id"));
    assertEquals("ID_FORMAT", api.get("api/v1/incidents?record=nope", supervisor).fieldCode("record"));
    String otherOrg = api.login("shouwang-sw", "supervisor", Api.DEMO_PASSWORD);
    assertEquals(0, api.get("api/v1/incidents?record=" + record, otherOrg).json().getInt("total"));
  }

  @Test
  void theImmediateActionIsTheFirstStepTakenByTheWorkerOnTheDayTheConcernWasFound() throws Exception {
    var raised = api.post("api/v1/incidents", worker, card(child).replaceFirst("\\{", "{\"immediateAction\":\"将孩子带到村委会，由祖母陪同\","));
    assertEquals(201, raised.status(), raised.body());
    String id = raised.json().getString("id");
    var steps = raised.json().getJsonArray("steps");
    assertEquals(1, steps.size(), raised.body());
    JsonObject first = steps.getJsonObject(0);
    assertEquals("将孩子带到村委会，由祖母陪同", first.getString("action"));
    assertEquals(NOW.minusMinutes(2).atZoneSameInstant(ZoneId.of("Asia/Shanghai")).toLocalDate().toString(), first.getString("takenOn"));
    assertEquals("社工incidents", first.getString("doneBy"), "done by the worker who raised it");
    assertEquals(1, api.get("api/v1/incidents/" + id, officer).json().getJsonArray("steps").size(), "the bureau follows it too");
    assertEquals(1, Api.countAsApplication(orgId,
        "select count(*) from audit_event where action = 'INCIDENT_STEP_ADDED' and subject_id = '" + id + "'"));

    long before = api.get("api/v1/incidents?project=" + project, worker).json().getInt("total");
    var tooLong = api.post("api/v1/incidents", worker, card(child).replaceFirst("\\{", "{\"immediateAction\":\"" + "措".repeat(2001) + "\","));
    assertEquals(400, tooLong.status(), tooLong.body());
    assertEquals("TOO_LONG", tooLong.fieldCode("immediateAction"));
    assertEquals(before, api.get("api/v1/incidents?project=" + project, worker).json().getInt("total"), "nothing stored");
    var without = api.post("api/v1/incidents", worker, card(child));
    assertEquals(0, without.json().getJsonArray("steps").size(), "the immediate action stays optional in the API");
  }

  @Test
  void stepsAreAppendedUntilTheIncidentIsClosedOrVoided() {
    String id = api.post("api/v1/incidents", worker, card(child)).json().getString("id");
    String today = LocalDate.now(ZoneId.of("Asia/Shanghai")).toString();
    var step = api.post("api/v1/incidents/" + id + "/steps", worker,
        "{\"takenOn\":\"" + today + "\",\"action\":\"陪同民警入户核实，联系祖母临时照料\",\"doneBy\":\"社工张芳、多宝派出所\"}");
    assertEquals(201, step.status(), step.body());
    assertEquals(1, step.json().getJsonArray("steps").size());
    api.post("api/v1/incidents/" + id + "/steps", worker,
        "{\"takenOn\":\"" + today + "\",\"action\":\"转介心理咨询\",\"doneBy\":\"社工张芳\"}");

    var followed = api.get("api/v1/incidents/" + id, officer).json();
    assertEquals(2, followed.getJsonArray("steps").size(), "the bureau follows the handling");
    assertEquals("转介心理咨询", followed.getJsonArray("steps").getJsonObject(1).getString("action"));
    assertEquals(2, followed.getJsonArray("steps").getJsonObject(1).getInt("position"));

    var tomorrow = api.post("api/v1/incidents/" + id + "/steps", worker,
        "{\"takenOn\":\"" + LocalDate.parse(today).plusDays(1) + "\",\"action\":\"x\",\"doneBy\":\"y\"}");
    assertEquals("INC_STEP_IN_FUTURE", tomorrow.fieldCode("takenOn"));

    assertEquals(403, api.post("api/v1/incidents/" + id + "/close", worker, "{\"outcome\":\"已处置\"}").status());
    assertEquals("REQUIRED", api.post("api/v1/incidents/" + id + "/close", supervisor, "{}").fieldCode("outcome"));
    var closed = api.post("api/v1/incidents/" + id + "/close", supervisor,
        "{\"closedOn\":\"" + today + "\",\"outcome\":\"祖母接回照料，继父已被训诫，纳入重点关注\"}");
    assertEquals(200, closed.status(), closed.body());
    assertEquals("CLOSED", closed.json().getString("status"));
    assertEquals("CLOSED", api.get("api/v1/incidents/" + id, officer).json().getString("status"));

    var late = api.post("api/v1/incidents/" + id + "/steps", worker,
        "{\"takenOn\":\"" + today + "\",\"action\":\"x\",\"doneBy\":\"y\"}");
    assertEquals(409, late.status());
    assertEquals("INC_NOT_OPEN", late.code());

    assertEquals(403, api.post("api/v1/incidents/" + id + "/void", worker, "{\"reason\":\"录错\"}").status());
    var voided = api.post("api/v1/incidents/" + id + "/void", supervisor, "{\"reason\":\"录错儿童\"}");
    assertEquals("VOIDED", voided.json().getString("status"));
    var twice = api.post("api/v1/incidents/" + id + "/void", supervisor, "{\"reason\":\"再次\"}");
    assertEquals(409, twice.status());
    assertEquals("INC_ALREADY_VOIDED", twice.code());
    var bureauView = api.get("api/v1/incidents/" + id, officer);
    assertEquals("VOIDED", bureauView.json().getString("status"));
    assertFalse(bureauView.body().contains("录错儿童"), "the void reason stays with the organization");
  }

  @Test
  void anotherOrganizationAndAnUnrelatedBureauGetNotFound() throws Exception {
    String id = api.post("api/v1/incidents", worker, card(child)).json().getString("id");
    String today = LocalDate.now(ZoneId.of("Asia/Shanghai")).toString();
    assertEquals(201, api.post("api/v1/incidents/" + id + "/steps", worker,
        "{\"takenOn\":\"" + today + "\",\"action\":\"报告派出所\",\"doneBy\":\"社工张芳\"}").status());
    String otherOrg = api.login("shouwang-sw", "admin", Api.DEMO_PASSWORD);
    Api.Bureau wuchang = api.onboardBureau(api.platformToken(), "420106");
    String otherBureau = wuchang.officerToken();

    for (String stranger : new String[] {otherOrg, otherBureau}) {
      var read = api.get("api/v1/incidents/" + id, stranger);
      assertEquals(404, read.status());
      assertEquals(api.get("api/v1/incidents/" + UUID.randomUUID(), stranger).body().replaceAll("\"requestId\":\"[^\"]*\"", ""),
          read.body().replaceAll("\"requestId\":\"[^\"]*\"", ""), "the same answer as for an id of nothing");
      var list = api.get("api/v1/incidents?project=" + project, stranger);
      assertEquals(200, list.status(), list.body());
      assertEquals(0, list.json().getInt("total"));
      assertFalse(api.get("api/v1/incidents?limit=200", stranger).body().contains(id));
    }
    assertEquals(404, api.post("api/v1/incidents/" + id + "/steps", otherOrg,
        "{\"takenOn\":\"2026-03-10\",\"action\":\"x\",\"doneBy\":\"y\"}").status());
    assertEquals(404, api.post("api/v1/incidents/" + id + "/void", otherOrg, "{\"reason\":\"x\"}").status());
    assertEquals(404, api.post("api/v1/incidents", otherOrg, card(child)).status(), "not its project");
    assertEquals(403, api.post("api/v1/incidents/" + id + "/void", officer, "{\"reason\":\"x\"}").status(),
        "only the organization voids");
    for (String path : new String[] {"/acknowledge", "/referrals", "/steps", "/close"}) {
      assertEquals(404, api.post("api/v1/incidents/" + id + path, otherBureau,
          "{\"takenOn\":\"" + today + "\",\"referredOn\":\"" + today + "\",\"referredTo\":\"公安\",\"action\":\"x\","
              + "\"doneBy\":\"y\",\"closedOn\":\"" + today + "\",\"outcome\":\"z\"}").status(), path + " by an unrelated bureau");
    }
    assertEquals(403, api.post("api/v1/incidents/" + id + "/acknowledge", worker, "").status(), "the bureau acknowledges");
    assertEquals(403, api.post("api/v1/incidents/" + id + "/referrals", supervisor, "{}").status(), "the bureau refers");
    assertEquals("OPEN", api.get("api/v1/incidents/" + id, worker).json().getString("status"));

    // Underneath, as the application role: the two parties see the rows, the third parties none.
    String otherOrgId = SignedJWT.parse(otherOrg).getJWTClaimsSet().getStringClaim("tenant_id");
    String bureauId = SignedJWT.parse(officer).getJWTClaimsSet().getStringClaim("tenant_id");
    for (String[] party : new String[][] {{orgId, "1"}, {bureauId, "1"}, {otherOrgId, "0"}, {wuchang.id(), "0"}}) {
      assertEquals(Long.parseLong(party[1]), Api.countAsApplication(party[0], "select count(*) from incident where id = ?::uuid", id));
      assertEquals(Long.parseLong(party[1]),
          Api.countAsApplication(party[0], "select count(*) from incident_step where incident_id = ?::uuid", id));
    }
    var appendOnly = org.junit.jupiter.api.Assertions.assertThrows(java.sql.SQLException.class,
        () -> Api.countAsApplication(orgId, "with u as (update incident_step set action = 'x' where incident_id = ?::uuid returning 1)"
            + " select count(*) from u", id));
    assertTrue(appendOnly.getMessage().contains("permission denied"), appendOnly.getMessage());
  }


  @Test
  void theFundingBureauAcknowledgesStepsRefersAndClosesAReport() throws Exception {
    String id = api.post("api/v1/incidents", worker, card(child)).json().getString("id");
    String today = LocalDate.now(ZoneId.of("Asia/Shanghai")).toString();
    String bureauId = SignedJWT.parse(officer).getJWTClaimsSet().getStringClaim("tenant_id");
    var view = api.get("api/v1/incidents/" + id, officer).json();
    assertEquals(NOW.minusMinutes(2).toInstant(), OffsetDateTime.parse(view.getString("foundAt")).toInstant(), "found, not logged");
    assertEquals(0, view.getInt("daysSinceFound"));
    assertFalse(view.getBoolean("overdue"));
    assertFalse(view.containsKey("acknowledgedOn"));
    long waiting = api.get("api/v1/incidents?status=OPEN&acknowledged=false&limit=200", officer).json().getInt("total");
    assertTrue(waiting >= 1);
    assertEquals("BOOLEAN_FORMAT", api.get("api/v1/incidents?acknowledged=maybe", officer).fieldCode("acknowledged"));

    var acked = api.post("api/v1/incidents/" + id + "/acknowledge", officer, "");
    assertEquals(200, acked.status(), acked.body());
    assertEquals(today, acked.json().getString("acknowledgedOn"));
    assertFalse(acked.body().contains(FOUND), "still the bureau's minimized view");
    assertEquals(waiting - 1, api.get("api/v1/incidents?status=OPEN&acknowledged=false&limit=200", officer).json().getInt("total"));
    assertEquals("INC_ALREADY_ACKNOWLEDGED", api.post("api/v1/incidents/" + id + "/acknowledge", officer, "").code());

    var step = api.post("api/v1/incidents/" + id + "/steps", officer,
        "{\"takenOn\":\"" + today + "\",\"action\":\"电话了解处置进展\",\"doneBy\":\"民政王科长\"}");
    assertEquals(201, step.status(), step.body());
    var referral = api.post("api/v1/incidents/" + id + "/referrals", officer,
        "{\"referredOn\":\"" + today + "\",\"referredTo\":\"县妇联\",\"action\":\"请协助心理疏导\",\"doneBy\":\"民政王科长\"}");
    assertEquals(201, referral.status(), referral.body());
    var steps = referral.json().getJsonArray("steps");
    assertEquals("BUREAU", steps.getJsonObject(steps.size() - 1).getString("party"));
    assertEquals("县妇联", steps.getJsonObject(steps.size() - 1).getString("referredTo"));
    assertFalse(steps.getJsonObject(steps.size() - 2).containsKey("referredTo"));
    assertEquals("REQUIRED", api.post("api/v1/incidents/" + id + "/referrals", officer,
        "{\"referredOn\":\"" + today + "\",\"referredTo\":\" \",\"action\":\"x\",\"doneBy\":\"y\"}").fieldCode("referredTo"));
    assertEquals("INC_STEP_BEFORE_FOUND", api.post("api/v1/incidents/" + id + "/referrals", officer,
        "{\"referredOn\":\"2020-01-01\",\"referredTo\":\"县妇联\",\"action\":\"x\",\"doneBy\":\"y\"}").fieldCode("referredOn"));
    var orgSees = api.get("api/v1/incidents/" + id, supervisor).json();
    assertEquals("县妇联", orgSees.getJsonArray("steps").getJsonObject(1).getString("referredTo"), "the organization sees the referral");

    var closed = api.post("api/v1/incidents/" + id + "/close", officer, "{\"closedOn\":\"" + today + "\",\"outcome\":\"已安置至亲属家\"}");
    assertEquals(200, closed.status(), closed.body());
    assertEquals("CLOSED", closed.json().getString("status"));
    assertEquals("BUREAU", closed.json().getString("closedBy"));
    assertEquals("INC_NOT_OPEN", api.post("api/v1/incidents/" + id + "/referrals", officer,
        "{\"referredOn\":\"" + today + "\",\"referredTo\":\"县妇联\",\"action\":\"x\",\"doneBy\":\"y\"}").code());
    for (String action : new String[] {"INCIDENT_ACKNOWLEDGED", "INCIDENT_REFERRED", "INCIDENT_CLOSED"}) {
      assertEquals(1, Api.countAsApplication(bureauId,
          "select count(*) from audit_event where action = '" + action + "' and subject_id = '" + id + "'"), action);
    }
  }

  @Test
  void invalidCardsGetFieldErrorsAndStoreNothing() {
    var bad = api.post("api/v1/incidents", worker, "{\"projectId\":\"" + project + "\",\"beneficiaryId\":\"nope\","
        + "\"concern\":\"BAD_LUCK\",\"found\":\"\",\"foundAt\":\"2026-03-10\",\"reportedTo\":[\"POLICE\",\"NEIGHBOUR\"],"
        + "\"reportedAt\":\"2026-03-10T12:00:00+08:00\"}");
    assertEquals(400, bad.status(), bad.body());
    assertEquals("VALIDATION_FAILED", bad.code());
    assertEquals("ID_FORMAT", bad.fieldCode("beneficiaryId"));
    assertEquals("INC_CONCERN_UNKNOWN", bad.fieldCode("concern"));
    assertEquals("REQUIRED", bad.fieldCode("found"));
    assertEquals("DATE_TIME_FORMAT", bad.fieldCode("foundAt"));
    assertEquals("INC_AUTHORITY_UNKNOWN", bad.fieldCode("reportedTo[1]"));

    assertEquals("INC_REPORTED_TO_REQUIRED", api.post("api/v1/incidents", worker,
        card(child).replace("[\"POLICE\",\"CIVIL_AFFAIRS_BUREAU\"]", "[]")).fieldCode("reportedTo"));

    String found = OffsetDateTime.now(ZoneOffset.ofHours(8)).minusHours(3).truncatedTo(ChronoUnit.SECONDS).toString();
    var early = api.post("api/v1/incidents", worker, card(child).replace("\"foundAt\":\"" + foundAt() + "\"",
        "\"foundAt\":\"" + found + "\"").replace("\"reportedAt\":\"" + reportedAt() + "\"",
        "\"reportedAt\":\"" + OffsetDateTime.parse(found).minusHours(1) + "\""));
    assertEquals("INC_REPORT_BEFORE_FOUND", early.fieldCode("reportedAt"), early.body());

    String stranger = child();
    assertEquals("INC_CHILD_NOT_ENROLLED", api.post("api/v1/incidents", worker, card(stranger)).fieldCode("beneficiaryId"));
    assertEquals("INC_SOURCE_RECORD_UNKNOWN", api.post("api/v1/incidents", worker,
        card(child).replace("{", "{\"serviceRecordId\":\"" + UUID.randomUUID() + "\",")).fieldCode("serviceRecordId"));
    assertEquals(404, api.post("api/v1/incidents", worker,
        card(child).replace(project, UUID.randomUUID().toString())).status());

    assertEquals(0, api.get("api/v1/incidents?project=" + project, worker).json().getInt("total"), "nothing stored");
    assertEquals(0, api.get("api/v1/incidents?project=" + project, officer).json().getInt("total"));
  }

  private String card(String beneficiary) {
    return "{\"projectId\":\"" + project + "\",\"beneficiaryId\":\"" + beneficiary + "\",\"concern\":\"SUSPECTED_ABUSE\","
        + "\"found\":\"" + FOUND + "\",\"foundAt\":\"" + foundAt() + "\","
        + "\"reportedTo\":[\"POLICE\",\"CIVIL_AFFAIRS_BUREAU\"],\"reportedAt\":\"" + reportedAt() + "\"}";
  }

  /** Found two minutes ago and reported one minute later, whatever the hour the test runs. */
  static final OffsetDateTime NOW = OffsetDateTime.now(ZoneOffset.ofHours(8)).truncatedTo(ChronoUnit.SECONDS);

  /**
   * A slot no other IT class gives this worker (they share the run's database), never in a locked month (the
   * default lock is 10 days after a month ends) and not a late entry.
   */
  private static String sixDaysAgo(int hour, int minute) {
    ZoneId china = ZoneId.of("Asia/Shanghai");
    return LocalDate.now(china).minusDays(6).atTime(hour, minute).atZone(china).toOffsetDateTime().toString();
  }

  private static String foundAt() {
    return NOW.minusMinutes(2).toString();
  }

  private static String reportedAt() {
    return NOW.minusMinutes(1).toString();
  }

  private String activeProject() {
    var created = api.post("api/v1/projects", officer, "{\"contractNumber\":\"INC-" + ThreadLocalRandom.current().nextInt(1_000_000)
        + "\",\"title\":\"多宝镇困境儿童保护\",\"organizationId\":\"" + orgId + "\",\"budget\":100000,"
        + "\"periodStart\":\"" + PERIOD_START + "\",\"periodEnd\":\"" + PERIOD_START.plusYears(1).minusDays(1) + "\",\"coveredTowns\":[\"429006104\"],"
        + "\"targetGroups\":[\"LEFT_BEHIND_CHILD\"],\"deliverables\":[{\"kind\":\"HOME_VISIT\",\"unit\":\"VISIT\",\"target\":100}]}");
    assertEquals(201, created.status(), created.body());
    String id = created.json().getString("id");
    assertEquals(200, api.post("api/v1/projects/" + id + "/activate", officer, "").status());
    return id;
  }

  private String child() {
    citizenId = Api.citizenId(LocalDate.of(2012, 1, 1).plusDays(ThreadLocalRandom.current().nextInt(2500)));
    String body = "{\"name\":\"张小明\",\"villageCode\":\"429006104201\",\"categories\":[\"LEFT_BEHIND_CHILD\"],"
        + "\"citizenId\":\"" + citizenId + "\","
        + "\"consent\":{\"givenOn\":\"2024-09-01\",\"givenBy\":\"李秀英\",\"relationship\":\"GRANDPARENT\",\"method\":\"WRITTEN\"}}";
    var registered = api.post("api/v1/beneficiaries", worker, body);
    assertEquals(201, registered.status(), registered.body());
    return registered.json().getString("id");
  }
}
