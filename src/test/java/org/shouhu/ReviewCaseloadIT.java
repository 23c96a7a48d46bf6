package org.shouhu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.shouhu.Browsers.assertScreenClean;
import static org.shouhu.Browsers.screenshot;
import static org.shouhu.Browsers.waitFor;
import static org.shouhu.ScreensSweepIT.at;
import static org.shouhu.ScreensSweepIT.claim;
import static org.shouhu.ScreensSweepIT.deliverable;
import static org.shouhu.ScreensSweepIT.homeVisit;

import jakarta.json.JsonObject;
import java.net.URL;
import java.nio.ByteOrder;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.shouhu.services.control.PhotoLocationTest;

/**
 * The supervisor's review on a 360 px phone and the organization administrator's caseload transfer and teams, in
 * Debian's headless Chromium. The browser does the work; the API only arranges what other roles own (the bureau's
 * project, the workers' records, cases and groups) and checks what was stored.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ReviewCaseloadIT {

  private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
  private static final String PASSWORD = "Review-caseload-2026-Tianmen";

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.application();
  }

  @ArquillianResource URL base;
  Api api;
  String officer;
  String admin;
  String orgId;
  final Browsers browsers = new Browsers();

  /** A project of chunhui-sw with every kind of work, and two children enrolled. */
  record Setting(JsonObject project, String childA, String childB) {
    String id() {
      return project.getString("id");
    }
  }

  /** An account made for one test, with its token. */
  record Account(String id, String username, String token) {}

  @BeforeEach
  void parties() {
    api = new Api(base);
    officer = api.login("tianmen-mzj", "officer", Api.DEMO_PASSWORD);
    admin = api.login("chunhui-sw", "admin", Api.DEMO_PASSWORD);
    orgId = claim(admin, "tenant_id");
  }

  @AfterEach
  void closeBrowsers() throws Exception {
    browsers.close();
  }

  @Test
  void reviewCardsOnAPhoneShowWhatEachKindIsJudgedByAndApproveInBulk() throws Exception {
    Account worker = account("SOCIAL_WORKER", "吴社工");
    Account lead = account("SUPERVISOR", "郑督导");
    Setting s = setting(worker);
    LocalDate day = LocalDate.now(CHINA).minusDays(3);

    var school = api.post("api/v1/services/school-activities", worker.token(), "{\"projectId\":\"" + s.id()
        + "\",\"deliverableId\":\"" + deliverable(s.project(), "SCHOOL_ACTIVITY") + "\",\"startedAt\":\"" + at(day, 9, 0)
        + "\",\"endedAt\":\"" + at(day, 10, 0) + "\",\"placeCode\":\"429006104\",\"schoolActivity\":{\"schoolName\":\"多宝镇中心小学\","
        + "\"topic\":\"ANTI_DROWNING\",\"topicNote\":\"六年级两个班\",\"participantCount\":120}}");
    assertEquals(201, school.status(), school.body());
    String schoolId = school.json().getString("id");
    var photo = api.request("POST", "api/v1/services/" + schoolId + "/evidence?fileName=activity.jpg").bearer(worker.token())
        .body("image/jpeg", PhotoLocationTest.photoWithLocation(ByteOrder.LITTLE_ENDIAN)).send();
    assertEquals(201, photo.status(), photo.body());
    assertEquals(200, api.post("api/v1/services/" + schoolId + "/submit", worker.token(), "").status());

    String caseId = plannedCase(worker, s, day.minusDays(20));
    var counseling = api.post("api/v1/cases/" + caseId + "/sessions", worker.token(), "{\"startedAt\":\"" + at(day, 14, 0)
        + "\",\"endedAt\":\"" + at(day, 14, 50) + "\",\"placeCode\":\"429006104201\",\"method\":\"PHONE\","
        + "\"note\":\"保密：父母离异\",\"submit\":true}");
    assertEquals(201, counseling.status(), counseling.body());
    String counselingId = counseling.json().getJsonObject("record").getString("id");

    String groupId = group(worker, s, day.minusDays(10));
    var held = api.post("api/v1/groups/" + groupId + "/sessions", worker.token(), "{\"startedAt\":\"" + at(day, 16, 0)
        + "\",\"endedAt\":\"" + at(day, 17, 0) + "\",\"placeCode\":\"429006104201\",\"topic\":\"认识情绪\",\"attendance\":["
        + "{\"beneficiaryId\":\"" + s.childA() + "\",\"attendance\":\"PRESENT\"},"
        + "{\"beneficiaryId\":\"" + s.childB() + "\",\"attendance\":\"EXCUSED\"}],\"submit\":true}");
    assertEquals(201, held.status(), held.body());
    String groupSessionId = held.json().getJsonObject("record").getString("id");

    // The queue's API carries what the cards need, in one answer.
    var queue = api.get("api/v1/services/review?status=SUBMITTED&project=" + s.id(), lead.token());
    assertEquals(200, queue.status(), queue.body());
    assertFalse(queue.body().contains("父母离异"), "never the note");
    for (JsonObject r : queue.json().getJsonArray("items").getValuesAs(JsonObject.class)) {
      JsonObject review = r.getJsonObject("review");
      switch (r.getString("kind")) {
        case "SCHOOL_ACTIVITY" -> assertEquals(1, review.getJsonArray("evidence").size(), r.toString());
        case "COUNSELING_SESSION" -> assertTrue(review.getBoolean("hasNote"), r.toString());
        case "GROUP_SESSION" -> assertEquals(2, review.getJsonArray("attendance").size(), r.toString());
        default -> throw new AssertionError(r.toString());
      }
    }
    assertEquals(400, api.get("api/v1/services/review?team=theirs", lead.token()).status() / 100 * 100);

    ChromeDriver phone = ScreensSweepIT.phone(browsers);
    Browsers.login(phone, base, "chunhui-sw", lead.username(), PASSWORD);
    phone.get(base + "#/review?project=" + s.id());
    WebElement card = waitFor(phone).until(ExpectedConditions.presenceOfElementLocated(
        By.cssSelector("#review-cards li[data-record='" + schoolId + "']")));
    assertTrue(phone.findElements(By.id("review-table")).isEmpty(), "cards, not a table, on a phone");
    assertTrue(card.getText().contains("多宝镇中心小学") && card.getText().contains("防溺水") && card.getText().contains("120"),
        card.getText());
    WebElement thumb = card.findElement(By.cssSelector("button.thumb img"));
    waitFor(phone).until(d -> ((Number) phone.executeScript("return arguments[0].naturalWidth;", thumb)).intValue() > 0);
    WebElement group = phone.findElement(By.cssSelector("li[data-record='" + groupSessionId + "']"));
    assertEquals("1", group.findElement(By.cssSelector("[data-count=PRESENT]")).getText());
    assertEquals("1", group.findElement(By.cssSelector("[data-count=EXCUSED]")).getText());
    assertEquals("0", group.findElement(By.cssSelector("[data-count=ABSENT]")).getText());
    assertTrue(group.getText().contains("阳光成长小组"), group.getText());
    WebElement session = phone.findElement(By.cssSelector("li[data-record='" + counselingId + "']"));
    assertTrue(session.getText().contains("有保密记录") && session.getText().contains("电话"), session.getText());
    assertFalse(phone.findElement(By.tagName("main")).getText().contains("父母离异"), "never the note");
    assertScreenClean(phone, "review cards zh-CN");
    phone.executeScript("document.getElementById('review-cards').scrollIntoView();");
    screenshot(phone, "supervisor-review-cards");

    card.findElement(By.cssSelector("button.thumb")).click();
    WebElement full = waitFor(phone).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#photo-dialog img")));
    assertTrue(((Number) phone.executeScript("return arguments[0].naturalWidth;", full)).intValue() > 0, "the photo full size");
    phone.findElement(By.id("photo-close")).click();
    waitFor(phone).until(d -> d.findElements(By.id("photo-dialog")).isEmpty());

    phone.findElement(By.id("lang")).click();
    waitFor(phone).until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Review"));
    waitFor(phone).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#review-cards li[data-record='" + schoolId + "']")));
    assertTrue(phone.findElement(By.cssSelector("li[data-record='" + counselingId + "']")).getText().contains("A confidential note exists"));
    assertScreenClean(phone, "review cards en");
    phone.findElement(By.id("lang")).click();
    waitFor(phone).until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "审核"));

    // Bulk approval on the cards: the two records picked through their labels.
    waitFor(phone).until(ExpectedConditions.elementToBeClickable(By.cssSelector("label[for='pick-" + schoolId + "']"))).click();
    phone.findElement(By.cssSelector("label[for='pick-" + groupSessionId + "']")).click();
    phone.findElement(By.id("approve")).click();
    waitFor(phone).until(ExpectedConditions.textToBePresentInElementLocated(By.id("review-result"), "已通过 2 条"));
    assertEquals("APPROVED", api.get("api/v1/services/" + schoolId, lead.token()).json().getString("status"));
    assertEquals("APPROVED", api.get("api/v1/services/" + groupSessionId, lead.token()).json().getString("status"));
    assertEquals("SUBMITTED", api.get("api/v1/services/" + counselingId, lead.token()).json().getString("status"));
    assertScreenClean(phone, "review after approval");
  }

  @Test
  void theOrgAdminTransfersALeavingWorkersCaseloadAndPutsAWorkerInASupervisorsTeam() throws Exception {
    Account leaving = account("SOCIAL_WORKER", "冯社工");
    Account taking = account("SOCIAL_WORKER", "陈社工");
    Account lead = account("SUPERVISOR", "褚督导");
    Setting s = setting(leaving);
    LocalDate today = LocalDate.now(CHINA);
    String caseId = plannedCase(leaving, s, today.minusDays(20));
    String groupId = group(leaving, s, today.minusDays(10));
    String visitOfLeaving = homeVisit(api, leaving.token(), s.id(), deliverable(s.project(), "HOME_VISIT"), s.childB(), today.minusDays(4));
    String visitOfTaking = homeVisit(api, taking.token(), s.id(), deliverable(s.project(), "HOME_VISIT"), s.childA(), today.minusDays(5));

    // The API's refusals, before the browser does the transfer.
    String transfer = "api/v1/users/" + leaving.id() + "/caseload/transfer";
    assertEquals(403, api.get("api/v1/users/" + leaving.id() + "/caseload", lead.token()).status());
    assertEquals(404, api.get("api/v1/users/" + UUID.randomUUID() + "/caseload", admin).status());
    String otherTenantsUser = com.nimbusds.jwt.SignedJWT.parse(officer).getJWTClaimsSet().getSubject();
    assertEquals(404, api.get("api/v1/users/" + otherTenantsUser + "/caseload", admin).status(), "another tenant's user");
    assertEquals(404, api.post("api/v1/users/" + otherTenantsUser + "/caseload/transfer", admin,
        "{\"toUserId\":\"" + taking.id() + "\",\"reason\":\"x\"}").status());
    assertEquals("CASELOAD_TARGET_UNKNOWN", api.post(transfer, admin,
        "{\"toUserId\":\"" + otherTenantsUser + "\",\"reason\":\"x\"}").fieldCode("toUserId"), "nor to another tenant's");
    assertEquals("CASELOAD_SAME_WORKER", api.post(transfer, admin, "{\"toUserId\":\"" + leaving.id() + "\",\"reason\":\"x\"}").fieldCode("toUserId"));
    assertEquals("CASELOAD_TARGET_NOT_WORKER", api.post(transfer, admin, "{\"toUserId\":\"" + lead.id() + "\",\"reason\":\"x\"}").fieldCode("toUserId"));
    assertEquals("REQUIRED", api.post(transfer, admin, "{\"toUserId\":\"" + taking.id() + "\"}").fieldCode("reason"));
    var preview = api.get("api/v1/users/" + leaving.id() + "/caseload", admin).json();
    assertEquals(1, preview.getJsonArray("cases").size(), preview.toString());
    assertEquals(1, preview.getJsonArray("groups").size(), preview.toString());
    assertEquals(s.childB(), preview.getJsonArray("visits").getJsonObject(0).getString("beneficiaryId"), preview.toString());
    assertEquals(1, preview.getJsonArray("visits").size(), "child A was last visited by the colleague: " + preview);

    ChromeDriver phone = ScreensSweepIT.phone(browsers);
    Browsers.login(phone, base, "chunhui-sw", "admin", Api.DEMO_PASSWORD);
    phone.findElement(By.id("nav-users")).click();
    waitFor(phone).until(ExpectedConditions.elementToBeClickable(By.id("open-" + leaving.username()))).click();
    waitFor(phone).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#caseload-cases li[data-case='" + caseId + "']")));
    assertTrue(phone.findElement(By.cssSelector("#caseload-groups li[data-group='" + groupId + "']")).getText().contains("阳光成长小组"));
    assertEquals(1, phone.findElements(By.cssSelector("#caseload-visits li[data-person='" + s.childB() + "']")).size());
    assertScreenClean(phone, "caseload zh-CN");
    new Select(phone.findElement(By.id("transfer-to"))).selectByValue(taking.id());
    phone.findElement(By.id("transfer-reason")).sendKeys("离职交接");
    phone.findElement(By.id("transfer-next")).click();
    WebElement confirm = waitFor(phone).until(ExpectedConditions.elementToBeClickable(By.id("transfer-confirm-button")));
    assertTrue(phone.findElement(By.id("transfer-confirm")).getText().contains("陈社工"), "names who takes over");
    assertScreenClean(phone, "transfer confirmation");
    screenshot(phone, "admin-caseload-transfer");
    confirm.click();
    WebElement done = waitFor(phone).until(ExpectedConditions.visibilityOfElementLocated(By.id("transfer-done")));
    assertTrue(done.getText().contains("1 个个案、1 个小组和 1 名探访对象"), done.getText());
    assertTrue(phone.findElements(By.id("transfer-form")).isEmpty(), "nothing is left to move");
    assertScreenClean(phone, "after the transfer");

    assertEquals(taking.id(), api.get("api/v1/cases/" + caseId, admin).json().getString("workerId"));
    assertEquals(taking.id(), api.get("api/v1/groups/" + groupId, admin).json().getString("facilitatorId"));
    var moved = api.get("api/v1/users/" + taking.id() + "/caseload", admin).json();
    assertTrue(moved.getJsonArray("visits").getValuesAs(JsonObject.class).stream()
        .anyMatch(v -> v.getString("beneficiaryId").equals(s.childB()) && v.getBoolean("assigned")), moved.toString());
    assertEquals(visitOfLeaving, api.get("api/v1/services/" + visitOfLeaving, admin).json().getString("id"), "history stays");
    assertEquals(leaving.id(), api.get("api/v1/services/" + visitOfLeaving, admin).json().getString("workerId"), "as logged");
    assertEquals("CASELOAD_EMPTY", api.post(transfer, admin, "{\"toUserId\":\"" + taking.id() + "\",\"reason\":\"again\"}").code());
    assertEquals(1, Api.countAsApplication(orgId, "select count(*) from audit_event where action = 'CASELOAD_TRANSFERRED'"
        + " and subject_id = ?::uuid and detail like ?", leaving.id(), "%cases=1%groups=1%visits=1%离职交接%"));
    // The new worker now holds the case: a session is theirs to log.
    var session = api.post("api/v1/cases/" + caseId + "/sessions", taking.token(), "{\"startedAt\":\"" + at(today.minusDays(1), 10, 0)
        + "\",\"endedAt\":\"" + at(today.minusDays(1), 10, 50) + "\",\"placeCode\":\"429006104201\",\"method\":\"FACE_TO_FACE\"}");
    assertEquals(201, session.status(), session.body());

    // Teams: the colleague who took over joins the new supervisor's team on their page.
    phone.get(base + "#/users/" + taking.id());
    waitFor(phone).until(ExpectedConditions.presenceOfElementLocated(By.id("supervisor")));
    new Select(phone.findElement(By.id("supervisor"))).selectByValue(lead.id());
    phone.findElement(By.id("team-save")).click();
    waitFor(phone).until(ExpectedConditions.textToBePresentInElementLocated(By.id("transfer-done"), "褚督导"));
    assertEquals(lead.id(), api.get("api/v1/users/" + taking.id(), admin).json().getString("supervisorId"));
    assertEquals("TEAM_NOT_SUPERVISOR", api.request("PUT", "api/v1/users/" + leaving.id() + "/supervisor").bearer(admin)
        .json("{\"supervisorId\":\"" + taking.id() + "\"}").send().fieldCode("supervisorId"));
    assertEquals(1, Api.countAsApplication(orgId, "select count(*) from audit_event where action = 'USER_TEAM_ASSIGNED'"
        + " and subject_id = ?::uuid", taking.id()));
    phone.get(base + "#/users/" + lead.id());
    waitFor(phone).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#team-members a[href='#/users/" + taking.id() + "']")));
    assertScreenClean(phone, "a supervisor's team");

    // The supervisor's queue shows the team's records first; "all workers" widens to everyone's.
    ChromeDriver desk = ScreensSweepIT.phone(browsers);
    Browsers.login(desk, base, "chunhui-sw", lead.username(), PASSWORD);
    desk.get(base + "#/review?project=" + s.id());
    waitFor(desk).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("li[data-record='" + visitOfTaking + "']")));
    assertTrue(desk.findElements(By.cssSelector("li[data-record='" + visitOfLeaving + "']")).isEmpty(), "not in the team");
    assertEquals("page", desk.findElement(By.id("team-mine")).getAttribute("aria-current"));
    assertScreenClean(desk, "team review");
    desk.findElement(By.id("team-all")).click();
    waitFor(desk).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("li[data-record='" + visitOfLeaving + "']")));
    var team = api.get("api/v1/services/review?team=mine&project=" + s.id(), lead.token()).json();
    assertEquals(List.of(visitOfTaking), team.getJsonArray("items").getValuesAs(JsonObject.class).stream()
        .map(r -> r.getString("id")).toList());
  }

  // --- arranging what other roles own ----------------------------------------------------------------------------

  private Account account(String role, String name) {
    String username = "rc" + ThreadLocalRandom.current().nextInt(100_000, 999_999);
    var user = api.post("api/v1/users", admin, "{\"username\":\"" + username + "\",\"displayName\":\"" + name + "\","
        + "\"roles\":[\"" + role + "\"],\"password\":\"" + PASSWORD + "\"}");
    assertEquals(201, user.status(), user.body());
    return new Account(user.json().getJsonObject("user").getString("id"), username, api.login("chunhui-sw", username, PASSWORD));
  }

  private Setting setting(Account worker) {
    LocalDate today = LocalDate.now(CHINA);
    var created = api.post("api/v1/projects", officer, "{\"contractNumber\":\"RVW-" + ThreadLocalRandom.current().nextInt(1_000_000)
        + "\",\"title\":\"多宝镇关爱 REVIEW-" + ThreadLocalRandom.current().nextInt(1_000_000) + "\",\"organizationId\":\"" + orgId
        + "\",\"budget\":90000,\"periodStart\":\"" + today.minusMonths(6) + "\",\"periodEnd\":\"" + today.plusMonths(6) + "\","
        + "\"coveredTowns\":[\"429006104\"],\"targetGroups\":[\"LEFT_BEHIND_CHILD\"],"
        + "\"deliverables\":[{\"kind\":\"HOME_VISIT\",\"unit\":\"VISIT\",\"target\":40,\"targetGroup\":\"LEFT_BEHIND_CHILD\","
        + "\"minimumPerBeneficiary\":1,\"cadence\":\"MONTH\"},"
        + "{\"kind\":\"SCHOOL_ACTIVITY\",\"unit\":\"EVENT\",\"target\":12},"
        + "{\"kind\":\"COUNSELING_SESSION\",\"unit\":\"SESSION\",\"target\":60},"
        + "{\"kind\":\"GROUP_SESSION\",\"unit\":\"SESSION\",\"target\":24}],\"lockDays\":90}");
    assertEquals(201, created.status(), created.body());
    String project = created.json().getString("id");
    assertEquals(200, api.post("api/v1/projects/" + project + "/activate", officer, "").status());
    String a = api.registerChild(worker.token(), "李小明");
    String b = api.registerChild(worker.token(), "张小芳");
    for (String child : List.of(a, b)) {
      var enrolled = api.post("api/v1/projects/" + project + "/enrolments", worker.token(), "{\"beneficiaryId\":\"" + child + "\"}");
      assertEquals(201, enrolled.status(), enrolled.body());
    }
    return new Setting(created.json(), a, b);
  }

  private String plannedCase(Account worker, Setting s, LocalDate intake) {
    var opened = api.post("api/v1/cases", worker.token(), "{\"projectId\":\"" + s.id() + "\",\"beneficiaryId\":\"" + s.childA()
        + "\",\"intakeOn\":\"" + intake + "\",\"presentingIssue\":\"厌学，情绪低落\",\"referralSource\":\"SCHOOL\","
        + "\"consent\":{\"givenOn\":\"" + intake + "\",\"givenBy\":\"李秀英\",\"relationship\":\"GRANDPARENT\",\"method\":\"WRITTEN\"}}");
    assertEquals(201, opened.status(), opened.body());
    String id = opened.json().getString("id");
    assertEquals(200, api.post("api/v1/cases/" + id + "/assess", worker.token(), "{\"assessment\":\"情绪低落\"}").status());
    assertEquals(200, api.post("api/v1/cases/" + id + "/plan", worker.token(), "{\"goals\":[\"恢复正常上学\"]}").status());
    return id;
  }

  private String group(Account worker, Setting s, LocalDate joined) {
    var opened = api.post("api/v1/groups", worker.token(), "{\"projectId\":\"" + s.id() + "\",\"name\":\"阳光成长小组\","
        + "\"purpose\":\"情绪管理\",\"plannedSessions\":6}");
    assertEquals(201, opened.status(), opened.body());
    String id = opened.json().getString("id");
    for (String child : List.of(s.childA(), s.childB())) {
      assertEquals(200, api.post("api/v1/groups/" + id + "/members", worker.token(),
          "{\"beneficiaryId\":\"" + child + "\",\"joinedOn\":\"" + joined + "\"}").status());
    }
    return id;
  }
}
