package org.shouhu.beneficiaries.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jwt.SignedJWT;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
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
 * Referrals (#17) across isolated tenants: 春晖 (A) refers a child to 守望 (B), both funded by 天门民政局. B sees only
 * the shared fields, masked, until its supervisor accepts; then the person is B's own record and neither side reads
 * the other's. A third organization and another bureau see nothing; the bureau sees counts and waiting days only.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ReferralsIT {

  static final String REFERRALS = "api/v1/referrals";
  static final String CONSENT =
      "{\"givenOn\":\"2026-11-01\",\"givenBy\":\"李秀英\",\"relationship\":\"GRANDPARENT\",\"method\":\"WRITTEN\"}";
  static final String SHARED = "[\"NAME\",\"GENDER\",\"BIRTH_DATE\",\"VILLAGE\",\"CATEGORIES\",\"CITIZEN_ID\"]";
  static final String REASON = "孩子近期情绪低落，需要专业心理辅导";

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.application();
  }

  @ArquillianResource URL base;
  Api api;
  String officer;
  String workerA;
  String supervisorA;
  String workerB;
  String supervisorB;
  String orgA;
  String orgB;
  String projectB;

  @BeforeEach
  void parties() throws Exception {
    api = new Api(base);
    officer = api.login("tianmen-mzj", "officer", Api.DEMO_PASSWORD);
    workerA = api.login("chunhui-sw", "worker", Api.DEMO_PASSWORD);
    supervisorA = api.login("chunhui-sw", "supervisor", Api.DEMO_PASSWORD);
    workerB = api.login("shouwang-sw", "worker", Api.DEMO_PASSWORD);
    supervisorB = api.login("shouwang-sw", "supervisor", Api.DEMO_PASSWORD);
    orgA = tenantOf(workerA);
    orgB = tenantOf(workerB);
    String deliverables = "[{\"kind\":\"HOME_VISIT\",\"unit\":\"VISIT\",\"target\":100}]";
    api.activeProject(officer, orgA, "春晖关爱", deliverables);
    projectB = api.activeProject(officer, orgB, "守望心理辅导", deliverables).getString("id");
  }

  @Test
  void referredChildIsSeenMaskedThenAcceptedIntoTheReceiversOwnRegisterAuditedInBothChains() throws Exception {
    String child = api.registerChild(workerA, "王小明");
    String citizenId = api.get("api/v1/beneficiaries/" + child, workerA).json().getString("citizenId");

    var receivers = api.get(REFERRALS + "/receivers", workerA);
    assertEquals(200, receivers.status(), receivers.body());
    assertTrue(receivers.body().contains(orgB), "守望 is funded by A's bureau: " + receivers.body());

    var noConsent = api.post(REFERRALS, workerA, send(child, orgB, null));
    assertEquals(400, noConsent.status(), noConsent.body());
    assertEquals("REFERRAL_GUARDIAN_CONSENT_REQUIRED", noConsent.fieldCode("consent"));
    var ownConsent = api.post(REFERRALS, workerA, send(child, orgB,
        "{\"givenOn\":\"2026-11-01\",\"givenBy\":\"王小明\",\"relationship\":\"SELF\",\"method\":\"ORAL\"}"));
    assertEquals("REFERRAL_GUARDIAN_CONSENT_REQUIRED", ownConsent.fieldCode("consent"), "a minor cannot consent alone");
    assertEquals("REFERRAL_SHARED_FIELDS_TOO_FEW", api.post(REFERRALS, workerA,
        send(child, orgB, CONSENT).replace(SHARED, "[\"NAME\"]")).fieldCode("sharedFields"));

    var sent = api.post(REFERRALS, workerA, send(child, orgB, CONSENT));
    assertEquals(201, sent.status(), sent.body());
    String id = sent.json().getString("id");
    assertEquals("SENT", sent.json().getString("status"));

    var inbox = api.get(REFERRALS + "/inbox?waiting=true", workerB);
    assertEquals(200, inbox.status(), inbox.body());
    JsonObject received = find(inbox.raw().body(), inbox, id);
    assertEquals("RECEIVED", received.getString("side"));
    assertEquals(REASON, received.getString("reason"));
    JsonObject shared = received.getJsonObject("shared");
    assertEquals("王*明", shared.getString("NAME"), "masked until accepted");
    assertFalse(shared.containsKey("PHONE"), "the phone was not shared");
    assertFalse(inbox.body().contains("王小明") || inbox.body().contains(citizenId), "no full name, no citizen id");
    assertFalse(present(received, "beneficiaryId"), "the sender's record id stays the sender's");

    assertEquals(403, api.post(REFERRALS + "/" + id + "/accept", workerB, "{}").status(), "a supervisor accepts");
    assertEquals(404, api.post(REFERRALS + "/" + id + "/accept", supervisorA, "{}").status(), "not the sender");
    var accepted = api.post(REFERRALS + "/" + id + "/accept", supervisorB, "{\"projectId\":\"" + projectB + "\"}");
    assertEquals(200, accepted.status(), accepted.body());
    assertEquals("ACCEPTED", accepted.json().getString("status"));
    String person = accepted.json().getString("receivedBeneficiaryId");
    assertNotNull(accepted.json().getString("receivedEnrolmentId"), "enrolled in B's project in the same step");
    assertEquals("REFERRAL_NOT_WAITING", api.post(REFERRALS + "/" + id + "/accept", supervisorB, "{}").code());

    var inB = api.get("api/v1/beneficiaries/" + person, workerB);
    assertEquals(200, inB.status(), inB.body());
    assertEquals("王小明", inB.json().getString("name"));
    assertEquals(citizenId, inB.json().getString("citizenId"));
    assertTrue(api.get("api/v1/beneficiaries/" + person + "/enrolments", workerB).body().contains(projectB));
    assertEquals(404, api.get("api/v1/beneficiaries/" + child, workerB).status(), "A's record stays A's");
    assertEquals(404, api.get("api/v1/beneficiaries/" + person, workerA).status(), "B's new record is B's");

    var outcome = api.get(REFERRALS + "/" + id, workerA);
    assertEquals("ACCEPTED", outcome.json().getString("status"));
    assertTrue(present(outcome.json(), "answeredAt"), "the sender sees when");
    assertFalse(present(outcome.json(), "receivedBeneficiaryId"), "B's record id stays B's");

    String event = "select count(*) from audit_event where action = 'REFERRAL_ACCEPTED' and subject_id = '" + id + "'";
    assertEquals(1, Api.countAsApplication(orgA, event), "in the sender's chain");
    assertEquals(1, Api.countAsApplication(orgB, event), "in the receiver's chain");
    String intact = "select count(*) from shouhu_audit_verify() where broken_seq is null and events > 0";
    assertEquals(1, Api.countAsApplication(orgA, intact), "A's chain intact");
    assertEquals(1, Api.countAsApplication(orgB, intact), "B's chain intact");
    assertEquals(1, Api.countAsApplication(orgA, "select count(*) from referral where id = '" + id + "'"));
    assertEquals(1, Api.countAsApplication(orgB, "select count(*) from referral where id = '" + id + "'"));
    assertEquals(0, Api.countAsApplication(orgB, "select count(*) from referral where id = '" + id
        + "' and position(convert_to('王小明', 'UTF8') in shared_cipher) > 0"), "sealed");

    var again = api.post(REFERRALS, workerA, send(child, orgB, CONSENT));
    assertEquals(201, again.status(), again.body());
    var twice = api.post(REFERRALS + "/" + again.json().getString("id") + "/accept", supervisorB, "{}");
    assertEquals(200, twice.status(), twice.body());
    assertEquals(person, twice.json().getString("receivedBeneficiaryId"), "found by the blind index, not duplicated");
  }

  @Test
  void declinedWithdrawnAndInvisibleToAThirdOrganizationAndAnotherBureauWhileTheBureauSeesOnlyCounts()
      throws Exception {
    String child = api.registerChild(workerA, "刘小红");
    String id = api.post(REFERRALS, workerA, send(child, orgB, CONSENT)).json().getString("id");

    Api.Org third = api.onboardOrganization(api.platformToken());
    String stranger = api.login(third.slug(), third.adminUsername(), third.adminPassword());
    assertEquals(404, api.get(REFERRALS + "/" + id, stranger).status());
    assertEquals(404, api.post(REFERRALS + "/" + id + "/decline", stranger, "{\"reason\":\"x\"}").status());
    assertEquals("[]", api.get(REFERRALS + "/inbox", stranger).body().strip());
    assertEquals("[]", api.get(REFERRALS + "/sent", stranger).body().strip());
    assertEquals(0, Api.countAsApplication(third.id(), "select count(*) from referral"));
    Api.Bureau otherBureau = api.onboardBureau(api.platformToken(), "429006");
    var none = api.get(REFERRALS + "/figures", otherBureau.officerToken());
    assertEquals(200, none.status(), none.body());
    assertEquals(0, none.json().getJsonArray("organizations").size());
    assertEquals("[]", api.get(REFERRALS + "/figures/list", otherBureau.officerToken()).body().strip());
    assertEquals(0, Api.countAsApplication(otherBureau.id(), "select count(*) from referral"));
    assertEquals(0, Api.countAsApplication(otherBureau.id(), "select count(*) from shouhu_referrals_for_bureau()"));
    assertEquals(403, api.get(REFERRALS + "/figures", workerA).status());
    assertEquals(403, api.get(REFERRALS + "/inbox", officer).status());

    var figures = api.get(REFERRALS + "/figures", officer);
    assertEquals(200, figures.status(), figures.body());
    assertEquals(7, figures.json().getInt("responseDays"));
    JsonObject a = organization(figures.json(), orgA);
    JsonObject b = organization(figures.json(), orgB);
    assertTrue(a.getInt("sent") >= 1 && a.getInt("waiting") >= 1, a.toString());
    assertTrue(b.getInt("receivedWaiting") >= 1, b.toString());
    var list = api.get(REFERRALS + "/figures/list?organizationId=" + orgB, officer);
    assertTrue(list.body().contains(id) && list.body().contains("\"daysWaiting\":0"), list.body());
    for (String personal : new String[] {"刘小红", "刘*红", REASON, "reason", "shared", "beneficiaryId", "李秀英"}) {
      assertFalse(figures.body().contains(personal) || list.body().contains(personal), personal);
    }

    assertEquals("REQUIRED", api.post(REFERRALS + "/" + id + "/decline", supervisorB, "{\"reason\":\"\"}").fieldCode("reason"));
    var declined = api.post(REFERRALS + "/" + id + "/decline", supervisorB, "{\"reason\":\"本机构暂无心理咨询师名额\"}");
    assertEquals(200, declined.status(), declined.body());
    var seen = api.get(REFERRALS + "/" + id, workerA).json();
    assertEquals("DECLINED", seen.getString("status"));
    assertEquals("本机构暂无心理咨询师名额", seen.getString("statusReason"));
    assertTrue(present(seen, "answeredAt"));
    assertEquals(1, Api.countAsApplication(orgA,
        "select count(*) from audit_event where action = 'REFERRAL_DECLINED' and subject_id = '" + id + "'"));

    String withdrawn = api.post(REFERRALS, workerA, send(child, orgB, CONSENT)).json().getString("id");
    assertEquals(404, api.post(REFERRALS + "/" + withdrawn + "/withdraw", workerB, "{\"reason\":\"x\"}").status(),
        "only the sender withdraws");
    assertEquals("WITHDRAWN", api.post(REFERRALS + "/" + withdrawn + "/withdraw", workerA,
        "{\"reason\":\"家长改变主意\"}").json().getString("status"));
    assertEquals("REFERRAL_NOT_WAITING", api.post(REFERRALS + "/" + withdrawn + "/accept", supervisorB, "{}").code());
  }

  @Test
  void anOutsideAgencyReferralPrintsAChineseLetterAndComesUpForFollowUp() throws Exception {
    String child = api.registerChild(workerA, "赵小军");
    LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
    String body = "{\"beneficiaryId\":\"" + child + "\",\"agencyKind\":\"SCHOOL\",\"agencyName\":\"天门市实验小学\","
        + "\"agencyContact\":\"德育处 周老师 0728-5221234\",\"handedOver\":\"家访记录与风险评估\","
        + "\"handedOverHow\":\"IN_PERSON\",\"followUpOn\":\"" + today + "\",\"reason\":\"长期缺课\","
        + "\"services\":\"学校心理老师跟进\",\"urgency\":\"URGENT\",\"consent\":" + CONSENT
        + ",\"sharedFields\":[\"NAME\",\"GENDER\",\"BIRTH_DATE\"]}";
    assertEquals("REFERRAL_AGENCY_KIND_UNKNOWN",
        api.post(REFERRALS + "/agency", workerA, body.replace("SCHOOL", "CHURCH")).fieldCode("agencyKind"));
    var sent = api.post(REFERRALS + "/agency", workerA, body);
    assertEquals(201, sent.status(), sent.body());
    String id = sent.json().getString("id");
    assertEquals("REFERRED", sent.json().getString("status"));

    var letter = api.request("GET", REFERRALS + "/" + id + "/letter").bearer(workerA).download();
    assertEquals(200, letter.status());
    assertEquals("%PDF", new String(Arrays.copyOf(letter.bytes(), 4), StandardCharsets.ISO_8859_1));
    try (var doc = org.apache.pdfbox.Loader.loadPDF(letter.bytes())) {
      String text = new org.apache.pdfbox.text.PDFTextStripper().getText(doc);
      assertTrue(text.contains("天门市实验小学") && text.contains("转介函") && text.contains("赵小军"), text);
    }
    assertEquals(404, api.request("GET", REFERRALS + "/" + id + "/letter").bearer(workerB).download().status());
    assertEquals(404, api.get(REFERRALS + "/" + id, workerB).status());

    assertTrue(api.get(REFERRALS + "/follow-ups", workerA).body().contains(id), "due today");
    var followed = api.post(REFERRALS + "/" + id + "/follow-up", workerA,
        "{\"note\":\"学校已安排心理老师\",\"nextFollowUpOn\":\"" + today.plusDays(14) + "\"}");
    assertEquals("FOLLOWED_UP", followed.json().getString("status"));
    assertFalse(api.get(REFERRALS + "/follow-ups", workerA).body().contains(id), "next one in two weeks");
    var closed = api.post(REFERRALS + "/" + id + "/close", workerA, "{\"outcome\":\"已恢复正常上学\"}");
    assertEquals("CLOSED", closed.json().getString("status"));
    assertEquals("REFERRAL_NOT_OPEN", api.post(REFERRALS + "/" + id + "/close", workerA, "{\"outcome\":\"x\"}").code());
  }

  @Test
  void aCounselingCaseClosedAsReferredNamesTheReferralThatCarriesThePersonOn() {
    var project = api.activeProject(officer, orgA, "春晖个案", "[{\"kind\":\"CASE\",\"unit\":\"CASE\",\"target\":10}]");
    String deliverable = project.getJsonArray("deliverables").getJsonObject(0).getString("id");
    String child = api.registerChild(workerA, "周小雨");
    assertEquals(201, api.post("api/v1/projects/" + project.getString("id") + "/enrolments", workerA,
        "{\"beneficiaryId\":\"" + child + "\"}").status());
    var opened = api.post("api/v1/cases", workerA, "{\"projectId\":\"" + project.getString("id") + "\",\"beneficiaryId\":\""
        + child + "\",\"deliverableId\":\"" + deliverable + "\",\"intakeOn\":\"" + LocalDate.now(ZoneId.of("Asia/Shanghai"))
        + "\",\"presentingIssue\":\"情绪低落\",\"referralSource\":\"CHILD_DIRECTOR\",\"consent\":" + CONSENT + "}");
    assertEquals(201, opened.status(), opened.body());
    String kase = opened.json().getString("id");
    String referral = api.post(REFERRALS, workerA, send(child, orgB, CONSENT)).json().getString("id");
    String other = api.post(REFERRALS, workerA, send(api.registerChild(workerA, "吴小兰"), orgB, CONSENT)).json().getString("id");

    String close = "{\"outcome\":\"%s\",\"summary\":\"转介至守望进行心理辅导\",\"referralId\":\"%s\"}";
    assertEquals("CASE_REFERRAL_NEEDS_REFERRED_OUTCOME", api.post("api/v1/cases/" + kase + "/close", workerA,
        close.formatted("GOALS_MET", referral)).fieldCode("referralId"));
    assertEquals("CASE_REFERRAL_OTHER_PERSON", api.post("api/v1/cases/" + kase + "/close", workerA,
        close.formatted("REFERRED", other)).fieldCode("referralId"));
    var closed = api.post("api/v1/cases/" + kase + "/close", workerA, close.formatted("REFERRED", referral));
    assertEquals(200, closed.status(), closed.body());
    assertEquals(kase, api.get(REFERRALS + "/" + referral, workerA).json().getString("caseId"));
    assertFalse(present(api.get(REFERRALS + "/" + referral, workerB).json(), "caseId"), "the case is the sender's");
  }

  @Test
  void aMandatoryReportsStepNamesTheReferralMadeOfTheSameChild() {
    var project = api.activeProject(officer, orgA, "春晖强制报告", "[{\"kind\":\"HOME_VISIT\",\"unit\":\"VISIT\",\"target\":10}]");
    String child = api.registerChild(workerA, "郑小花");
    assertEquals(201, api.post("api/v1/projects/" + project.getString("id") + "/enrolments", workerA,
        "{\"beneficiaryId\":\"" + child + "\"}").status());
    var now = java.time.OffsetDateTime.now(java.time.ZoneOffset.ofHours(8)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    var raised = api.post("api/v1/incidents", workerA, "{\"projectId\":\"" + project.getString("id") + "\",\"beneficiaryId\":\""
        + child + "\",\"concern\":\"SUSPECTED_ABUSE\",\"found\":\"手臂有淤青\",\"foundAt\":\"" + now.minusMinutes(10)
        + "\",\"reportedTo\":[\"POLICE\"],\"reportedAt\":\"" + now.minusMinutes(5) + "\"}");
    assertEquals(201, raised.status(), raised.body());
    String incident = raised.json().getString("id");
    String referral = api.post(REFERRALS, workerA, send(child, orgB, CONSENT)).json().getString("id");
    String other = api.post(REFERRALS, workerA, send(api.registerChild(workerA, "钱小东"), orgB, CONSENT)).json().getString("id");
    String theirs = api.post(REFERRALS, workerB, send(api.registerChild(workerB, "孙小北"), orgA, CONSENT)).json().getString("id");
    String step = "{\"takenOn\":\"" + LocalDate.now(ZoneId.of("Asia/Shanghai")) + "\",\"action\":\"转介至守望心理辅导\","
        + "\"doneBy\":\"社工张芳\",\"referralId\":\"%s\"}";
    String steps = "api/v1/incidents/" + incident + "/steps";

    assertEquals("INC_REFERRAL_OTHER_PERSON", api.post(steps, workerA, step.formatted(other)).fieldCode("referralId"));
    assertEquals("INC_REFERRAL_NOT_FOUND", api.post(steps, workerA, step.formatted(theirs)).fieldCode("referralId"));
    assertEquals("ID_FORMAT", api.post(steps, workerA, step.formatted("nope")).fieldCode("referralId"));
    assertEquals(0, api.get("api/v1/incidents/" + incident, workerA).json().getJsonArray("steps").size(),
        "refused steps store nothing (no immediate action was given at raise)");
    var added = api.post(steps, workerA, step.formatted(referral));
    assertEquals(201, added.status(), added.body());
    JsonObject last = lastStep(api.get("api/v1/incidents/" + incident, workerA).json());
    assertEquals(referral, last.getString("referralId"));
    assertEquals("转介至守望心理辅导", last.getString("action"));
    assertEquals(201, api.post(steps, workerA, "{\"takenOn\":\"" + LocalDate.now(ZoneId.of("Asia/Shanghai"))
        + "\",\"action\":\"电话回访\",\"doneBy\":\"社工张芳\"}").status(), "a step without a referral as before");
    assertFalse(present(lastStep(api.get("api/v1/incidents/" + incident, workerA).json()), "referralId"));
    assertEquals(404, api.get("api/v1/incidents/" + incident, workerB).status(), "the receiver does not see A's report");
  }

  @Test
  void aVisitIsNamedOnTheReferralMadeFromItAndOnItsLetterForTheSenderOnly() throws Exception {
    var project = api.activeProject(officer, orgA, "春晖探访", "[{\"kind\":\"HOME_VISIT\",\"unit\":\"VISIT\",\"target\":10}]");
    String projectId = project.getString("id");
    String deliverable = project.getJsonArray("deliverables").getJsonObject(0).getString("id");
    String worker = api.ownWorker("chunhui-sw", "zhuanjie");
    String child = api.registerChild(worker, "冯小乐");
    String sibling = api.registerChild(worker, "冯小安");
    for (String person : new String[] {child, sibling}) {
      assertEquals(201, api.post("api/v1/projects/" + projectId + "/enrolments", worker,
          "{\"beneficiaryId\":\"" + person + "\"}").status());
    }
    LocalDate day = LocalDate.now(ZoneId.of("Asia/Shanghai")).minusDays(1);
    String visit = api.submittedHomeVisit(worker, projectId, deliverable, day, 9, "429006104201", java.util.List.of(child));
    String voided = api.submittedHomeVisit(worker, projectId, deliverable, day, 14, "429006104201", java.util.List.of(child));
    assertEquals(200, api.post("api/v1/services/" + voided + "/void", worker, "{\"reason\":\"录入错误\"}").status());

    String fromVisit = send(child, orgB, CONSENT);
    assertEquals("REFERRAL_RECORD_OTHER_PERSON", api.post(REFERRALS, worker,
        withRecord(send(sibling, orgB, CONSENT), visit)).fieldCode("serviceRecordId"));
    assertEquals("REFERRAL_RECORD_VOIDED", api.post(REFERRALS, worker,
        withRecord(fromVisit, voided)).fieldCode("serviceRecordId"));
    assertEquals("REFERRAL_RECORD_NOT_FOUND", api.post(REFERRALS, worker,
        withRecord(fromVisit, java.util.UUID.randomUUID().toString())).fieldCode("serviceRecordId"));
    assertEquals("ID_FORMAT", api.post(REFERRALS, worker, withRecord(fromVisit, "nope")).fieldCode("serviceRecordId"));

    var sent = api.post(REFERRALS, worker, withRecord(fromVisit, visit));
    assertEquals(201, sent.status(), sent.body());
    JsonObject source = sent.json().getJsonObject("source");
    assertEquals(visit, source.getString("serviceRecordId"));
    assertEquals("HOME_VISIT", source.getString("kind"));
    String id = sent.json().getString("id");
    assertFalse(present(api.get(REFERRALS + "/" + id, workerB).json(), "source"), "the visit is the sender's");
    assertEquals(1, Api.countAsApplication(orgA, "select count(*) from referral where id = '" + id
        + "' and service_record_id = '" + visit + "'"));

    String agency = "{\"beneficiaryId\":\"" + child + "\",\"agencyKind\":\"POLICE\",\"agencyName\":\"多宝派出所\","
        + "\"reason\":\"家访发现疑似被打\",\"services\":\"调查核实\",\"urgency\":\"EMERGENCY\",\"consent\":" + CONSENT
        + ",\"sharedFields\":[\"NAME\",\"GENDER\"],\"serviceRecordId\":\"" + visit + "\"}";
    var toPolice = api.post(REFERRALS + "/agency", worker, agency);
    assertEquals(201, toPolice.status(), toPolice.body());
    assertEquals(visit, toPolice.json().getJsonObject("source").getString("serviceRecordId"));
    var letter = api.request("GET", REFERRALS + "/" + toPolice.json().getString("id") + "/letter").bearer(worker).download();
    try (var doc = org.apache.pdfbox.Loader.loadPDF(letter.bytes())) {
      String text = new org.apache.pdfbox.text.PDFTextStripper().getText(doc);
      assertTrue(text.contains("转介依据") && text.contains("入户探视记录"), text);
    }
    assertEquals("REFERRAL_RECORD_VOIDED", api.post(REFERRALS + "/agency", worker,
        agency.replace(visit, voided)).fieldCode("serviceRecordId"));
  }

  /**
   * The platform operator's permission (V205): off, a sender reaches only its bureaus' organizations and the database
   * refuses any other receiver; on, every active organization is offered (marked as not the bureau's), a suspended one
   * never; and the referral is still its two parties' only.
   */
  @Test
  void platformWideReferralsFollowTheOperatorsSettingAndStillReachOnlyTheirTwoParties() throws Exception {
    String platform = api.platformToken();
    String settings = "api/v1/platform/settings";
    assertEquals(200, api.request("PUT", settings).bearer(platform).json("{\"referralsPlatformWide\":false}").send().status());
    try {
      Api.Org outside = api.onboardOrganization(platform);
      Api.Org suspended = api.onboardOrganization(platform);
      Api.Org stranger = api.onboardOrganization(platform);
      assertEquals(200, api.post("api/v1/tenants/" + suspended.id() + "/suspend", platform, "{\"reason\":\"年检未通过\"}").status());
      String child = api.registerChild(workerA, "陈小宇");

      assertEquals(403, api.get(settings, workerA).status(), "the operator's");
      assertEquals(403, api.request("PUT", settings).bearer(officer).json("{\"referralsPlatformWide\":true}").send().status());
      assertFalse(api.get(settings, platform).json().getBoolean("referralsPlatformWide"));
      assertFalse(api.get(REFERRALS + "/receivers", workerA).body().contains(outside.id()));
      assertEquals("REFERRAL_RECEIVER_NOT_ALLOWED", api.post(REFERRALS, workerA, send(child, outside.id(), CONSENT)).fieldCode("receiverId"));
      assertEquals("REFERRAL_RECEIVER_UNKNOWN", api.post(REFERRALS, workerA,
          send(child, java.util.UUID.randomUUID().toString(), CONSENT)).fieldCode("receiverId"));
      var byDatabase = org.junit.jupiter.api.Assertions.assertThrows(java.sql.SQLException.class, () -> Api.countAsApplication(orgA,
          "with sent as (insert into referral (tenant_id, id, receiver_tenant_id, beneficiary_id, reason, services, urgency,"
              + " shared_fields, shared_cipher, shared_key, status, sent_at, sent_by) values ('" + orgA + "', gen_random_uuid(), '"
              + outside.id() + "', '" + child + "', 'x', 'x', 'ROUTINE', 'NAME', decode(repeat('00', 40), 'hex'), 'k', 'SENT',"
              + " now(), gen_random_uuid()) returning 1) select count(*) from sent"), "the database checks the receiver too");
      assertTrue(byDatabase.getMessage().contains("not among the organizations"), byDatabase.getMessage());

      assertEquals("REQUIRED", api.request("PUT", settings).bearer(platform).json("{}").send().fieldCode("referralsPlatformWide"));
      var on = api.request("PUT", settings).bearer(platform).json("{\"referralsPlatformWide\":true}").send();
      assertEquals(200, on.status(), on.body());
      assertTrue(on.json().getBoolean("referralsPlatformWide"));
      assertTrue(api.get(settings, platform).json().getBoolean("referralsPlatformWide"), "kept in the database");
      String platformTenant = tenantOf(platform);
      assertTrue(Api.countAsApplication(platformTenant,
          "select count(*) from audit_event where action = 'PLATFORM_REFERRALS_WIDENED'") >= 1, "audited");
      assertEquals(0, Api.countAsApplication(orgA, "with c as (update platform_setting set value = 'false' returning 1)"
          + " select count(*) from c"), "only the platform's binding changes a setting");

      var receivers = api.get(REFERRALS + "/receivers", workerA);
      JsonObject b = receiver(receivers.body(), orgB);
      JsonObject o = receiver(receivers.body(), outside.id());
      assertTrue(b.getBoolean("fundedByOwnBureau"), receivers.body());
      assertFalse(o.getBoolean("fundedByOwnBureau"), receivers.body());
      assertFalse(receivers.body().contains(suspended.id()), "a suspended organization is never offered");
      assertFalse(receivers.body().contains(orgA), "not itself");
      assertEquals("REFERRAL_RECEIVER_SUSPENDED", api.post(REFERRALS, workerA, send(child, suspended.id(), CONSENT)).fieldCode("receiverId"));

      var sent = api.post(REFERRALS, workerA, send(child, outside.id(), CONSENT));
      assertEquals(201, sent.status(), sent.body());
      String id = sent.json().getString("id");
      String admin = api.login(outside.slug(), outside.adminUsername(), outside.adminPassword());
      JsonObject received = find(api.get(REFERRALS + "/inbox", admin).body(), null, id);
      assertEquals("陈*宇", received.getJsonObject("shared").getString("NAME"), "masked until accepted");
      String strangerToken = api.login(stranger.slug(), stranger.adminUsername(), stranger.adminPassword());
      assertEquals(404, api.get(REFERRALS + "/" + id, strangerToken).status(), "a third tenant sees nothing");
      assertEquals("[]", api.get(REFERRALS + "/inbox", strangerToken).body().strip());
      assertEquals(0, Api.countAsApplication(stranger.id(), "select count(*) from referral where id = '" + id + "'"));
      assertEquals(0, Api.countAsApplication(orgB, "select count(*) from referral where id = '" + id + "'"));
      assertEquals(1, Api.countAsApplication(outside.id(), "select count(*) from referral where id = '" + id + "'"));
      assertTrue(api.get(REFERRALS + "/figures/list", officer).body().contains(id), "the sender's bureau counts it");
      assertTrue(api.post(REFERRALS + "/" + id + "/decline", admin, "{\"reason\":\"不在服务范围\"}").status() == 200);

      var off = api.request("PUT", settings).bearer(platform).json("{\"referralsPlatformWide\":false}").send();
      assertFalse(off.json().getBoolean("referralsPlatformWide"));
      assertFalse(api.get(REFERRALS + "/receivers", workerA).body().contains(outside.id()), "off again at once");
      assertEquals("REFERRAL_RECEIVER_NOT_ALLOWED", api.post(REFERRALS, workerA, send(child, outside.id(), CONSENT)).fieldCode("receiverId"));
    } finally {
      api.request("PUT", settings).bearer(platform).json("{\"referralsPlatformWide\":false}").send();
    }
  }

  /**
   * A bureau that funds one organization only still counts that organization's referrals to outside agencies: sent,
   * waiting or with an outcome, days waiting and overdue past the follow-up day, with no personal field; another
   * bureau and a third organization see none of it.
   */
  @Test
  void anOutsideAgencyReferralIsCountedByTheBureauFundingItsSenderEvenWhenItFundsNoOtherOrganization() throws Exception {
    String platform = api.platformToken();
    Api.Bureau bureau = api.onboardBureau(platform, "429006");
    Api.Org org = api.onboardOrganization(platform);
    api.activeProject(bureau.officerToken(), org.id(), "独立项目", "[{\"kind\":\"HOME_VISIT\",\"unit\":\"VISIT\",\"target\":10}]");
    String admin = api.login(org.slug(), org.adminUsername(), org.adminPassword());
    var user = api.post("api/v1/users", admin, "{\"username\":\"worker\",\"displayName\":\"社工\","
        + "\"roles\":[\"SOCIAL_WORKER\"],\"password\":\"Shegong-" + org.slug() + "\"}");
    assertEquals(201, user.status(), user.body());
    String worker = api.login(org.slug(), "worker", "Shegong-" + org.slug());
    String child = api.registerChild(worker, "何小溪");
    LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
    String body = "{\"beneficiaryId\":\"" + child + "\",\"agencyKind\":\"HOSPITAL\",\"agencyName\":\"天门市第一人民医院\","
        + "\"agencyContact\":\"儿科 刘医生\",\"followUpOn\":\"" + today + "\",\"reason\":\"需要精神科评估\","
        + "\"services\":\"心理评估\",\"consent\":" + CONSENT + ",\"sharedFields\":[\"NAME\",\"GENDER\",\"BIRTH_DATE\"]}";
    String waiting = api.post(REFERRALS + "/agency", worker, body).json().getString("id");
    String closed = api.post(REFERRALS + "/agency", worker, body).json().getString("id");
    assertEquals(200, api.post(REFERRALS + "/" + closed + "/close", worker, "{\"outcome\":\"已完成评估\"}").status());
    assertEquals(0, Api.countAsApplication(org.id(), "select count(*) from referral where bureau_id is null"),
        "the sender's own bureau even though it funds no other organization");

    var figures = api.get(REFERRALS + "/figures", bureau.officerToken());
    assertEquals(200, figures.status(), figures.body());
    JsonObject mine = organization(figures.json(), org.id());
    assertEquals(2, mine.getInt("sent"));
    assertEquals(2, mine.getInt("toAgencies"));
    assertEquals(1, mine.getInt("agencyOutcomeKnown"));
    assertEquals(1, mine.getInt("agencyWaiting"));
    assertEquals(0, mine.getInt("agencyOverdue"), "follow-up is today");
    assertFalse(mine.getBoolean("isOverdue"));

    // Days pass (set back as the sender's own write: the API takes only follow-up days ahead): it is overdue.
    committedAsApplication(org.id(), "update referral set follow_up_on = current_date - 3 where id = '" + waiting + "'");
    figures = api.get(REFERRALS + "/figures", bureau.officerToken());
    mine = organization(figures.json(), org.id());
    assertEquals(1, mine.getInt("agencyOverdue"), mine.toString());
    assertTrue(mine.getBoolean("isOverdue"));
    var list = api.get(REFERRALS + "/figures/list?organizationId=" + org.id(), bureau.officerToken());
    assertEquals(200, list.status(), list.body());
    JsonObject late = find(list.raw().body(), list, waiting);
    assertTrue(late.getBoolean("overdue") && late.getBoolean("waiting"), late.toString());
    JsonObject done = find(list.raw().body(), list, closed);
    assertFalse(done.getBoolean("overdue") || done.getBoolean("waiting"), done.toString());
    for (String personal : new String[] {"何小溪", "何*溪", "需要精神科评估", "刘医生", "天门市第一人民医院", "李秀英", "beneficiaryId"}) {
      assertFalse(figures.body().contains(personal) || list.body().contains(personal), personal);
    }

    assertFalse(api.get(REFERRALS + "/figures/list", officer).body().contains(waiting), "another bureau sees nothing");
    Api.Org third = api.onboardOrganization(platform);
    assertEquals(0, Api.countAsApplication(third.id(), "select count(*) from referral where id in ('" + waiting + "', '"
        + closed + "')"), "a third organization sees nothing");
    assertEquals(404, api.get(REFERRALS + "/" + waiting, api.login(third.slug(), third.adminUsername(), third.adminPassword())).status());
  }

  /** One statement as the application's role, bound to the tenant, committed. */
  private static void committedAsApplication(String tenantId, String sql) throws java.sql.SQLException {
    try (java.sql.Connection app = java.sql.DriverManager.getConnection(
        "jdbc:postgresql://127.0.0.1:" + System.getProperty("shouhu.it.db.port") + "/shouhu", "shouhu_app", "embedded")) {
      app.setAutoCommit(false);
      try (java.sql.Statement s = app.createStatement()) {
        s.execute("select set_config('app.tenant_id', '" + tenantId + "', true)");
        assertEquals(1, s.executeUpdate(sql));
      }
      app.commit();
    }
  }

  private static String withRecord(String body, String record) {
    return body.substring(0, body.length() - 1) + ",\"serviceRecordId\":\"" + record + "\"}";
  }

  private static JsonObject receiver(String body, String id) {
    for (JsonValue v : jakarta.json.Json.createReader(new java.io.StringReader(body)).readArray()) {
      if (v.asJsonObject().getString("organizationId").equals(id)) {
        return v.asJsonObject();
      }
    }
    throw new AssertionError("no receiver " + id + " in " + body);
  }

  private static JsonObject lastStep(JsonObject incident) {
    var steps = incident.getJsonArray("steps");
    return steps.getJsonObject(steps.size() - 1);
  }

  /** JSON-B leaves null properties out. */
  private static boolean present(JsonObject o, String key) {
    return o.containsKey(key) && !o.isNull(key);
  }

  private static String send(String child, String receiver, String consent) {
    return "{\"beneficiaryId\":\"" + child + "\",\"receiverId\":\"" + receiver + "\",\"reason\":\"" + REASON
        + "\",\"services\":\"个案心理辅导\",\"urgency\":\"URGENT\"" + (consent == null ? "" : ",\"consent\":" + consent)
        + ",\"sharedFields\":" + SHARED + "}";
  }

  private static JsonObject find(String body, Api.Reply reply, String id) {
    for (JsonValue v : jakarta.json.Json.createReader(new java.io.StringReader(body)).readArray()) {
      if (v.asJsonObject().getString("id").equals(id)) {
        return v.asJsonObject();
      }
    }
    throw new AssertionError("no referral " + id + " in " + body);
  }

  private static JsonObject organization(JsonObject figures, String id) {
    for (JsonValue v : figures.getJsonArray("organizations")) {
      if (v.asJsonObject().getString("organizationId").equals(id)) {
        return v.asJsonObject();
      }
    }
    throw new AssertionError("no organization " + id + " in " + figures);
  }

  private static String tenantOf(String token) throws Exception {
    return SignedJWT.parse(token).getJWTClaimsSet().getStringClaim("tenant_id");
  }
}
