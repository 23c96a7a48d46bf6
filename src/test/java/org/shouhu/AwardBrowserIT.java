package org.shouhu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.shouhu.Browsers.assertScreenClean;
import static org.shouhu.Browsers.screenshot;
import static org.shouhu.Browsers.waitFor;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * Award to payment in Debian's headless Chromium, by tianmen-mzj's officer on a 360 px phone: the officer awards a
 * project to chunhui-sw in the form (refusals first, under their fields), revises the draft, activates it; the
 * organization's worker logs a home visit and its supervisor approves it (their work, arranged through the API); the
 * officer sees the approved visit on the portfolio, amends the target with a reason, pays the first milestone (it
 * waits for no evaluation), downloads its payment notice and reads it with PDFBox, and terminates a second project
 * with a reason. Every screen is checked clean in zh-CN and English, and once more on a desk.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AwardBrowserIT {

  private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
  private static final String TOWN = "429006104";
  private static final String VILLAGE = "429006104201";

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.application();
  }

  @ArquillianResource URL base;
  final Browsers browsers = new Browsers();

  @AfterEach
  void closeBrowsers() throws IOException {
    browsers.close();
  }

  @Test
  void officerAwardsActivatesAmendsPaysAndTerminatesInTheBrowser() throws Exception {
    Api api = new Api(base);
    String worker = api.ownWorker("chunhui-sw", "award");
    String supervisor = api.login("chunhui-sw", "supervisor", Api.DEMO_PASSWORD);
    String orgId = com.nimbusds.jwt.SignedJWT.parse(worker).getJWTClaimsSet().getStringClaim("tenant_id");
    LocalDate today = LocalDate.now(CHINA);

    ChromeDriver phone = browsers.open(360, 800);
    Browsers.login(phone, base, "tianmen-mzj", "officer", Api.DEMO_PASSWORD);
    waitFor(phone).until(ExpectedConditions.elementToBeClickable(By.id("nav-contracts"))).click();
    waitFor(phone).until(ExpectedConditions.presenceOfElementLocated(By.id("award-form")));
    assertScreenClean(phone, "award form (zh-CN)");

    // Sent empty: the API's refusals land under the fields they concern, a deliverable's under its own input.
    phone.findElement(By.id("award-save")).click();
    waitFor(phone).until(d -> !error(d, "title").isEmpty());
    assertFalse(error(phone, "deliverables[0].target").isEmpty(), "the deliverable's target is marked");
    assertFalse(error(phone, "coveredTowns").isEmpty(), "the towns are marked");
    Browsers.consoleErrors(phone); // the 400 just shown in words
    assertScreenClean(phone, "award form with errors (zh-CN)");

    String contract = "AW-" + ThreadLocalRandom.current().nextInt(1_000_000);
    fill(phone, contract, "多宝镇困境儿童探访", orgId, today);
    phone.findElement(By.id("award-save")).click();
    waitFor(phone).until(ExpectedConditions.presenceOfElementLocated(By.id("draft-notice")));
    String project = phone.getCurrentUrl().replaceAll(".*#/contracts/", "");
    assertScreenClean(phone, "draft (zh-CN)");
    phone.executeScript("window.scrollTo(0, 0)");
    screenshot(phone, "award-form-phone");

    // The draft is revised in the same form: a new title, the target raised before anyone is bound by it.
    WebElement title = phone.findElement(By.name("title"));
    title.clear();
    title.sendKeys("多宝镇困境儿童探访（修订）");
    WebElement target = phone.findElement(By.name("deliverables[0].target"));
    target.clear();
    target.sendKeys("12");
    phone.findElement(By.id("award-save")).click();
    waitFor(phone).until(d -> d.findElement(By.tagName("h1")).getText().contains("修订"));
    assertEquals("12", phone.findElement(By.name("deliverables[0].target")).getAttribute("value"));
    assertEquals(1, phone.findElements(By.cssSelector("fieldset.deliverable")).size(), "replaced, not added to");

    phone.findElement(By.id("activate-button")).click();
    waitFor(phone).until(ExpectedConditions.attributeToBe(By.id("contract-status"), "data-status", "ACTIVE"));
    assertScreenClean(phone, "active project (zh-CN)");

    // The organization's work, arranged through the API: a child enrolled, a home visit logged and approved.
    var view = api.get("api/v1/projects/" + project, worker).json();
    String homeVisits = view.getJsonArray("deliverables").getJsonObject(0).getString("id");
    String child = api.registerChild(worker, "吴小燕");
    var enrolled = api.post("api/v1/projects/" + project + "/enrolments", worker, "{\"beneficiaryId\":\"" + child + "\"}");
    assertEquals(201, enrolled.status(), enrolled.body());
    LocalDate day = today.minusDays(1);
    var logged = api.post("api/v1/services", worker, "{\"projectId\":\"" + project + "\",\"deliverableId\":\"" + homeVisits
        + "\",\"startedAt\":\"" + day.atTime(9, 0).atZone(CHINA).toOffsetDateTime() + "\",\"endedAt\":\""
        + day.atTime(9, 50).atZone(CHINA).toOffsetDateTime() + "\",\"placeCode\":\"" + VILLAGE + "\","
        + "\"participants\":[\"" + child + "\"],"
        + "\"homeVisit\":{\"present\":\"GUARDIAN\",\"riskAfter\":\"LOW\",\"followUp\":\"下月再访\","
        + "\"findings\":[{\"area\":\"LIVING_CONDITIONS\",\"rating\":3},{\"area\":\"SAFETY\",\"rating\":4},"
        + "{\"area\":\"SCHOOLING\",\"rating\":4},{\"area\":\"HEALTH\",\"rating\":5},{\"area\":\"GUARDIANSHIP\",\"rating\":3}]},"
        + "\"submit\":true}");
    assertEquals(201, logged.status(), logged.body());
    var approved = api.post("api/v1/services/review", supervisor,
        "{\"action\":\"APPROVE\",\"ids\":[\"" + logged.json().getString("id") + "\"]}");
    assertEquals(200, approved.status(), approved.body());

    // The portfolio shows the approved visit against the target; the card opens the contract page.
    phone.findElement(By.id("nav-projects")).click();
    WebElement card = waitFor(phone).until(ExpectedConditions.presenceOfElementLocated(
        By.cssSelector("section[data-project='" + project + "']")));
    assertEquals("1", card.findElement(By.cssSelector("[data-approved]")).getAttribute("data-approved"));
    assertTrue(card.getText().contains("/ 12"), card.getText());
    assertScreenClean(phone, "portfolio (zh-CN)");
    click(phone, card.findElement(By.cssSelector("a.contract-link")));
    waitFor(phone).until(ExpectedConditions.presenceOfElementLocated(By.id("amend-form")));

    // A contract change after activation is an amendment with a reason and a date, listed in the history.
    phone.findElement(By.name("target")).sendKeys("15");
    phone.findElement(By.name("reason")).sendKeys("区民政局追加困境儿童名单");
    phone.findElement(By.id("amend-submit")).click();
    WebElement amendment = waitFor(phone).until(ExpectedConditions.presenceOfElementLocated(
        By.cssSelector("#amendments li[data-kind='TARGET']")));
    assertTrue(amendment.getText().contains("12 → 15"), amendment.getText());
    assertTrue(amendment.getText().contains("区民政局追加困境儿童名单"), amendment.getText());
    assertEquals("15", phone.findElement(By.cssSelector("#terms li[data-deliverable]")).getAttribute("data-target"));
    assertScreenClean(phone, "amended project (zh-CN)");

    // The first milestone waits for no evaluation: paid with its voucher; the interim one waits for an evaluation.
    WebElement first = phone.findElement(By.cssSelector("tr[data-milestone][data-status='PENDING'] form.pay-form"));
    String firstId = first.getAttribute("data-milestone");
    // A payment dated tomorrow (past the date input's max, as a typed value could be): the API's refusal in words.
    phone.executeScript("arguments[0].value = arguments[1];", first.findElement(By.name("paidOn")), today.plusDays(1).toString());
    click(phone, first.findElement(By.cssSelector("button.pay-button")));
    waitFor(phone).until(ExpectedConditions.alertIsPresent()).accept();
    waitFor(phone).until(d -> !d.findElement(By.cssSelector("form.pay-form [data-field='paidOn'] .field-error")).getText().isEmpty());
    assertEquals("支付日期不能晚于今天",
        phone.findElement(By.cssSelector("form.pay-form [data-field='paidOn'] .field-error")).getText());
    Browsers.consoleErrors(phone);
    phone.executeScript("arguments[0].value = arguments[1];", first.findElement(By.name("paidOn")), today.toString());
    first.findElement(By.name("reference")).sendKeys("PZ-2026-0815");
    click(phone, first.findElement(By.cssSelector("button.pay-button")));
    waitFor(phone).until(ExpectedConditions.alertIsPresent()).accept();
    waitFor(phone).until(ExpectedConditions.presenceOfElementLocated(
        By.cssSelector("tr[data-milestone='" + firstId + "'][data-status='PAID']")));
    WebElement interim = phone.findElement(By.cssSelector("tr[data-status='PENDING']"));
    assertTrue(interim.findElements(By.cssSelector("form.pay-form")).isEmpty(), "no payment before the evaluation");
    assertTrue(interim.findElements(By.cssSelector("a.evaluation-link")).size() == 1, "it points to the evaluation");
    assertScreenClean(phone, "paid milestone (zh-CN)");

    Path dir = browsers.downloads(phone);
    WebElement notice = phone.findElement(By.cssSelector("tr[data-milestone='" + firstId + "'] button.notice-button"));
    click(phone, notice);
    WebElement status = phone.findElement(By.cssSelector("tr[data-milestone='" + firstId + "'] .export-status"));
    waitFor(phone).until(d -> status.getAttribute("data-file") != null || status.getAttribute("class").contains("error"));
    assertFalse(status.getAttribute("class").contains("error"), status.getText());
    Path pdf = dir.resolve(status.getAttribute("data-file"));
    waitFor(phone).until(d -> Files.exists(pdf));
    try (PDDocument document = Loader.loadPDF(pdf.toFile())) {
      String text = new PDFTextStripper().getText(document);
      assertTrue(text.contains("付款通知书"), text);
      assertTrue(text.contains(contract), text);
      assertTrue(text.contains("60000.00"), "30% of ¥200,000: " + text);
      assertTrue(text.contains("人民币陆万元整"), text);
      assertTrue(text.contains("PZ-2026-0815"), text);
    }

    // The same screens in English.
    phone.findElement(By.id("lang")).click();
    waitFor(phone).until(d -> "en".equals(d.findElement(By.tagName("html")).getAttribute("lang"))
        && !d.findElements(By.id("amend-form")).isEmpty());
    assertTrue(phone.findElement(By.id("amendments")).getText().contains("target: 12 → 15"), "the amendment in English");
    assertScreenClean(phone, "project (en)");
    phone.findElement(By.id("nav-projects")).click();
    waitFor(phone).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("section[data-project='" + project + "']")));
    assertScreenClean(phone, "portfolio (en)");
    phone.findElement(By.id("nav-contracts")).click();
    waitFor(phone).until(ExpectedConditions.presenceOfElementLocated(By.id("award-form")));
    assertScreenClean(phone, "award form (en)");

    // A second project, awarded in English, is terminated from its draft with a reason (none given first: refused).
    String second = "AW-" + ThreadLocalRandom.current().nextInt(1_000_000);
    fill(phone, second, "多宝镇留守儿童小组", orgId, today);
    phone.findElement(By.id("award-save")).click();
    waitFor(phone).until(ExpectedConditions.presenceOfElementLocated(By.id("terminate-form")));
    assertScreenClean(phone, "draft (en)");
    click(phone, phone.findElement(By.id("terminate-button")));
    waitFor(phone).until(d -> !d.findElement(By.cssSelector("#terminate-form [data-field='reason'] .field-error")).getText().isEmpty());
    Browsers.consoleErrors(phone);
    phone.findElement(By.cssSelector("#terminate-form textarea[name='reason']")).sendKeys("承接机构人员不足，双方协商终止");
    click(phone, phone.findElement(By.id("terminate-button")));
    waitFor(phone).until(ExpectedConditions.alertIsPresent()).accept();
    waitFor(phone).until(ExpectedConditions.attributeToBe(By.id("contract-status"), "data-status", "TERMINATED"));
    assertTrue(phone.findElement(By.id("status-reason")).getText().contains("承接机构人员不足"));
    assertScreenClean(phone, "terminated project (en)");

    // On a desk, in Chinese.
    ChromeDriver desk = browsers.open(1280, 900);
    Browsers.login(desk, base, "tianmen-mzj", "officer", Api.DEMO_PASSWORD);
    desk.get(base + "#/contracts/" + project);
    waitFor(desk).until(ExpectedConditions.presenceOfElementLocated(By.id("milestones-table")));
    assertScreenClean(desk, "project (desk)");
    screenshot(desk, "award-project-desk");
    desk.get(base + "#/contracts/new");
    waitFor(desk).until(ExpectedConditions.presenceOfElementLocated(By.id("award-form")));
    assertScreenClean(desk, "award form (desk)");
  }

  /** Fills the award form for chunhui-sw: one home-visit deliverable, a first payment of 30% and an interim of 70%. */
  static void fill(ChromeDriver b, String contract, String title, String orgId, LocalDate today) {
    b.findElement(By.name("contractNumber")).sendKeys(contract);
    b.findElement(By.name("title")).sendKeys(title);
    new Select(b.findElement(By.name("organizationId"))).selectByValue(orgId);
    b.findElement(By.name("budget")).sendKeys("200000");
    setValue(b, "periodStart", today.minusDays(30).toString());
    setValue(b, "periodEnd", today.plusDays(334).toString());
    click(b, b.findElement(By.cssSelector("label[for='" + b.findElement(By.cssSelector("input[name='coveredTowns'][value='" + TOWN + "']")).getAttribute("id") + "']")));
    click(b, b.findElement(By.cssSelector("label[for='" + b.findElement(By.cssSelector("input[name='targetGroups'][value='LEFT_BEHIND_CHILD']")).getAttribute("id") + "']")));
    new Select(b.findElement(By.name("deliverables[0].kind"))).selectByValue("HOME_VISIT");
    WebElement target = b.findElement(By.name("deliverables[0].target"));
    target.clear();
    target.sendKeys("10");
    WebElement share = b.findElement(By.name("milestones[0].sharePercent"));
    share.clear();
    share.sendKeys("30");
    setValue(b, "milestones[0].dueDate", today.minusDays(20).toString());
    click(b, b.findElement(By.id("add-milestone")));
    b.findElement(By.name("milestones[1].sharePercent")).sendKeys("70");
    setValue(b, "milestones[1].dueDate", today.plusDays(300).toString());
  }

  private static String error(org.openqa.selenium.WebDriver b, String field) {
    return b.findElement(By.cssSelector("[data-field='" + field + "'] .field-error")).getText();
  }

  static void click(ChromeDriver b, WebElement el) {
    Browsers.tap(b, el);
  }

  static void setValue(ChromeDriver browser, String name, String value) {
    browser.executeScript("const el = document.querySelector(`[name='${arguments[0]}']`); el.value = arguments[1];"
        + " el.dispatchEvent(new Event('input', {bubbles: true}));", name, value);
  }
}
