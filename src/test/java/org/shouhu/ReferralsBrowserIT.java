package org.shouhu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.shouhu.Browsers.assertScreenClean;
import static org.shouhu.Browsers.waitFor;

import com.nimbusds.jwt.SignedJWT;
import java.net.URL;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.concurrent.ThreadLocalRandom;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * A referral's whole path through both organizations' screens on 360 px phones (#17): 春晖's worker refers a child
 * from the child's record to 守望; 守望's supervisor finds it in the inbox with the shared particulars masked, accepts
 * it into one of 守望's projects and opens the person now in 守望's own register; the worker sees the answer on the
 * child's record and in the sent list; the bureau's officer sees the figures, no person; an outside-agency referral
 * comes up on the worker's Today when its follow-up is due. Every screen passes {@link Browsers#assertScreenClean}
 * in Chinese and in English.
 *
 * <p>Arranged through the API, as other roles' work: the bureau's projects, the child's registration and the agency
 * referral whose follow-up is due.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ReferralsBrowserIT {

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.application();
  }

  @ArquillianResource URL base;
  final Browsers browsers = new Browsers();

  @AfterEach
  void closeBrowsers() throws Exception {
    browsers.close();
  }

  @Test
  void aChildIsReferredAcceptedIntoTheOtherOrganizationAndCountedByTheBureau() throws Exception {
    Api api = new Api(base);
    String officer = api.login("tianmen-mzj", "officer", Api.DEMO_PASSWORD);
    String workerA = api.login("chunhui-sw", "worker", Api.DEMO_PASSWORD);
    String orgA = SignedJWT.parse(workerA).getJWTClaimsSet().getStringClaim("tenant_id");
    String orgB = SignedJWT.parse(api.login("shouwang-sw", "worker", Api.DEMO_PASSWORD)).getJWTClaimsSet()
        .getStringClaim("tenant_id");
    String deliverables = "[{\"kind\":\"HOME_VISIT\",\"unit\":\"VISIT\",\"target\":100}]";
    api.activeProject(officer, orgA, "春晖关爱", deliverables);
    String projectB = api.activeProject(officer, orgB, "守望心理", deliverables).getString("id");
    String name = "孙" + "晓明晨曦雨".charAt(ThreadLocalRandom.current().nextInt(5)) + "宇";
    String child = api.registerChild(workerA, name);

    // 春晖's worker refers the child from the child's record.
    ChromeDriver phone = browsers.open(360, 780);
    Browsers.login(phone, base, "chunhui-sw", "worker", Api.DEMO_PASSWORD);
    phone.get(base + "#/person/" + child);
    Browsers.assertCleanInBothLanguages(phone, "child's record, not referred", By.id("person-refer"));
    Browsers.tap(phone, phone.findElement(By.id("person-refer")));
    Browsers.assertCleanInBothLanguages(phone, "refer form", By.id("refer-form"));
    new Select(phone.findElement(By.id("refer-receiver"))).selectByValue(orgB);
    phone.findElement(By.id("refer-reason")).sendKeys("近期情绪低落，需要心理辅导");
    phone.findElement(By.id("refer-services")).sendKeys("个案心理辅导");
    Browsers.tap(phone, phone.findElement(By.id("refer-submit")));
    waitFor(phone).until(ExpectedConditions.textToBePresentInElementLocated(By.id("refer-consent-error"), "监护人"));
    Browsers.consoleErrors(phone); // the refused request is logged by the browser: expected here
    phone.findElement(By.id("refer-consent-by")).sendKeys("李秀英");
    new Select(phone.findElement(By.id("refer-consent-relation"))).selectByValue("GRANDPARENT");
    Browsers.tap(phone, phone.findElement(By.id("refer-submit")));
    waitFor(phone).until(d -> d.getCurrentUrl().matches(".*#/referrals/[0-9a-f-]{36}$"));
    String referral = phone.getCurrentUrl().replaceAll(".*#/referrals/", "");
    Browsers.assertCleanInBothLanguages(phone, "sent referral", By.id("withdraw-form"));
    assertTrue(phone.findElement(By.id("referral-status")).getText().contains("等待答复"));

    // 守望's supervisor: the inbox, the referral masked, acceptance into a project.
    ChromeDriver desk = browsers.open(360, 780);
    Browsers.login(desk, base, "shouwang-sw", "supervisor", Api.DEMO_PASSWORD);
    Browsers.tap(desk, waitFor(desk).until(ExpectedConditions.elementToBeClickable(By.id("nav-referrals"))));
    Browsers.assertCleanInBothLanguages(desk, "referrals inbox", By.cssSelector("#referrals-inbox li[data-referral='" + referral + "']"));
    Browsers.tap(desk, desk.findElement(By.cssSelector("#referrals-inbox li[data-referral='" + referral + "'] a")));
    Browsers.assertCleanInBothLanguages(desk, "received referral", By.id("accept-form"));
    String shared = desk.findElement(By.id("referral-shared")).getText();
    assertTrue(shared.contains(name.charAt(0) + "*" + name.charAt(2)), shared);
    assertFalse(shared.contains(name), "masked until accepted");
    new Select(desk.findElement(By.id("accept-project"))).selectByValue(projectB);
    Browsers.tap(desk, desk.findElement(By.id("accept-submit")));
    waitFor(desk).until(ExpectedConditions.visibilityOfElementLocated(By.id("referral-person")));
    Browsers.assertCleanInBothLanguages(desk, "accepted referral", By.id("referral-person"));
    Browsers.tap(desk, desk.findElement(By.id("referral-person")));
    waitFor(desk).until(ExpectedConditions.textToBePresentInElementLocated(By.id("person-name"), name));
    Browsers.assertCleanInBothLanguages(desk, "the person in 守望's register", By.id("person-name"));

    // The worker sees the answer on the child's record and in the sent list.
    phone.get(base + "#/person/" + child);
    Browsers.assertCleanInBothLanguages(phone, "child's record, referral accepted", By.cssSelector("#person-referrals li[data-status=ACCEPTED]"));
    phone.get(base + "#/referrals");
    Browsers.assertCleanInBothLanguages(phone, "referrals sent", By.cssSelector("#referrals-sent li[data-referral='" + referral + "']"));

    // The bureau sees the figures and the list, without a person.
    ChromeDriver bureau = browsers.open(360, 780);
    Browsers.login(bureau, base, "tianmen-mzj", "officer", Api.DEMO_PASSWORD);
    Browsers.tap(bureau, waitFor(bureau).until(ExpectedConditions.elementToBeClickable(By.id("nav-referralFigures"))));
    Browsers.assertCleanInBothLanguages(bureau, "bureau referral figures", By.cssSelector("#referral-figures tr[data-organization='" + orgA + "']"));
    Browsers.tap(bureau, bureau.findElement(By.cssSelector("#referral-figures tr[data-organization='" + orgA + "'] a")));
    Browsers.assertCleanInBothLanguages(bureau, "bureau referral list", By.cssSelector("#referral-figures-list li[data-referral='" + referral + "']"));
    assertFalse(bureau.findElement(By.tagName("main")).getText().contains(name.substring(1)), "no person for the bureau");

    // An agency referral due for follow-up today comes up on the worker's Today.
    LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
    var agency = api.post("api/v1/referrals/agency", workerA, "{\"beneficiaryId\":\"" + child + "\",\"agencyKind\":\"HOSPITAL\","
        + "\"agencyName\":\"天门市第一人民医院\",\"followUpOn\":\"" + today + "\",\"reason\":\"需要精神科评估\","
        + "\"services\":\"心理评估\",\"consent\":{\"givenOn\":\"" + today + "\",\"givenBy\":\"李秀英\",\"relationship\":"
        + "\"GRANDPARENT\",\"method\":\"WRITTEN\"},\"sharedFields\":[\"NAME\",\"GENDER\",\"BIRTH_DATE\"]}");
    assertEquals(201, agency.status(), agency.body());
    phone.get(base + "#/today");
    Browsers.assertCleanInBothLanguages(phone, "today with a follow-up due", By.cssSelector("#referral-follow-ups li[data-referral='"
        + agency.json().getString("id") + "']"));
    Browsers.tap(phone, phone.findElement(By.cssSelector("#referral-follow-ups li a")));
    Browsers.assertCleanInBothLanguages(phone, "agency referral", By.id("referral-letter"));
  }

  /**
   * A counseling case closed as REFERRED in the worker's phone: no open referral yet, so she refers now from the
   * closure, comes back with the new referral chosen and proposes the closure linked to it; the case then names it.
   * The project, the child's enrolment and the case's intake are arranged through the API (the cases' own browser IT
   * walks the intake); the referral and the closure are made in the browser only.
   */
  @Test
  void aCaseClosedAsReferredLinksTheReferralMadeFromIt() throws Exception {
    Api api = new Api(base);
    String officer = api.login("tianmen-mzj", "officer", Api.DEMO_PASSWORD);
    String workerA = api.login("chunhui-sw", "worker", Api.DEMO_PASSWORD);
    String orgA = SignedJWT.parse(workerA).getJWTClaimsSet().getStringClaim("tenant_id");
    String orgB = SignedJWT.parse(api.login("shouwang-sw", "worker", Api.DEMO_PASSWORD)).getJWTClaimsSet()
        .getStringClaim("tenant_id");
    // 守望 is among the receivers only once the bureau funds it (whichever test runs first).
    api.activeProject(officer, orgB, "守望心理治疗", "[{\"kind\":\"HOME_VISIT\",\"unit\":\"VISIT\",\"target\":100}]");
    var project = api.activeProject(officer, orgA, "春晖个案辅导", "[{\"kind\":\"CASE\",\"unit\":\"CASE\",\"target\":10}]");
    String deliverable = project.getJsonArray("deliverables").getJsonObject(0).getString("id");
    String name = "周" + "晓明晨曦雨".charAt(ThreadLocalRandom.current().nextInt(5)) + "涵";
    String child = api.registerChild(workerA, name);
    var enrolled = api.post("api/v1/projects/" + project.getString("id") + "/enrolments", workerA,
        "{\"beneficiaryId\":\"" + child + "\"}");
    assertEquals(201, enrolled.status(), enrolled.body());
    LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
    var opened = api.post("api/v1/cases", workerA, "{\"projectId\":\"" + project.getString("id") + "\",\"beneficiaryId\":\""
        + child + "\",\"deliverableId\":\"" + deliverable + "\",\"intakeOn\":\"" + today + "\",\"presentingIssue\":\"情绪低落\","
        + "\"referralSource\":\"CHILD_DIRECTOR\",\"consent\":{\"givenOn\":\"" + today + "\",\"givenBy\":\"李秀英\","
        + "\"relationship\":\"GRANDPARENT\",\"method\":\"WRITTEN\"}}");
    assertEquals(201, opened.status(), opened.body());
    String kase = opened.json().getString("id");

    ChromeDriver phone = browsers.open(360, 780);
    Browsers.login(phone, base, "chunhui-sw", "worker", Api.DEMO_PASSWORD);
    phone.get(base + "#/cases/" + kase);
    closingAsReferred(phone, "closing as referred, nothing to link", By.id("case-no-referrals"));
    Browsers.tap(phone, phone.findElement(By.id("case-refer-now")));
    Browsers.assertCleanInBothLanguages(phone, "refer form from a case", By.id("refer-form"));
    new Select(phone.findElement(By.id("refer-receiver"))).selectByValue(orgB);
    phone.findElement(By.id("refer-reason")).sendKeys("个案辅导需转至专业心理机构");
    phone.findElement(By.id("refer-services")).sendKeys("心理治疗");
    phone.findElement(By.id("refer-consent-by")).sendKeys("李秀英");
    new Select(phone.findElement(By.id("refer-consent-relation"))).selectByValue("GRANDPARENT");
    Browsers.tap(phone, phone.findElement(By.id("refer-submit")));
    waitFor(phone).until(d -> d.getCurrentUrl().matches(".*#/cases/" + kase + "\\?referral=[0-9a-f-]{36}$"));
    String referral = phone.getCurrentUrl().replaceAll(".*\\?referral=", "");
    By chosen = By.cssSelector("label[for='case-referral-" + referral + "']");
    Browsers.assertCleanInBothLanguages(phone, "closing as referred, the new referral chosen", chosen);
    assertTrue(phone.findElement(By.id("case-referral-" + referral)).isSelected(), "the referral just made is chosen");
    assertEquals("REFERRED", new Select(phone.findElement(By.cssSelector("#closure-form select[name=outcome]")))
        .getFirstSelectedOption().getAttribute("value"));
    phone.findElement(By.cssSelector("#closure-form textarea[name=summary]")).sendKeys("转介至守望进行心理治疗");
    Browsers.tap(phone, phone.findElement(By.id("closure-form-submit")));
    waitFor(phone).until(ExpectedConditions.attributeToBe(By.id("case-status"), "data-status", "CLOSING"));
    Browsers.assertCleanInBothLanguages(phone, "case closing, linked to its referral", By.id("case-linked-referral"));
    assertEquals(kase, api.get("api/v1/referrals/" + referral, workerA).json().getString("caseId"));
    Browsers.tap(phone, phone.findElement(By.id("case-linked-referral")));
    Browsers.assertCleanInBothLanguages(phone, "the case's referral", By.id("withdraw-form"));

    // The child's mandatory report (raised through the API: raising is the incidents' own browser IT) gets a
    // handling step naming the referral, linked on the timeline.
    var now = java.time.OffsetDateTime.now(java.time.ZoneOffset.ofHours(8)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    var raised = api.post("api/v1/incidents", workerA, "{\"projectId\":\"" + project.getString("id") + "\",\"beneficiaryId\":\""
        + child + "\",\"concern\":\"SUSPECTED_ABUSE\",\"found\":\"手臂有淤青\",\"foundAt\":\"" + now.minusMinutes(10)
        + "\",\"reportedTo\":[\"POLICE\"],\"reportedAt\":\"" + now.minusMinutes(5) + "\"}");
    assertEquals(201, raised.status(), raised.body());
    phone.get(base + "#/incidents/" + raised.json().getString("id"));
    Browsers.assertCleanInBothLanguages(phone, "incident with the referral to name", By.id("incident-step-referral"));
    new Select(phone.findElement(By.id("incident-step-referral"))).selectByValue(referral);
    phone.findElement(By.cssSelector("#incident-step textarea[name=action]")).sendKeys("转介至守望心理治疗");
    Browsers.tap(phone, phone.findElement(By.id("incident-step-submit")));
    Browsers.assertCleanInBothLanguages(phone, "incident timeline naming the referral",
        By.cssSelector("#incident-steps a.step-referral[href$='" + referral + "']"));

    // The funding bureau follows the report: it learns the step referred the child, with no way into the referral.
    ChromeDriver bureau = browsers.open(360, 780);
    Browsers.login(bureau, base, "tianmen-mzj", "officer", Api.DEMO_PASSWORD);
    bureau.get(base + "#/incidents/" + raised.json().getString("id"));
    Browsers.assertCleanInBothLanguages(bureau, "bureau incident with a referral step", By.cssSelector("#incident-steps small.step-referral"));
    assertTrue(bureau.findElements(By.cssSelector("#incident-steps a[href*='referrals']")).isEmpty(), "no link for the bureau");
  }

  /**
   * A worker refers a child from a visit she logged, on a 360 px phone in Chinese and English: the visit's 转介 opens
   * the referral form with the child chosen and the visit named; she refers to an outside agency (the organizations
   * are offered in the same form) and the referral names the visit. The platform operator then allows referrals
   * across the platform in the browser, and the worker's form offers the other organizations apart from her
   * bureau's; the operator switches it off again. Arranged through the API as other roles' work: the bureau's
   * project, the worker's account (the organization's administrator's), the child and the visit (the visit form has
   * its own browser ITs), and an organization the bureau does not fund (the operator's onboarding).
   */
  @Test
  void aWorkerRefersAChildFromAVisitAndTheOperatorOpensReferralsToThePlatform() throws Exception {
    Api api = new Api(base);
    String officer = api.login("tianmen-mzj", "officer", Api.DEMO_PASSWORD);
    String admin = api.login("chunhui-sw", "admin", Api.DEMO_PASSWORD);
    String orgA = SignedJWT.parse(admin).getJWTClaimsSet().getStringClaim("tenant_id");
    String orgB = SignedJWT.parse(api.login("shouwang-sw", "worker", Api.DEMO_PASSWORD)).getJWTClaimsSet()
        .getStringClaim("tenant_id");
    api.activeProject(officer, orgB, "守望心理支持", "[{\"kind\":\"HOME_VISIT\",\"unit\":\"VISIT\",\"target\":100}]");
    var project = api.activeProject(officer, orgA, "春晖探访转介", "[{\"kind\":\"HOME_VISIT\",\"unit\":\"VISIT\",\"target\":100}]");
    String username = "zhuanjie" + ThreadLocalRandom.current().nextInt(10_000, 99_999);
    var user = api.post("api/v1/users", admin, "{\"username\":\"" + username + "\",\"displayName\":\"社工林静\","
        + "\"roles\":[\"SOCIAL_WORKER\"],\"password\":\"Zhuanjie-2026\"}");
    assertEquals(201, user.status(), user.body());
    String worker = api.login("chunhui-sw", username, "Zhuanjie-2026");
    String name = "林" + "晓明晨曦雨".charAt(ThreadLocalRandom.current().nextInt(5)) + "朵";
    String child = api.registerChild(worker, name);
    assertEquals(201, api.post("api/v1/projects/" + project.getString("id") + "/enrolments", worker,
        "{\"beneficiaryId\":\"" + child + "\"}").status());
    LocalDate yesterday = LocalDate.now(ZoneId.of("Asia/Shanghai")).minusDays(1);
    String visit = api.submittedHomeVisit(worker, project.getString("id"),
        project.getJsonArray("deliverables").getJsonObject(0).getString("id"), yesterday, 10, "429006104201",
        java.util.List.of(child));
    String platform = api.platformToken();
    Api.Org outside = api.onboardOrganization(platform);
    api.request("PUT", "api/v1/platform/settings").bearer(platform).json("{\"referralsPlatformWide\":false}").send();
    try {
      ChromeDriver phone = browsers.open(360, 780);
      Browsers.login(phone, base, "chunhui-sw", username, "Zhuanjie-2026");
      phone.get(base + "#/visit/" + visit);
      Browsers.assertCleanInBothLanguages(phone, "a stored visit with its refer link", By.id("refer-from-visit"));
      Browsers.tap(phone, phone.findElement(By.id("refer-from-visit")));
      Browsers.assertCleanInBothLanguages(phone, "refer form from a visit", By.id("refer-source"));
      assertTrue(phone.findElement(By.cssSelector("main .lead")).getText().contains(name), "the child is chosen");
      assertTrue(phone.findElement(By.id("refer-source")).getText().contains("入户探视"), phone.findElement(By.id("refer-source")).getText());
      assertFalse(phone.findElements(By.cssSelector("#refer-receiver option[value='" + orgB + "']")).isEmpty(),
          "the organizations are offered from the visit too");
      assertTrue(phone.findElements(By.id("refer-receivers-platform")).isEmpty(), "only the bureau's while the platform says so");
      new Select(phone.findElement(By.id("refer-destination"))).selectByValue("AGENCY");
      waitFor(phone).until(ExpectedConditions.visibilityOfElementLocated(By.id("refer-agency-part")));
      assertScreenClean(phone, "refer form from a visit, to an agency");
      new Select(phone.findElement(By.id("refer-agency-kind"))).selectByValue("CIVIL_AFFAIRS_OFFICE");
      phone.findElement(By.id("refer-agency-name")).sendKeys("多宝镇民政所");
      phone.findElement(By.id("refer-reason")).sendKeys("家访发现监护缺失，需民政所核实");
      phone.findElement(By.id("refer-services")).sendKeys("监护评估");
      phone.findElement(By.id("refer-consent-by")).sendKeys("李秀英");
      new Select(phone.findElement(By.id("refer-consent-relation"))).selectByValue("GRANDPARENT");
      Browsers.tap(phone, phone.findElement(By.id("refer-submit")));
      waitFor(phone).until(d -> d.getCurrentUrl().matches(".*#/referrals/[0-9a-f-]{36}$"));
      Browsers.assertCleanInBothLanguages(phone, "agency referral made from a visit", By.id("referral-source"));
      assertTrue(phone.findElement(By.cssSelector("#referral-source a")).getAttribute("href").endsWith("#/visit/" + visit),
          "the referral names the visit it came from");

      // The operator allows referrals across the platform, in the browser.
      ChromeDriver desk = browsers.open(360, 780);
      Browsers.login(desk, base, "platform", "operator", Api.DEMO_PASSWORD);
      Browsers.tap(desk, waitFor(desk).until(ExpectedConditions.elementToBeClickable(By.id("nav-platformSettings"))));
      Browsers.assertCleanInBothLanguages(desk, "platform settings", By.id("platform-settings-form"));
      assertEquals("false", desk.findElement(By.id("platform-wide-state")).getAttribute("data-enabled"));
      Browsers.tap(desk, desk.findElement(By.id("platform-wide")));
      Browsers.tap(desk, desk.findElement(By.id("platform-settings-save")));
      waitFor(desk).until(ExpectedConditions.attributeToBe(By.id("platform-wide-state"), "data-enabled", "true"));
      assertScreenClean(desk, "platform settings, referrals across the platform allowed");

      // The worker's form now offers the platform's other organizations apart from her bureau's.
      phone.get(base + "#/referrals/new?child=" + child + "&record=" + visit);
      Browsers.assertCleanInBothLanguages(phone, "refer form, referrals across the platform", By.id("refer-form"));
      assertFalse(phone.findElements(By.cssSelector("#refer-receivers-platform option[value='" + outside.id() + "']")).isEmpty(),
          "an organization of no bureau of hers, grouped apart");
      assertFalse(phone.findElements(By.cssSelector("#refer-receivers-funded option[value='" + orgB + "']")).isEmpty(),
          "her bureau's organizations in their own group");

      desk.navigate().refresh();
      waitFor(desk).until(ExpectedConditions.attributeToBe(By.id("platform-wide-state"), "data-enabled", "true"));
      Browsers.tap(desk, desk.findElement(By.id("platform-wide")));
      Browsers.tap(desk, desk.findElement(By.id("platform-settings-save")));
      waitFor(desk).until(ExpectedConditions.attributeToBe(By.id("platform-wide-state"), "data-enabled", "false"));
      phone.navigate().refresh();
      waitFor(phone).until(ExpectedConditions.visibilityOfElementLocated(By.id("refer-form")));
      assertTrue(phone.findElements(By.cssSelector("#refer-receiver option[value='" + outside.id() + "']")).isEmpty(), "off again");
    } finally {
      api.request("PUT", "api/v1/platform/settings").bearer(platform).json("{\"referralsPlatformWide\":false}").send();
    }
  }

  /** The closure form with outcome REFERRED chosen, clean in both languages (a language switch draws it afresh). */
  private static void closingAsReferred(ChromeDriver browser, String where, By drawn) {
    for (String lang : new String[] {"zh-CN", "en"}) {
      waitFor(browser).until(ExpectedConditions.visibilityOfElementLocated(By.id("closure-form")));
      new Select(browser.findElement(By.cssSelector("#closure-form select[name=outcome]"))).selectByValue("REFERRED");
      waitFor(browser).until(ExpectedConditions.visibilityOfElementLocated(drawn));
      waitFor(browser).until(ExpectedConditions.visibilityOfElementLocated(By.id("case-refer-now")));
      assertScreenClean(browser, where + " (" + lang + ")");
      String next = lang.equals("en") ? "zh-CN" : "en";
      browser.findElement(By.id("lang")).click();
      waitFor(browser).until(d -> next.equals(browser.executeScript("return document.documentElement.lang"))
          && !d.findElements(By.id("closure-form")).isEmpty() && d.findElements(By.cssSelector("main .loading")).isEmpty());
    }
    new Select(browser.findElement(By.cssSelector("#closure-form select[name=outcome]"))).selectByValue("REFERRED");
    waitFor(browser).until(ExpectedConditions.visibilityOfElementLocated(drawn));
  }

}
