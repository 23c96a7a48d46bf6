package org.shouhu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.shouhu.Browsers.assertFitsThePhone;
import static org.shouhu.Browsers.offline;
import static org.shouhu.Browsers.pending;
import static org.shouhu.Browsers.screenshot;
import static org.shouhu.Browsers.waitFor;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.URL;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
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
import org.shouhu.services.control.PhotoLocationTest;

/**
 * The worker's other forms in Debian's headless Chromium on a 360 px phone: a school activity with a photo from the
 * camera (a real JPEG with a GPS position) whose evidence is stored without the position, a refused file explained
 * in words; a counseling session whose confidential note reaches only the note endpoint; a group session with
 * attendance; and the app reopened with no network from its service worker, where a school activity with a photo
 * logged offline waits on the device and is sent exactly once when the network returns.
 *
 * <p>Each test has its own worker and project: a worker cannot be in two places at once, and the ITs share a database.
 * The browser is required: without /usr/bin/chromium and /usr/bin/chromedriver these tests fail, they never skip.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class WorkerFormsIT {

  private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
  private static final String PASSWORD = "Worker-forms-2026-Tianmen";

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
  final List<Path> temporary = new ArrayList<>();
  final List<AutoCloseable> closing = new ArrayList<>();

  /** A project of chunhui-sw with school, counseling and group deliverables, its own worker and two enrolled children. */
  record Setting(String project, String username, String worker, String childA, String childB) {}

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
    for (AutoCloseable c : closing) {
      c.close();
    }
    for (Path path : temporary) {
      try (var files = Files.walk(path)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
  }

  @Test
  void aWorkerLogsASchoolActivityWithACameraPhotoAndTheEvidenceIsStoredWithoutItsLocation() throws Exception {
    Setting s = setting();
    LocalDate day = LocalDate.now(CHINA).minusDays(3);
    Path photo = file("activity.jpg", PhotoLocationTest.photoWithLocation(ByteOrder.LITTLE_ENDIAN));
    Path notAPhoto = file("sign-in.jpg", "<html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8));

    ChromeDriver phone = browsers.open(360, 780);
    login(phone, base, s.username());
    waitFor(phone).until(ExpectedConditions.elementToBeClickable(By.id("new-school"))).click();
    waitFor(phone).until(ExpectedConditions.visibilityOfElementLocated(By.id("school-form")));
    WebElement camera = phone.findElement(By.id("photo"));
    assertEquals("image/*", camera.getAttribute("accept"));
    assertEquals("environment", camera.getAttribute("capture"));
    fillSchool(phone, s, day, "09:00", "10:00", "多宝镇中心小学");
    // Over the API's 10 MiB: refused on the phone at once, in words, before it costs an upload.
    phone.findElement(By.id("photo")).sendKeys(file("huge.jpg", new byte[11 * 1024 * 1024]).toString());
    WebElement tooLarge = waitFor(phone).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#photo-errors p")));
    assertTrue(tooLarge.getText().contains("huge.jpg") && tooLarge.getText().contains("超过 10 MB"), tooLarge.getText());
    assertTrue(phone.findElements(By.cssSelector("#photos li")).isEmpty(), "not taken into the record");
    phone.findElement(By.id("photo")).sendKeys(photo.toString());
    phone.findElement(By.id("photo")).sendKeys(notAPhoto.toString());
    waitFor(phone).until(d -> d.findElements(By.cssSelector("#photos li")).size() == 2);
    assertFitsThePhone(phone);
    screenshot(phone, "worker-school-form");
    phone.findElement(By.id("school-submit")).click();

    // The record and the real photo are stored; the file that is no photo is refused (415) and said so in words.
    WebElement errors = waitFor(phone).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#photo-errors p")));
    assertTrue(errors.getText().contains("sign-in.jpg") && errors.getText().contains("不是照片"), errors.getText());
    List<JsonObject> mine = mine(s, "SCHOOL_ACTIVITY");
    assertEquals(1, mine.size(), "one record: " + mine);
    JsonObject record = mine.get(0);
    String id = record.getString("id");
    assertEquals("DRAFT", record.getString("status"), "a refused photo keeps the record a draft to complete");
    assertEquals("多宝镇中心小学", record.getJsonObject("schoolActivity").getString("schoolName"));
    assertEquals(120, record.getJsonObject("schoolActivity").getInt("participantCount"));
    assertEquals("ANTI_DROWNING", record.getJsonObject("schoolActivity").getString("topic"));
    assertEquals("六年级两个班", record.getJsonObject("schoolActivity").getString("topicNote"));
    List<JsonObject> evidence = evidence(id, s.worker());
    assertEquals(1, evidence.size(), "the photo only: " + evidence);
    assertEquals("activity.jpg", evidence.get(0).getString("fileName"));
    assertEquals("image/jpeg", evidence.get(0).getString("contentType"));
    assertTrue(evidence.get(0).getBoolean("locationRemoved"), "the position where the children were is not stored");
    var bytes = api.request("GET", "api/v1/evidence/" + evidence.get(0).getString("id") + "/content").bearer(s.worker()).download();
    assertEquals(200, bytes.status());
    assertTrue(bytes.bytes().length > 100 && (bytes.bytes()[0] & 0xff) == 0xff && (bytes.bytes()[1] & 0xff) == 0xd8, "a JPEG");

    // The worker opens the draft (it lists the stored photo) and submits it: it reaches the supervisor's queue.
    phone.findElement(By.id("open-record")).click();
    waitFor(phone).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#evidence li[data-evidence]")));
    assertEquals("多宝镇中心小学", phone.findElement(By.name("schoolActivity.schoolName")).getAttribute("value"));
    phone.findElement(By.id("school-submit")).click();
    waitFor(phone).until(d -> d.getCurrentUrl().endsWith("#/today"));
    List<JsonObject> queued = queue(s.project(), "SCHOOL_ACTIVITY");
    assertEquals(List.of(id), queued.stream().map(r -> r.getString("id")).toList());
    assertEquals(1, evidence(id, s.worker()).size(), "submitting uploaded nothing twice");
  }

  @Test
  void aCounselingSessionKeepsItsNoteConfidentialAndAGroupSessionCarriesAttendanceBothForReview() throws Exception {
    Setting s = setting();
    LocalDate today = LocalDate.now(CHINA);
    LocalDate day = today.minusDays(2);
    String caseId = plannedCase(s, today.minusDays(20));
    String groupId = group(s, today.minusDays(10));
    String note = "保密：<b>父母离异</b>，孩子自责";

    ChromeDriver phone = browsers.open(360, 780);
    login(phone, base, s.username());
    waitFor(phone).until(ExpectedConditions.elementToBeClickable(By.id("new-counseling"))).click();
    waitFor(phone).until(ExpectedConditions.visibilityOfElementLocated(By.id("counseling-form")));
    new Select(phone.findElement(By.name("case"))).selectByValue(caseId);
    times(phone, day, "14:00", "14:50");
    new Select(phone.findElement(By.name("method"))).selectByValue("PHONE");
    phone.findElement(By.name("note")).sendKeys(note);
    assertFitsThePhone(phone);
    screenshot(phone, "worker-counseling-form");
    phone.findElement(By.id("counseling-submit")).click();
    waitFor(phone).until(d -> d.getCurrentUrl().endsWith("#/today"));

    var queue = api.get("api/v1/services/review?status=SUBMITTED&kind=COUNSELING_SESSION&project=" + s.project(), supervisor);
    List<JsonObject> sessions = queue.json().getJsonArray("items").getValuesAs(JsonObject.class);
    assertEquals(1, sessions.size(), queue.body());
    String sessionId = sessions.get(0).getString("id");
    assertEquals("PHONE", sessions.get(0).getJsonObject("session").getString("method"));
    assertEquals(caseId, sessions.get(0).getJsonObject("session").getString("caseId"));
    assertEquals(List.of(s.childA()), ids(sessions.get(0), "participants"));
    assertFalse(queue.body().contains("父母离异"), "the note is in no list");
    assertFalse(api.get("api/v1/services/mine?limit=200", s.worker()).body().contains("父母离异"));
    assertTrue(api.get("api/v1/cases/" + caseId + "/sessions/" + sessionId, s.worker()).json().getBoolean("hasNote"));
    assertEquals(note, api.get("api/v1/cases/" + caseId + "/sessions/" + sessionId + "/note", supervisor).json().getString("note"),
        "stored exactly as typed, read through the note endpoint");

    phone.get(base + "#/group");
    waitFor(phone).until(ExpectedConditions.visibilityOfElementLocated(By.id("group-form")));
    new Select(phone.findElement(By.name("group"))).selectByValue(groupId);
    waitFor(phone).until(d -> d.findElements(By.cssSelector("#attendance fieldset[data-member]")).size() == 2);
    times(phone, day, "16:00", "17:00");
    phone.findElement(By.name("topic")).sendKeys("认识情绪");
    phone.findElement(By.cssSelector("label[for='att-" + s.childB() + "-EXCUSED']")).click();
    assertFitsThePhone(phone);
    screenshot(phone, "worker-group-form");
    phone.findElement(By.id("group-submit")).click();
    waitFor(phone).until(d -> d.getCurrentUrl().endsWith("#/today"));

    List<JsonObject> groupSessions = queue(s.project(), "GROUP_SESSION");
    assertEquals(1, groupSessions.size());
    JsonObject held = groupSessions.get(0);
    assertEquals("认识情绪", held.getJsonObject("session").getString("topic"));
    assertEquals(List.of(s.childA()), ids(held, "participants"), "those present are the participants");
    var attendance = api.get("api/v1/groups/" + groupId + "/sessions/" + held.getString("id"), s.worker());
    assertEquals(200, attendance.status(), attendance.body());
    Map<String, String> marked = new java.util.HashMap<>();
    attendance.json().getJsonArray("attendance").getValuesAs(JsonObject.class)
        .forEach(a -> marked.put(a.getString("beneficiaryId"), a.getString("attendance")));
    assertEquals(Map.of(s.childA(), "PRESENT", s.childB(), "EXCUSED"), marked);

    // Returned with a comment, the session is revised on the phone and submitted again.
    var returned = api.post("api/v1/services/review", supervisor,
        "{\"ids\":[\"" + held.getString("id") + "\"],\"action\":\"RETURN\",\"comment\":\"请补充活动主题\"}");
    assertEquals(1, returned.json().getInt("returned"), returned.body());
    phone.get(base + "#/records?status=RETURNED");
    waitFor(phone).until(ExpectedConditions.elementToBeClickable(By.cssSelector("li[data-record='" + held.getString("id") + "'] a"))).click();
    waitFor(phone).until(ExpectedConditions.textToBePresentInElementLocated(By.id("return-comment"), "请补充活动主题"));
    waitFor(phone).until(d -> d.findElements(By.cssSelector("#attendance fieldset[data-member]")).size() == 2);
    assertTrue(phone.findElement(By.id("att-" + s.childB() + "-EXCUSED")).isSelected(), "the attendance as it was");
    phone.findElement(By.name("topic")).sendKeys("（情绪卡片）");
    phone.findElement(By.id("group-submit")).click();
    waitFor(phone).until(d -> d.getCurrentUrl().endsWith("#/today"));
    JsonObject again = api.get("api/v1/services/" + held.getString("id"), s.worker()).json();
    assertEquals("SUBMITTED", again.getString("status"));
    assertEquals("认识情绪（情绪卡片）", again.getJsonObject("session").getString("topic"));
  }

  @Test
  void theAppReopensWithoutNetworkFromItsServiceWorkerAndARecordWithAPhotoLoggedOfflineIsSentExactlyOnce() throws Exception {
    Setting s = setting();
    LocalDate day = LocalDate.now(CHINA).minusDays(4);
    Path photo = file("offline.jpg", PhotoLocationTest.photoWithLocation(ByteOrder.BIG_ENDIAN));
    // Service workers run only in a secure context: http on localhost is one (production is https). The phone reaches
    // the server through a cable this test can pull: network emulation covers the page but not the service worker's
    // own fetches, so only a real loss of the connection shows the shell comes from the device's cache.
    Cable cable = new Cable(java.net.InetAddress.getByName(base.getHost()), base.getPort());
    closing.add(cable);
    URL local = new URL(base.getProtocol(), "127.0.0.1", cable.port(), base.getFile());

    ChromeDriver phone = browsers.open(360, 780);
    login(phone, local, s.username());
    waitFor(phone).until(ExpectedConditions.elementToBeClickable(By.id("new-school")));
    waitFor(phone).until(d -> Boolean.TRUE.equals(
        phone.executeScript("return !!navigator.serviceWorker && !!navigator.serviceWorker.controller;")));
    Object cached = phone.executeAsyncScript("const done = arguments[arguments.length - 1];"
        + "caches.keys().then(async keys => { let n = 0, api = 0; for (const k of keys) { const c = await caches.open(k);"
        + " for (const r of await c.keys()) { n++; if (r.url.includes('/api/')) api++; } } done(n + '/' + api); });");
    assertTrue(String.valueOf(cached).endsWith("/0") && !String.valueOf(cached).startsWith("0/"), "shell cached, no API answer: " + cached);

    offline(phone, true);
    cable.pull();
    phone.navigate().refresh();
    waitFor(phone).until(ExpectedConditions.textToBe(By.tagName("h1"), "今日"));
    assertEquals("offline", phone.executeAsyncScript("const done = arguments[arguments.length - 1];"
        + "fetch('api/v1/me', {cache: 'no-store'}).then(() => done('online'), () => done('offline'));"), "no network for the API");
    assertTrue(phone.findElement(By.tagName("main")).getText().contains("当前离线"), "the app says it shows the last copy");
    assertEquals("unreachable", phone.executeAsyncScript("const done = arguments[arguments.length - 1];"
        + "fetch('app.css?probe=' + Date.now()).then(() => done('reached'), () => done('unreachable'));"),
        "the service worker cannot reach the server either: the page came from its cache");
    phone.findElement(By.id("new-school")).click();
    waitFor(phone).until(ExpectedConditions.visibilityOfElementLocated(By.id("school-form")));
    fillSchool(phone, s, day, "09:00", "10:00", "多宝镇第二小学");
    phone.findElement(By.id("photo")).sendKeys(photo.toString());
    waitFor(phone).until(d -> d.findElements(By.cssSelector("#photos li")).size() == 1);
    phone.findElement(By.id("school-submit")).click();
    waitFor(phone).until(d -> "1".equals(pending(phone)));
    assertTrue(mine(s, "SCHOOL_ACTIVITY").isEmpty(), "nothing reached the server");

    // Closed and reopened with no network: the app opens and shows what waits, photo included.
    phone.navigate().refresh();
    WebElement waiting = waitFor(phone).until(ExpectedConditions.visibilityOfElementLocated(By.id("outbox")));
    assertTrue(waiting.getText().contains("多宝镇第二小学") && waiting.getText().contains("1 张照片"), waiting.getText());
    screenshot(phone, "worker-offline-outbox");

    cable.plugIn();
    offline(phone, false);
    phone.executeScript("window.dispatchEvent(new Event('online'));");
    waitFor(phone).until(d -> "0".equals(pending(phone)));
    List<JsonObject> stored = mine(s, "SCHOOL_ACTIVITY");
    assertEquals(1, stored.size(), "sent once: " + stored);
    assertEquals("SUBMITTED", stored.get(0).getString("status"), "submitted after its photo was attached");
    List<JsonObject> files = evidence(stored.get(0).getString("id"), s.worker());
    assertEquals(1, files.size(), files.toString());
    assertEquals("offline.jpg", files.get(0).getString("fileName"));

    // Another round of sending finds nothing to send: still one record, one photo.
    phone.executeScript("window.dispatchEvent(new Event('online'));");
    Thread.sleep(1500);
    assertEquals(1, mine(s, "SCHOOL_ACTIVITY").size());
    assertEquals(1, evidence(stored.get(0).getString("id"), s.worker()).size());
    assertEquals(1, queue(s.project(), "SCHOOL_ACTIVITY").size());
  }

  @Test
  void aReturnedCounselingSessionIsRevisedWithoutNetworkAndResubmittedOnceOnline() throws Exception {
    Setting s = setting();
    LocalDate day = LocalDate.now(CHINA).minusDays(5);
    String caseId = plannedCase(s, day.minusDays(15));
    var logged = api.post("api/v1/cases/" + caseId + "/sessions", s.worker(), "{\"startedAt\":\""
        + day.atTime(10, 0).atZone(CHINA).toOffsetDateTime() + "\",\"endedAt\":\"" + day.atTime(10, 50).atZone(CHINA).toOffsetDateTime()
        + "\",\"placeCode\":\"429006104201\",\"method\":\"FACE_TO_FACE\",\"note\":\"初次记录\",\"submit\":true}");
    assertEquals(201, logged.status(), logged.body());
    String id = logged.json().getJsonObject("record").getString("id");
    assertEquals(1, api.post("api/v1/services/review", supervisor,
        "{\"ids\":[\"" + id + "\"],\"action\":\"RETURN\",\"comment\":\"辅导方式写错了\"}").json().getInt("returned"));

    Cable cable = new Cable(java.net.InetAddress.getByName(base.getHost()), base.getPort());
    closing.add(cable);
    URL local = new URL(base.getProtocol(), "127.0.0.1", cable.port(), base.getFile());
    ChromeDriver phone = browsers.open(360, 780);
    login(phone, local, s.username());
    phone.get(local + "#/records?status=RETURNED");
    waitFor(phone).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("li[data-record='" + id + "'] a")));
    waitFor(phone).until(d -> Boolean.TRUE.equals(
        phone.executeScript("return !!navigator.serviceWorker && !!navigator.serviceWorker.controller;")));

    offline(phone, true);
    cable.pull();
    phone.navigate().refresh();
    waitFor(phone).until(ExpectedConditions.elementToBeClickable(By.cssSelector("li[data-record='" + id + "'] a"))).click();
    waitFor(phone).until(ExpectedConditions.visibilityOfElementLocated(By.id("counseling-form")));
    assertTrue(phone.findElement(By.id("return-comment")).getText().contains("辅导方式写错了"));
    assertTrue(phone.findElement(By.tagName("main")).getText().contains("当前离线"), "the form says it shows the last copy");
    assertEquals("", phone.findElement(By.name("note")).getAttribute("value"), "the note is never shown back");
    new Select(phone.findElement(By.name("method"))).selectByValue("VIDEO");
    phone.findElement(By.name("note")).sendKeys("改为视频辅导；情绪好转");
    phone.findElement(By.id("counseling-submit")).click();
    waitFor(phone).until(d -> "1".equals(pending(phone)));
    assertEquals("RETURNED", api.get("api/v1/services/" + id, s.worker()).json().getString("status"), "nothing sent yet");
    String waiting = phone.findElement(By.id("outbox")).getText();
    assertFalse(waiting.contains("情绪好转"), "the note is not listed on the device: " + waiting);

    cable.plugIn();
    offline(phone, false);
    phone.executeScript("window.dispatchEvent(new Event('online'));");
    waitFor(phone).until(d -> "0".equals(pending(phone)));
    JsonObject revised = api.get("api/v1/services/" + id, s.worker()).json();
    assertEquals("SUBMITTED", revised.getString("status"));
    assertEquals("VIDEO", revised.getJsonObject("session").getString("method"));
    assertEquals("改为视频辅导；情绪好转", api.get("api/v1/cases/" + caseId + "/sessions/" + id + "/note", s.worker()).json().getString("note"));
    var sessions = api.get("api/v1/cases/" + caseId + "/sessions", s.worker());
    assertEquals(1, jakarta.json.Json.createReader(new java.io.StringReader(sessions.body())).readArray().size(),
        "one session, revised, not a second one");
  }

  // --- the browser (as WebAppIT sets it up) -------------------------------------------------------------------

  private static void login(ChromeDriver browser, URL at, String username) {
    Browsers.login(browser, at, "chunhui-sw", username, PASSWORD);
  }

  private static void times(ChromeDriver browser, LocalDate day, String from, String to) {
    // Date and time pickers differ per locale; set their values as the picker would.
    browser.executeScript(
        "const set = (name, v) => { const el = document.querySelector(`[name='${name}']`); el.value = v;"
            + " el.dispatchEvent(new Event('input', {bubbles: true})); el.dispatchEvent(new Event('change', {bubbles: true})); };"
            + "set('startedAt', arguments[0]); set('from', arguments[1]); set('endedAt', arguments[2]);",
        day.toString(), from, to);
  }

  private static void fillSchool(ChromeDriver phone, Setting s, LocalDate day, String from, String to, String school) {
    new Select(phone.findElement(By.name("projectId"))).selectByValue(s.project());
    waitFor(phone).until(d -> !d.findElements(By.cssSelector("select[name=placeCode] option[value='429006104']")).isEmpty());
    new Select(phone.findElement(By.name("placeCode"))).selectByValue("429006104");
    phone.findElement(By.name("schoolActivity.schoolName")).sendKeys(school);
    new Select(phone.findElement(By.name("schoolActivity.topic"))).selectByValue("ANTI_DROWNING");
    phone.findElement(By.name("schoolActivity.participantCount")).sendKeys("120");
    phone.findElement(By.name("schoolActivity.topicNote")).sendKeys("六年级两个班");
    times(phone, day, from, to);
  }

  private Path file(String name, byte[] bytes) throws IOException {
    Path dir = Files.createTempDirectory("shouhu-photos-");
    temporary.add(dir);
    return Files.write(dir.resolve(name), bytes);
  }

  /**
   * A TCP relay on localhost to the server: pulled, it refuses new connections and cuts open ones, so nothing in the
   * browser (page or service worker) reaches the server; plugged in again, on the same port.
   */
  static final class Cable implements AutoCloseable {
    private final java.net.InetAddress host;
    private final int target;
    private final List<java.net.Socket> open = java.util.Collections.synchronizedList(new ArrayList<>());
    private java.net.ServerSocket server;
    private int port;

    Cable(java.net.InetAddress host, int target) throws IOException {
      this.host = host;
      this.target = target;
      plugIn();
    }

    int port() {
      return port;
    }

    synchronized void plugIn() throws IOException {
      server = new java.net.ServerSocket();
      server.setReuseAddress(true);
      server.bind(new java.net.InetSocketAddress(java.net.InetAddress.getByName("127.0.0.1"), port));
      port = server.getLocalPort();
      java.net.ServerSocket listening = server;
      Thread accept = new Thread(() -> {
        while (!listening.isClosed()) {
          try {
            java.net.Socket client = listening.accept();
            java.net.Socket upstream = new java.net.Socket(host, target);
            open.add(client);
            open.add(upstream);
            pipe(client, upstream);
            pipe(upstream, client);
          } catch (IOException e) {
            // pulled
          }
        }
      }, "cable-accept");
      accept.setDaemon(true);
      accept.start();
    }

    private static void pipe(java.net.Socket from, java.net.Socket to) {
      Thread t = new Thread(() -> {
        try {
          from.getInputStream().transferTo(to.getOutputStream());
        } catch (IOException e) {
          // cut
        } finally {
          try {
            to.shutdownOutput();
          } catch (IOException e) {
            // already closed
          }
        }
      }, "cable-pipe");
      t.setDaemon(true);
      t.start();
    }

    synchronized void pull() throws IOException {
      server.close();
      synchronized (open) {
        for (java.net.Socket s : open) {
          s.close();
        }
        open.clear();
      }
    }

    @Override
    public void close() throws IOException {
      pull();
    }
  }

  // --- the API, for setting up and checking ----------------------------------------------------------------------

  private List<JsonObject> queue(String project, String kind) {
    var reply = api.get("api/v1/services/review?status=SUBMITTED&kind=" + kind + "&project=" + project, supervisor);
    assertEquals(200, reply.status(), reply.body());
    return reply.json().getJsonArray("items").getValuesAs(JsonObject.class);
  }

  private List<JsonObject> mine(Setting s, String kind) {
    var reply = api.get("api/v1/services/mine?limit=200", s.worker());
    assertEquals(200, reply.status(), reply.body());
    return reply.json().getJsonArray("items").getValuesAs(JsonObject.class).stream()
        .filter(r -> r.getString("kind").equals(kind) && r.getString("projectId").equals(s.project()))
        .toList();
  }

  private List<JsonObject> evidence(String record, String token) {
    var reply = api.get("api/v1/services/" + record + "/evidence", token);
    assertEquals(200, reply.status(), reply.body());
    return jakarta.json.Json.createReader(new java.io.StringReader(reply.body())).readArray().getValuesAs(JsonObject.class).stream().filter(e -> !e.getBoolean("voided")).toList();
  }

  private static List<String> ids(JsonObject record, String name) {
    return record.getJsonArray(name).getValuesAs(jakarta.json.JsonString.class).stream().map(jakarta.json.JsonString::getString).toList();
  }

  /** A case of child A in the PLANNED state, the only state that takes sessions. */
  private String plannedCase(Setting s, LocalDate intake) {
    var opened = api.post("api/v1/cases", s.worker(), "{\"projectId\":\"" + s.project() + "\",\"beneficiaryId\":\"" + s.childA()
        + "\",\"intakeOn\":\"" + intake + "\",\"presentingIssue\":\"厌学，情绪低落\",\"referralSource\":\"SCHOOL\","
        + "\"consent\":{\"givenOn\":\"" + intake + "\",\"givenBy\":\"李秀英\",\"relationship\":\"GRANDPARENT\",\"method\":\"WRITTEN\"}}");
    assertEquals(201, opened.status(), opened.body());
    String id = opened.json().getString("id");
    assertEquals(200, api.post("api/v1/cases/" + id + "/assess", s.worker(), "{\"assessment\":\"情绪低落，祖母照料能力有限\"}").status());
    var planned = api.post("api/v1/cases/" + id + "/plan", s.worker(), "{\"goals\":[\"恢复正常上学\"]}");
    assertEquals("PLANNED", planned.json().getString("status"), planned.body());
    return id;
  }

  /** An open group facilitated by the worker, children A and B members since the given day. */
  private String group(Setting s, LocalDate joined) {
    var opened = api.post("api/v1/groups", s.worker(), "{\"projectId\":\"" + s.project() + "\",\"name\":\"阳光成长小组\","
        + "\"purpose\":\"情绪管理\",\"plannedSessions\":6}");
    assertEquals(201, opened.status(), opened.body());
    String id = opened.json().getString("id");
    for (String child : List.of(s.childA(), s.childB())) {
      var joinedReply = api.post("api/v1/groups/" + id + "/members", s.worker(),
          "{\"beneficiaryId\":\"" + child + "\",\"joinedOn\":\"" + joined + "\"}");
      assertEquals(200, joinedReply.status(), joinedReply.body());
    }
    return id;
  }

  private Setting setting() {
    LocalDate today = LocalDate.now(CHINA);
    String admin = api.login("chunhui-sw", "admin", Api.DEMO_PASSWORD);
    String username = "forms" + ThreadLocalRandom.current().nextInt(10_000, 99_999);
    var user = api.post("api/v1/users", admin, "{\"username\":\"" + username + "\",\"displayName\":\"孙社工\","
        + "\"roles\":[\"SOCIAL_WORKER\"],\"password\":\"" + PASSWORD + "\"}");
    assertEquals(201, user.status(), user.body());
    String worker = api.login("chunhui-sw", username, PASSWORD);
    var created = api.post("api/v1/projects", officer, "{\"contractNumber\":\"FRM-" + ThreadLocalRandom.current().nextInt(1_000_000)
        + "\",\"title\":\"多宝镇关爱 FORMS-" + ThreadLocalRandom.current().nextInt(1_000_000) + "\",\"organizationId\":\"" + orgId
        + "\",\"budget\":90000,\"periodStart\":\"" + today.minusMonths(6) + "\",\"periodEnd\":\"" + today.plusMonths(6) + "\","
        + "\"coveredTowns\":[\"429006104\"],\"targetGroups\":[\"LEFT_BEHIND_CHILD\"],"
        + "\"deliverables\":[{\"kind\":\"SCHOOL_ACTIVITY\",\"unit\":\"EVENT\",\"target\":12},"
        + "{\"kind\":\"COUNSELING_SESSION\",\"unit\":\"SESSION\",\"target\":60},"
        + "{\"kind\":\"GROUP_SESSION\",\"unit\":\"SESSION\",\"target\":24}],\"lockDays\":90}");
    assertEquals(201, created.status(), created.body());
    String project = created.json().getString("id");
    assertEquals(200, api.post("api/v1/projects/" + project + "/activate", officer, "").status());
    String a = api.registerChild(worker, "李小明");
    String b = api.registerChild(worker, "张小芳");
    for (String child : List.of(a, b)) {
      var enrolled = api.post("api/v1/projects/" + project + "/enrolments", worker, "{\"beneficiaryId\":\"" + child + "\"}");
      assertEquals(201, enrolled.status(), enrolled.body());
    }
    assertNotNull(worker);
    return new Setting(project, username, worker, a, b);
  }
}
