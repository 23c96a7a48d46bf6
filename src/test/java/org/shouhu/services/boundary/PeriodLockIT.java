package org.shouhu.services.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.nimbusds.jwt.SignedJWT;
import java.net.URL;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.shouhu.Api;
import org.shouhu.Deployments;

/**
 * Monthly period locking through the API: the worker and the supervisor are refused in a locked month, ORG_ADMIN
 * goes ahead and leaves an audit row (read as the application role bound to the organization), the current month is
 * unaffected. Dates are relative to today in China time; a record is made locked by shortening its project's
 * lock_days in the database, which is what the passing of the lock day does to it.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class PeriodLockIT {

  private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
  private static final String SERVICES = "api/v1/services";

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.application();
  }

  @ArquillianResource URL base;
  Api api;
  String officer;
  String worker;
  String supervisor;
  String admin;
  String orgId;

  record Setting(String project, String homeVisits, String child) {}

  @BeforeEach
  void parties() throws Exception {
    api = new Api(base);
    officer = api.login("tianmen-mzj", "officer", Api.DEMO_PASSWORD);
    worker = api.ownWorker("chunhui-sw", "locks");
    supervisor = api.login("chunhui-sw", "supervisor", Api.DEMO_PASSWORD);
    admin = api.login("chunhui-sw", "admin", Api.DEMO_PASSWORD);
    orgId = SignedJWT.parse(worker).getJWTClaimsSet().getStringClaim("tenant_id");
  }

  @Test
  void workerCannotLogIntoALockedMonthAndLockDaysAreChecked() {
    Setting s = setting(0);
    var refused = api.post(SERVICES, worker, visit(s, lastMonth(15, 9), lastMonth(15, 10), false));
    assertEquals(409, refused.status(), refused.body());
    assertEquals("SVC_PERIOD_LOCKED", refused.code());
    String lockedOn = YearMonth.now(CHINA).atDay(1).toString();
    assertTrue(refused.json().getString("detail").contains(lockedOn), refused.body());

    assertEquals("PROJECT_LOCK_DAYS_RANGE", api.post("api/v1/projects", officer, project(91)).fieldCode("lockDays"));
    assertEquals("PROJECT_LOCK_DAYS_RANGE", api.post("api/v1/projects", officer, project(-1)).fieldCode("lockDays"));
    var defaulted = api.post("api/v1/projects", officer, project(null));
    assertEquals(10, defaulted.json().getInt("lockDays"), defaulted.body());

    String amend = "api/v1/projects/" + s.project() + "/lock-days";
    assertEquals("PROJECT_LOCK_DAYS_RANGE", api.post(amend, officer, "{\"lockDays\":91}").fieldCode("lockDays"));
    assertEquals("REQUIRED", api.post(amend, officer, "{}").fieldCode("lockDays"));
    assertEquals(403, api.post(amend, admin, "{\"lockDays\":30}").status(), "a term of the contract: the bureau's");
    String otherOrg = api.login("shouwang-sw", "admin", Api.DEMO_PASSWORD);
    assertEquals(403, api.post(amend, otherOrg, "{\"lockDays\":30}").status());
    var reopened = api.post(amend, officer, "{\"lockDays\":90}");
    assertEquals(90, reopened.json().getInt("lockDays"), reopened.body());
    assertEquals(201, api.post(SERVICES, worker, visit(s, lastMonth(15, 9), lastMonth(15, 10), false)).status(),
        "last month is open again once the window is 90 days");
  }

  @Test
  void onlyOrgAdminChangesARecordOnceItsPeriodLockedAndThatIsAudited() throws Exception {
    Setting s = setting(90);
    var submitted = api.post(SERVICES, worker, visit(s, lastMonth(16, 9), lastMonth(16, 10), true));
    assertEquals(201, submitted.status(), submitted.body());
    var draft = api.post(SERVICES, worker, visit(s, lastMonth(17, 9), lastMonth(17, 10), false));
    assertEquals(201, draft.status(), draft.body());
    String submittedId = submitted.json().getString("id");
    String draftId = draft.json().getString("id");

    lockNow(s.project());

    var revise = api.post(SERVICES + "/" + draftId + "/revise", worker, content(s, lastMonth(17, 9), lastMonth(17, 11)));
    assertEquals(409, revise.status(), revise.body());
    assertEquals("SVC_PERIOD_LOCKED", revise.code());
    assertEquals("SVC_PERIOD_LOCKED", api.post(SERVICES + "/" + draftId + "/submit", worker, "").code());
    assertEquals("SVC_PERIOD_LOCKED", api.post(SERVICES + "/" + draftId + "/void", worker, "{\"reason\":\"录入错误\"}").code());
    assertEquals("SVC_PERIOD_LOCKED", api.post(SERVICES + "/" + submittedId + "/void", supervisor, "{\"reason\":\"重复\"}").code());
    var approval = api.post(SERVICES + "/review", supervisor, "{\"ids\":[\"" + submittedId + "\"],\"action\":\"APPROVE\"}");
    assertEquals("SVC_PERIOD_LOCKED", approval.json().getJsonArray("items").getJsonObject(0).getString("code"),
        "submitted after the lock (the lock moved past it), so not the supervisor's to approve: " + approval.body());
    assertEquals("SUBMITTED", api.get(SERVICES + "/" + submittedId, supervisor).json().getString("status"), "untouched");

    var approved = api.post(SERVICES + "/review", admin, "{\"ids\":[\"" + submittedId + "\"],\"action\":\"APPROVE\"}");
    assertEquals(1, approved.json().getInt("approved"), approved.body());
    var voided = api.post(SERVICES + "/" + draftId + "/void", admin, "{\"reason\":\"重复录入\"}");
    assertEquals(200, voided.status(), voided.body());
    assertEquals("VOIDED", voided.json().getString("status"));

    String adminId = SignedJWT.parse(admin).getJWTClaimsSet().getSubject();
    List<String> audited = lockedChanges(submittedId, draftId);
    assertEquals(2, audited.size(), audited.toString());
    assertTrue(audited.stream().allMatch(a -> a.startsWith(adminId + " ")), audited.toString());
    assertTrue(audited.stream().anyMatch(a -> a.contains("APPROVE APPROVED")), audited.toString());
    assertTrue(audited.stream().anyMatch(a -> a.contains("VOID VOIDED")), audited.toString());
  }

  @Test
  void aRecordOfTheCurrentMonthIsUnaffected() {
    LocalDateTime now = LocalDateTime.now(CHINA).truncatedTo(ChronoUnit.MINUTES);
    LocalDateTime start = now.minusMinutes(70);
    assumeTrue(YearMonth.from(start).equals(YearMonth.from(now)), "the first hour of a month has no earlier hour in it");
    Setting s = setting(0);
    String from = start.atZone(CHINA).toOffsetDateTime().toString();
    String to = now.minusMinutes(10).atZone(CHINA).toOffsetDateTime().toString();
    var logged = api.post(SERVICES, worker, visit(s, from, to, false));
    assertEquals(201, logged.status(), logged.body());
    String id = logged.json().getString("id");
    assertEquals(200, api.post(SERVICES + "/" + id + "/revise", worker, content(s, from, to)).status());
    assertEquals("SUBMITTED", api.post(SERVICES + "/" + id + "/submit", worker, "").json().getString("status"));
    var approved = api.post(SERVICES + "/review", supervisor, "{\"ids\":[\"" + id + "\"],\"action\":\"APPROVE\"}");
    assertEquals(1, approved.json().getInt("approved"), approved.body());
  }

  /** The lock day passes: with lock_days 0 every earlier month is locked now. As the app role, bound to the org. */
  /** The bureau amends the running contract: from now on every past month is locked. */
  private void lockNow(String project) {
    var amended = api.post("api/v1/projects/" + project + "/lock-days", officer, "{\"lockDays\":0}");
    assertEquals(200, amended.status(), amended.body());
    assertEquals(0, amended.json().getInt("lockDays"));
  }

  private List<String> lockedChanges(String... ids) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Connection app = appConnection()) {
      app.setAutoCommit(false);
      bind(app);
      try (PreparedStatement s = app.prepareStatement("select actor_id::text || ' ' || detail from audit_event"
          + " where action = 'SERVICE_CHANGED_IN_LOCKED_PERIOD' and subject_id::text = any (?) order by occurred_at")) {
        s.setArray(1, app.createArrayOf("text", ids));
        try (ResultSet rs = s.executeQuery()) {
          while (rs.next()) {
            out.add(rs.getString(1));
          }
        }
      }
      app.rollback();
    }
    return out;
  }

  private Connection appConnection() throws SQLException {
    return DriverManager.getConnection(
        "jdbc:postgresql://127.0.0.1:" + System.getProperty("shouhu.it.db.port") + "/shouhu", "shouhu_app", "embedded");
  }

  private void bind(Connection app) throws SQLException {
    try (PreparedStatement s = app.prepareStatement("select set_config('app.tenant_id', ?, true)")) {
      s.setString(1, orgId);
      s.executeQuery().close();
    }
  }

  private static String lastMonth(int day, int hour) {
    LocalDate d = YearMonth.now(CHINA).minusMonths(1).atDay(day);
    return d.atTime(hour, 0).atZone(CHINA).toOffsetDateTime().toString();
  }

  private static String visit(Setting s, String start, String end, boolean submit) {
    return "{\"projectId\":\"" + s.project() + "\",\"deliverableId\":\"" + s.homeVisits() + "\","
        + content(s, start, end).replaceFirst("^\\{", "").replaceFirst("}$", "") + ",\"submit\":" + submit + "}";
  }

  private static String content(Setting s, String start, String end) {
    return "{\"startedAt\":\"" + start + "\",\"endedAt\":\"" + end + "\",\"placeCode\":\"429006104201\","
        + "\"participants\":[\"" + s.child() + "\"],"
        + "\"homeVisit\":{\"present\":\"GUARDIAN\",\"riskAfter\":\"LOW\",\"findings\":["
        + "{\"area\":\"LIVING_CONDITIONS\",\"rating\":4},{\"area\":\"SAFETY\",\"rating\":4},"
        + "{\"area\":\"SCHOOLING\",\"rating\":4},{\"area\":\"HEALTH\",\"rating\":5},"
        + "{\"area\":\"GUARDIANSHIP\",\"rating\":4}]}}";
  }

  private String project(Integer lockDays) {
    LocalDate today = LocalDate.now(CHINA);
    return "{\"contractNumber\":\"LOCK-" + ThreadLocalRandom.current().nextInt(1_000_000)
        + "\",\"title\":\"多宝镇留守儿童关爱\",\"organizationId\":\"" + orgId + "\",\"budget\":100000,"
        + "\"periodStart\":\"" + today.minusMonths(6) + "\",\"periodEnd\":\"" + today.plusMonths(6) + "\","
        + "\"coveredTowns\":[\"429006104\"],\"targetGroups\":[\"LEFT_BEHIND_CHILD\"],"
        + "\"deliverables\":[{\"kind\":\"HOME_VISIT\",\"unit\":\"VISIT\",\"target\":100}]"
        + (lockDays == null ? "" : ",\"lockDays\":" + lockDays) + "}";
  }

  private Setting setting(int lockDays) {
    var created = api.post("api/v1/projects", officer, project(lockDays));
    assertEquals(201, created.status(), created.body());
    assertEquals(lockDays, created.json().getInt("lockDays"));
    String project = created.json().getString("id");
    String homeVisits = created.json().getJsonArray("deliverables").getJsonObject(0).getString("id");
    assertEquals(200, api.post("api/v1/projects/" + project + "/activate", officer, "").status());
    var registered = api.post("api/v1/beneficiaries", worker, "{\"name\":\"张小明\",\"villageCode\":\"429006104201\","
        + "\"categories\":[\"LEFT_BEHIND_CHILD\"],\"citizenId\":\""
        + Api.citizenId(LocalDate.of(2012, 1, 1).plusDays(ThreadLocalRandom.current().nextInt(2500))) + "\","
        + "\"consent\":{\"givenOn\":\"2024-09-01\",\"givenBy\":\"李秀英\",\"relationship\":\"GRANDPARENT\",\"method\":\"WRITTEN\"}}");
    assertEquals(201, registered.status(), registered.body());
    String child = registered.json().getString("id");
    var enrolled = api.post("api/v1/projects/" + project + "/enrolments", worker, "{\"beneficiaryId\":\"" + child + "\"}");
    assertEquals(201, enrolled.status(), enrolled.body());
    return new Setting(project, homeVisits, child);
  }
}
