package org.shouhu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.shouhu.Browsers.assertScreenClean;
import static org.shouhu.Browsers.offline;
import static org.shouhu.Browsers.pending;
import static org.shouhu.Browsers.waitFor;

import jakarta.json.Json;
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

/**
 * Sessions in the browser on a 360 px phone: a worker whose access token ran out while offline (as after a day in
 * the villages) has the outbox sent on return without typing the password, parallel requests share one refresh,
 * and the user and the org admin sign devices out from the devices lists, in Chinese and English.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SessionsBrowserIT {

  private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
  private static final String PASSWORD = "Village-rounds-2026";

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.application();
  }

  @ArquillianResource URL base;
  Api api;
  final Browsers browsers = new Browsers();

  record Worker(String id, String username, String project, String child) {}

  @BeforeEach
  void connect() {
    api = new Api(base);
  }

  @AfterEach
  void closeBrowsers() throws Exception {
    browsers.close();
  }

  @Test
  void theOutboxIsSentAfterTheAccessTokenRanOutWithoutThePasswordAndTheUserSignsADeviceOut() throws Exception {
    Worker w = worker();
    ChromeDriver phone = browsers.open(360, 780);
    Browsers.login(phone, base, "chunhui-sw", w.username(), PASSWORD);
    waitFor(phone).until(ExpectedConditions.elementToBeClickable(By.cssSelector("a[data-child='" + w.child() + "']"))).click();
    waitFor(phone).until(ExpectedConditions.visibilityOfElementLocated(By.id("visit-form")));
    WebAppIT.fillVisit(phone, LocalDate.now(CHINA).minusDays(3), "15:00", "15:40", "外出一天后补发");
    offline(phone, true);
    phone.findElement(By.id("visit-submit")).click();
    waitFor(phone).until(d -> "1".equals(pending(phone)));

    // A day in the villages: the access token ran out long ago (and the server would refuse it); only the refresh
    // token is still good. The tab is reopened once the network is back.
    String refreshBefore = stored(phone, "refreshToken");
    phone.executeScript("const s = JSON.parse(localStorage.getItem('shouhu.session'));"
        + "s.token = 'eyJhbGciOiJSUzI1NiJ9.e30.c2lnbmF0dXJl'; s.expiresAt = new Date(Date.now() - 86400000).toISOString();"
        + "localStorage.setItem('shouhu.session', JSON.stringify(s));");
    offline(phone, false);
    phone.navigate().refresh();
    waitFor(phone).until(d -> "0".equals(pending(phone)));
    assertTrue(phone.findElements(By.id("login-submit")).isEmpty(), "no password asked");
    Browsers.consoleErrors(phone); // the requests refused while offline were logged; what follows must log none
    assertEquals(1, submittedVisits(w), "the visit reached the server once");
    assertNotEquals(refreshBefore, stored(phone, "refreshToken"), "the refresh token was rotated");

    // Five requests find the token expired at once: one refresh serves them all, and the session survives (a second
    // refresh with the same token would have looked like a stolen copy and ended it).
    phone.executeScript("const s = JSON.parse(localStorage.getItem('shouhu.session'));"
        + "s.expiresAt = new Date(Date.now() - 1000).toISOString(); localStorage.setItem('shouhu.session', JSON.stringify(s));");
    Object parallel = phone.executeAsyncScript("const done = arguments[arguments.length - 1];"
        + "import('./js/api.js').then((m) => Promise.all([1, 2, 3, 4, 5].map(() => m.get('me'))))"
        + ".then((all) => done(all.length)).catch((e) => done('failed: ' + e.constructor.name + ' ' + e.message));");
    assertEquals(5L, parallel);
    assertEquals(200, api.get("api/v1/me", stored(phone, "token")).status(), "the session lives on");

    // The devices list, from the account link: this phone and a laptop logged in elsewhere; the laptop is signed out.
    String laptop = loginElsewhere(w.username(), "办公室电脑");
    phone.findElement(By.id("account")).click();
    waitFor(phone).until(ExpectedConditions.visibilityOfElementLocated(By.id("device-list")));
    assertEquals("本机", phone.findElement(By.id("device-current")).getText());
    assertTrue(phone.findElement(By.id("device-list")).getText().contains("办公室电脑"));
    assertScreenClean(phone, "devices zh-CN");
    String laptopSession = sid(laptop);
    phone.findElement(By.id("revoke-" + laptopSession)).click();
    waitFor(phone).until(ExpectedConditions.textToBePresentInElementLocated(By.id("devices-result"), "已退出登录"));
    assertTrue(phone.findElements(By.cssSelector("li[data-session='" + laptopSession + "']")).isEmpty());
    assertEquals(401, api.get("api/v1/me", laptop).status(), "the laptop is out at once");

    phone.findElement(By.id("lang")).click();
    waitFor(phone).until(ExpectedConditions.textToBe(By.id("devices-h"), "Devices logged in"));
    assertEquals("This device", phone.findElement(By.id("device-current")).getText());
    assertScreenClean(phone, "devices en");
  }

  @Test
  void theOrgAdminSignsOutAMembersDevicesAndTheMembersPhoneFallsBackToTheLoginKeepingItsOutbox() throws Exception {
    Worker w = worker();
    ChromeDriver phone = browsers.open(360, 780);
    Browsers.login(phone, base, "chunhui-sw", w.username(), PASSWORD);
    String tablet = loginElsewhere(w.username(), "平板");
    // The phone writes a visit with no network: it waits in the outbox.
    waitFor(phone).until(ExpectedConditions.elementToBeClickable(By.cssSelector("a[data-child='" + w.child() + "']"))).click();
    waitFor(phone).until(ExpectedConditions.visibilityOfElementLocated(By.id("visit-form")));
    WebAppIT.fillVisit(phone, LocalDate.now(CHINA).minusDays(4), "10:00", "10:30", "被管理员退出后仍保留");
    offline(phone, true);
    phone.findElement(By.id("visit-submit")).click();
    waitFor(phone).until(d -> "1".equals(pending(phone)));

    ChromeDriver admin = browsers.open(360, 780);
    Browsers.login(admin, base, "chunhui-sw", "admin", Api.DEMO_PASSWORD);
    admin.findElement(By.id("lang")).click();
    waitFor(admin).until(ExpectedConditions.textToBe(By.id("nav-projects"), "Projects"));
    admin.get(base + "#/users/" + w.id());
    waitFor(admin).until(ExpectedConditions.visibilityOfElementLocated(By.id("device-list")));
    // The phone, the tablet, and the API login that arranged the worker's child.
    assertEquals(3, admin.findElements(By.cssSelector("#device-list li")).size());
    assertScreenClean(admin, "member devices en");
    admin.findElement(By.id("revoke-" + sid(tablet))).click();
    waitFor(admin).until(ExpectedConditions.textToBePresentInElementLocated(By.id("devices-result"), "signed out"));
    assertEquals(401, api.get("api/v1/me", tablet).status());
    admin.findElement(By.id("revoke-all")).click();
    waitFor(admin).until(ExpectedConditions.visibilityOfElementLocated(By.id("devices-none")));
    assertScreenClean(admin, "member devices en, none left");

    // Back online, the phone cannot renew its signed-out session: the login screen appears, the record still waits,
    // and it is sent once the worker has logged in again.
    offline(phone, false);
    phone.executeScript("window.dispatchEvent(new Event('online'));");
    waitFor(phone).until(ExpectedConditions.visibilityOfElementLocated(By.id("login-expired")));
    assertTrue(phone.findElement(By.id("login-waiting")).getText().contains("1"), "one record waits on the device");
    Browsers.consoleErrors(phone);
    assertEquals(0, submittedVisits(w));
    Browsers.typeLogin(phone, "chunhui-sw", w.username(), PASSWORD);
    waitFor(phone).until(d -> "0".equals(pending(phone)));
    assertEquals(1, submittedVisits(w));
  }

  @Test
  void aRoleGivenByTheOrgAdminReachesTheOpenPhoneAtItsNextRequestWithoutLoggingInAgain() throws Exception {
    Worker w = worker();
    ChromeDriver phone = browsers.open(360, 780);
    Browsers.login(phone, base, "chunhui-sw", w.username(), PASSWORD);
    waitFor(phone).until(ExpectedConditions.visibilityOfElementLocated(By.id("nav-today")));
    assertTrue(phone.findElements(By.id("nav-review")).isEmpty(), "a worker has no review screen");

    String admin = api.login("chunhui-sw", "admin", Api.DEMO_PASSWORD);
    var changed = api.request("PUT", "api/v1/users/" + w.id() + "/roles").bearer(admin)
        .json("{\"roles\":[\"SOCIAL_WORKER\",\"SUPERVISOR\"]}").send();
    assertEquals(200, changed.status(), changed.body());

    // The phone's access token is cut by the change; its next request refreshes, and the menu follows the new roles.
    // The header may be redrawn under the tap (the outbox count, the badge): tap again until a tap lands.
    waitFor(phone).until(d -> {
      try {
        d.findElement(By.id("nav-records")).click();
        return true;
      } catch (org.openqa.selenium.StaleElementReferenceException redrawn) {
        return false;
      }
    });
    waitFor(phone).until(ExpectedConditions.visibilityOfElementLocated(By.id("nav-review")));
    assertTrue(phone.findElements(By.id("login-submit")).isEmpty(), "no password asked");
    assertEquals(List.of("SOCIAL_WORKER", "SUPERVISOR"), com.nimbusds.jwt.SignedJWT.parse(stored(phone, "token"))
        .getJWTClaimsSet().getStringListClaim("groups").stream().sorted().toList());
    // The requests refused with the cut token were logged by the browser as failed loads; what follows must log none.
    Browsers.consoleErrors(phone);
    waitFor(phone).until(d -> {
      try {
        d.findElement(By.id("nav-review")).click();
        return true;
      } catch (org.openqa.selenium.StaleElementReferenceException redrawn) {
        return false;
      }
    });
    waitFor(phone).until(ExpectedConditions.attributeToBe(By.id("nav-review"), "aria-current", "page"));
    assertScreenClean(phone, "review after a role change");
  }

  // --- set-up through the API, as the owning roles would ---------------------------------------------------------

  private Worker worker() {
    String officer = api.login("tianmen-mzj", "officer", Api.DEMO_PASSWORD);
    String admin = api.login("chunhui-sw", "admin", Api.DEMO_PASSWORD);
    String username = "sess" + ThreadLocalRandom.current().nextInt(10_000, 99_999);
    var created = api.post("api/v1/users", admin, "{\"username\":\"" + username + "\",\"displayName\":\"钱社工\","
        + "\"roles\":[\"SOCIAL_WORKER\"],\"password\":\"" + PASSWORD + "\"}");
    assertEquals(201, created.status(), created.body());
    String id = created.json().getJsonObject("user").getString("id");
    String worker = api.login("chunhui-sw", username, PASSWORD);
    String orgId = api.get("api/v1/me", worker).json().getJsonObject("tenant").getString("id");
    LocalDate today = LocalDate.now(CHINA);
    var project = api.post("api/v1/projects", officer, "{\"contractNumber\":\"SES-" + ThreadLocalRandom.current().nextInt(1_000_000)
        + "\",\"title\":\"多宝镇关爱 SES-" + ThreadLocalRandom.current().nextInt(1_000_000) + "\",\"organizationId\":\"" + orgId
        + "\",\"budget\":120000,\"periodStart\":\"" + today.minusMonths(6) + "\",\"periodEnd\":\"" + today.plusMonths(6) + "\","
        + "\"coveredTowns\":[\"429006104\"],\"targetGroups\":[\"LEFT_BEHIND_CHILD\"],"
        + "\"deliverables\":[{\"kind\":\"HOME_VISIT\",\"unit\":\"VISIT\",\"target\":40,"
        + "\"targetGroup\":\"LEFT_BEHIND_CHILD\",\"minimumPerBeneficiary\":1,\"cadence\":\"MONTH\"}],\"lockDays\":90}");
    assertEquals(201, project.status(), project.body());
    String projectId = project.json().getString("id");
    assertEquals(200, api.post("api/v1/projects/" + projectId + "/activate", officer, "").status());
    String child = api.registerChild(worker, "孙小雨");
    var enrolled = api.post("api/v1/projects/" + projectId + "/enrolments", worker, "{\"beneficiaryId\":\"" + child + "\"}");
    assertEquals(201, enrolled.status(), enrolled.body());
    return new Worker(id, username, projectId, child);
  }

  /** The same worker logged in on another device (named), through the API: answers that device's access token. */
  private String loginElsewhere(String username, String device) {
    var reply = api.request("POST", "api/v1/auth/token")
        .json(Json.createObjectBuilder().add("tenant", "chunhui-sw").add("username", username)
            .add("password", PASSWORD).add("device", device).build().toString())
        .send();
    assertEquals(200, reply.status(), reply.body());
    return reply.json().getString("access_token");
  }

  private static String sid(String token) throws Exception {
    return com.nimbusds.jwt.SignedJWT.parse(token).getJWTClaimsSet().getStringClaim("sid");
  }

  private static String stored(ChromeDriver browser, String field) {
    return (String) browser.executeScript("return JSON.parse(localStorage.getItem('shouhu.session'))[arguments[0]];", field);
  }

  private long submittedVisits(Worker w) {
    String supervisor = api.login("chunhui-sw", "supervisor", Api.DEMO_PASSWORD);
    var reply = api.get("api/v1/services/review?status=SUBMITTED&project=" + w.project(), supervisor);
    assertEquals(200, reply.status(), reply.body());
    List<JsonObject> items = reply.json().getJsonArray("items").getValuesAs(JsonObject.class);
    return items.size();
  }
}
