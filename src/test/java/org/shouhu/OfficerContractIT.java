package org.shouhu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.shouhu.AwardBrowserIT.setValue;
import static org.shouhu.Browsers.assertScreenClean;
import static org.shouhu.Browsers.screenshot;
import static org.shouhu.Browsers.tap;
import static org.shouhu.Browsers.waitFor;
import static org.shouhu.DrillDownBrowserIT.lang;
import static org.shouhu.DrillDownBrowserIT.present;

import java.io.IOException;
import java.net.URL;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
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
 * Issue #13's first proof, as one chain on a 360 px phone: a freshly onboarded bureau's officer (so its reports hold
 * only this chain) awards a project to chunhui-sw in the form, starting from an empty portfolio, and activates it —
 * in the browser only. The organization's worker then logs two home visits and its supervisor approves them (their
 * work, arranged through the API):
 * <pre>
 *   onTime  钱小梅+周小军  2 days ago  APPROVED  2 人次
 *   late    钱小梅        9 days ago  APPROVED  1 人次, LATE_ENTRY (logged today, more than 7 days after)
 * </pre>
 * By hand: the home-visit deliverable shows 3 approved (人次) in 2 records; the quality screen shows one late entry
 * for chunhui-sw, which opens to the late record alone. The officer then, in English, pays the first milestone
 * (首付款 waits for no evaluation), follows the interim milestone's "waits for an evaluation" to a sheet opened for
 * it, scores and signs it (a pass releases the interim milestone), and pays that one too, back on the contract.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class OfficerContractIT {

  private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
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
  void theOfficerAwardsInTheBrowserAndFollowsTheProjectFromItsRecordsToPaymentAndASignedEvaluation() throws Exception {
    Api api = new Api(base);
    Api.Bureau bureau = api.onboardBureau(api.platformToken(), "429006");
    String worker = api.ownWorker("chunhui-sw", "officer");
    String supervisor = api.login("chunhui-sw", "supervisor", Api.DEMO_PASSWORD);
    String orgId = com.nimbusds.jwt.SignedJWT.parse(worker).getJWTClaimsSet().getStringClaim("tenant_id");
    LocalDate today = LocalDate.now(CHINA);

    // --- zh-CN: from an empty portfolio to an active project, in the form only ----------------------------------
    ChromeDriver phone = browsers.open(360, 800);
    Browsers.login(phone, base, bureau.slug(), "officer", "Kezhang-" + bureau.slug());
    phone.findElement(By.id("nav-projects")).click();
    WebElement start = present(phone, "#new-contract");
    assertScreenClean(phone, "empty portfolio (zh-CN)");
    tap(phone, start);
    present(phone, "#award-form");
    assertScreenClean(phone, "award form (zh-CN)");
    String contract = "OC-" + ThreadLocalRandom.current().nextInt(1_000_000);
    AwardBrowserIT.fill(phone, contract, "多宝镇留守儿童探访（全程）", orgId, today);
    phone.findElement(By.id("award-save")).click();
    present(phone, "#draft-notice");
    String project = phone.getCurrentUrl().replaceAll(".*#/contracts/", "");
    assertScreenClean(phone, "draft (zh-CN)");
    tap(phone, phone.findElement(By.id("activate-button")));
    waitFor(phone).until(ExpectedConditions.attributeToBe(By.id("contract-status"), "data-status", "ACTIVE"));
    assertScreenClean(phone, "active contract (zh-CN)");

    // --- the organization's work, arranged through the API --------------------------------------------------------
    var view = api.get("api/v1/projects/" + project, worker);
    assertEquals(200, view.status(), "the organization sees the project it was awarded: " + view.body());
    String homeVisits = view.json().getJsonArray("deliverables").getJsonObject(0).getString("id");
    String mei = api.registerChild(worker, "钱小梅", "LEFT_BEHIND_CHILD", VILLAGE);
    String jun = api.registerChild(worker, "周小军", "LEFT_BEHIND_CHILD", VILLAGE);
    for (String child : List.of(mei, jun)) {
      var enrolled = api.post("api/v1/projects/" + project + "/enrolments", worker, "{\"beneficiaryId\":\"" + child + "\"}");
      assertEquals(201, enrolled.status(), enrolled.body());
    }
    String onTime = api.submittedHomeVisit(worker, project, homeVisits, today.minusDays(2), 9, VILLAGE, List.of(mei, jun));
    String late = api.submittedHomeVisit(worker, project, homeVisits, today.minusDays(9), 14, VILLAGE, List.of(mei));
    var approved = api.post("api/v1/services/review", supervisor,
        "{\"action\":\"APPROVE\",\"ids\":[\"" + onTime + "\",\"" + late + "\"]}");
    assertEquals(200, approved.status(), approved.body());
    assertEquals(2, approved.json().getInt("approved"), approved.body());
    assertTrue(api.get("api/v1/services/" + late, supervisor).body().contains("LATE_ENTRY"), "the arrangement needs a late entry");
    assertFalse(api.get("api/v1/services/" + onTime, supervisor).body().contains("LATE_ENTRY"));

    // --- zh-CN: the approved figure on the portfolio opens to its records -----------------------------------------
    phone.findElement(By.id("nav-projects")).click();
    WebElement figure = present(phone, "section[data-project='" + project + "'] tr[data-deliverable='" + homeVisits + "'] a.count");
    assertEquals("3", figure.getAttribute("data-approved"), "two records, three attendances (人次)");
    assertScreenClean(phone, "portfolio (zh-CN)");
    screenshot(phone, "officer-portfolio-phone");
    tap(phone, figure);
    waitFor(phone).until(d -> d.findElements(By.cssSelector("#drill-records tbody tr")).size() == 2);
    WebElement summary = phone.findElement(By.id("drill-summary"));
    assertEquals("3", summary.getAttribute("data-attendances"), "the list adds up to the figure");
    assertEquals("2", summary.getAttribute("data-total"));
    assertEquals(Set.of(onTime, late), phone.findElements(By.cssSelector("#drill-records tbody tr")).stream()
        .map(tr -> tr.getAttribute("data-record")).collect(Collectors.toSet()));
    String records = phone.findElement(By.tagName("main")).getText();
    assertTrue(records.contains("钱*梅") && records.contains("周*军"), records);
    assertFalse(records.contains("钱小梅") || records.contains("周小军"), "the bureau sees masked names only");
    assertTrue(records.contains(contract), "each record names its contract: " + records);
    assertScreenClean(phone, "approved records (zh-CN)");

    // --- English from here: the late entry on the quality screen opens to its one record --------------------------
    phone.findElement(By.id("lang")).click();
    waitFor(phone).until(d -> "en".equals(lang(phone)) && !d.findElements(By.id("drill-records")).isEmpty()
        && d.findElement(By.tagName("h1")).getText().startsWith("Records"));
    assertScreenClean(phone, "approved records (en)");
    phone.findElement(By.id("nav-quality")).click();
    present(phone, "#quality-period");
    // The last 31 days, chosen in the form: the default period (the year so far) would lose a record of late December.
    setValue(phone, "from", today.minusDays(30).toString());
    setValue(phone, "to", today.toString());
    tap(phone, phone.findElement(By.cssSelector("#quality-period button[type=submit]")));
    waitFor(phone).until(d -> d.getCurrentUrl().contains("from=" + today.minusDays(30)));
    String row = "#quality-organizations tr[data-org='" + orgId + "'] ";
    By lateEntries = By.cssSelector(row + "td[data-signal='LATE_ENTRY']");
    waitFor(phone).until(d -> "1".equals(d.findElement(lateEntries).getAttribute("data-value")));
    assertEquals("0", phone.findElement(By.cssSelector(row + "td[data-signal='SAME_DAY_REPEAT']")).getAttribute("data-value"));
    assertEquals("0", phone.findElement(By.cssSelector(row + "td[data-signal='RETURNED']")).getAttribute("data-value"));
    assertScreenClean(phone, "quality (en)");
    tap(phone, phone.findElement(lateEntries).findElement(By.tagName("a")));
    waitFor(phone).until(d -> d.getCurrentUrl().contains("signal=LATE_ENTRY")
        && d.findElements(By.cssSelector("#drill-records tbody tr")).size() == 1);
    WebElement lateRow = phone.findElement(By.cssSelector("#drill-records tbody tr"));
    assertEquals(late, lateRow.getAttribute("data-record"));
    assertTrue(lateRow.getText().contains("Late entry"), "the record says why it is listed: " + lateRow.getText());
    assertScreenClean(phone, "late entries' records (en)");
    tap(phone, phone.findElement(By.id("drill-back")));
    present(phone, "#quality-organizations");

    // --- English: the first milestone is paid; the interim one leads to its evaluation -----------------------------
    phone.findElement(By.id("nav-projects")).click();
    WebElement contractLink = present(phone, "section[data-project='" + project + "'] a.contract-link");
    // The chart above the cards is drawn a moment after them: tap once the page has settled, as a person would.
    present(phone, "#delivery-chart svg");
    assertScreenClean(phone, "portfolio (en)");
    tap(phone, contractLink);
    present(phone, "#milestones-table");
    assertScreenClean(phone, "contract (en)");
    WebElement first = phone.findElement(By.cssSelector("tr[data-milestone][data-status='PENDING'] form.pay-form"));
    String firstId = first.getAttribute("data-milestone");
    first.findElement(By.name("reference")).sendKeys("PZ-2026-1201");
    tap(phone, first.findElement(By.cssSelector("button.pay-button")));
    waitFor(phone).until(ExpectedConditions.alertIsPresent()).accept();
    WebElement paid = present(phone, "tr[data-milestone='" + firstId + "'][data-status='PAID']");
    assertTrue(paid.getText().contains("PZ-2026-1201"), paid.getText());
    assertScreenClean(phone, "first milestone paid (en)");
    WebElement interim = phone.findElement(By.cssSelector("tr[data-milestone][data-status='PENDING']"));
    String interimId = interim.getAttribute("data-milestone");
    assertTrue(interim.findElements(By.cssSelector("form.pay-form")).isEmpty(), "no payment before its evaluation");
    tap(phone, interim.findElement(By.cssSelector("a.evaluation-link")));

    // The sheet is opened for this project and this milestone's stage, preselected by the link.
    present(phone, "#evaluation-open");
    assertEquals(project, new Select(phone.findElement(By.name("project"))).getFirstSelectedOption().getAttribute("value"));
    assertEquals("MID_TERM", new Select(phone.findElement(By.name("stage"))).getFirstSelectedOption().getAttribute("value"));
    assertScreenClean(phone, "evaluations (en)");
    tap(phone, phone.findElement(By.id("evaluation-open-submit")));
    present(phone, "#evaluation-table");
    assertTrue(phone.findElement(By.id("evaluation-releases")).getText().contains("Interim"),
        "the sheet says which payment a pass releases: " + phone.findElement(By.id("evaluation-releases")).getText());
    assertScreenClean(phone, "evaluation sheet (en)");
    saveLine(phone, "COMPLETION");
    BureauScreensIT.type(phone, "score-QUALITY", "80");
    saveLine(phone, "QUALITY");
    BureauScreensIT.type(phone, "score-SATISFACTION", "85");
    saveLine(phone, "SATISFACTION");
    saveLine(phone, "COMPLIANCE");
    assertFalse(phone.findElement(By.id("evaluation-total")).getAttribute("data-total").isEmpty(), "every line scored");
    assertScreenClean(phone, "evaluation scored (en)");
    WebElement conclusion = phone.findElement(By.id("evaluation-conclusion"));
    tap(phone, conclusion);
    conclusion.sendKeys("Mid-term review: on track.");
    tap(phone, phone.findElement(By.id("evaluation-sign")));
    waitFor(phone).until(ExpectedConditions.alertIsPresent()).accept();
    present(phone, "#evaluation-signed");
    assertEquals("SIGNED", phone.findElement(By.id("evaluation-status")).getAttribute("data-status"));
    assertTrue(phone.findElements(By.cssSelector("#evaluation-table input")).isEmpty(), "a signed sheet is read-only");
    assertScreenClean(phone, "evaluation signed (en)");
    screenshot(phone, "officer-evaluation-signed-phone");

    // The pass released the interim milestone: the sheet leads to its payment on the contract.
    tap(phone, phone.findElement(By.id("evaluation-pay-link")));
    WebElement released = present(phone, "tr[data-milestone='" + interimId + "'][data-status='RELEASED'] form.pay-form");
    released.findElement(By.name("reference")).sendKeys("PZ-2026-1202");
    tap(phone, released.findElement(By.cssSelector("button.pay-button")));
    waitFor(phone).until(ExpectedConditions.alertIsPresent()).accept();
    present(phone, "tr[data-milestone='" + interimId + "'][data-status='PAID']");
    assertScreenClean(phone, "interim milestone paid (en)");

    // --- and back in Chinese, the contract as it now stands -------------------------------------------------------
    phone.findElement(By.id("lang")).click();
    waitFor(phone).until(d -> "zh-CN".equals(lang(phone)) && !d.findElements(By.id("milestones-table")).isEmpty());
    assertEquals(2, phone.findElements(By.cssSelector("#milestones-table tr[data-status='PAID']")).size());
    assertScreenClean(phone, "contract paid (zh-CN)");
    screenshot(phone, "officer-contract-paid-phone");
  }
  /** Saves one line of the evaluation sheet and waits for the sheet to be drawn again with the line saved. */
  private static void saveLine(ChromeDriver phone, String code) {
    Browsers.tap(phone, phone.findElement(By.id("save-" + code)));
    waitFor(phone).until(d -> d.findElements(By.cssSelector("tr[data-indicator='" + code + "'] small.scored")).size() == 1
        && d.findElement(By.id("evaluation-result")).getText().length() > 0);
  }
}
