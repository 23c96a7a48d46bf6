package org.shouhu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.shouhu.Browsers.screenshot;
import static org.shouhu.Browsers.waitFor;

import jakarta.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.zip.GZIPInputStream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
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
 * The bureau's and the manager's screens in Debian's headless Chromium, against figures computed by hand. One world
 * is built once through the API: a freshly onboarded bureau (so its reports hold only this world) funds a 365-day
 * project of chunhui-sw that started 99 days ago, with a home-visit deliverable of target 18, in town 429006104.
 * The class's own worker registers three children: c1 and c2 困境儿童, c3 留守儿童.
 * <pre>
 *   r1  c1+c3  2 days ago  APPROVED    2 人次
 *   r2  c3     3 days ago  SUBMITTED   (waits in the supervisor's queue)
 * </pre>
 * Coverage: 3 registered, 2 served (c1, c3); 困境儿童 2 registered, 1 served, 1 not visited in 30 and in 90 days
 * (c2, never); 留守儿童 1 registered, 1 served.
 *
 * <p>Evaluation (default weights 40/30/20/10): completion prefilled from the data and overridden to 90 with a reason,
 * quality 80 entered (never prefilled), satisfaction confirmed at 85 (the mean of the one survey the officer records
 * on the project's page), compliance confirmed at its prefilled 100 (r1 and r2 handed in on time, never returned, no
 * incidents): 0.4 × 90 + 0.3 × 80 + 0.2 × 85 + 0.1 × 100 = 87.00, 良好 (GOOD).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class BureauScreensIT {

  private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
  private static final String TOWN = "429006104";
  private static final String VILLAGE = "429006104201";
  private static final String WORKER_NAME = "社工bscreens";

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.application();
  }

  @ArquillianResource URL base;
  Api api;
  String worker;
  String supervisor;
  final Browsers browsers = new Browsers();

  record World(Api.Bureau bureau, String officerPassword, String project, String contractNumber, String homeVisits,
      List<String> children, String approved, String submitted) {}

  static World world;

  @BeforeEach
  void parties() throws Exception {
    api = new Api(base);
    worker = api.ownWorker("chunhui-sw", "bscreens");
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
  void coverageByTownShowsTheHandComputedFiguresAndTheChildrenNotVisited() throws Exception {
    ChromeDriver bureau = browsers.open(1280, 1100);
    loginOfficer(bureau);
    bureau.findElement(By.id("nav-coverage")).click();
    waitFor(bureau).until(ExpectedConditions.presenceOfElementLocated(By.id("coverage-table")));
    // The period filter the API offers: the last 31 days, chosen in the form.
    LocalDate today = today();
    setValue(bureau, "from", today.minusDays(30).toString());
    setValue(bureau, "to", today.toString());
    bureau.findElement(By.cssSelector("#coverage-period button[type=submit]")).click();
    waitFor(bureau).until(d -> d.getCurrentUrl().contains("from=" + today.minusDays(30)));
    WebElement difficulty = waitFor(bureau).until(ExpectedConditions.presenceOfElementLocated(
        By.cssSelector("tr[data-town='" + TOWN + "'][data-category='CHILD_IN_DIFFICULTY']")));
    assertEquals("3", bureau.findElement(By.cssSelector("[data-registered]")).getAttribute("data-registered"));
    assertEquals("2", bureau.findElement(By.cssSelector("[data-served]")).getAttribute("data-served"));
    assertEquals("1", bureau.findElement(By.cssSelector("[data-not-visited-30]")).getAttribute("data-not-visited-30"));
    assertEquals("1", bureau.findElement(By.cssSelector("[data-not-visited-90]")).getAttribute("data-not-visited-90"));
    assertEquals("2", difficulty.findElement(By.cssSelector("td.registered")).getText());
    assertEquals("1", difficulty.findElement(By.cssSelector("td.served")).getText());
    assertEquals("50%", difficulty.findElement(By.cssSelector("td.served + td")).getText());
    assertEquals("1", difficulty.findElement(By.cssSelector("td.not-visited-30")).getText());
    assertEquals("1", difficulty.findElement(By.cssSelector("td.not-visited-90")).getText());
    assertTrue(difficulty.getAttribute("class").contains("late"), "a child in difficulty not visited is highlighted");
    WebElement leftBehind = bureau.findElement(By.cssSelector("tr[data-town='" + TOWN + "'][data-category='LEFT_BEHIND_CHILD']"));
    assertEquals("1", leftBehind.findElement(By.cssSelector("td.registered")).getText());
    assertEquals("1", leftBehind.findElement(By.cssSelector("td.served")).getText());
    assertFalse(leftBehind.getAttribute("class").contains("late"));
    String townName = api.get("api/v1/regions/" + TOWN, world.bureau().officerToken()).json().getString("name");
    assertTrue(difficulty.findElement(By.tagName("th")).getText().startsWith(townName), "the town by its name");
    waitFor(bureau).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#coverage-chart svg")));
    screenshot(bureau, "bureau-coverage");

    bureau.get(base + "#/activity?from=" + today.minusDays(30) + "&to=" + today);
    WebElement month = waitFor(bureau).until(ExpectedConditions.presenceOfElementLocated(
        By.cssSelector("#activity-kind tr[data-key='HOME_VISIT']")));
    // The figures are links to their records (#13), laid out as boxes: compare the words, not the line breaks.
    assertTrue(month.getText().replaceAll("\\s+", " ").endsWith("1 2"), "one approved record, two attendances: " + month.getText());
  }

  @Test
  void anEvaluationIsScoredOverriddenWithAReasonAndSignedInTheBrowser() throws Exception {
    ChromeDriver bureau = browsers.open(1280, 1100);
    loginOfficer(bureau);
    // The bureau's own spot check, entered on the project's page: its mean prefills the satisfaction indicator.
    bureau.get(base + "#/project/" + world.project());
    waitFor(bureau).until(ExpectedConditions.presenceOfElementLocated(By.id("survey-form")));
    new Select(bureau.findElement(By.name("respondent"))).selectByValue("GUARDIAN");
    new Select(bureau.findElement(By.name("scale"))).selectByValue("PERCENT");
    type(bureau, "survey-score", "85");
    bureau.findElement(By.id("survey-submit")).click();
    waitFor(bureau).until(d -> "85.00".equals(d.findElement(By.id("survey-mean")).getAttribute("data-mean")));
    assertEquals(1, bureau.findElements(By.cssSelector("#surveys-table tbody tr")).size());
    bureau.findElement(By.id("nav-evaluations")).click();
    waitFor(bureau).until(ExpectedConditions.presenceOfElementLocated(By.id("evaluation-open")));
    new Select(bureau.findElement(By.name("project"))).selectByValue(world.project());
    new Select(bureau.findElement(By.name("stage"))).selectByValue("MID_TERM");
    bureau.findElement(By.id("evaluation-open-submit")).click();
    waitFor(bureau).until(ExpectedConditions.presenceOfElementLocated(By.id("evaluation-table")));
    String id = bureau.getCurrentUrl().replaceAll(".*#/evaluations/", "");
    JsonObject opened = evaluation(id);
    String completion = indicator(opened, "COMPLETION").getString("prefilled");
    assertNotEquals("90.00", completion, "the override below must change the value");
    assertEquals("100.00", indicator(opened, "COMPLIANCE").getString("prefilled"), "both records on time, none returned");
    assertEquals("85.00", indicator(opened, "SATISFACTION").getString("prefilled"), "the one survey's mean");

    // A score departing from the prefilled one is refused without a reason, with the error under the field.
    type(bureau, "score-COMPLETION", "90");
    bureau.findElement(By.id("save-COMPLETION")).click();
    waitFor(bureau).until(d -> !d.findElement(By.id("reason-COMPLETION-error")).getText().isEmpty());
    assertEquals("true", bureau.findElement(By.id("reason-COMPLETION")).getAttribute("aria-invalid"));
    type(bureau, "reason-COMPLETION", "实地核查：部分入户记录尚未录入");
    type(bureau, "comment-COMPLETION", "进度基本正常");
    saveLine(bureau, "COMPLETION");
    type(bureau, "score-QUALITY", "80");
    saveLine(bureau, "QUALITY");
    saveLine(bureau, "SATISFACTION");
    saveLine(bureau, "COMPLIANCE");
    assertEquals("87.00", bureau.findElement(By.id("evaluation-total")).getText());
    assertEquals("GOOD", bureau.findElement(By.id("evaluation-grade")).getAttribute("data-grade"));
    assertEquals("良好", bureau.findElement(By.id("evaluation-grade")).getText());
    screenshot(bureau, "bureau-evaluation");

    bureau.findElement(By.id("evaluation-conclusion")).sendKeys("中期评估良好，继续执行。");
    bureau.findElement(By.id("evaluation-sign")).click();
    waitFor(bureau).until(ExpectedConditions.alertIsPresent()).accept();
    waitFor(bureau).until(ExpectedConditions.presenceOfElementLocated(By.id("evaluation-signed")));
    assertEquals("SIGNED", bureau.findElement(By.id("evaluation-status")).getAttribute("data-status"));
    assertTrue(bureau.findElements(By.cssSelector("#evaluation-table input")).isEmpty(), "a signed sheet is read-only");

    JsonObject signed = evaluation(id);
    assertEquals("SIGNED", signed.getString("status"));
    assertEquals("87.00", signed.getString("total"));
    assertEquals("GOOD", signed.getString("grade"));
    JsonObject overridden = indicator(signed, "COMPLETION");
    assertTrue(overridden.getBoolean("overridden"));
    assertEquals("90.00", overridden.getString("score"));
    assertEquals("实地核查：部分入户记录尚未录入", overridden.getString("overrideReason"));
    assertEquals(completion, overridden.getString("prefilled"), "the prefilled value is kept beside the override");
    assertFalse(indicator(signed, "COMPLIANCE").getBoolean("overridden"), "confirmed, not overridden");
    assertEquals("85.00", indicator(signed, "SATISFACTION").getString("score"));
    assertFalse(indicator(signed, "SATISFACTION").getBoolean("overridden"));
    assertEquals("EVAL_SIGNED", api.post("api/v1/evaluations/" + id + "/indicators/QUALITY",
        world.bureau().officerToken(), "{\"score\":95,\"reason\":\"再看\"}").code(), "frozen once signed");

    // The organization reads the signed sheet, read-only, and cannot open one.
    ChromeDriver manager = browsers.open(1280, 1000);
    login(manager, "chunhui-sw", "supervisor", Api.DEMO_PASSWORD);
    manager.findElement(By.id("nav-evaluations")).click();
    waitFor(manager).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr[data-evaluation='" + id + "']")));
    assertTrue(manager.findElements(By.id("evaluation-open")).isEmpty(), "only the bureau opens sheets");
    manager.get(base + "#/evaluations/" + id);
    waitFor(manager).until(ExpectedConditions.presenceOfElementLocated(By.id("evaluation-signed")));
    assertEquals("87.00", manager.findElement(By.id("evaluation-total")).getText());
    assertTrue(manager.findElements(By.cssSelector("#evaluation-table input, #evaluation-sign")).isEmpty());

    // The sheet's own export button: a PDF that PDFBox opens, with the total.
    Path pdf = downloadVia(bureau, "evaluation-export-pdf", ".pdf");
    try (PDDocument document = Loader.loadPDF(pdf.toFile())) {
      assertTrue(document.getNumberOfPages() >= 1);
      String text = new PDFTextStripper().getText(document);
      assertTrue(text.contains("87"), "the total is on the sheet: " + text);
      assertTrue(text.contains(world.contractNumber()), text);
    }
  }

  @Test
  void thePortfolioExportButtonDownloadsAWorkbookWithTheCoverageFigures() throws Exception {
    ChromeDriver bureau = browsers.open(1280, 1000);
    loginOfficer(bureau);
    bureau.get(base + "#/coverage?from=" + today().minusDays(30) + "&to=" + today());
    waitFor(bureau).until(ExpectedConditions.presenceOfElementLocated(By.id("coverage-table")));
    Path xlsx = downloadVia(bureau, "portfolio-export-xlsx", ".xlsx");
    String status = bureau.findElement(By.id("portfolio-export-status")).getText();
    assertTrue(status.contains(xlsx.getFileName().toString()), "the screen names the file: " + status);
    try (XSSFWorkbook book = new XSSFWorkbook(Files.newInputStream(xlsx))) {
      Sheet towns = book.getSheet("乡镇覆盖");
      assertTrue(towns != null, "a sheet per table");
      Row row = null;
      for (Row r : towns) {
        Cell first = r.getCell(0);
        if (first != null && first.toString().equals(TOWN)) {
          row = r;
        }
      }
      assertTrue(row != null, "the town's row");
      assertEquals(List.of(3.0, 2.0, 2.0, 1.0, 1.0), List.of(row.getCell(2).getNumericCellValue(),
          row.getCell(3).getNumericCellValue(), row.getCell(4).getNumericCellValue(),
          row.getCell(5).getNumericCellValue(), row.getCell(6).getNumericCellValue()));
    }

    // The manager's dashboard of the same project: the API's status in colour and words, and its series chart.
    ChromeDriver manager = browsers.open(1280, 1000);
    login(manager, "chunhui-sw", "supervisor", Api.DEMO_PASSWORD);
    manager.get(base + "#/project/" + world.project());
    WebElement line = waitFor(manager).until(ExpectedConditions.presenceOfElementLocated(
        By.cssSelector("#dashboard-deliverables tr[data-deliverable='" + world.homeVisits() + "']")));
    JsonObject progress = api.get("api/v1/reports/projects/" + world.project() + "/progress", supervisor).json();
    JsonObject d = progress.getJsonArray("deliverables").getJsonObject(0);
    // 2 approved against 18 × 100 / 365 = 4.93 expected: 40.6% < 70% → AT_RISK.
    assertEquals("4.93", d.getString("expected"));
    assertEquals("AT_RISK", d.getString("status"));
    assertEquals("AT_RISK", line.getAttribute("data-status"));
    assertEquals("有风险", line.findElement(By.cssSelector(".badge")).getText(), "the status in words, not colour alone");
    assertEquals("2", line.findElement(By.cssSelector(".count")).getAttribute("data-approved"));
    assertEquals("4.93", line.findElement(By.cssSelector("td.expected")).getAttribute("data-expected"));
    waitFor(manager).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#dashboard-chart svg")));
    screenshot(manager, "manager-dashboard");
  }

  @Test
  void aSupervisorSeesTheWorkersNameInTheReviewQueue() throws Exception {
    var queue = api.get("api/v1/services/review?status=SUBMITTED&project=" + world.project(), supervisor);
    assertEquals(200, queue.status(), queue.body());
    JsonObject item = queue.json().getJsonArray("items").getJsonObject(0);
    assertEquals(world.submitted(), item.getString("id"));
    assertEquals(WORKER_NAME, item.getString("workerName"));
    JsonObject single = api.get("api/v1/services/" + world.submitted(), supervisor).json();
    assertTrue(!single.containsKey("workerName") || single.isNull("workerName"), "only the queue carries names");

    ChromeDriver manager = browsers.open(1280, 1000);
    login(manager, "chunhui-sw", "supervisor", Api.DEMO_PASSWORD);
    manager.get(base + "#/review?project=" + world.project());
    WebElement row = waitFor(manager).until(ExpectedConditions.presenceOfElementLocated(
        By.cssSelector("tr[data-record='" + world.submitted() + "']")));
    assertEquals(WORKER_NAME, row.findElement(By.cssSelector("td.worker")).getText());
  }

  @Test
  void textIsServedGzippedAndTheFirstScreenIsUsableQuicklyOnASlowConnection() throws Exception {
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    for (String path : List.of("", "js/main.js", "app.css", "js/messages/zh-CN.js")) {
      HttpResponse<byte[]> plain = http.send(HttpRequest.newBuilder(URI.create(base + path)).build(),
          HttpResponse.BodyHandlers.ofByteArray());
      HttpResponse<byte[]> zipped = http.send(HttpRequest.newBuilder(URI.create(base + path))
          .header("Accept-Encoding", "gzip, deflate, br").build(), HttpResponse.BodyHandlers.ofByteArray());
      assertEquals(200, zipped.statusCode(), path);
      assertTrue(plain.headers().firstValue("Content-Encoding").isEmpty(), "identity unless asked: " + path);
      assertEquals("gzip", zipped.headers().firstValue("Content-Encoding").orElse(""), path);
      assertTrue(zipped.headers().allValues("Vary").stream().anyMatch(v -> v.contains("Accept-Encoding")), path);
      assertArrayEquals(plain.body(), gunzip(zipped.body()), "the same bytes once unpacked: " + path);
      assertTrue(zipped.body().length < plain.body().length / 2, path + ": " + zipped.body().length + " of " + plain.body().length);
      // Revalidation still answers 304 with nothing in it.
      String etag = zipped.headers().firstValue("ETag").orElse(null);
      if (etag != null) {
        HttpResponse<byte[]> again = http.send(HttpRequest.newBuilder(URI.create(base + path))
            .header("Accept-Encoding", "gzip").header("If-None-Match", etag).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(304, again.statusCode(), path);
      }
    }
    // An API answer large enough to be worth it (below 512 bytes nothing is gained): the progress with its series.
    HttpResponse<byte[]> json = http.send(HttpRequest.newBuilder(URI.create(base + "api/v1/reports/projects/" + world.project() + "/progress"))
        .header("Authorization", "Bearer " + world.bureau().officerToken()).header("Accept-Encoding", "gzip").build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertEquals("gzip", json.headers().firstValue("Content-Encoding").orElse(""));
    assertTrue(new String(gunzip(json.body()), StandardCharsets.UTF_8).contains("\"contractNumber\":\"" + world.contractNumber() + "\""));
    HttpResponse<byte[]> pdf = http.send(HttpRequest.newBuilder(URI.create(base + "api/v1/reports/bureau/export?format=PDF"))
        .header("Authorization", "Bearer " + world.bureau().officerToken()).header("Accept-Encoding", "gzip").build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(200, pdf.statusCode());
    assertTrue(pdf.headers().firstValue("Content-Encoding").isEmpty(), "a PDF is compressed already");
    assertEquals("%PDF", new String(pdf.body(), 0, 4, StandardCharsets.US_ASCII));

    // The first screen on a slow phone connection (400 kbit/s, 400 ms round trip), with an empty cache; once as
    // browsers ask (gzip), once refusing compression for comparison (docs/web.md records both).
    Map<String, Object> figures = firstScreen(Map.of());
    Map<String, Object> uncompressed = firstScreen(Map.of("Accept-Encoding", "identity"));
    String report = describe("gzip", figures) + describe("identity", uncompressed);
    System.out.println(report);
    Path dir = Path.of(System.getProperty("shouhu.it.screenshots", "target/screenshots"));
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("first-screen.txt"), report);
    assertTrue(((Number) figures.get("encoded")).longValue() < ((Number) figures.get("decoded")).longValue() / 2,
        "the first screen travels gzipped: " + report);
    // The 2 s goal is a measurement recorded in docs/web.md (target/screenshots/first-screen.txt), not an assertion:
    // a timed test on a shared 2-core CI machine fails for the machine, not the code. What must hold is the size.
    // The login screen loads only its own words (the core catalogue, js/messages/zh-CN.js; every other screen's words
    // come after login from zh-CN.screens.js): about 28 KB gzipped. The budget leaves room for a few more problem
    // codes and shell words; a screen's words belong in the screens' module (docs/web.md, "Size and speed").
    assertTrue(((Number) figures.get("encoded")).longValue() < 36_000, "the first screen stays small: " + report);
  }

  /** Loads the login screen in a fresh phone-sized browser on an emulated slow connection; answers the figures. */
  @SuppressWarnings("unchecked")
  private Map<String, Object> firstScreen(Map<String, Object> extraHeaders) {
    ChromeDriver phone = browsers.open(360, 780);
    phone.executeCdpCommand("Network.enable", Map.of());
    phone.executeCdpCommand("Network.setCacheDisabled", Map.of("cacheDisabled", true));
    if (!extraHeaders.isEmpty()) {
      phone.executeCdpCommand("Network.setExtraHTTPHeaders", Map.of("headers", extraHeaders));
    }
    phone.executeCdpCommand("Network.emulateNetworkConditions", Map.of("offline", false, "latency", 400,
        "downloadThroughput", 400 * 1000 / 8, "uploadThroughput", 400 * 1000 / 8));
    phone.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source",
        "new MutationObserver((m, o) => { if (document.getElementById('login-submit')) {"
            + " window.__usable = performance.now(); o.disconnect(); } })"
            + ".observe(document, { childList: true, subtree: true });"));
    phone.get(base.toString());
    waitFor(phone).until(ExpectedConditions.visibilityOfElementLocated(By.id("login-submit")));
    return (Map<String, Object>) phone.executeScript(
        "const all = [performance.getEntriesByType('navigation')[0], ...performance.getEntriesByType('resource')];"
            + "return { usable: window.__usable, files: all.length,"
            + " transfer: all.reduce((n, e) => n + e.transferSize, 0),"
            + " encoded: all.reduce((n, e) => n + e.encodedBodySize, 0),"
            + " decoded: all.reduce((n, e) => n + e.decodedBodySize, 0),"
            + " names: all.map((e) => e.name.replace(location.origin, '') + ' ' + e.encodedBodySize + '/' + e.decodedBodySize) };");
  }

  @SuppressWarnings("unchecked")
  private static String describe(String how, Map<String, Object> f) {
    return "first screen (" + how + ") at 400 kbit/s, 400 ms RTT, empty cache: usable after "
        + Math.round(((Number) f.get("usable")).doubleValue()) + " ms; " + f.get("files") + " files, "
        + f.get("transfer") + " bytes transferred (bodies " + f.get("encoded") + " as sent, " + f.get("decoded")
        + " unpacked)\n  " + String.join("\n  ", (List<String>) f.get("names")) + "\n";
  }

  // --- the browser ---------------------------------------------------------------------------------------------

  /** Clicks an export button and waits for the finished file with that extension in the browser's download folder. */
  private Path downloadVia(ChromeDriver browser, String buttonId, String extension) throws IOException {
    Path dir = browsers.downloads(browser);
    browser.findElement(By.id(buttonId)).click();
    String statusId = buttonId.substring(0, buttonId.lastIndexOf('-')) + "-status";
    waitFor(browser).until(d -> {
      String file = d.findElement(By.id(statusId)).getAttribute("data-file");
      String error = d.findElement(By.id(statusId)).getAttribute("class");
      if (error.contains("error")) {
        throw new AssertionError("export refused: " + d.findElement(By.id(statusId)).getText());
      }
      return file != null && !file.isEmpty();
    });
    waitFor(browser).until(d -> {
      try (var files = Files.list(dir)) {
        return files.anyMatch(f -> f.toString().endsWith(extension));
      } catch (IOException e) {
        return false;
      }
    });
    try (var files = Files.list(dir)) {
      Path file = files.filter(f -> f.toString().endsWith(extension)).findFirst().orElseThrow();
      Path kept = Path.of(System.getProperty("shouhu.it.screenshots", "target/screenshots")).resolve("download-" + buttonId + extension);
      Files.createDirectories(kept.getParent());
      Files.copy(file, kept, StandardCopyOption.REPLACE_EXISTING);
      return file;
    }
  }

  private void loginOfficer(ChromeDriver browser) {
    login(browser, world.bureau().slug(), "officer", world.officerPassword());
  }

  private void login(ChromeDriver browser, String tenant, String username, String password) {
    Browsers.login(browser, base, tenant, username, password);
  }

  private static void setValue(ChromeDriver browser, String name, String value) {
    browser.executeScript("const el = document.querySelector(`[name='${arguments[0]}']`); el.value = arguments[1];"
        + " el.dispatchEvent(new Event('input', {bubbles: true}));", name, value);
  }

  static void type(ChromeDriver browser, String id, String text) {
    WebElement input = waitFor(browser).until(ExpectedConditions.presenceOfElementLocated(By.id(id)));
    input.clear();
    input.sendKeys(text);
  }

  /** Saves one line of the sheet and waits for the sheet to be drawn again with the line saved. */
  private static void saveLine(ChromeDriver browser, String code) {
    browser.findElement(By.id("save-" + code)).click();
    waitFor(browser).until(d -> d.findElements(By.cssSelector("tr[data-indicator='" + code + "'] small.scored")).size() == 1
        && d.findElement(By.id("evaluation-result")).getText().length() > 0);
  }

  private static byte[] gunzip(byte[] bytes) throws IOException {
    try (var in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
      return in.readAllBytes();
    }
  }

  // --- the API, for setting up and checking ----------------------------------------------------------------------

  private JsonObject evaluation(String id) {
    var reply = api.get("api/v1/evaluations/" + id, world.bureau().officerToken());
    assertEquals(200, reply.status(), reply.body());
    return reply.json();
  }

  private static JsonObject indicator(JsonObject evaluation, String code) {
    return evaluation.getJsonArray("indicators").getValuesAs(JsonObject.class).stream()
        .filter(i -> i.getString("code").equals(code)).findFirst().orElseThrow();
  }

  private static LocalDate today() {
    return LocalDate.now(CHINA);
  }

  private World build() throws Exception {
    Api.Bureau bureau = api.onboardBureau(api.platformToken(), "429006");
    String orgId = com.nimbusds.jwt.SignedJWT.parse(worker).getJWTClaimsSet().getStringClaim("tenant_id");
    LocalDate start = today().minusDays(99);
    String contract = "BSC-" + ThreadLocalRandom.current().nextInt(1_000_000);
    var created = api.post("api/v1/projects", bureau.officerToken(), "{\"contractNumber\":\"" + contract
        + "\",\"title\":\"多宝镇困境儿童关爱（界面）\",\"organizationId\":\"" + orgId + "\",\"budget\":100000,"
        + "\"periodStart\":\"" + start + "\",\"periodEnd\":\"" + start.plusDays(364) + "\","
        + "\"coveredTowns\":[\"" + TOWN + "\"],\"targetGroups\":[\"LEFT_BEHIND_CHILD\",\"CHILD_IN_DIFFICULTY\"],"
        + "\"deliverables\":[{\"kind\":\"HOME_VISIT\",\"unit\":\"VISIT\",\"target\":18}],"
        + "\"milestones\":[{\"kind\":\"FIRST\",\"sharePercent\":30,\"dueDate\":\"" + today().minusDays(90) + "\"},"
        + "{\"kind\":\"INTERIM\",\"sharePercent\":40,\"dueDate\":\"" + today().plusDays(100) + "\"},"
        + "{\"kind\":\"FINAL\",\"sharePercent\":30,\"dueDate\":\"" + start.plusDays(364) + "\"}],"
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
    String approved = log(project, homeVisits, 2, 8, List.of(children.get(0), children.get(2)));
    String submitted = log(project, homeVisits, 3, 9, List.of(children.get(2)));
    var reply = api.post("api/v1/services/review", supervisor, "{\"action\":\"APPROVE\",\"ids\":[\"" + approved + "\"]}");
    assertEquals(200, reply.status(), reply.body());
    assertEquals(1, reply.json().getInt("approved"), reply.body());
    String slug = bureau.slug();
    return new World(bureau, "Kezhang-" + slug, project, contract, homeVisits, children, approved, submitted);
  }

  private String log(String project, String deliverable, int daysAgo, int hour, List<String> people) {
    return api.submittedHomeVisit(worker, project, deliverable, today().minusDays(daysAgo), hour, VILLAGE, people);
  }

  private String child(String name, String category) {
    return api.registerChild(worker, name, category, VILLAGE);
  }
}
