package org.shouhu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.shouhu.Browsers.assertScreenClean;
import static org.shouhu.Browsers.screenshot;
import static org.shouhu.Browsers.waitFor;

import jakarta.json.JsonObject;
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
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * A counseling case's whole life on 360 px phones in Debian's headless Chromium: the org admin enrols the child into
 * the project from the register, then the worker opens the case from
 * their caseload (referral, presenting problems, the grandmother's consent), records the assessment, writes a plan
 * with two goals (what, by when, how measured) and a session every two weeks, logs two sessions in the counseling
 * form with progress per goal, and proposes closure with an outcome per goal; the supervisor returns it with a
 * reason (required), the worker sees the reason and proposes again, the supervisor confirms. Every screen on the way
 * passes {@link Browsers#assertScreenClean} in Chinese and in English.
 *
 * <p>Arranged through the API, as other roles' work: the bureau's project, the child's registration (the register's
 * import is proven in RegisterBrowserIT) and the supervisor's approval of the two sessions
 * (the review queue's own test covers that screen).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class CounselingCasesBrowserIT {

  private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
  private static final String PASSWORD = "Counseling-cases-2026";

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.application();
  }

  @ArquillianResource URL base;
  Api api;
  String officer;
  String supervisor;
  String orgId;
  final Browsers browsers = new Browsers();

  @BeforeEach
  void parties() throws Exception {
    api = new Api(base);
    officer = api.login("tianmen-mzj", "officer", Api.DEMO_PASSWORD);
    supervisor = api.login("chunhui-sw", "supervisor", Api.DEMO_PASSWORD);
    orgId = com.nimbusds.jwt.SignedJWT.parse(supervisor).getJWTClaimsSet().getStringClaim("tenant_id");
  }

  @AfterEach
  void closeBrowsers() throws Exception {
    browsers.close();
  }

  @Test
  void aWorkerTakesACaseFromIntakeToClosureAndTheSupervisorReturnsThenConfirmsIt() throws Exception {
    LocalDate today = LocalDate.now(CHINA);
    String username = "cases" + ThreadLocalRandom.current().nextInt(10_000, 99_999);
    String admin = api.login("chunhui-sw", "admin", Api.DEMO_PASSWORD);
    var user = api.post("api/v1/users", admin, "{\"username\":\"" + username + "\",\"displayName\":\"周社工\","
        + "\"roles\":[\"SOCIAL_WORKER\"],\"password\":\"" + PASSWORD + "\"}");
    assertEquals(201, user.status(), user.body());
    String worker = api.login("chunhui-sw", username, PASSWORD);
    String project = project();
    String name = "陈" + ThreadLocalRandom.current().ints(2, 0, 15).mapToObj(i -> String.valueOf("雨晴岚溪雪霜露云霞虹星月晨曦竹".charAt(i)))
        .collect(java.util.stream.Collectors.joining());
    String child = api.registerChild(admin, name);

    // The org admin enrols her into the project from the register (#12's first step, in the browser).
    ChromeDriver register = browsers.open(360, 780);
    Browsers.login(register, base, "chunhui-sw", "admin", Api.DEMO_PASSWORD);
    register.get(base + "#/registry");
    waitFor(register).until(ExpectedConditions.visibilityOfElementLocated(By.name("q"))).sendKeys(name);
    register.findElement(By.cssSelector("form.filters button[type=submit]")).click();
    waitFor(register).until(d -> d.findElements(By.cssSelector("#registry-table li.person")).size() == 1);
    new Select(register.findElement(By.id("enrol-project"))).selectByValue(project);
    register.findElement(By.cssSelector("#enrol-form label.check")).click();
    waitFor(register).until(d -> d.findElements(By.cssSelector("#registry-table input[name=pick]:checked")).size() == 1);
    register.findElement(By.id("enrol-submit")).click();
    waitFor(register).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#enrol-results li[data-result=enrolled]")));
    assertEquals(1, api.get("api/v1/projects/" + project + "/enrolments", admin).json().getInt("total"));

    // The worker: My cases, then intake choosing project and child from the caseload.
    ChromeDriver phone = browsers.open(360, 780);
    Browsers.login(phone, base, "chunhui-sw", username, PASSWORD);
    waitFor(phone).until(ExpectedConditions.elementToBeClickable(By.id("nav-cases"))).click();
    waitFor(phone).until(ExpectedConditions.visibilityOfElementLocated(By.id("new-case")));
    Browsers.assertCleanInBothLanguages(phone, "my cases (empty)", By.id("new-case"));
    phone.findElement(By.id("new-case")).click();
    waitFor(phone).until(ExpectedConditions.visibilityOfElementLocated(By.id("intake-form")));
    Browsers.assertCleanInBothLanguages(phone, "intake", By.id("intake-form"));
    new Select(phone.findElement(By.name("projectId"))).selectByValue(project);
    new Select(phone.findElement(By.name("beneficiaryId"))).selectByValue(child);
    new Select(phone.findElement(By.name("referralSource"))).selectByValue("CHILD_DIRECTOR");
    phone.findElement(By.name("presentingIssue")).sendKeys("父母外出务工后情绪低落，三周没有上学");
    phone.findElement(By.id("intake-submit")).click();
    waitFor(phone).until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[data-field='consent'] .field-error"), "同意"));
    assertEquals("未成年人接案须记录知情同意", phone.findElement(By.cssSelector("[data-field='consent'] .field-error")).getText(),
        "a child is not taken in without consent, said in words");
    Browsers.consoleErrors(phone); // the refused request (422) is logged by the browser: expected here
    phone.findElement(By.name("consent.givenBy")).sendKeys("陈秀英");
    new Select(phone.findElement(By.name("consent.relationship"))).selectByValue("GRANDPARENT");
    phone.findElement(By.id("intake-submit")).click();
    waitFor(phone).until(d -> d.getCurrentUrl().matches(".*#/cases/[0-9a-f-]{36}$"));
    String caseId = phone.getCurrentUrl().replaceAll(".*#/cases/", "");
    status(phone, "INTAKE");
    assertTrue(phone.findElement(By.id("intake")).getText().contains("儿童主任"));
    assertTrue(phone.findElement(By.id("intake")).getText().contains("陈秀英"));
    Browsers.assertCleanInBothLanguages(phone, "case at intake", By.id("assess-form"));

    phone.findElement(By.name("assessment")).sendKeys("抑郁情绪中度；祖母照料能力有限；与班主任关系良好");
    phone.findElement(By.id("assess-form-submit")).click();
    status(phone, "ASSESSED");
    Browsers.assertCleanInBothLanguages(phone, "case assessed, plan form", By.id("plan-form"));

    // The plan: two goals, each with what, by when and how measured, and a session every two weeks.
    LocalDate due = today.plusMonths(3);
    phone.findElement(By.name("goals[0].goal")).sendKeys("恢复正常上学");
    date(phone, "goals[0].dueOn", due);
    phone.findElement(By.name("goals[0].measure")).sendKeys("班主任反馈每周出勤五天");
    phone.findElement(By.id("add-goal")).click();
    waitFor(phone).until(ExpectedConditions.visibilityOfElementLocated(By.name("goals[1].goal"))).sendKeys("每周与父母视频通话");
    date(phone, "goals[1].dueOn", due);
    phone.findElement(By.name("goals[1].measure")).sendKeys("祖母确认通话记录");
    new Select(phone.findElement(By.name("sessionEveryDays"))).selectByValue("14");
    phone.findElement(By.id("plan-form-submit")).click();
    status(phone, "PLANNED");
    assertEquals(2, phone.findElements(By.cssSelector("#goals li")).size());
    assertTrue(phone.findElement(By.id("next-session")).getText().contains("下次面谈"), "the next session is computed from the plan");
    Browsers.assertCleanInBothLanguages(phone, "case planned", By.id("log-session"));
    phone.executeScript("document.getElementById('plan').scrollIntoView()");
    screenshot(phone, "cases-case-planned");

    // Two sessions with progress per goal, logged from the case.
    session(phone, caseId, today.minusDays(3), "SOME_PROGRESS", "NOT_STARTED", true);
    session(phone, caseId, today.minusDays(1), "ACHIEVED", "SOME_PROGRESS", false);
    List<JsonObject> queue = api.get("api/v1/services/review?status=SUBMITTED&kind=COUNSELING_SESSION&project=" + project, supervisor)
        .json().getJsonArray("items").getValuesAs(JsonObject.class);
    assertEquals(2, queue.size());
    JsonObject first = queue.stream().filter(r -> r.getJsonObject("session").getInt("number") == 1).findFirst().orElseThrow();
    var progress = first.getJsonObject("session").getJsonArray("goalProgress");
    assertEquals("恢复正常上学", progress.getJsonObject(0).getString("goal"));
    assertEquals("SOME_PROGRESS", progress.getJsonObject(0).getString("progress"));
    assertEquals("本周去了三天", progress.getJsonObject(0).getString("note"));
    // Arranged: the supervisor approves both sessions in the review queue (that screen's test is the review's own).
    String ids = String.join("\",\"", queue.stream().map(r -> r.getString("id")).toList());
    assertEquals(2, api.post("api/v1/services/review", supervisor, "{\"ids\":[\"" + ids + "\"],\"action\":\"APPROVE\"}").json().getInt("approved"));

    // The worker proposes closure with an outcome per goal.
    show(phone, "#/cases/" + caseId);
    waitFor(phone).until(ExpectedConditions.visibilityOfElementLocated(By.id("closure-form")));
    assertEquals(2, phone.findElements(By.cssSelector("#session-list li")).size());
    assertTrue(phone.findElement(By.id("goals")).getText().contains("已达成（第 2 次面谈）"), phone.findElement(By.id("goals")).getText());
    assertTrue(phone.findElement(By.id("session-list")).getText().contains("有保密记录"), "that a note exists, never the note");
    assertFalse(phone.findElement(By.tagName("main")).getText().contains("孩子说"), "the note is never shown");
    propose(phone, "PARTLY", "PARTLY_MET");
    status(phone, "CLOSING");
    Browsers.assertCleanInBothLanguages(phone, "case closing (worker)", By.id("awaiting"));

    // The supervisor sees the closure first, returns it without a reason (refused) and then with one.
    ChromeDriver desk = browsers.open(360, 780);
    Browsers.login(desk, base, "chunhui-sw", "supervisor", Api.DEMO_PASSWORD);
    desk.findElement(By.id("nav-cases")).click();
    waitFor(desk).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#closing-cases li[data-case='" + caseId + "']")));
    assertTrue(desk.findElement(By.cssSelector("#closing-cases li[data-case='" + caseId + "']")).getText().contains("周社工"),
        "whose case it is");
    Browsers.assertCleanInBothLanguages(desk, "cases (supervisor)", By.id("closing-cases"));
    desk.findElement(By.cssSelector("#closing-cases li[data-case='" + caseId + "'] a")).click();
    waitFor(desk).until(ExpectedConditions.visibilityOfElementLocated(By.id("return-form")));
    Browsers.assertCleanInBothLanguages(desk, "case closing (supervisor)", By.id("return-form"));
    screenshot(desk, "cases-supervisor-closure");
    desk.findElement(By.id("return-form-submit")).click();
    waitFor(desk).until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#return-form [data-field='comment'] .field-error"), "必填"));
    desk.findElement(By.name("comment")).sendKeys("目标二只是部分达成，请再安排两次面谈后再结案");
    desk.findElement(By.id("return-form-submit")).click();
    status(desk, "PLANNED");

    // The worker sees why and proposes again once goal two is achieved.
    show(phone, "#/cases/" + caseId);
    waitFor(phone).until(ExpectedConditions.textToBePresentInElementLocated(By.id("closure-returned"), "请再安排两次面谈"));
    Browsers.assertCleanInBothLanguages(phone, "case returned (worker)", By.id("closure-form"));
    propose(phone, "ACHIEVED", "GOALS_MET");
    status(phone, "CLOSING");

    show(desk, "#/cases/" + caseId);
    waitFor(desk).until(ExpectedConditions.elementToBeClickable(By.id("confirm-form-submit"))).click();
    status(desk, "CLOSED");
    Browsers.assertCleanInBothLanguages(desk, "case closed (supervisor)", By.id("closure"));
    show(phone, "#/cases");
    waitFor(phone).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#ended-cases li[data-case='" + caseId + "']")));
    Browsers.assertCleanInBothLanguages(phone, "my cases", By.id("ended-cases"));

    // From the child's record the intake opens with project and child chosen.
    show(phone, "#/cases/new?project=" + project + "&child=" + child);
    waitFor(phone).until(ExpectedConditions.visibilityOfElementLocated(By.id("intake-form")));
    assertEquals(project, new Select(phone.findElement(By.name("projectId"))).getFirstSelectedOption().getAttribute("value"));
    assertEquals(child, new Select(phone.findElement(By.name("beneficiaryId"))).getFirstSelectedOption().getAttribute("value"));

    JsonObject closed = api.get("api/v1/cases/" + caseId, worker).json();
    assertEquals("CLOSED", closed.getString("status"));
    assertEquals("GOALS_MET", closed.getString("outcome"));
    assertEquals("ACHIEVED", closed.getJsonArray("goals").getJsonObject(1).getString("outcome"));
    assertEquals("CHILD_DIRECTOR", closed.getString("referralSource"));
    assertEquals("GRANDPARENT", closed.getJsonObject("consent").getString("relationship"));
    assertTrue(closed.getBoolean("countsTowardDeliverable"), "the intake named the project's one CASE deliverable");
  }

  /** Logs a session from the case screen with the two goals' progress; the worker lands on Today. */
  private void session(ChromeDriver phone, String caseId, LocalDate day, String goal1, String goal2, boolean check) {
    show(phone, "#/cases/" + caseId);
    waitFor(phone).until(ExpectedConditions.elementToBeClickable(By.id("log-session"))).click();
    waitFor(phone).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#goal-progress fieldset[data-goal='2']")));
    assertEquals(caseId, new Select(phone.findElement(By.name("case"))).getFirstSelectedOption().getAttribute("value"));
    assertFalse(phone.findElement(By.id("progress-1-NOT_STARTED")).isSelected(), "no rating the worker did not choose");
    if (check) Browsers.assertCleanInBothLanguages(phone, "counseling form with goals", By.id("goal-progress"));
    phone.executeScript(
        "const set = (name, v) => { const el = document.querySelector(`[name='${name}']`); el.value = v;"
            + " el.dispatchEvent(new Event('input', {bubbles: true})); el.dispatchEvent(new Event('change', {bubbles: true})); };"
            + "set('startedAt', arguments[0]); set('from', '10:00'); set('endedAt', '10:50');", day.toString());
    phone.findElement(By.cssSelector("label[for='progress-1-" + goal1 + "']")).click();
    phone.findElement(By.cssSelector("label[for='progress-2-" + goal2 + "']")).click();
    if (check) phone.findElement(By.name("progress-note-1")).sendKeys("本周去了三天");
    phone.findElement(By.name("note")).sendKeys("孩子说想妈妈");
    phone.findElement(By.id("counseling-submit")).click();
    waitFor(phone).until(d -> d.getCurrentUrl().endsWith("#/today"));
  }

  private static void propose(ChromeDriver phone, String goal2, String outcome) {
    waitFor(phone).until(ExpectedConditions.visibilityOfElementLocated(By.id("closure-form")));
    phone.findElement(By.cssSelector("label[for='goal-outcome-1-ACHIEVED']")).click();
    phone.findElement(By.cssSelector("label[for='goal-outcome-2-" + goal2 + "']")).click();
    new Select(phone.findElement(By.name("outcome"))).selectByValue(outcome);
    phone.findElement(By.name("summary")).sendKeys("已恢复上学，与父母每周通话");
    phone.findElement(By.id("closure-form-submit")).click();
  }

  /** Opens the route, reloading when the browser is already there (going to the same URL redraws nothing). */
  private void show(ChromeDriver browser, String hash) {
    if (browser.getCurrentUrl().endsWith(hash)) {
      browser.navigate().refresh();
    } else {
      browser.get(base + hash);
    }
  }

  /** Waits for the case screen to show this state. */
  private static void status(ChromeDriver browser, String status) {
    waitFor(browser).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#case-status[data-status='" + status + "']")));
  }

  private static void date(ChromeDriver browser, String name, LocalDate value) {
    browser.executeScript("const el = document.querySelector(`[name='${arguments[0]}']`); el.value = arguments[1];"
        + " el.dispatchEvent(new Event('change', {bubbles: true}));", name, value.toString());
  }

  /** An active project of chunhui-sw with one CASE and one COUNSELING_SESSION deliverable (the bureau's, arranged). */
  private String project() {
    return api.activeProject(officer, orgId, "多宝镇个案 CASES", "[{\"kind\":\"CASE\",\"unit\":\"CASE\",\"target\":10},"
        + "{\"kind\":\"COUNSELING_SESSION\",\"unit\":\"SESSION\",\"target\":60}]").getString("id");
  }
}
