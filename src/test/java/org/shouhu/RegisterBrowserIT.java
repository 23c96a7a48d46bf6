package org.shouhu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.shouhu.Browsers.assertScreenClean;
import static org.shouhu.Browsers.screenshot;
import static org.shouhu.Browsers.waitFor;

import jakarta.json.JsonObject;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * The register and groups in Debian's headless Chromium on a 360 px phone, in Chinese and English. The org admin
 * imports a ledger (an empty file and a header-only file are said so in words; a refused row gives its reason in
 * words, not its code; the list refreshes when the import ends), enrols the imported children into a project from
 * the register in one action, assesses one child's risk, adds a guardian and ends her enrolment with a reason. The
 * supervisor sets up a group for a worker, adds three enrolled children and lets one go; the worker then logs a
 * session with attendance for the two who remain; the supervisor closes the group once that session is approved.
 *
 * <p>Only the bureau's project, the worker's account and (for the group) the enrolments, all proven elsewhere, are
 * arranged through the API; everything the test is about is done by tapping.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class RegisterBrowserIT {

  private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
  private static final String PASSWORD = "Register-groups-2026-Tianmen";
  private static final String HEADER = "姓名,性别,出生日期,公民身份号码,联系电话,村(社区)代码,学校,年级,类别,困境类型,风险等级,风险说明,"
      + "同意方式,同意日期,同意人,同意人关系,监护人姓名,监护人关系,监护人电话,是否同住,委托监护,委托协议日期";

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
  final List<Path> temporary = new ArrayList<>();

  @BeforeEach
  void parties() throws Exception {
    api = new Api(base);
    officer = api.login("tianmen-mzj", "officer", Api.DEMO_PASSWORD);
    admin = api.login("chunhui-sw", "admin", Api.DEMO_PASSWORD);
    orgId = com.nimbusds.jwt.SignedJWT.parse(admin).getJWTClaimsSet().getStringClaim("tenant_id");
  }

  @AfterEach
  void close() throws Exception {
    browsers.close();
    for (Path p : temporary) {
      Files.deleteIfExists(p);
    }
  }

  @Test
  void theOrgAdminImportsEnrolsFromTheRegisterEditsAChildAndEndsHerEnrolment() throws Exception {
    String project = project("REG", false);
    String tag = tag();
    LocalDate today = LocalDate.now(CHINA);

    ChromeDriver phone = browsers.open(360, 800);
    Browsers.login(phone, base, "chunhui-sw", "admin", Api.DEMO_PASSWORD);
    phone.findElement(By.id("nav-registry")).click();
    waitFor(phone).until(ExpectedConditions.presenceOfElementLocated(By.id("registry-count")));
    assertScreenClean(phone, "register");

    importFile(phone, ledger("empty.csv", ""));
    WebElement empty = waitFor(phone).until(ExpectedConditions.visibilityOfElementLocated(By.id("import-empty")));
    assertTrue(empty.getText().contains("空文件"), empty.getText());
    importFile(phone, ledger("header-only.csv", HEADER + "\n"));
    waitFor(phone).until(ExpectedConditions.textToBePresentInElementLocated(By.id("import-empty"), "没有数据行"));
    assertScreenClean(phone, "register after a header-only import");

    int before = count(phone);
    StringBuilder rows = new StringBuilder(HEADER).append('\n');
    for (String suffix : List.of("甲", "乙", "丙")) {
      rows.append(tag).append(suffix).append(",,,").append(Api.citizenId(LocalDate.of(2013, 3, 1).plusDays(ThreadLocalRandom.current().nextInt(900))))
          .append(",,429006104201,,,留守儿童,,,,书面,2025-03-01,李秀英,祖父母,,,,,,\n");
    }
    // A ten-year-old cannot consent for herself: refused with CONSENT_GUARDIAN_REQUIRED, which the screen says in words.
    rows.append(tag).append("丁,,,").append(Api.citizenId(LocalDate.of(2015, 5, 1).plusDays(ThreadLocalRandom.current().nextInt(300))))
        .append(",,429006104201,,,留守儿童,,,,口头,2025-03-01,").append(tag).append("丁,本人,,,,,,\n");
    importFile(phone, ledger("ledger.csv", rows.toString()));
    waitFor(phone).until(ExpectedConditions.textToBePresentInElementLocated(By.id("import-status"), "已完成"));
    WebElement reason = waitFor(phone).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#import-rejections td[data-code]")));
    assertEquals("CONSENT_GUARDIAN_REQUIRED", reason.getAttribute("data-code"));
    assertTrue(reason.getText().contains("监护人同意"), reason.getText());
    waitFor(phone).until(d -> count(phone) == before + 3);
    assertScreenClean(phone, "register after an import with a refused row");

    WebElement q = phone.findElement(By.name("q"));
    q.sendKeys(tag);
    phone.findElement(By.cssSelector("form.filters button[type=submit]")).click();
    waitFor(phone).until(d -> d.findElements(By.cssSelector("#registry-table li.person")).size() == 3);

    new Select(phone.findElement(By.id("enrol-project"))).selectByValue(project);
    phone.findElement(By.cssSelector("#enrol-form label.check")).click();
    waitFor(phone).until(d -> d.findElements(By.cssSelector("#registry-table input[name=pick]:checked")).size() == 3);
    phone.findElement(By.id("enrol-submit")).click();
    waitFor(phone).until(d -> d.findElements(By.cssSelector("#enrol-results li")).size() == 3);
    assertEquals(3, phone.findElements(By.cssSelector("#enrol-results li[data-result=enrolled]")).size(),
        phone.findElement(By.id("enrol-results")).getText());
    assertScreenClean(phone, "register after enrolling");
    screenshot(phone, "register-enrol");

    // Enrolled twice: refused for that person, in words.
    phone.findElement(By.cssSelector("#registry-table li.person label.check")).click();
    phone.findElement(By.id("enrol-submit")).click();
    WebElement twice = waitFor(phone).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#enrol-results li[data-result=refused]")));
    assertTrue(twice.getText().contains("已登记在这个项目中"), twice.getText());
    // The 409 the browser logged is the refusal the test asked for, not a defect of the screen.
    Browsers.consoleErrors(phone);
    assertEquals(3, api.get("api/v1/projects/" + project + "/enrolments", admin).json().getInt("total"));

    // Open the first child: risk, a guardian, and her enrolment ended because the family moved away.
    String child = phone.findElement(By.cssSelector("#registry-table li.person")).getAttribute("data-id");
    phone.get(base + "#/registry/" + child);
    waitFor(phone).until(ExpectedConditions.visibilityOfElementLocated(By.id("risk-form")));
    assertEquals("#/person/" + child, phone.findElement(By.id("view-record")).getAttribute("href").replaceAll("^.*(#/.*)$", "$1"));
    assertScreenClean(phone, "person");
    new Select(phone.findElement(By.id("risk-level"))).selectByValue("HIGH");
    phone.findElement(By.id("risk-reason")).sendKeys("祖母卧病，孩子独自上学");
    phone.findElement(By.id("risk-submit")).click();
    waitFor(phone).until(ExpectedConditions.textToBePresentInElementLocated(By.id("person-title"), "风险：高"));

    phone.findElement(By.cssSelector("#particulars-form input[name=school]")).sendKeys("多宝镇中心小学");
    phone.findElement(By.cssSelector("#particulars-form input[name=grade]")).sendKeys("四年级");
    phone.findElement(By.id("particulars-submit")).click();
    waitFor(phone).until(d -> "四年级".equals(d.findElement(By.cssSelector("#particulars-form input[name=grade]")).getAttribute("value")));
    phone.findElement(By.cssSelector("#person-guardians details.add > summary")).click();
    new Select(phone.findElement(By.cssSelector("#guardian-form select[name=relationship]"))).selectByValue("GRANDPARENT");
    phone.findElement(By.cssSelector("#guardian-form input[name=name]")).sendKeys("李秀英");
    phone.findElement(By.cssSelector("#guardian-form input[name=phone]")).sendKeys("13972801234");
    phone.findElement(By.xpath("//form[@id='guardian-form']//label[.//input[@name='livesWithChild']]")).click();
    phone.findElement(By.id("guardian-submit")).click();
    waitFor(phone).until(ExpectedConditions.textToBePresentInElementLocated(By.id("guardian-list"), "李秀英"));

    WebElement enrolment = phone.findElement(By.cssSelector("#person-enrolments li.enrolment-ACTIVE"));
    enrolment.findElement(By.cssSelector("details.end > summary")).click();
    enrolment.findElement(By.cssSelector("button[type=submit]")).click();
    waitFor(phone).until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[data-end] [data-field=reason] .field-error"), "必填"));
    new Select(enrolment.findElement(By.name("reason"))).selectByValue("LEFT_AREA");
    enrolment.findElement(By.cssSelector("button[type=submit]")).click();
    WebElement ended = waitFor(phone).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#person-enrolments li.enrolment-ENDED")));
    assertTrue(ended.getText().contains("迁出服务区域"), ended.getText());
    assertScreenClean(phone, "person after ending the enrolment");

    JsonObject opened = api.get("api/v1/beneficiaries/" + child, admin).json();
    assertEquals("HIGH", opened.getJsonObject("risk").getString("level"));
    assertEquals("多宝镇中心小学", opened.getString("school"));
    assertEquals("李秀英", opened.getJsonArray("guardians").getJsonObject(0).getString("name"));
    assertEquals(2, api.get("api/v1/projects/" + project + "/enrolments", admin).json().getInt("total"),
        "an ended enrolment leaves the project's active list (the worker's Today)");
    var history = api.get("api/v1/beneficiaries/" + child + "/enrolments", admin).body();
    assertTrue(history.contains("\"endReason\":\"LEFT_AREA\"") && history.contains("\"endedOn\":\"" + today + "\""), history);

    english(phone);
    waitFor(phone).until(ExpectedConditions.textToBePresentInElementLocated(By.id("risk-title"), "Risk assessment"));
    assertScreenClean(phone, "person (English)");
    phone.get(base + "#/registry?q=" + java.net.URLEncoder.encode(tag, StandardCharsets.UTF_8));
    waitFor(phone).until(d -> d.findElements(By.cssSelector("#registry-table li.person")).size() == 3);
    waitFor(phone).until(d -> d.findElements(By.cssSelector("#import-rejections td[data-code]")).size() == 1);
    assertFalse(phone.findElement(By.id("import-rejections")).getText().contains("CONSENT"));
    assertScreenClean(phone, "register (English)");
  }

  @Test
  void theSupervisorSetsUpAGroupAddsThreeLetsOneGoAndTheWorkerTakesAttendanceForTwo() throws Exception {
    String project = project("GRP", true);
    LocalDate today = LocalDate.now(CHINA);
    String username = "grp" + ThreadLocalRandom.current().nextInt(10_000, 99_999);
    var user = api.post("api/v1/users", admin, "{\"username\":\"" + username + "\",\"displayName\":\"钱社工\","
        + "\"roles\":[\"SOCIAL_WORKER\"],\"password\":\"" + PASSWORD + "\"}");
    assertEquals(201, user.status(), user.body());
    String workerId = user.json().getJsonObject("user").getString("id");
    String worker = api.login("chunhui-sw", username, PASSWORD);
    String tag = tag();
    List<String> children = new ArrayList<>();
    for (String suffix : List.of("甲", "乙", "丙")) {
      String child = api.registerChild(admin, tag + suffix);
      assertEquals(201, api.post("api/v1/projects/" + project + "/enrolments", admin,
          "{\"beneficiaryId\":\"" + child + "\",\"enrolledOn\":\"" + today.minusDays(20) + "\"}").status());
      children.add(child);
    }
    String a = children.get(0);
    String b = children.get(1);
    String c = children.get(2);

    ChromeDriver phone = browsers.open(360, 800);
    Browsers.login(phone, base, "chunhui-sw", "supervisor", Api.DEMO_PASSWORD);
    phone.findElement(By.id("nav-groups")).click();
    waitFor(phone).until(ExpectedConditions.presenceOfElementLocated(By.id("groups-count")));
    assertScreenClean(phone, "groups");
    phone.findElement(By.cssSelector("#new-group-details > summary")).click();
    new Select(phone.findElement(By.cssSelector("#new-group select[name=projectId]"))).selectByValue(project);
    phone.findElement(By.cssSelector("#new-group input[name=name]")).sendKeys(tag + "情绪小管家");
    phone.findElement(By.cssSelector("#new-group textarea[name=purpose]")).sendKeys("学会识别和表达情绪");
    phone.findElement(By.cssSelector("#new-group input[name=schedule]")).sendKeys("每周三 16:00");
    phone.findElement(By.id("new-group-submit")).click();
    waitFor(phone).until(ExpectedConditions.textToBePresentInElementLocated(
        By.cssSelector("#new-group [data-field=facilitatorId] .field-error"), "必填"));
    Browsers.consoleErrors(phone); // the 400 asked for
    assertScreenClean(phone, "new group refused");
    new Select(phone.findElement(By.cssSelector("#new-group select[name=facilitatorId]"))).selectByValue(workerId);
    phone.findElement(By.id("new-group-submit")).click();
    waitFor(phone).until(ExpectedConditions.visibilityOfElementLocated(By.id("join-form")));
    String group = phone.getCurrentUrl().replaceAll("^.*#/groups/", "");
    assertEquals("钱社工", phone.findElement(By.id("group-facilitator")).getText());
    assertScreenClean(phone, "new group");

    for (String child : children) {
      phone.findElement(By.cssSelector("label[data-candidate='" + child + "']")).click();
    }
    setValue(phone, "#join-form input[name=joinedOn]", today.minusDays(10).toString());
    phone.findElement(By.id("join-submit")).click();
    waitFor(phone).until(d -> d.findElements(By.cssSelector("#group-members li[data-member]")).size() == 3);

    WebElement leaving = phone.findElement(By.cssSelector("#group-members li[data-member='" + c + "']"));
    leaving.findElement(By.cssSelector("details > summary")).click();
    setValue(phone, "form[data-leave='" + c + "'] input[name=leftOn]", today.minusDays(5).toString());
    leaving.findElement(By.cssSelector("button[type=submit]")).click();
    waitFor(phone).until(d -> d.findElements(By.cssSelector("#former-members li[data-member='" + c + "']")).size() == 1);
    assertEquals(2, phone.findElements(By.cssSelector("#group-members > ul:not(#former-members) > li[data-member]")).size());
    assertScreenClean(phone, "group with members");
    screenshot(phone, "groups-detail");
    english(phone);
    waitFor(phone).until(ExpectedConditions.textToBePresentInElementLocated(By.id("members-title"), "current members"));
    assertScreenClean(phone, "group (English)");
    phone.findElement(By.id("nav-groups")).click();
    waitFor(phone).until(ExpectedConditions.textToBePresentInElementLocated(By.id("groups-count"), "groups"));
    assertScreenClean(phone, "groups (English)");

    ChromeDriver workerPhone = browsers.open(360, 800);
    Browsers.login(workerPhone, base, "chunhui-sw", username, PASSWORD);
    workerPhone.get(base + "#/groups");
    waitFor(workerPhone).until(d -> d.findElements(By.cssSelector("#group-list li[data-group='" + group + "']")).size() == 1);
    assertScreenClean(workerPhone, "worker's groups");
    workerPhone.findElement(By.cssSelector("#group-list li[data-group='" + group + "'] a.title")).click();
    waitFor(workerPhone).until(ExpectedConditions.elementToBeClickable(By.id("log-session")));
    assertTrue(workerPhone.findElements(By.id("hand-over")).isEmpty(), "a worker does not hand groups over");
    assertScreenClean(workerPhone, "worker's group");
    workerPhone.findElement(By.id("log-session")).click();
    waitFor(workerPhone).until(ExpectedConditions.visibilityOfElementLocated(By.id("group-form")));
    LocalDate day = today.minusDays(2);
    workerPhone.executeScript(
        "const set = (name, v) => { const el = document.querySelector(`[name='${name}']`); el.value = v;"
            + " el.dispatchEvent(new Event('input', {bubbles: true})); el.dispatchEvent(new Event('change', {bubbles: true})); };"
            + "set('startedAt', arguments[0]); set('from', arguments[1]); set('endedAt', arguments[2]);",
        day.toString(), "16:00", "17:00");
    waitFor(workerPhone).until(d -> d.findElements(By.cssSelector("#attendance fieldset[data-member]")).size() == 2);
    workerPhone.findElement(By.name("topic")).sendKeys("认识情绪");
    workerPhone.findElement(By.cssSelector("label[for='att-" + b + "-ABSENT']")).click();
    assertScreenClean(workerPhone, "group session form");
    workerPhone.findElement(By.id("group-submit")).click();
    waitFor(workerPhone).until(d -> d.getCurrentUrl().endsWith("#/today"));

    var sessions = api.get("api/v1/groups/" + group + "/sessions", worker);
    assertEquals(200, sessions.status(), sessions.body());
    var held = jakarta.json.Json.createReader(new java.io.StringReader(sessions.body())).readArray().getValuesAs(JsonObject.class);
    assertEquals(1, held.size(), sessions.body());
    Map<String, String> marked = new HashMap<>();
    held.get(0).getJsonArray("attendance").getValuesAs(JsonObject.class)
        .forEach(x -> marked.put(x.getString("beneficiaryId"), x.getString("attendance")));
    assertEquals(Map.of(a, "PRESENT", b, "ABSENT"), marked, "the two who remain, the one who left has no line");

    // Closing waits for the session's review (in words), then the supervisor closes the group on the phone.
    phone.get(base + "#/groups/" + group);
    waitFor(phone).until(ExpectedConditions.elementToBeClickable(By.cssSelector("#close-details > summary"))).click();
    phone.findElement(By.cssSelector("#close-group textarea[name=summary]")).sendKeys("组员学会用情绪卡片表达感受");
    phone.findElement(By.cssSelector("#close-group button[type=submit]")).click();
    waitFor(phone).until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#close-group .error"), "not yet approved"));
    Browsers.consoleErrors(phone); // the 409 asked for
    assertScreenClean(phone, "group close refused (English)");
    String supervisor = api.login("chunhui-sw", "supervisor", Api.DEMO_PASSWORD);
    var approved = api.post("api/v1/services/review", supervisor,
        "{\"ids\":[\"" + held.get(0).getJsonObject("record").getString("id") + "\"],\"action\":\"APPROVE\"}");
    assertEquals(1, approved.json().getInt("approved"), approved.body());
    phone.findElement(By.cssSelector("#close-group button[type=submit]")).click();
    waitFor(phone).until(ExpectedConditions.textToBe(By.id("group-status"), "Closed"));
    assertTrue(phone.findElements(By.id("join-form")).isEmpty(), "a closed group takes no members");
    assertScreenClean(phone, "closed group (English)");
    assertEquals("CLOSED", api.get("api/v1/groups/" + group, supervisor).json().getString("status"));
  }

  /** Switches the app to English with its header button. */
  private static void english(ChromeDriver phone) {
    phone.findElement(By.id("lang")).click();
    waitFor(phone).until(d -> "en".equals(d.findElement(By.tagName("html")).getAttribute("lang")));
  }

  private static void setValue(ChromeDriver browser, String css, String value) {
    browser.executeScript("const el = document.querySelector(arguments[0]); el.value = arguments[1];"
        + " el.dispatchEvent(new Event('change', {bubbles: true}));", css, value);
  }

  private static int count(ChromeDriver phone) {
    String text = phone.findElement(By.id("registry-count")).getText();
    return Integer.parseInt(text.replaceAll("[^0-9]", ""));
  }

  private static void importFile(ChromeDriver phone, Path file) {
    phone.findElement(By.name("ledger")).sendKeys(file.toAbsolutePath().toString());
    phone.findElement(By.id("import-submit")).click();
  }

  private Path ledger(String name, String content) throws Exception {
    Path file = Files.createTempDirectory("shouhu-ledger-").resolve(name);
    Files.writeString(file, content, StandardCharsets.UTF_8);
    temporary.add(file);
    return file;
  }

  /** Two rare characters that make this run's names findable in a shared register. */
  private static String tag() {
    String pool = "翠柏松桦枫杉榆槐柳桐梧楠樟桂棠";
    ThreadLocalRandom r = ThreadLocalRandom.current();
    return "欧阳" + pool.charAt(r.nextInt(pool.length())) + pool.charAt(r.nextInt(pool.length()));
  }

  /** The bureau's active project awarded to chunhui-sw in 多宝镇 for left-behind children (the bureau's to arrange). */
  private String project(String prefix, boolean groups) {
    LocalDate today = LocalDate.now(CHINA);
    String deliverables = groups
        ? "[{\"kind\":\"GROUP_SESSION\",\"unit\":\"SESSION\",\"target\":24},{\"kind\":\"HOME_VISIT\",\"unit\":\"VISIT\",\"target\":100}]"
        : "[{\"kind\":\"HOME_VISIT\",\"unit\":\"VISIT\",\"target\":100}]";
    var created = api.post("api/v1/projects", officer, "{\"contractNumber\":\"" + prefix + "-" + ThreadLocalRandom.current().nextInt(1_000_000)
        + "\",\"title\":\"多宝镇关爱 " + prefix + "-" + ThreadLocalRandom.current().nextInt(1_000_000) + "\",\"organizationId\":\"" + orgId
        + "\",\"budget\":90000,\"periodStart\":\"" + today.minusMonths(6) + "\",\"periodEnd\":\"" + today.plusMonths(6) + "\","
        + "\"coveredTowns\":[\"429006104\"],\"targetGroups\":[\"LEFT_BEHIND_CHILD\"],\"deliverables\":" + deliverables + ",\"lockDays\":90}");
    assertEquals(201, created.status(), created.body());
    String id = created.json().getString("id");
    assertEquals(200, api.post("api/v1/projects/" + id + "/activate", officer, "").status());
    return id;
  }
}
