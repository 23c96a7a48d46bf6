package org.shouhu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.shouhu.Browsers.assertScreenClean;
import static org.shouhu.Browsers.screenshot;
import static org.shouhu.Browsers.waitFor;

import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.net.URL;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
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
 * The bureau officer's own work in Debian's headless Chromium on a 360 px phone (#13): following a mandatory report
 * an organization raised (arranged through the API: the organization's part), and the platform operator's tenants.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class BureauCasesBrowserIT {

  private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.application();
  }

  @ArquillianResource URL base;
  Api api;
  String officer;
  String worker;
  String orgId;
  final Browsers browsers = new Browsers();

  @BeforeEach
  void parties() throws Exception {
    api = new Api(base);
    officer = api.login("tianmen-mzj", "officer", Api.DEMO_PASSWORD);
    worker = api.ownWorker("chunhui-sw", "bcases");
    orgId = SignedJWT.parse(worker).getJWTClaimsSet().getStringClaim("tenant_id");
  }

  @AfterEach
  void closeBrowsers() throws IOException {
    browsers.close();
  }

  @Test
  void theOfficerAcknowledgesStepsRefersAndClosesAReportInTheBrowser() throws Exception {
    LocalDate today = LocalDate.now(CHINA);
    String project = project(today);
    String child = child();
    assertEquals(201, api.post("api/v1/projects/" + project + "/enrolments", worker,
        "{\"beneficiaryId\":\"" + child + "\",\"enrolledOn\":\"" + today.minusMonths(5) + "\"}").status());
    // Found ten days ago, logged today: the list must tell the two apart and count the days from the finding.
    OffsetDateTime found = today.minusDays(10).atTime(9, 0).atZone(CHINA).toOffsetDateTime();
    var raised = api.post("api/v1/incidents", worker, "{\"projectId\":\"" + project + "\",\"beneficiaryId\":\"" + child
        + "\",\"concern\":\"NEGLECT\",\"found\":\"孩子独自在家三天，无人照看\",\"foundAt\":\"" + found + "\","
        + "\"reportedTo\":[\"POLICE\"],\"reportedAt\":\"" + found.plusHours(1) + "\",\"immediateAction\":\"联系村委会安排临时照料\"}");
    assertEquals(201, raised.status(), raised.body());
    String id = raised.json().getString("id");
    long waiting = api.get("api/v1/incidents?status=OPEN&acknowledged=false&limit=1", officer).json().getInt("total");

    ChromeDriver phone = ScreensSweepIT.phone(browsers);
    Browsers.login(phone, base, "tianmen-mzj", "officer", Api.DEMO_PASSWORD);
    WebElement badge = waitFor(phone).until(ExpectedConditions.presenceOfElementLocated(By.id("incidents-badge")));
    assertEquals(String.valueOf(waiting), badge.getText(), "the menu counts reports not yet acknowledged");
    // The home screen finishes drawing first (its redraw would take the address back).
    waitFor(phone).until(d -> !d.findElements(By.cssSelector("main h1")).isEmpty() && d.findElements(By.cssSelector("main .loading")).isEmpty());
    waitFor(phone).until(ExpectedConditions.elementToBeClickable(By.id("nav-incidents"))).click();
    waitFor(phone).until(d -> d.getCurrentUrl().contains("#/incidents"));
    try {
      waitFor(phone).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr[data-incident='" + id + "']")));
    } catch (org.openqa.selenium.TimeoutException e) {
      throw new AssertionError("the report is not listed: " + phone.findElement(By.id("main")).getText()
          + " | " + phone.getCurrentUrl() + " | " + Browsers.consoleErrors(phone), e);
    }
    WebElement row = phone.findElement(By.cssSelector("tr[data-incident='" + id + "']"));
    String text = row.getText();
    assertTrue(text.contains(date(today.minusDays(10))), "found date: " + text);
    assertTrue(text.contains(date(today)), "logged date: " + text);
    assertTrue(text.contains("10"), "days since found: " + text);
    assertTrue(row.getAttribute("class").contains("late"), "ten days open is overdue");
    assertFalse(text.contains("孩子独自在家"), "what was found stays with the organization");
    Browsers.assertCleanInBothLanguages(phone, "bureau incidents", By.cssSelector("tr[data-incident='" + id + "']"));

    phone.findElement(By.cssSelector("tr[data-incident='" + id + "'] a.open-incident")).click();
    waitFor(phone).until(ExpectedConditions.visibilityOfElementLocated(By.id("incident-acknowledge")));
    assertEquals(2, phone.findElements(By.cssSelector("#incident-steps li")).size(), "raised + the worker's immediate action");
    Browsers.assertCleanInBothLanguages(phone, "bureau incident", By.id("incident-acknowledge"));
    phone.findElement(By.id("incident-acknowledge")).click();
    waitFor(phone).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#incident-steps li.acknowledged")));
    waitFor(phone).until(d -> waiting == 1
        ? d.findElements(By.id("incidents-badge")).isEmpty()
        : String.valueOf(waiting - 1).equals(d.findElement(By.id("incidents-badge")).getText()));
    assertTrue(phone.findElements(By.id("incident-acknowledge")).isEmpty());

    fill(phone, "#incident-step textarea[name=action]", "电话询问机构处置进展");
    phone.findElement(By.id("incident-step-submit")).click();
    waitFor(phone).until(d -> d.findElements(By.cssSelector("#incident-steps li.bureau")).size() == 1);

    fill(phone, "#incident-refer input[name=referredTo]", "县妇联");
    phone.findElement(By.id("incident-refer-submit")).click();
    waitFor(phone).until(ExpectedConditions.visibilityOfElementLocated(By.id("incident-refer-submit")));
    assertTrue(phone.findElement(By.cssSelector("#incident-refer .error")).getText().length() > 0, "what was asked is required");
    fill(phone, "#incident-refer textarea[name=action]", "请协助心理疏导");
    phone.findElement(By.id("incident-refer-submit")).click();
    waitFor(phone).until(d -> d.findElements(By.cssSelector("#incident-steps .referred")).size() == 1);
    assertEquals("县妇联", phone.findElement(By.cssSelector("#incident-steps .referred")).getText());
    Browsers.assertCleanInBothLanguages(phone, "bureau incident with steps", By.id("incident-close"));
    screenshot(phone, "bureau-incident");

    fill(phone, "#incident-close textarea[name=outcome]", "已由亲属接回照料");
    phone.findElement(By.id("incident-close-submit")).click();
    waitFor(phone).until(ExpectedConditions.presenceOfElementLocated(By.id("incident-outcome")));
    assertEquals("CLOSED", api.get("api/v1/incidents/" + id, worker).json().getString("status"));
    assertEquals("BUREAU", api.get("api/v1/incidents/" + id, worker).json().getString("closedBy"));
    assertEquals(4, api.get("api/v1/incidents/" + id, worker).json().getJsonArray("steps").size() + 1);
    Browsers.assertCleanInBothLanguages(phone, "bureau incident closed", By.id("incident-outcome"));
  }

  @Test
  void theEvaluationSheetIsEnglishThroughAndItsWeightsAreChangedWithASumCheck() throws Exception {
    String project = project(LocalDate.now(CHINA));
    var opened = api.post("api/v1/projects/" + project + "/evaluations", officer, "{\"stage\":\"MID_TERM\"}");
    assertEquals(201, opened.status(), opened.body());
    String sheet = opened.json().getString("id");

    ChromeDriver phone = ScreensSweepIT.phone(browsers);
    Browsers.login(phone, base, "tianmen-mzj", "officer", Api.DEMO_PASSWORD);
    phone.get(base + "#/evaluations/" + sheet);
    waitFor(phone).until(ExpectedConditions.visibilityOfElementLocated(By.id("weights-form")));
    Browsers.assertCleanInBothLanguages(phone, "evaluation sheet", By.id("weights-form"));
    phone.findElement(By.id("lang")).click();
    waitFor(phone).until(d -> "en".equals(phone.executeScript("return document.documentElement.lang")));
    WebElement basis = waitFor(phone).until(ExpectedConditions.visibilityOfElementLocated(
        By.cssSelector("tr[data-indicator='COMPLETION'] .basis")));
    assertTrue(basis.getText().contains("Home visit") || basis.getText().toLowerCase().contains("home"), basis.getText());
    assertFalse(basis.getText().contains("HOME_VISIT"), "no raw code: " + basis.getText());
    assertTrue(phone.findElement(By.cssSelector("tr[data-indicator='COMPLIANCE'] .basis")).getText().startsWith("records in order"));
    assertTrue(phone.findElement(By.cssSelector("tr[data-indicator='SATISFACTION'] .basis")).getText().contains("no satisfaction survey"));

    WebElement completion = phone.findElement(By.id("weight-COMPLETION"));
    completion.clear();
    completion.sendKeys("50");
    assertEquals("Sum: 110 of 100", phone.findElement(By.id("weights-sum")).getText());
    phone.findElement(By.id("weights-save")).click();
    assertEquals("The weights add up to 110, not 100.", phone.findElement(By.id("weights-error")).getText());
    WebElement quality = phone.findElement(By.id("weight-QUALITY"));
    quality.clear();
    quality.sendKeys("20");
    assertEquals("Sum: 100 of 100", phone.findElement(By.id("weights-sum")).getText());
    phone.findElement(By.id("weights-save")).click();
    waitFor(phone).until(ExpectedConditions.textToBe(By.id("evaluation-result"), "Weights saved"));
    assertEquals("50", phone.findElement(By.cssSelector("tr[data-indicator='COMPLETION'] td.num")).getText());
    assertEquals(50, api.get("api/v1/projects/" + project + "/evaluations/weights", officer).json().getInt("completion"));
    assertScreenClean(phone, "evaluation sheet after the weights (en)");
    screenshot(phone, "bureau-evaluation-weights");
  }

  @Test
  void theCoverageMapShowsTheCountyTownByTownAndOpensATownsList() throws Exception {
    LocalDate today = LocalDate.now(CHINA);
    String project = project(today);
    assertEquals(201, api.post("api/v1/projects/" + project + "/enrolments", worker,
        "{\"beneficiaryId\":\"" + child() + "\",\"enrolledOn\":\"" + today.minusMonths(5) + "\"}").status());
    ChromeDriver phone = ScreensSweepIT.phone(browsers);
    Browsers.login(phone, base, "tianmen-mzj", "officer", Api.DEMO_PASSWORD);
    phone.get(base + "#/coverage");
    WebElement tile = waitFor(phone).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#coverage-map a.tile[data-town='429006104']")));
    assertTrue(phone.findElements(By.cssSelector("#coverage-map a.tile")).size() > 5, "every town of the county has a tile");
    assertTrue(tile.getAttribute("href").endsWith("#/drill/people?town=429006104"), tile.getAttribute("href"));
    assertFalse("none".equals(tile.getAttribute("data-step")), "the town has registered people");
    Browsers.assertCleanInBothLanguages(phone, "coverage map", By.id("coverage-map"));
    screenshot(phone, "bureau-coverage-map");
    ChromeDriver desk = browsers.open(1280, 900);
    Browsers.login(desk, base, "tianmen-mzj", "officer", Api.DEMO_PASSWORD);
    desk.get(base + "#/coverage");
    waitFor(desk).until(ExpectedConditions.visibilityOfElementLocated(By.id("coverage-map")));
    screenshot(desk, "bureau-coverage-map-desk");
    waitFor(desk).until(ExpectedConditions.elementToBeClickable(By.cssSelector("#coverage-map a.tile[data-town='429006104']"))).click();
    waitFor(desk).until(d -> d.getCurrentUrl().contains("town=429006104") || !d.getCurrentUrl().contains("#/coverage"));
  }

  @Test
  void theOperatorProvisionsAnOrganizationAndSuspendsAndReactivatesIt() throws Exception {
    ChromeDriver phone = ScreensSweepIT.phone(browsers);
    Browsers.login(phone, base, "platform", "operator", Api.DEMO_PASSWORD);
    phone.get(base + "#/tenants");
    waitFor(phone).until(ExpectedConditions.visibilityOfElementLocated(By.id("provision-form")));
    Browsers.assertCleanInBothLanguages(phone, "tenants", By.id("provision-form"));
    String slug = "bcs-" + ThreadLocalRandom.current().nextInt(1_000_000);
    fill(phone, "#provision-form input[name=displayName]", "仙桃市阳光社工服务中心");
    fill(phone, "#provision-form input[name=slug]", slug);
    String good = Api.randomCreditCode();
    char last = good.charAt(17);
    fill(phone, "#provision-form input[name=creditCode]", good.substring(0, 17) + (last == '0' ? '1' : '0'));
    fill(phone, "#provision-form input[name='admin.username']", "admin");
    fill(phone, "#provision-form input[name='admin.displayName']", "张主任");
    phone.findElement(By.id("provision-submit")).click();
    waitFor(phone).until(d -> !d.findElement(By.cssSelector("[data-field=creditCode] .field-error")).getText().isEmpty());
    Browsers.consoleErrors(phone); // the refused check digit's 400, caused on purpose
    fill(phone, "#provision-form input[name=creditCode]", good);
    phone.findElement(By.id("provision-submit")).click();
    waitFor(phone).until(ExpectedConditions.visibilityOfElementLocated(By.id("provision-password")));
    assertFalse(phone.findElement(By.id("provision-password")).getText().isBlank());
    assertEquals(1, phone.findElements(By.cssSelector("tr[data-tenant='" + slug + "']")).size());

    phone.get(base + "#/tenants?" + slug);
    WebElement row = waitFor(phone).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr[data-tenant='" + slug + "']")));
    row.findElement(By.tagName("summary")).click();
    fill(phone, "tr[data-tenant='" + slug + "'] input[name=reason]", "资质年检未通过");
    row.findElement(By.cssSelector("form.suspend button")).click();
    waitFor(phone).until(d -> "SUSPENDED".equals(d.findElement(By.cssSelector("tr[data-tenant='" + slug + "'] [data-status]")).getAttribute("data-status")));
    Browsers.assertCleanInBothLanguages(phone, "tenants with a suspended one", By.cssSelector("tr[data-tenant='" + slug + "'] button.reactivate"));
    waitFor(phone).until(ExpectedConditions.elementToBeClickable(By.cssSelector("tr[data-tenant='" + slug + "'] button.reactivate"))).click();
    waitFor(phone).until(d -> "ACTIVE".equals(d.findElement(By.cssSelector("tr[data-tenant='" + slug + "'] [data-status]")).getAttribute("data-status")));
    String platform = api.platformToken();
    var tenants = api.get("api/v1/tenants?limit=200", platform).body();
    assertTrue(tenants.contains(slug));
  }

  private static String date(LocalDate d) {
    return String.format("%04d/%02d/%02d", d.getYear(), d.getMonthValue(), d.getDayOfMonth());
  }

  private static void fill(ChromeDriver browser, String css, String value) {
    WebElement input = waitFor(browser).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    input.clear();
    input.sendKeys(value);
  }

  private String project(LocalDate today) {
    var created = api.post("api/v1/projects", officer, "{\"contractNumber\":\"BCS-" + ThreadLocalRandom.current().nextInt(1_000_000)
        + "\",\"title\":\"多宝镇儿童保护 BCS-" + ThreadLocalRandom.current().nextInt(1_000_000) + "\",\"organizationId\":\"" + orgId
        + "\",\"budget\":80000,\"periodStart\":\"" + today.minusMonths(6) + "\",\"periodEnd\":\"" + today.plusMonths(6) + "\","
        + "\"coveredTowns\":[\"429006104\"],\"targetGroups\":[\"LEFT_BEHIND_CHILD\"],"
        + "\"deliverables\":[{\"kind\":\"HOME_VISIT\",\"unit\":\"VISIT\",\"target\":100}]}");
    assertEquals(201, created.status(), created.body());
    String id = created.json().getString("id");
    assertEquals(200, api.post("api/v1/projects/" + id + "/activate", officer, "").status());
    return id;
  }

  private String child() {
    String citizenId = Api.citizenId(LocalDate.of(2012, 1, 1).plusDays(ThreadLocalRandom.current().nextInt(2500)));
    var registered = api.post("api/v1/beneficiaries", worker, "{\"name\":\"王小红\",\"villageCode\":\"429006104201\","
        + "\"categories\":[\"LEFT_BEHIND_CHILD\"],\"citizenId\":\"" + citizenId + "\","
        + "\"consent\":{\"givenOn\":\"2024-09-01\",\"givenBy\":\"王秀英\",\"relationship\":\"GRANDPARENT\",\"method\":\"WRITTEN\"}}");
    assertEquals(201, registered.status(), registered.body());
    return registered.json().getString("id");
  }
}
