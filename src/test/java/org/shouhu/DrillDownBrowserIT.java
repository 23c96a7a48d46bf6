package org.shouhu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.shouhu.Browsers.assertScreenClean;
import static org.shouhu.Browsers.screenshot;
import static org.shouhu.Browsers.waitFor;

import jakarta.json.JsonObject;
import java.io.IOException;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * Every figure of the bureau opens to its records (#13). One world, built once through the API as the other roles
 * would: a freshly onboarded bureau (its reports hold only this world) funds a project of chunhui-sw with a home-visit
 * deliverable counted in visits (人次), in town 429006104. The class's own worker registers 王小红 and 孙小丽 (困境儿童)
 * and 赵小刚 (留守儿童) and logs:
 * <pre>
 *   r1  王小红+赵小刚  2 days ago 08:00  APPROVED   2 人次
 *   r2  王小红        2 days ago 10:00  APPROVED   1 人次, SAME_DAY_REPEAT (王小红 was served that day already)
 *   r3  赵小刚        3 days ago        SUBMITTED  waits for the supervisor
 *   r4  赵小刚        4 days ago        RETURNED   once
 * </pre>
 * By hand: approved 3 人次 in 2 records, 1 awaiting review (1 人次); registered 3, served in the last 31 days 2 (王小红,
 * 赵小刚); not visited in 30 days 1 (孙小丽, never); quality for chunhui-sw: handed in 4, same-day repeats 1 (r2),
 * returns 1 (r4), nothing else.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class DrillDownBrowserIT {

  private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
  private static final String TOWN = "429006104";
  private static final String VILLAGE = "429006104201";

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.application();
  }

  @ArquillianResource URL base;
  Api api;
  String worker;
  String supervisor;
  final Browsers browsers = new Browsers();

  record World(Api.Bureau bureau, String org, String project, String homeVisits, List<String> children,
      List<String> records) {}

  static World world;

  @BeforeEach
  void parties() throws Exception {
    api = new Api(base);
    worker = api.ownWorker("chunhui-sw", "drill");
    supervisor = api.login("chunhui-sw", "supervisor", Api.DEMO_PASSWORD);
    if (world == null) {
      world = build();
    }
  }

  @AfterEach
  void closeBrowsers() throws IOException {
    browsers.close();
  }

  @Test
  void theOfficerOpensThePortfolioCoverageAndAQualitySignalToTheirRecordsOnAPhone() throws Exception {
    ChromeDriver phone = browsers.open(360, 800);
    Browsers.login(phone, base, world.bureau().slug(), "officer", "Kezhang-" + world.bureau().slug());

    // The portfolio: the deliverable's approved figure opens to the approved records, and the list adds up to it.
    phone.findElement(By.id("nav-projects")).click();
    WebElement approved = present(phone, "section[data-project='" + world.project() + "'] tr[data-deliverable='"
        + world.homeVisits() + "'] a.count");
    assertEquals("3", approved.getAttribute("data-approved"));
    click(phone, approved);
    waitFor(phone).until(d -> d.findElements(By.cssSelector("#drill-records tbody tr")).size() == 2);
    WebElement summary = phone.findElement(By.id("drill-summary"));
    assertEquals("3", summary.getAttribute("data-attendances"), "the list's attendances are the figure (visits count 人次)");
    assertEquals("2", summary.getAttribute("data-total"));
    assertEquals(java.util.Set.of(world.records().get(0), world.records().get(1)), phone.findElements(By.cssSelector("#drill-records tbody tr"))
        .stream().map(tr -> tr.getAttribute("data-record")).collect(java.util.stream.Collectors.toSet()));
    String main = phone.findElement(By.tagName("main")).getText();
    assertTrue(main.contains("王*红"), main);
    assertFalse(main.contains("王小红") || main.contains("赵小刚"), "the bureau sees masked names only");
    assertTrue(phone.findElement(By.id("drill-formula")).getText().length() > 10, "the list says what the figure is");
    bothLanguages(phone, "portfolio's approved records", By.id("drill-records"));
    click(phone, phone.findElement(By.id("drill-back")));
    waitFor(phone).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("section[data-project='" + world.project() + "']")));

    // Coverage: the town's children in difficulty not visited in 30 days, by masked name, village and organization.
    phone.findElement(By.id("nav-coverage")).click();
    WebElement notVisited = waitFor(phone).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(
        "tr[data-town='" + TOWN + "'][data-category='CHILD_IN_DIFFICULTY'] td.not-visited-30 a")));
    assertEquals("1", notVisited.getText());
    click(phone, notVisited);
    waitFor(phone).until(ExpectedConditions.presenceOfElementLocated(By.id("drill-people")));
    List<WebElement> people = phone.findElements(By.cssSelector("#drill-people tbody tr"));
    assertEquals(1, people.size());
    assertEquals("孙*丽", people.get(0).findElement(By.cssSelector("td.masked")).getText());
    assertFalse(phone.findElement(By.tagName("main")).getText().contains("孙小丽"));
    assertEquals("1", phone.findElement(By.id("drill-summary")).getAttribute("data-total"));
    bothLanguages(phone, "coverage's children not visited in 30 days", By.id("drill-people"));
    click(phone, phone.findElement(By.id("drill-back")));
    waitFor(phone).until(ExpectedConditions.presenceOfElementLocated(By.id("coverage-table")));

    // Quality: the same-day repeat of chunhui-sw opens to the one record that makes it.
    phone.findElement(By.id("nav-quality")).click();
    WebElement repeats = waitFor(phone).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(
        "#quality-organizations tr[data-org='" + world.org() + "'] td[data-signal='SAME_DAY_REPEAT']")));
    assertEquals("1", repeats.getAttribute("data-value"));
    assertEquals("1", phone.findElement(By.cssSelector(
        "#quality-organizations tr[data-org='" + world.org() + "'] td[data-signal='RETURNED']")).getAttribute("data-value"));
    assertEquals("0", phone.findElement(By.cssSelector(
        "#quality-organizations tr[data-org='" + world.org() + "'] td[data-signal='LATE_ENTRY']")).getAttribute("data-value"));
    waitFor(phone).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#quality-chart svg, #quality-chart canvas")));
    bothLanguages(phone, "quality", By.id("quality-organizations"));
    screenshot(phone, "bureau-quality-phone");
    click(phone, phone.findElement(By.cssSelector(
        "#quality-organizations tr[data-org='" + world.org() + "'] td[data-signal='SAME_DAY_REPEAT'] a")));
    waitFor(phone).until(d -> d.findElements(By.cssSelector("#drill-records tbody tr")).size() == 1);
    assertEquals(world.records().get(1), phone.findElement(By.cssSelector("#drill-records tbody tr")).getAttribute("data-record"));
    bothLanguages(phone, "same-day repeats' records", By.id("drill-records"));

    ChromeDriver desk = browsers.open(1280, 1000);
    Browsers.login(desk, base, world.bureau().slug(), "officer", "Kezhang-" + world.bureau().slug());
    desk.findElement(By.id("nav-quality")).click();
    waitFor(desk).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#quality-chart svg, #quality-chart canvas")));
    assertScreenClean(desk, "quality on a desk");
    screenshot(desk, "bureau-quality");
  }

  @Test
  void theDrillDownApiListsTheHandComputedRecordsAndPeopleMaskedPagedAndForTheBureauOnly() throws Exception {
    String officer = world.bureau().officerToken();
    LocalDate today = LocalDate.now(CHINA);
    String span = "from=" + today.minusDays(30) + "&to=" + today;
    String deliverable = "api/v1/reports/bureau/records?project=" + world.project() + "&deliverable=" + world.homeVisits() + "&" + span;

    JsonObject approved = ok(api.get(deliverable, officer));
    assertEquals(2, approved.getInt("total"));
    assertEquals(3, approved.getInt("attendances"));
    JsonObject first = approved.getJsonArray("items").getValuesAs(JsonObject.class).stream()
        .filter(r -> r.getString("id").equals(world.records().get(0))).findFirst().orElseThrow();
    assertEquals(2, first.getInt("participants"));
    assertEquals("王*红、赵*刚", first.getString("maskedNames"));
    assertFalse(approved.toString().contains("王小红"));
    assertEquals(world.org(), first.getString("organizationId"));

    JsonObject submitted = ok(api.get(deliverable + "&status=SUBMITTED", officer));
    assertEquals(1, submitted.getInt("total"));
    assertEquals(world.records().get(2), submitted.getJsonArray("items").getJsonObject(0).getString("id"));

    JsonObject repeats = ok(api.get("api/v1/reports/bureau/records?signal=SAME_DAY_REPEAT&org=" + world.org() + "&" + span, officer));
    assertEquals(1, repeats.getInt("total"));
    assertEquals(world.records().get(1), repeats.getJsonArray("items").getJsonObject(0).getString("id"));
    JsonObject returns = ok(api.get("api/v1/reports/bureau/records?signal=RETURNED&" + span, officer));
    assertEquals(1, returns.getInt("total"));
    assertEquals(1, returns.getInt("returns"));
    assertEquals(world.records().get(3), returns.getJsonArray("items").getJsonObject(0).getString("id"));
    assertEquals("RETURNED", returns.getJsonArray("items").getJsonObject(0).getString("status"));
    assertEquals(0, ok(api.get("api/v1/reports/bureau/records?signal=LATE_ENTRY&" + span, officer)).getInt("total"));
    assertEquals(0, ok(api.get("api/v1/reports/bureau/records?signal=RETURNED&org=" + java.util.UUID.randomUUID() + "&" + span,
        officer)).getInt("total"), "another organization's records are not this one's");

    // The quality report's figures are the lists' counts; its months add up to its organizations.
    JsonObject quality = ok(api.get("api/v1/reports/bureau/quality?" + span, officer));
    JsonObject org = quality.getJsonArray("organizations").getJsonObject(0);
    assertEquals(4, org.getInt("handedIn"));
    assertEquals(1, org.getInt("sameDayRepeats"));
    assertEquals(1, org.getInt("returns"));
    assertEquals(4, quality.getJsonArray("months").getValuesAs(JsonObject.class).stream().mapToInt(m -> m.getInt("handedIn")).sum());

    // People: the coverage figures' lists.
    String town = "api/v1/reports/bureau/people?town=" + TOWN + "&" + span;
    JsonObject unvisited = ok(api.get(town + "&state=unvisited30", officer));
    assertEquals(1, unvisited.getInt("total"));
    JsonObject child = unvisited.getJsonArray("items").getJsonObject(0);
    assertEquals("孙*丽", child.getString("maskedName"));
    assertEquals(VILLAGE, child.getString("villageCode"));
    assertEquals(world.org(), child.getString("organizationId"));
    assertTrue(!child.containsKey("lastHomeVisitOn") || child.isNull("lastHomeVisitOn"), "never visited");
    assertFalse(child.containsKey("id") || child.containsKey("beneficiaryId") || child.containsKey("citizenId"));
    assertEquals(1, ok(api.get(town + "&state=unvisited90", officer)).getInt("total"));
    assertEquals(2, ok(api.get(town + "&state=served", officer)).getInt("total"));
    assertEquals(2, ok(api.get(town + "&state=registered&category=CHILD_IN_DIFFICULTY", officer)).getInt("total"));
    JsonObject page1 = ok(api.get(town + "&state=registered&limit=2", officer));
    assertEquals(3, page1.getInt("total"));
    assertEquals(2, page1.getJsonArray("items").size());
    JsonObject page2 = ok(api.get(town + "&state=registered&limit=2&offset=2", officer));
    assertEquals(1, page2.getJsonArray("items").size());
    assertEquals("孙*丽", page1.getJsonArray("items").getJsonObject(0).getString("maskedName"), "never visited first");

    // Problems in the query are field errors with their codes.
    assertEquals("REPORT_SIGNAL_UNKNOWN", api.get("api/v1/reports/bureau/records?signal=LATE", officer).fieldCode("signal"));
    assertEquals("REPORT_MONTH_FORMAT", api.get("api/v1/reports/bureau/records?month=2026-13", officer).fieldCode("month"));
    assertEquals("REPORT_PEOPLE_STATE_UNKNOWN", api.get("api/v1/reports/bureau/people?state=lost", officer).fieldCode("state"));
    assertEquals("REGION_NOT_A_TOWN", api.get("api/v1/reports/bureau/people?town=429006", officer).fieldCode("town"));

    // The bureau's officer only; another bureau does not see this project at all.
    assertEquals(403, api.get(deliverable, supervisor).status());
    assertEquals(403, api.get("api/v1/reports/bureau/people", worker).status());
    assertEquals(403, api.get("api/v1/reports/bureau/people", world.bureau().adminToken()).status());
    Api.Bureau other = api.onboardBureau(api.platformToken(), "429006");
    assertEquals(404, api.get(deliverable, other.officerToken()).status());
    assertEquals(0, ok(api.get(town + "&state=registered", other.officerToken())).getInt("total"));
    assertEquals(0, ok(api.get("api/v1/reports/bureau/records?signal=RETURNED&" + span, other.officerToken())).getInt("total"));
  }

  // --- helpers ---------------------------------------------------------------------------------------------------

  private static JsonObject ok(Api.Reply reply) {
    assertEquals(200, reply.status(), reply.body());
    return reply.json();
  }

  /** Waits for an element; if it never comes, says what the screen showed instead. */
  static WebElement present(ChromeDriver browser, String css) {
    try {
      return waitFor(browser).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(css)));
    } catch (org.openqa.selenium.TimeoutException e) {
      throw new AssertionError("no " + css + " on " + browser.getCurrentUrl() + ": "
          + browser.findElement(By.tagName("main")).getText() + " / console: " + Browsers.consoleErrors(browser), e);
    }
  }

  private static void click(ChromeDriver browser, WebElement el) {
    Browsers.tap(browser, el);
  }

  static String lang(ChromeDriver browser) {
    return (String) browser.executeScript("return document.documentElement.lang");
  }

  /** Checks the screen in the language it is in, switches language, waits for it to be drawn again, checks again. */
  static void bothLanguages(ChromeDriver browser, String screen, By ready) {
    String before = lang(browser);
    String heading = browser.findElement(By.tagName("h1")).getText();
    assertScreenClean(browser, screen + " (" + before + ")");
    browser.findElement(By.id("lang")).click();
    waitFor(browser).until(d -> !lang(browser).equals(before) && !d.findElements(ready).isEmpty()
        && !d.findElement(By.tagName("h1")).getText().equals(heading));
    assertScreenClean(browser, screen + " (" + lang(browser) + ")");
  }

  private static LocalDate today() {
    return LocalDate.now(CHINA);
  }

  private World build() throws Exception {
    Api.Bureau bureau = api.onboardBureau(api.platformToken(), "429006");
    String orgId = com.nimbusds.jwt.SignedJWT.parse(worker).getJWTClaimsSet().getStringClaim("tenant_id");
    LocalDate start = today().minusDays(60);
    String contract = "DRL-" + ThreadLocalRandom.current().nextInt(1_000_000);
    var created = api.post("api/v1/projects", bureau.officerToken(), "{\"contractNumber\":\"" + contract
        + "\",\"title\":\"多宝镇困境儿童关爱（钻取）\",\"organizationId\":\"" + orgId + "\",\"budget\":80000,"
        + "\"periodStart\":\"" + start + "\",\"periodEnd\":\"" + start.plusDays(364) + "\","
        + "\"coveredTowns\":[\"" + TOWN + "\"],\"targetGroups\":[\"LEFT_BEHIND_CHILD\",\"CHILD_IN_DIFFICULTY\"],"
        + "\"deliverables\":[{\"kind\":\"HOME_VISIT\",\"unit\":\"VISIT\",\"target\":24}],"
        + "\"milestones\":[{\"kind\":\"FIRST\",\"sharePercent\":30,\"dueDate\":\"" + start.plusDays(10) + "\"},"
        + "{\"kind\":\"FINAL\",\"sharePercent\":70,\"dueDate\":\"" + start.plusDays(364) + "\"}],"
        + "\"lockDays\":90}");
    assertEquals(201, created.status(), created.body());
    String project = created.json().getString("id");
    String homeVisits = created.json().getJsonArray("deliverables").getJsonObject(0).getString("id");
    assertEquals(200, api.post("api/v1/projects/" + project + "/activate", bureau.officerToken(), "").status());
    List<String> children = List.of(child("王小红", "CHILD_IN_DIFFICULTY"), child("孙小丽", "CHILD_IN_DIFFICULTY"),
        child("赵小刚", "LEFT_BEHIND_CHILD"));
    for (String c : children) {
      var enrolled = api.post("api/v1/projects/" + project + "/enrolments", worker, "{\"beneficiaryId\":\"" + c + "\"}");
      assertEquals(201, enrolled.status(), enrolled.body());
    }
    String r1 = log(project, homeVisits, 2, 8, List.of(children.get(0), children.get(2)));
    String r2 = log(project, homeVisits, 2, 10, List.of(children.get(0)));
    String r3 = log(project, homeVisits, 3, 9, List.of(children.get(2)));
    String r4 = log(project, homeVisits, 4, 9, List.of(children.get(2)));
    var reply = api.post("api/v1/services/review", supervisor, "{\"action\":\"APPROVE\",\"ids\":[\"" + r1 + "\",\"" + r2 + "\"]}");
    assertEquals(200, reply.status(), reply.body());
    assertEquals(2, reply.json().getInt("approved"), reply.body());
    reply = api.post("api/v1/services/review", supervisor, "{\"action\":\"RETURN\",\"ids\":[\"" + r4 + "\"],\"comment\":\"请补充监护人情况\"}");
    assertEquals(200, reply.status(), reply.body());
    var flagged = api.get("api/v1/services/" + r2, supervisor).json();
    assertTrue(flagged.toString().contains("SAME_DAY_REPEAT"), "the arrangement needs r2 flagged: " + flagged);
    return new World(bureau, orgId, project, homeVisits, children, List.of(r1, r2, r3, r4));
  }

  private String log(String project, String deliverable, int daysAgo, int hour, List<String> people) {
    return api.submittedHomeVisit(worker, project, deliverable, today().minusDays(daysAgo), hour, VILLAGE, people);
  }

  private String child(String name, String category) {
    return api.registerChild(worker, name, category, VILLAGE);
  }
}
