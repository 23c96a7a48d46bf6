package org.shouhu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.shouhu.Browsers.assertScreenClean;
import static org.shouhu.Browsers.offline;
import static org.shouhu.Browsers.pending;
import static org.shouhu.Browsers.screenshot;
import static org.shouhu.Browsers.waitFor;

import jakarta.json.JsonObject;
import java.net.URL;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
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

/**
 * A social worker's casework on a 360 px phone in Debian's headless Chromium, in Chinese and English: a routine home
 * visit in a few taps (and a second one the same day, accepted with the times the form proposes), "same as last
 * visit", Today's search and "due" filter, a child's record, a mandatory report raised from a visit that the
 * funding bureau's officer then sees in the browser, and a visit logged offline counted as logged after a reload.
 * The API is called only to arrange what other roles own (the bureau's project, the worker's account, the register)
 * and to check what was stored.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class WorkerCaseworkIT {

  private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
  private static final String PASSWORD = "Casework-2026-Tianmen";
  private static final List<String> AREAS = List.of("LIVING_CONDITIONS", "SAFETY", "SCHOOLING", "HEALTH", "GUARDIANSHIP");

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.application();
  }

  @ArquillianResource URL base;
  Api api;
  String officer;
  String orgId;
  final Browsers browsers = new Browsers();
  final List<AutoCloseable> closing = new ArrayList<>();

  /** A bureau project with a monthly home-visit minimum, its own worker and two enrolled children. */
  record Setting(String project, String title, String username, String worker, String childA, String childB) {}

  @BeforeEach
  void parties() throws Exception {
    api = new Api(base);
    officer = api.login("tianmen-mzj", "officer", Api.DEMO_PASSWORD);
    String supervisor = api.login("chunhui-sw", "supervisor", Api.DEMO_PASSWORD);
    orgId = com.nimbusds.jwt.SignedJWT.parse(supervisor).getJWTClaimsSet().getStringClaim("tenant_id");
  }

  @AfterEach
  void close() throws Exception {
    browsers.close();
    for (AutoCloseable c : closing) {
      c.close();
    }
  }

  @Test
  void aWorkerLogsTwoVisitsTheSameDayInFewTapsAndFindsPeopleBySearchAndDue() throws Exception {
    Setting s = setting();
    ChromeDriver phone = browsers.open(360, 780);
    Browsers.login(phone, base, "chunhui-sw", s.username(), PASSWORD);
    waitFor(phone).until(ExpectedConditions.elementToBeClickable(By.cssSelector("a[data-child='" + s.childA() + "']")));
    assertScreenClean(phone, "Today (zh-CN)");

    // Search by name, then by village: the list narrows on the device.
    phone.findElement(By.id("today-search")).sendKeys("张");
    assertEquals(List.of(s.childB()), shownPeople(phone, s));
    phone.findElement(By.id("today-search")).clear();
    phone.findElement(By.id("today-search")).sendKeys("xyz-nobody");
    assertTrue(phone.findElement(By.id("today-no-match")).isDisplayed());
    clearSearch(phone);
    assertEquals(2, shownPeople(phone, s).size());

    // First visit to A: 1 tap to open, 5 ratings, risk, submit = 8 taps, nothing typed, no rating preset.
    phone.findElement(By.cssSelector("a[data-child='" + s.childA() + "']")).click();
    waitFor(phone).until(ExpectedConditions.visibilityOfElementLocated(By.id("visit-form")));
    waitFor(phone).until(ExpectedConditions.visibilityOfElementLocated(By.id("no-last-visit")));
    assertFalse(phone.findElement(By.id("same-as-last")).isDisplayed(), "nothing to copy yet");
    assertTrue(phone.findElements(By.cssSelector("#visit-form input[name^='rating-']:checked")).isEmpty(), "no rating chosen for the worker");
    assertFalse(phone.findElement(By.name("from")).getAttribute("value").isEmpty(), "times proposed");
    assertScreenClean(phone, "home visit form (zh-CN)");
    screenshot(phone, "worker-visit-ratings");
    for (String area : AREAS) {
      phone.findElement(By.cssSelector("label[for='rating-" + area + "-4']")).click();
    }
    phone.findElement(By.cssSelector("label[for='homeVisit.riskAfter-LOW']")).click();
    phone.findElement(By.id("visit-submit")).click();
    waitFor(phone).until(d -> d.getCurrentUrl().contains("#/today"));
    waitFor(phone).until(d -> d.findElements(By.cssSelector("#today-records li")).size() == 1);

    // Due filter: A is visited this month, B is not.
    waitFor(phone).until(ExpectedConditions.elementToBeClickable(By.cssSelector("label[for='today-due']"))).click();
    assertEquals(List.of(s.childB()), shownPeople(phone, s));
    assertTrue(phone.getCurrentUrl().contains("due=1"), "the filter stays in the address");
    phone.findElement(By.cssSelector("label[for='today-due']")).click();

    // Second visit to A the same day: "same as last visit" fills what the first one said; the proposed times do not
    // collide with the first visit, so the API accepts it as it is: 3 taps.
    phone.findElement(By.cssSelector("a[data-child='" + s.childA() + "']")).click();
    waitFor(phone).until(ExpectedConditions.visibilityOfElementLocated(By.id("same-as-last"))).click();
    assertTrue(phone.findElement(By.id("same-note")).isDisplayed(), "says where the ratings came from");
    for (String area : AREAS) {
      assertTrue(phone.findElement(By.id("rating-" + area + "-4")).isSelected(), area + " copied, visibly");
    }
    assertTrue(phone.findElement(By.id("homeVisit.riskAfter-LOW")).isSelected());
    assertTrue(phone.findElement(By.id("when-note")).isDisplayed(), "the times are explained");
    assertScreenClean(phone, "second home visit (zh-CN)");
    phone.findElement(By.id("visit-submit")).click();
    waitFor(phone).until(d -> d.getCurrentUrl().contains("#/today"));
    waitFor(phone).until(d -> d.findElements(By.cssSelector("#today-records li")).size() == 2);

    List<JsonObject> visits = mine(s);
    assertEquals(2, visits.size(), "both accepted: " + visits);
    for (JsonObject v : visits) {
      assertEquals("SUBMITTED", v.getString("status"));
      assertEquals(4, v.getJsonObject("homeVisit").getJsonObject("findings").getJsonObject("SAFETY").getInt("rating"));
    }
    OffsetDateTime start0 = OffsetDateTime.parse(visits.get(0).getString("startedAt"));
    OffsetDateTime end1 = OffsetDateTime.parse(visits.get(1).getString("endedAt"));
    OffsetDateTime start1 = OffsetDateTime.parse(visits.get(1).getString("startedAt"));
    OffsetDateTime end0 = OffsetDateTime.parse(visits.get(0).getString("endedAt"));
    assertTrue(!start0.isBefore(end1) || !start1.isBefore(end0), "no overlap: " + visits);

    // The same screens in English.
    phone.findElement(By.id("lang")).click();
    waitFor(phone).until(ExpectedConditions.textToBe(By.tagName("h1"), "Today"));
    waitFor(phone).until(ExpectedConditions.presenceOfElementLocated(By.id("today-search")));
    assertScreenClean(phone, "Today (en)");
    phone.findElement(By.id("today-search")).sendKeys("left-behind");
    assertEquals(2, shownPeople(phone, s).size(), "a category is found by its English name");
    phone.findElement(By.cssSelector("a[data-child='" + s.childB() + "']")).click();
    waitFor(phone).until(ExpectedConditions.visibilityOfElementLocated(By.id("no-last-visit")));
    assertScreenClean(phone, "home visit form (en)");
    phone.get(base + "#/records?status=SUBMITTED");
    waitFor(phone).until(d -> d.findElements(By.cssSelector("#records li")).size() == 2);
    assertFalse(phone.findElement(By.tagName("main")).getText().contains("null"));
    assertScreenClean(phone, "my records (en)");
    phone.findElement(By.id("lang")).click();
    waitFor(phone).until(ExpectedConditions.textToBe(By.tagName("h1"), "我的记录"));
    assertFalse(phone.findElement(By.tagName("main")).getText().contains("null"), "no null above the tabs or below the list");
    assertScreenClean(phone, "my records (zh-CN)");
  }

  @Test
  void aWorkerRaisesAMandatoryReportFromAVisitAndTheBureauOfficerSeesIt() throws Exception {
    Setting s = setting();
    ChromeDriver phone = browsers.open(360, 780);
    Browsers.login(phone, base, "chunhui-sw", s.username(), PASSWORD);
    waitFor(phone).until(ExpectedConditions.elementToBeClickable(By.cssSelector("a[data-child='" + s.childA() + "']"))).click();
    waitFor(phone).until(ExpectedConditions.visibilityOfElementLocated(By.id("visit-form")));
    for (String area : AREAS) {
      phone.findElement(By.cssSelector("label[for='rating-" + area + "-" + ("SAFETY".equals(area) ? "1" : "3") + "']")).click();
    }
    phone.findElement(By.cssSelector("label[for='homeVisit.riskAfter-HIGH']")).click();
    phone.findElement(By.id("visit-submit")).click();
    waitFor(phone).until(d -> d.getCurrentUrl().contains("#/today"));
    String visit = mine(s).get(0).getString("id");

    // The visit record offers the report; the form knows the child and the visit.
    waitFor(phone).until(ExpectedConditions.elementToBeClickable(By.cssSelector("#today-records li[data-record='" + visit + "'] a"))).click();
    waitFor(phone).until(ExpectedConditions.elementToBeClickable(By.id("raise-incident"))).click();
    waitFor(phone).until(ExpectedConditions.visibilityOfElementLocated(By.id("incident-form")));
    assertTrue(phone.findElement(By.id("incident-source")).isDisplayed(), "raised from the visit");
    assertScreenClean(phone, "raise a mandatory report (zh-CN)");
    quietToast(phone);
    screenshot(phone, "worker-raise-report");
    phone.findElement(By.cssSelector("label[for='concern-SUSPECTED_ABUSE']")).click();
    phone.findElement(By.name("found")).sendKeys("孩子手臂有多处淤青，称是继父所打");
    phone.findElement(By.name("immediateAction")).sendKeys("将孩子带到村委会，由祖母陪同");
    phone.findElement(By.cssSelector("label[for='reportedTo-POLICE']")).click();
    phone.findElement(By.cssSelector("label[for='reportedTo-CIVIL_AFFAIRS_BUREAU']")).click();
    phone.findElement(By.id("incident-submit")).click();

    // The report and its handling: the immediate action is the first step; the worker appends another.
    waitFor(phone).until(d -> d.getCurrentUrl().matches(".*#/incidents/[0-9a-f-]{36}$"));
    String incident = phone.getCurrentUrl().replaceAll(".*#/incidents/", "");
    waitFor(phone).until(d -> d.findElements(By.cssSelector("#incident-steps li[data-step]")).size() == 1);
    assertTrue(phone.findElement(By.id("incident-steps")).getText().contains("将孩子带到村委会"));
    assertTrue(phone.findElement(By.id("incident-found")).getText().contains("淤青"));
    assertScreenClean(phone, "a report and its handling (zh-CN)");
    phone.findElement(By.name("action")).sendKeys("派出所民警上门核实");
    phone.findElement(By.id("incident-step-submit")).click();
    waitFor(phone).until(d -> d.findElements(By.cssSelector("#incident-steps li[data-step]")).size() == 2);
    JsonObject stored = api.get("api/v1/incidents/" + incident, s.worker()).json();
    assertEquals(visit, stored.getString("serviceRecordId"));
    assertEquals(s.childA(), stored.getString("beneficiaryId"));
    assertEquals("SUSPECTED_ABUSE", stored.getString("concern"));
    assertEquals(2, stored.getJsonArray("steps").size());

    // The child's record: the report is among the open work, the visit in the history; the actions are there.
    phone.findElement(By.id("incident-person")).click();
    waitFor(phone).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#person-open li[data-incident='" + incident + "']")));
    assertTrue(phone.findElements(By.cssSelector("#person-services li[data-record='" + visit + "']")).size() == 1);
    assertTrue(phone.findElement(By.id("person-visit")).isDisplayed() && phone.findElement(By.id("person-incident")).isDisplayed());
    assertTrue(phone.findElements(By.id("person-edit")).isEmpty(), "a worker does not edit the register");
    assertScreenClean(phone, "child's record (zh-CN)");
    quietToast(phone);
    screenshot(phone, "worker-child-record");
    phone.findElement(By.id("lang")).click();
    waitFor(phone).until(ExpectedConditions.textToBe(By.id("services-title"), "My services to this person"));
    assertScreenClean(phone, "child's record (en)");
    phone.get(base + "#/incidents");
    waitFor(phone).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#incidents-list li[data-incident='" + incident + "']")));
    assertScreenClean(phone, "the organization's reports (en)");
    phone.findElement(By.cssSelector("li[data-incident='" + incident + "'] a")).click();
    waitFor(phone).until(ExpectedConditions.presenceOfElementLocated(By.id("incident-steps")));
    assertScreenClean(phone, "a report and its handling (en)");
    phone.get(base + "#/incident/new?child=" + s.childA() + "&record=" + visit);
    waitFor(phone).until(ExpectedConditions.visibilityOfElementLocated(By.id("incident-form")));
    assertScreenClean(phone, "raise a mandatory report (en)");
    phone.findElement(By.id("lang")).click();
    waitFor(phone).until(ExpectedConditions.textToBe(By.tagName("h1"), "强制报告"));

    // The bureau's officer logs in on the same phone and finds the report among the bureau's.
    phone.findElement(By.id("logout")).click();
    Browsers.typeLogin(phone, "tianmen-mzj", "officer", Api.DEMO_PASSWORD);
    waitFor(phone).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#nav a")));
    phone.get(base + "#/incidents");
    WebElement table = waitFor(phone).until(ExpectedConditions.presenceOfElementLocated(By.id("incidents-table")));
    waitFor(phone).until(d -> table.getText().contains(s.title()));
    assertFalse(table.getText().contains("淤青"), "the bureau does not read what was found");

    // The organization's supervisor opens the child's record (the organization's services, by worker; an edit link)
    // and closes the report with its outcome.
    phone.findElement(By.id("logout")).click();
    Browsers.typeLogin(phone, "chunhui-sw", "supervisor", Api.DEMO_PASSWORD);
    waitFor(phone).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#nav a")));
    phone.get(base + "#/person/" + s.childA());
    WebElement history = waitFor(phone).until(ExpectedConditions.presenceOfElementLocated(
        By.cssSelector("#person-services li[data-record='" + visit + "']")));
    assertTrue(history.getText().contains("周社工"), "the supervisor sees who logged it: " + history.getText());
    assertTrue(phone.findElement(By.id("person-edit")).getAttribute("href").endsWith("#/registry/" + s.childA()));
    assertTrue(phone.findElements(By.id("person-visit")).isEmpty(), "a supervisor does not log visits");
    assertScreenClean(phone, "child's record, supervisor (zh-CN)");
    phone.get(base + "#/incidents/" + incident);
    waitFor(phone).until(ExpectedConditions.visibilityOfElementLocated(By.id("incident-close")));
    assertScreenClean(phone, "a report, supervisor (zh-CN)");
    phone.findElement(By.name("outcome")).sendKeys("已由派出所立案，孩子暂由祖母照料");
    phone.findElement(By.id("incident-close-submit")).click();
    waitFor(phone).until(ExpectedConditions.textToBe(By.id("incident-status"), "已结案"));
    assertTrue(phone.findElement(By.id("incident-steps")).getText().contains("已由派出所立案"));
    assertEquals("CLOSED", api.get("api/v1/incidents/" + incident, s.worker()).json().getString("status"));
  }

  @Test
  void aVisitWaitingInTheOutboxCountsAsLoggedAfterAnOfflineReload() throws Exception {
    Setting s = setting();
    WorkerFormsIT.Cable cable = new WorkerFormsIT.Cable(java.net.InetAddress.getByName(base.getHost()), base.getPort());
    closing.add(cable);
    URL local = new URL(base.getProtocol(), "127.0.0.1", cable.port(), base.getFile());
    ChromeDriver phone = browsers.open(360, 780);
    Browsers.login(phone, local, "chunhui-sw", s.username(), PASSWORD);
    waitFor(phone).until(ExpectedConditions.elementToBeClickable(By.cssSelector("a[data-child='" + s.childA() + "']")));
    waitFor(phone).until(d -> Boolean.TRUE.equals(
        phone.executeScript("return !!navigator.serviceWorker && !!navigator.serviceWorker.controller;")));

    offline(phone, true);
    cable.pull();
    phone.navigate().refresh();
    waitFor(phone).until(ExpectedConditions.elementToBeClickable(By.cssSelector("a[data-child='" + s.childA() + "']"))).click();
    waitFor(phone).until(ExpectedConditions.visibilityOfElementLocated(By.id("visit-form")));
    for (String area : AREAS) {
      phone.findElement(By.cssSelector("label[for='rating-" + area + "-5']")).click();
    }
    phone.findElement(By.cssSelector("label[for='homeVisit.riskAfter-LOW']")).click();
    phone.findElement(By.id("visit-submit")).click();
    waitFor(phone).until(d -> "1".equals(pending(phone)));

    // Reopened with no network: the visit waits, and Today counts it as logged.
    phone.navigate().refresh();
    waitFor(phone).until(ExpectedConditions.visibilityOfElementLocated(By.id("outbox")));
    WebElement logged = waitFor(phone).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#today-records li[data-status='WAITING']")));
    assertTrue(logged.getText().contains("等待发送"), logged.getText());
    String main = phone.findElement(By.tagName("main")).getText();
    assertFalse(main.contains("今天还没有记录"), main);
    WebElement child = phone.findElement(By.cssSelector("li[data-person='" + s.childA() + "']"));
    assertEquals("false", child.getAttribute("data-due"), "the waiting visit counts");
    assertFalse(child.getText().contains("尚未探视"), child.getText());
    Browsers.consoleErrors(phone);
    List<String> faults = Browsers.screenFaults(phone).stream().filter(f -> !f.startsWith("console error")).toList();
    assertTrue(faults.isEmpty(), "offline Today: " + faults);
    assertTrue(mine(s).isEmpty(), "nothing reached the server yet");

    cable.plugIn();
    offline(phone, false);
    phone.executeScript("window.dispatchEvent(new Event('online'));");
    waitFor(phone).until(d -> "0".equals(pending(phone)));
    assertEquals(1, mine(s).size(), "sent once");
  }

  // --- helpers --------------------------------------------------------------------------------------------------

  /** The last toast would cover the screenshot for docs/screenshots; the screen itself is what is pictured. */
  private static void quietToast(ChromeDriver phone) {
    phone.executeScript("const t = document.getElementById('toast'); t.style.transition = 'none'; t.classList.remove('on');");
  }

  /** The people of this test's project that Today shows (the worker's other projects belong to other tests). */
  private static List<String> shownPeople(ChromeDriver phone, Setting s) {
    return phone.findElements(By.cssSelector(".project-people[data-project='" + s.project() + "'] li[data-person]")).stream().filter(WebElement::isDisplayed)
        .map(li -> li.getAttribute("data-person")).toList();
  }

  private static void clearSearch(ChromeDriver phone) {
    WebElement search = phone.findElement(By.id("today-search"));
    search.clear();
    phone.executeScript("arguments[0].dispatchEvent(new Event('input', {bubbles: true}));", search);
  }

  /** The worker's home visits under the project, oldest first. */
  private List<JsonObject> mine(Setting s) {
    var reply = api.get("api/v1/services/mine?limit=200", s.worker());
    assertEquals(200, reply.status(), reply.body());
    List<JsonObject> items = new ArrayList<>(reply.json().getJsonArray("items").getValuesAs(JsonObject.class).stream()
        .filter(r -> r.getString("kind").equals("HOME_VISIT") && r.getString("projectId").equals(s.project()))
        .toList());
    java.util.Collections.reverse(items);
    return items;
  }

  private Setting setting() {
    LocalDate today = LocalDate.now(CHINA);
    String admin = api.login("chunhui-sw", "admin", Api.DEMO_PASSWORD);
    String username = "casework" + ThreadLocalRandom.current().nextInt(10_000, 99_999);
    var user = api.post("api/v1/users", admin, "{\"username\":\"" + username + "\",\"displayName\":\"周社工\","
        + "\"roles\":[\"SOCIAL_WORKER\"],\"password\":\"" + PASSWORD + "\"}");
    assertEquals(201, user.status(), user.body());
    String worker = api.login("chunhui-sw", username, PASSWORD);
    String title = "多宝镇关爱 CASEWORK-" + ThreadLocalRandom.current().nextInt(1_000_000);
    var created = api.post("api/v1/projects", officer, "{\"contractNumber\":\"CW-" + ThreadLocalRandom.current().nextInt(1_000_000)
        + "\",\"title\":\"" + title + "\",\"organizationId\":\"" + orgId + "\",\"budget\":90000,"
        + "\"periodStart\":\"" + today.minusMonths(6) + "\",\"periodEnd\":\"" + today.plusMonths(6) + "\","
        + "\"coveredTowns\":[\"429006104\"],\"targetGroups\":[\"LEFT_BEHIND_CHILD\"],"
        + "\"deliverables\":[{\"kind\":\"HOME_VISIT\",\"unit\":\"VISIT\",\"target\":40,"
        + "\"targetGroup\":\"LEFT_BEHIND_CHILD\",\"minimumPerBeneficiary\":1,\"cadence\":\"MONTH\"}],\"lockDays\":90}");
    assertEquals(201, created.status(), created.body());
    String project = created.json().getString("id");
    assertEquals(200, api.post("api/v1/projects/" + project + "/activate", officer, "").status());
    String a = api.registerChild(admin, "李小明");
    String b = api.registerChild(admin, "张小芳");
    for (String child : List.of(a, b)) {
      var enrolled = api.post("api/v1/projects/" + project + "/enrolments", admin, "{\"beneficiaryId\":\"" + child + "\"}");
      assertEquals(201, enrolled.status(), enrolled.body());
    }
    return new Setting(project, title, username, worker, a, b);
  }
}
