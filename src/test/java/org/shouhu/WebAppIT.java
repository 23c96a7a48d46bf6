package org.shouhu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.shouhu.Browsers.assertFitsThePhone;
import static org.shouhu.Browsers.offline;
import static org.shouhu.Browsers.pending;
import static org.shouhu.Browsers.screenshot;
import static org.shouhu.Browsers.typeLogin;
import static org.shouhu.Browsers.waitFor;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Path;
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
import org.openqa.selenium.support.ui.Select;

/**
 * The web application in Debian's headless Chromium, served by the same WAR as the API: a worker logs a home visit
 * on a 360 px phone screen, the supervisor approves it, the bureau sees the approved count move; a visit logged
 * without network is kept on the device and sent exactly once when the network returns, even across an expired
 * session; a note with markup shows as text; the language switch translates the screen; login explains refusals.
 *
 * <p>The browser is required: without /usr/bin/chromium and /usr/bin/chromedriver these tests fail, they never skip.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class WebAppIT {

  private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
  private static final String XSS = "<script>window.__xss=1</script><img src=x onerror=\"window.__xss=2\">";

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
  final Browsers browsers = new Browsers();

  record Setting(String project, String title, String homeVisits, String child) {}

  @BeforeEach
  void parties() throws Exception {
    api = new Api(base);
    officer = api.login("tianmen-mzj", "officer", Api.DEMO_PASSWORD);
    worker = api.login("chunhui-sw", "worker", Api.DEMO_PASSWORD);
    supervisor = api.login("chunhui-sw", "supervisor", Api.DEMO_PASSWORD);
    orgId = com.nimbusds.jwt.SignedJWT.parse(worker).getJWTClaimsSet().getStringClaim("tenant_id");
  }

  @AfterEach
  void closeBrowsers() throws IOException {
    browsers.close();
  }

  @Test
  void workerLogsAVisitOnAPhoneTheSupervisorApprovesItAndTheBureauSeesTheCount() throws Exception {
    Setting s = setting();
    LocalDate day = LocalDate.now(CHINA).minusDays(8);

    ChromeDriver bureau = browsers.open(1280, 1000);
    login(bureau, "tianmen-mzj", "officer", Api.DEMO_PASSWORD);
    assertEquals("0", approvedShown(bureau, s), "nothing approved yet");

    ChromeDriver phone = browsers.open(360, 780);
    login(phone, "chunhui-sw", "worker", Api.DEMO_PASSWORD);
    WebElement logVisit = waitFor(phone).until(ExpectedConditions.elementToBeClickable(
        By.cssSelector("a[data-child='" + s.child() + "']")));
    WebElement child = phone.findElement(By.cssSelector("li[data-person='" + s.child() + "']"));
    assertEquals("true", child.getAttribute("data-due"), "enrolled, not yet visited this month");
    assertTrue(child.getText().contains("本月待探视（0/1）") && child.getText().contains("尚未探视"), child.getText());
    assertFitsThePhone(phone);
    screenshot(phone, "worker-today");
    logVisit.click();
    waitFor(phone).until(ExpectedConditions.visibilityOfElementLocated(By.id("visit-form")));
    fillVisit(phone, day, "19:00", "19:40", XSS);
    assertFitsThePhone(phone);
    screenshot(phone, "worker-visit-form");
    phone.findElement(By.id("visit-submit")).click();
    waitFor(phone).until(d -> d.getCurrentUrl().endsWith("#/today"));

    List<JsonObject> queued = queue(s.project(), "SUBMITTED");
    assertEquals(1, queued.size(), "submitted once");
    String id = queued.get(0).getString("id");
    assertEquals(XSS, queued.get(0).getJsonObject("homeVisit").getJsonObject("findings")
        .getJsonObject("GUARDIANSHIP").getString("note"), "stored exactly as typed");

    phone.get(base + "#/records?status=SUBMITTED");
    waitFor(phone).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("li[data-record='" + id + "']")));

    ChromeDriver manager = browsers.open(1280, 1000);
    login(manager, "chunhui-sw", "supervisor", Api.DEMO_PASSWORD);
    manager.findElement(By.id("nav-review")).click();
    waitFor(manager).until(ExpectedConditions.presenceOfElementLocated(By.name("project")));
    new Select(manager.findElement(By.name("project"))).selectByValue(s.project());
    manager.findElement(By.cssSelector("form.filters button[type=submit]")).click();
    WebElement row = waitFor(manager).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr[data-record='" + id + "']")));
    assertTrue(row.getText().contains(XSS), "the note is shown as text: " + row.getText());
    assertNull(manager.executeScript("return window.__xss === undefined ? null : window.__xss;"), "no script ran");
    assertTrue(manager.findElements(By.cssSelector("tr[data-record='" + id + "'] script, tr[data-record='" + id + "'] img")).isEmpty(),
        "no element was made from the note");
    screenshot(manager, "manager-review");
    manager.findElement(By.id("pick-" + id)).click();
    manager.findElement(By.id("approve")).click();
    waitFor(manager).until(ExpectedConditions.textToBePresentInElementLocated(By.id("review-result"), "已通过 1 条"));
    assertEquals("APPROVED", api.get("api/v1/services/" + id, supervisor).json().getString("status"));

    bureau.navigate().refresh();
    waitFor(bureau).until(d -> "1".equals(approvedShown(bureau, s)));
    screenshot(bureau, "bureau-projects");
  }

  @Test
  void aVisitLoggedOfflineIsKeptOnTheDeviceAndSentExactlyOnceEvenAcrossAnEndedSession() {
    Setting s = setting();
    ChromeDriver phone = browsers.open(360, 780);
    login(phone, "chunhui-sw", "worker", Api.DEMO_PASSWORD);
    waitFor(phone).until(ExpectedConditions.elementToBeClickable(By.cssSelector("a[data-child='" + s.child() + "']"))).click();
    waitFor(phone).until(ExpectedConditions.visibilityOfElementLocated(By.id("visit-form")));
    fillVisit(phone, LocalDate.now(CHINA).minusDays(9), "19:00", "19:40", "祖母照料尚可");

    offline(phone, true);
    phone.findElement(By.id("visit-submit")).click();
    waitFor(phone).until(d -> "1".equals(pending(phone)));
    assertTrue(String.valueOf(phone.executeScript("return document.getElementById('pending').textContent;")).contains("待发送 1 条"));
    assertTrue(phone.findElement(By.id("outbox")).isDisplayed(), "the waiting record is listed");
    assertEquals(0, queue(s.project(), "SUBMITTED").size(), "nothing reached the server");

    // The session ends while the phone is offline (its refresh token is refused too, as after a revocation): the
    // server refuses both once the network is back.
    phone.executeScript("const s = JSON.parse(localStorage.getItem('shouhu.session'));"
        + "s.token = 'eyJhbGciOiJSUzI1NiJ9.e30.c2lnbmF0dXJl'; s.refreshToken = s.refreshToken.slice(0, 37) + 'x'.repeat(43);"
        + "localStorage.setItem('shouhu.session', JSON.stringify(s));");
    offline(phone, false);
    assertEquals("1", pending(phone), "still waiting");
    phone.executeScript("window.dispatchEvent(new Event('online'));");
    waitFor(phone).until(ExpectedConditions.visibilityOfElementLocated(By.id("login-expired")));
    assertTrue(phone.findElement(By.id("login-waiting")).getText().contains("1"), "the login screen says one record waits");
    assertEquals(0, queue(s.project(), "SUBMITTED").size(), "an expired session sends nothing");

    phone.findElement(By.name("password")).sendKeys(Api.DEMO_PASSWORD);
    phone.findElement(By.id("login-submit")).click();
    waitFor(phone).until(d -> "0".equals(pending(phone)));
    List<JsonObject> stored = queue(s.project(), "SUBMITTED");
    assertEquals(1, stored.size(), "sent once: " + stored);
    assertEquals("祖母照料尚可", stored.get(0).getJsonObject("homeVisit").getJsonObject("findings")
        .getJsonObject("GUARDIANSHIP").getString("note"));

    // Sending again (a retry after a lost answer) replays the first answer: still one record.
    phone.executeScript("window.dispatchEvent(new Event('online'));");
    assertEquals(1, queue(s.project(), "SUBMITTED").size());
  }

  @Test
  void theLanguageSwitchTranslatesTheScreenAndBothCataloguesHoldTheSameKeys() {
    ChromeDriver phone = browsers.open(360, 780);
    login(phone, "chunhui-sw", "worker", Api.DEMO_PASSWORD);
    waitFor(phone).until(ExpectedConditions.textToBe(By.id("nav-today"), "今日"));
    assertEquals("zh-CN", phone.findElement(By.tagName("html")).getAttribute("lang"));
    phone.findElement(By.id("lang")).click();
    waitFor(phone).until(ExpectedConditions.textToBe(By.id("nav-today"), "Today"));
    assertEquals("en", phone.findElement(By.tagName("html")).getAttribute("lang"));
    waitFor(phone).until(ExpectedConditions.textToBe(By.tagName("h1"), "Today"));
    assertEquals("Log out", phone.findElement(By.id("logout")).getText());
    String text = phone.findElement(By.tagName("body")).getText();
    assertFalse(text.matches("(?s).*\\b(app|nav|today|login|outbox|visit)\\.[a-zA-Z]+.*"), "no untranslated key: " + text);
    phone.findElement(By.id("lang")).click();
    waitFor(phone).until(ExpectedConditions.textToBe(By.id("nav-today"), "今日"));

    Object missing = phone.executeAsyncScript(
        "const done = arguments[arguments.length - 1];"
            // Each language is its core (the first screen's words) and its screens' words: compared merged.
            + "Promise.all(['zh-CN.js', 'zh-CN.screens.js', 'en.js', 'en.screens.js'].map(f => import('./js/messages/' + f)))"
            + ".then(([zh, zhScreens, en, enScreens]) => {"
            + "  const a = [...Object.keys(zh.default), ...Object.keys(zhScreens.default)];"
            + "  const b = [...Object.keys(en.default), ...Object.keys(enScreens.default)];"
            + "  const twice = [zh, en].flatMap((core, i) => Object.keys(core.default)"
            + "    .filter(k => k in [zhScreens, enScreens][i].default).map(k => 'in both files: ' + k));"
            + "  done(a.filter(k => !b.includes(k)).concat(b.filter(k => !a.includes(k)), twice).join(','));"
            + "}).catch(e => done('failed: ' + e));");
    assertEquals("", missing, "keys in one language only, or in both files of a language");
  }

  @Test
  void loginExplainsAWrongPasswordALockoutAndForcesATemporaryPasswordToBeChanged() {
    String admin = api.login("chunhui-sw", "admin", Api.DEMO_PASSWORD);
    String username = "web" + ThreadLocalRandom.current().nextInt(10_000, 99_999);
    var created = api.post("api/v1/users", admin,
        "{\"username\":\"" + username + "\",\"displayName\":\"刘社工\",\"roles\":[\"SOCIAL_WORKER\"]}");
    assertEquals(201, created.status(), created.body());
    String temporary = created.json().getString("temporaryPassword");

    ChromeDriver phone = browsers.open(360, 780);
    phone.get(base.toString());
    waitFor(phone).until(ExpectedConditions.visibilityOfElementLocated(By.id("login-submit"))).click();
    waitFor(phone).until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[data-field=tenant] .field-error"), "必填"));

    typeLogin(phone, "chunhui-sw", username, "wrong-password-1");
    waitFor(phone).until(ExpectedConditions.textToBe(By.id("login-error"), "机构代码、用户名或密码不正确。"));
    for (int i = 2; i <= 5; i++) {
      phone.findElement(By.name("password")).sendKeys("wrong-password-" + i);
      phone.findElement(By.id("login-submit")).click();
      waitFor(phone).until(d -> d.findElement(By.id("login-submit")).getAttribute("disabled") == null);
      waitFor(phone).until(ExpectedConditions.attributeToBe(By.name("password"), "value", ""));
    }
    phone.findElement(By.name("password")).sendKeys(temporary);
    phone.findElement(By.id("login-submit")).click();
    waitFor(phone).until(ExpectedConditions.textToBePresentInElementLocated(By.id("login-error"), "账号已锁定"));
    assertTrue(phone.findElement(By.id("login-error")).getText().contains("15 分钟"), phone.findElement(By.id("login-error")).getText());

    var reset = api.post("api/v1/users/" + created.json().getJsonObject("user").getString("id") + "/password-reset", admin, "");
    assertEquals(200, reset.status(), reset.body());
    String second = reset.json().getString("temporaryPassword");
    phone.navigate().refresh();
    typeLogin(phone, "chunhui-sw", username, second);
    waitFor(phone).until(ExpectedConditions.visibilityOfElementLocated(By.id("must-change")));
    phone.findElement(By.name("currentPassword")).sendKeys(second);
    phone.findElement(By.name("newPassword")).sendKeys("Tianmen-visits-2026");
    phone.findElement(By.name("confirm")).sendKeys("Tianmen-visits-2026");
    phone.findElement(By.cssSelector("form button[type=submit]")).click();
    waitFor(phone).until(ExpectedConditions.textToBe(By.id("nav-today"), "今日"));
    assertEquals(200, api.loginAttempt("chunhui-sw", username, "Tianmen-visits-2026", null).status());
  }

  @Test
  void anAdministratorImportsTheLedgerAndSeesItsProgressAndRefusedRowsAndEveryRoleReachesItsScreens() {
    ChromeDriver desk = browsers.open(1280, 1000);
    login(desk, "chunhui-sw", "admin", Api.DEMO_PASSWORD);
    desk.findElement(By.id("nav-registry")).click();
    WebElement file = waitFor(desk).until(ExpectedConditions.presenceOfElementLocated(By.name("ledger")));
    file.sendKeys(Path.of(System.getProperty("shouhu.tenants.dir"), "chunhui-sw", "ledger-sample.csv").toAbsolutePath().toString());
    desk.findElement(By.id("import-submit")).click();
    waitFor(desk).until(ExpectedConditions.textToBePresentInElementLocated(By.id("import-status"), "已完成"));
    String status = desk.findElement(By.id("import-status")).getText();
    assertTrue(status.contains("30 / 30") && status.contains("拒绝 3"), status);
    waitFor(desk).until(d -> d.findElements(By.cssSelector("#import-rejections tbody tr")).size() == 3);
    assertEquals("30", desk.findElement(By.id("import-progress")).getAttribute("value"));

    desk.findElement(By.id("nav-users")).click();
    String users = waitFor(desk).until(ExpectedConditions.presenceOfElementLocated(By.id("users-table"))).getText();
    assertTrue(users.contains("supervisor") && users.contains("王督导"), users);
    desk.findElement(By.id("nav-review")).click();
    waitFor(desk).until(ExpectedConditions.textToBe(By.tagName("h1"), "审核"));
    desk.findElement(By.id("nav-registry")).click();
    waitFor(desk).until(ExpectedConditions.presenceOfElementLocated(By.id("registry-table")));
    assertTrue(desk.findElement(By.id("registry-table")).getText().contains("*"), "the register is masked");

    ChromeDriver bureau = browsers.open(1280, 1000);
    login(bureau, "tianmen-mzj", "officer", Api.DEMO_PASSWORD);
    bureau.findElement(By.id("nav-incidents")).click();
    waitFor(bureau).until(ExpectedConditions.textToBe(By.tagName("h1"), "强制报告"));
    assertTrue(bureau.findElements(By.id("nav-review")).isEmpty(), "the bureau has no review queue");

    ChromeDriver platform = browsers.open(1280, 1000);
    login(platform, "platform", "operator", Api.DEMO_PASSWORD);
    waitFor(platform).until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "chunhui-sw"));
  }

  @Test
  void theScreensOwnEndpointsShowDeliveryToBothPartiesOnlyAndAWorkerOnlyTheirOwnRecords() {
    Setting s = setting();
    LocalDate day = LocalDate.now(CHINA).minusDays(10);
    String visit = "{\"projectId\":\"" + s.project() + "\",\"deliverableId\":\"" + s.homeVisits() + "\","
        + "\"startedAt\":\"" + day.atTime(19, 0).atZone(CHINA).toOffsetDateTime() + "\","
        + "\"endedAt\":\"" + day.atTime(19, 30).atZone(CHINA).toOffsetDateTime() + "\",\"placeCode\":\"429006104201\","
        + "\"participants\":[\"" + s.child() + "\"],\"homeVisit\":{\"present\":\"GUARDIAN\",\"riskAfter\":\"LOW\","
        + "\"findings\":[{\"area\":\"LIVING_CONDITIONS\",\"rating\":4},{\"area\":\"SAFETY\",\"rating\":4},"
        + "{\"area\":\"SCHOOLING\",\"rating\":4},{\"area\":\"HEALTH\",\"rating\":4},{\"area\":\"GUARDIANSHIP\",\"rating\":4}]},"
        + "\"submit\":true}";
    var logged = api.post("api/v1/services", worker, visit);
    assertEquals(201, logged.status(), logged.body());
    String id = logged.json().getString("id");
    String delivery = "api/v1/reports/projects/" + s.project() + "/progress";
    assertEquals(0, api.get(delivery, officer).json().getJsonArray("deliverables").getJsonObject(0).getInt("approved"),
        "submitted is not delivered");
    assertEquals(1, api.post("api/v1/services/review", supervisor, "{\"ids\":[\"" + id + "\"],\"action\":\"APPROVE\"}")
        .json().getInt("approved"));

    var seenByBureau = api.get(delivery, officer);
    assertEquals(200, seenByBureau.status(), seenByBureau.body());
    assertEquals(1, seenByBureau.json().getJsonArray("deliverables").getJsonObject(0).getInt("approved"));
    assertEquals(40, seenByBureau.json().getJsonArray("deliverables").getJsonObject(0).getInt("target"));
    assertEquals(1, api.get(delivery, worker).json().getJsonArray("deliverables").getJsonObject(0).getInt("approved"));
    String stranger = api.login("shouwang-sw", "admin", Api.DEMO_PASSWORD);
    assertEquals(404, api.get(delivery, stranger).status(), "a third tenant does not learn the project exists");
    assertEquals(404, api.get("api/v1/reports/projects/" + java.util.UUID.randomUUID() + "/progress", officer).status());

    var mine = api.get("api/v1/services/mine?status=APPROVED&limit=200", worker);
    assertEquals(200, mine.status(), mine.body());
    assertTrue(mine.json().getJsonArray("items").getValuesAs(JsonObject.class).stream().anyMatch(r -> r.getString("id").equals(id)));
    assertEquals("SVC_STATUS_UNKNOWN", api.get("api/v1/services/mine?status=LOST", worker).fieldCode("status"));
    assertEquals(403, api.get("api/v1/services/mine", supervisor).status(), "supervisors read the review queue");
    String admin = api.login("chunhui-sw", "admin", Api.DEMO_PASSWORD);
    String username = "mine" + ThreadLocalRandom.current().nextInt(10_000, 99_999);
    assertEquals(201, api.post("api/v1/users", admin, "{\"username\":\"" + username + "\",\"displayName\":\"赵社工\","
        + "\"roles\":[\"SOCIAL_WORKER\"],\"password\":\"Own-records-2026-Tianmen\"}").status());
    String colleague = api.login("chunhui-sw", username, "Own-records-2026-Tianmen");
    assertEquals(0, api.get("api/v1/services/mine", colleague).json().getInt("total"), "another worker's records are not mine");
  }

  // --- the browser ---------------------------------------------------------------------------------------------

  private void login(ChromeDriver browser, String tenant, String username, String password) {
    Browsers.login(browser, base, tenant, username, password);
  }

  /** A home visit's form filled as a worker would (SessionsBrowserIT fills it the same way). */
  static void fillVisit(ChromeDriver browser, LocalDate day, String from, String to, String guardianshipNote) {
    // Date and time pickers differ per locale; set their values as the picker would.
    browser.executeScript(
        "const set = (name, v) => { const el = document.querySelector(`[name='${name}']`); el.value = v;"
            + " el.dispatchEvent(new Event('input', {bubbles: true})); };"
            + "set('startedAt', arguments[0]); set('from', arguments[1]); set('endedAt', arguments[2]);",
        day.toString(), from, to);
    browser.findElement(By.cssSelector("label[for='present-ENTRUSTED_GUARDIAN']")).click();
    for (String area : List.of("LIVING_CONDITIONS", "SAFETY", "SCHOOLING", "HEALTH", "GUARDIANSHIP")) {
      browser.findElement(By.cssSelector("label[for='rating-" + area + "-" + ("GUARDIANSHIP".equals(area) ? "3" : "4") + "']")).click();
    }
    browser.findElement(By.id("note-GUARDIANSHIP")).sendKeys(guardianshipNote);
    browser.findElement(By.cssSelector("label[for='homeVisit.riskAfter-MEDIUM']")).click();
    browser.findElement(By.name("homeVisit.followUp")).sendKeys("联系学校了解出勤");
  }

  private String approvedShown(ChromeDriver browser, Setting s) {
    By count = By.cssSelector("section[data-project='" + s.project() + "'] tr[data-kind='HOME_VISIT'] .count");
    return waitFor(browser).until(ExpectedConditions.presenceOfElementLocated(count)).getAttribute("data-approved");
  }

  // --- the API, for setting up and checking ----------------------------------------------------------------------

  private List<JsonObject> queue(String project, String status) {
    var reply = api.get("api/v1/services/review?status=" + status + "&project=" + project, supervisor);
    assertEquals(200, reply.status(), reply.body());
    return reply.json().getJsonArray("items").getValuesAs(JsonObject.class);
  }

  /** An active project of chunhui-sw in 多宝镇 with a home-visit deliverable and one enrolled child. */
  private Setting setting() {
    LocalDate today = LocalDate.now(CHINA);
    String title = "多宝镇关爱 WEB-" + ThreadLocalRandom.current().nextInt(1_000_000);
    var created = api.post("api/v1/projects", officer, "{\"contractNumber\":\"WEB-" + ThreadLocalRandom.current().nextInt(1_000_000)
        + "\",\"title\":\"" + title + "\",\"organizationId\":\"" + orgId + "\",\"budget\":120000,"
        + "\"periodStart\":\"" + today.minusMonths(6) + "\",\"periodEnd\":\"" + today.plusMonths(6) + "\","
        + "\"coveredTowns\":[\"429006104\"],\"targetGroups\":[\"LEFT_BEHIND_CHILD\"],"
        + "\"deliverables\":[{\"kind\":\"HOME_VISIT\",\"unit\":\"VISIT\",\"target\":40,"
        + "\"targetGroup\":\"LEFT_BEHIND_CHILD\",\"minimumPerBeneficiary\":1,\"cadence\":\"MONTH\"}],"
        + "\"lockDays\":90}");
    assertEquals(201, created.status(), created.body());
    String project = created.json().getString("id");
    String homeVisits = created.json().getJsonArray("deliverables").getJsonObject(0).getString("id");
    assertEquals(200, api.post("api/v1/projects/" + project + "/activate", officer, "").status());
    String body = "{\"name\":\"王小花\",\"villageCode\":\"429006104201\",\"categories\":[\"LEFT_BEHIND_CHILD\"],"
        + "\"citizenId\":\"" + Api.citizenId(LocalDate.of(2013, 1, 1).plusDays(ThreadLocalRandom.current().nextInt(2500))) + "\","
        + "\"consent\":{\"givenOn\":\"2024-09-01\",\"givenBy\":\"王秀英\",\"relationship\":\"GRANDPARENT\",\"method\":\"WRITTEN\"}}";
    var registered = api.post("api/v1/beneficiaries", worker, body);
    assertEquals(201, registered.status(), registered.body());
    String child = registered.json().getString("id");
    var enrolled = api.post("api/v1/projects/" + project + "/enrolments", worker, "{\"beneficiaryId\":\"" + child + "\"}");
    assertEquals(201, enrolled.status(), enrolled.body());
    return new Setting(project, title, homeVisits, child);
  }
}
