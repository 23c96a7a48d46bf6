package org.shouhu.reporting.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jwt.SignedJWT;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.URL;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
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
 * Reports end to end, every figure checked against a hand-computed expectation. One world is built once through
 * the API: a freshly onboarded bureau (so its portfolio holds exactly this project) funds a 365-day project of
 * chunhui-sw that started 99 days ago (so 100 days have elapsed and 265 remain), with a home-visit deliverable of
 * target 18 (expected 18 × 100 / 365 = 4.93) and a group-session deliverable of target 73 (expected 20.00), in
 * 汪场镇 (429006104) and a second town (429006120). One incident was found three days ago and is still open.
 *
 * <p>Five children in 429006104: c1, c4, c5 困境儿童, c2, c3 留守儿童. Home visits (day = days ago):
 * <pre>
 *   r1  c1+c2  day 1   APPROVED                  2 人次
 *   r2  c1     day 2   APPROVED                  1
 *   r3  c3     day 3   SUBMITTED                 pending 1
 *   r4  c2     day 4   RETURNED, revised to day 6 in town 429006120, resubmitted, APPROVED   1
 *   r5  c3     day 5   APPROVED then VOIDED      0 (one void of an approved record)
 *   r6  c1     day 20  APPROVED, LATE_ENTRY      1
 *   r7  c2     day 7   DRAFT                     0
 *   r9  c5     day 40  APPROVED, LATE_ENTRY      1
 * </pre>
 * Approved home visits: 2 + 1 + 1 + 1 + 1 = 6 人次 in 5 records; in the last 30 days 5 (r9 is older). 6 against
 * 4.93 expected is 6 × 365 × 100 / 1800 = 121.7% → AHEAD; at the pace of 5 per 30 days the end reaches
 * (6 × 30 + 5 × 265) / 30 = 50.17 ≥ 18. Group sessions: 0 of 20.00 → AT_RISK; the project is AT_RISK.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ReportsIT {

  private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
  private static final String SERVICES = "api/v1/services";
  private static final String REPORTS = "api/v1/reports";
  private static final String TOWN = "429006104";
  private static final String OTHER_TOWN = "429006120";
  private static final String VILLAGE = "429006104201";
  private static final String FINDING = "孩子独自在家三天，无人照料";

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.application();
  }

  @ArquillianResource URL base;
  Api api;

  /** The world, built once for the class (the run's ITs share the database: the class has its own worker). */
  record World(
      Api.Bureau bureau, String orgId, String project, String homeVisits, String groupSessions, List<String> children,
      List<String> approvedRecords) {}

  static World world;
  String worker;
  String supervisor;

  @BeforeEach
  void parties() throws Exception {
    api = new Api(base);
    worker = api.ownWorker("chunhui-sw", "reports");
    supervisor = api.login("chunhui-sw", "supervisor", Api.DEMO_PASSWORD);
    if (world == null) {
      world = build();
    }
  }

  @Test
  void progressCountsApprovedWorkOnlyAgainstTheProRatedTarget() {
    var reply = api.get(REPORTS + "/projects/" + world.project() + "/progress", world.bureau().officerToken());
    assertEquals(200, reply.status(), reply.body());
    JsonObject p = reply.json();
    assertEquals(365, p.getInt("periodDays"));
    assertEquals(100, p.getInt("elapsedDays"));
    assertEquals(today().toString(), p.getString("asOf"));
    assertEquals("AT_RISK", p.getString("status"), "the worst deliverable decides");

    JsonObject visits = deliverable(p, world.homeVisits());
    assertEquals(18, visits.getInt("target"));
    assertEquals(6, visits.getInt("approved"), "returned, voided, draft and submitted records are not counted");
    assertEquals(1, visits.getInt("submittedNotApproved"));
    assertEquals("4.93", visits.getString("expected"));
    assertEquals("121.7", visits.getString("percentOfExpected"));
    assertEquals(5, visits.getInt("approvedLast30Days"));
    assertEquals("50.17", visits.getString("projectedAtEnd"));
    assertEquals("AHEAD", visits.getString("status"));

    JsonObject groups = deliverable(p, world.groupSessions());
    assertEquals(0, groups.getInt("approved"));
    assertEquals("20.00", groups.getString("expected"));
    assertEquals("0.0", groups.getString("percentOfExpected"));
    assertEquals("AT_RISK", groups.getString("status"));

    JsonObject budget = p.getJsonObject("budget");
    assertEquals("100000.00", budget.getString("budget"));
    assertEquals(1, budget.getInt("milestonesDue"), "only the first payment has fallen due");
    assertEquals("30000.00", budget.getString("dueAmount"));
    assertEquals("0.00", budget.getString("paidAmount"));
    assertEquals("1098.90", budget.getString("plannedCostPerUnit"), "100000 / (18 + 73)");
    assertEquals("0.00", budget.getString("costPerUnitDelivered"), "nothing paid yet for 6 units");
    assertEquals(3, budget.getJsonArray("milestones").size());

    for (String series : List.of("weekly", "monthly")) {
      JsonObject s = p.getJsonArray(series).getValuesAs(JsonObject.class).stream()
          .filter(o -> o.getString("deliverableId").equals(world.homeVisits())).findFirst().orElseThrow();
      JsonArray points = s.getJsonArray("points");
      long sum = points.getValuesAs(JsonObject.class).stream().mapToLong(o -> o.getInt("approved")).sum();
      assertEquals(6, sum, series + " adds up to the approved total");
      JsonObject last = points.getJsonObject(points.size() - 1);
      assertEquals(6, last.getInt("cumulative"));
      assertEquals("4.93", last.getString("expectedCumulative"), series + " ends at today's expectation");
    }

    var asOrganization = api.get(REPORTS + "/projects/" + world.project() + "/progress", worker);
    assertEquals(200, asOrganization.status(), asOrganization.body());
    assertEquals(6, deliverable(asOrganization.json(), world.homeVisits()).getInt("approved"), "both parties see the same");
  }

  @Test
  void portfolioListsTheBureausProjectsWithTheirStatus() {
    var reply = api.get(REPORTS + "/bureau/projects", world.bureau().officerToken());
    assertEquals(200, reply.status(), reply.body());
    // #16: every bureau report states its data's age; without a standby it is read from the primary, age 0.
    assertEquals("0.0", reply.header("Shouhu-Data-Age").orElseThrow());
    assertEquals("primary", reply.header("Shouhu-Data-Source").orElseThrow());
    JsonArray projects = reply.json().getJsonArray("projects");
    assertEquals(1, projects.size(), reply.body());
    JsonObject only = projects.getJsonObject(0);
    assertEquals(world.project(), only.getString("projectId"));
    assertEquals(world.orgId(), only.getString("organizationId"));
    assertEquals("AT_RISK", only.getString("status"));
    assertEquals(1, reply.json().getJsonObject("statusCounts").getInt("AT_RISK"));
    assertEquals(0, reply.json().getJsonObject("statusCounts").getInt("AHEAD"));
  }

  @Test
  void thePortfolioExportsAsAWorkbookAPdfAndACsvWithTheScreensFigures() throws Exception {
    String officer = world.bureau().officerToken();
    String path = REPORTS + "/bureau/export?from=" + today().minusDays(30) + "&to=" + today();
    var xlsx = api.request("GET", path).bearer(officer).download();
    assertEquals(200, xlsx.status());
    assertTrue(xlsx.header("Content-Disposition").orElseThrow().contains("filename*=UTF-8''"));
    try (var book = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(xlsx.bytes()))) {
      assertEquals(List.of("项目进度", "乡镇覆盖", "强制报告", "数据质量", "数据时效"),
          List.of(book.getSheetName(0), book.getSheetName(1), book.getSheetName(2), book.getSheetName(3),
              book.getSheetName(4)));
      // #16: no standby is configured in the ITs, so the figures come from the primary and are current.
      var freshness = book.getSheet("数据时效");
      assertEquals("主库", freshness.getRow(2).getCell(1).getStringCellValue());
      assertEquals("0.0", freshness.getRow(3).getCell(1).getStringCellValue());
      assertEquals("0.0", xlsx.header("Shouhu-Data-Age").orElseThrow());
      var quality = book.getSheet("数据质量");
      assertEquals("缺佐证材料", quality.getRow(0).getCell(8).getStringCellValue());
      // Handed in within the 31 days: r1, r2, r3, r4 (moved to day 6) and r6, the late one.
      assertEquals(5, (int) quality.getRow(1).getCell(1).getNumericCellValue());
      assertEquals(1, (int) quality.getRow(1).getCell(2).getNumericCellValue());
      assertEquals(1, quality.getLastRowNum(), "one organization: a header and its row");
      var towns = book.getSheet("乡镇覆盖");
      var header = towns.getRow(0);
      var town = towns.getRow(1);
      assertEquals("登记人数", header.getCell(2).getStringCellValue(), "headers in Chinese on the first row");
      assertEquals(TOWN, town.getCell(0).getStringCellValue());
      assertEquals(5, (int) town.getCell(2).getNumericCellValue(), "registered, as the coverage screen says");
      assertEquals(2, (int) town.getCell(3).getNumericCellValue(), "served");
      assertEquals(2, (int) town.getCell(5).getNumericCellValue(), "困境儿童 not visited in 30 days");
      var projects = book.getSheet("项目进度");
      assertEquals(java.util.Set.of("超前", "有风险"), java.util.Set.of(projects.getRow(1).getCell(9).getStringCellValue(),
          projects.getRow(2).getCell(9).getStringCellValue()), "AHEAD home visits, AT_RISK group sessions, in Chinese");
    }
    var pdf = api.request("GET", path + "&format=pdf").bearer(officer).download();
    assertEquals(200, pdf.status());
    try (var doc = org.apache.pdfbox.Loader.loadPDF(pdf.bytes())) {
      String text = new org.apache.pdfbox.text.PDFTextStripper().getText(doc);
      assertTrue(text.contains("政府购买服务项目汇总"), text);
      assertTrue(text.contains("乡镇覆盖"), text);
      assertTrue(text.contains("主库，数据延迟 0 秒"), text);
    }
    var csv = api.request("GET", path + "&format=csv").bearer(officer).download();
    assertEquals(200, csv.status());
    assertEquals((byte) 0xEF, csv.bytes()[0], "UTF-8 with BOM so Excel opens it");
    assertTrue(new String(csv.bytes(), java.nio.charset.StandardCharsets.UTF_8).contains("合同编号"));
    assertEquals(403, api.request("GET", path).bearer(world.bureau().adminToken()).download().status());
  }

  @Test
  void coverageComparesTheRegisteredWithTheServedAndFindsChildrenNotVisited() {
    var reply = api.get(REPORTS + "/bureau/coverage?from=" + today().minusDays(30) + "&to=" + today(),
        world.bureau().officerToken());
    assertEquals(200, reply.status(), reply.body());
    JsonObject c = reply.json();
    // Served in the last 31 days: c1 and c2 (c3 only pending or voided, c5 visited 40 days ago).
    assertEquals(5, c.getInt("registered"));
    assertEquals(2, c.getInt("served"));
    assertEquals(3, c.getInt("childrenInDifficulty"));
    assertEquals(2, c.getInt("notVisited30Days"), "c4 never, c5 40 days ago");
    assertEquals(1, c.getInt("notVisited90Days"), "c4 never");
    JsonObject town = c.getJsonArray("towns").getJsonObject(0);
    assertEquals(TOWN, town.getString("townCode"), "the town where the children live, not where they were served");
    assertEquals("汪场镇", town.getString("townName"), "the name a reader knows next to the code");
    assertEquals(1, c.getJsonArray("towns").size());
    assertEquals(List.of("CHILD_IN_DIFFICULTY:3/1", "LEFT_BEHIND_CHILD:2/1"),
        town.getJsonArray("categories").getValuesAs(JsonObject.class).stream()
            .map(o -> o.getString("category") + ":" + o.getInt("registered") + "/" + o.getInt("served")).toList());
  }

  @Test
  void servicesAndQualityCountByTownKindAndOrganization() {
    String period = "?from=" + today().minusDays(45) + "&to=" + today();
    var reply = api.get(REPORTS + "/bureau/services" + period, world.bureau().officerToken());
    assertEquals(200, reply.status(), reply.body());
    JsonObject s = reply.json();
    assertEquals(5, s.getInt("records"));
    assertEquals(6, s.getInt("attendances"));
    assertEquals(3, s.getInt("uniqueBeneficiaries"), "c1, c2 and c5");
    assertEquals(List.of(TOWN + ":4/5", OTHER_TOWN + ":1/1"), totals(s.getJsonArray("byTown")),
        "r4 counts where it was moved to");
    assertEquals(List.of("HOME_VISIT:5/6"), totals(s.getJsonArray("byKind")));
    assertEquals(List.of(world.orgId() + ":5/6"), totals(s.getJsonArray("byOrganization")));
    // Each line names its town and organization (looked up once per report, not once per line).
    for (JsonObject line : s.getJsonArray("rows").getValuesAs(JsonObject.class)) {
      assertEquals(TOWN.equals(line.getString("townCode")) ? "汪场镇" : "石家河镇", line.getString("townName"), line.toString());
      assertFalse(line.getString("organizationName").isBlank(), line.toString());
    }
    String organizationName = s.getJsonArray("rows").getJsonObject(0).getString("organizationName");

    var quality = api.get(REPORTS + "/bureau/quality" + period, world.bureau().officerToken());
    assertEquals(200, quality.status(), quality.body());
    JsonObject org = quality.json().getJsonArray("organizations").getJsonObject(0);
    assertEquals(world.orgId(), org.getString("organizationId"));
    assertEquals(organizationName, org.getString("organizationName"), "the same name in both reports");
    // Handed in: r1, r2, r3, r4, r6, r9 (r5 voided, r7 a draft).
    assertEquals(6, org.getInt("handedIn"));
    assertEquals(2, org.getInt("lateEntries"), "r6 and r9");
    assertEquals(1, org.getInt("returns"));
    assertEquals(1, org.getInt("approvedVoids"));
    assertEquals("33.3", org.getString("lateEntryPercent"));
  }

  @Test
  void recordListIsMinimized() {
    var reply = api.get(REPORTS + "/bureau/records?from=" + today().minusDays(45) + "&to=" + today(),
        world.bureau().officerToken());
    assertEquals(200, reply.status(), reply.body());
    assertEquals(5, reply.json().getInt("total"));
    List<String> ids = reply.json().getJsonArray("items").getValuesAs(JsonObject.class).stream()
        .map(o -> o.getString("id")).toList();
    assertEquals(world.approvedRecords().stream().sorted().toList(), ids.stream().sorted().toList());
    JsonObject first = reply.json().getJsonArray("items").getJsonObject(0);
    assertEquals(today().minusDays(1).toString(), first.getString("day"), "newest first");
    assertEquals(2, first.getInt("participants"));
    assertTrue(first.getString("maskedNames").contains("王*红") && first.getString("maskedNames").contains("李*伟"),
        first.toString());
    String body = reply.body();
    for (String secret : List.of("王小红", "李大伟", "429006104201", "与祖母同住", "联系学校", "citizen", "beneficiaryId")) {
      assertFalse(body.contains(secret), "no " + secret + " in " + body);
    }
    var submitted = api.get(REPORTS + "/bureau/records?status=SUBMITTED&from=" + today().minusDays(45),
        world.bureau().officerToken());
    assertEquals(1, submitted.json().getInt("total"), submitted.body());
    assertEquals("REPORT_DRAFTS_NOT_LISTED",
        api.get(REPORTS + "/bureau/records?status=DRAFT", world.bureau().officerToken()).fieldCode("status"));
  }

  @Test
  void anotherBureauSeesNoneOfTheFirstBureausProjects() {
    Api.Bureau other = api.onboardBureau(api.platformToken(), "429006");
    assertEquals(404, api.get(REPORTS + "/projects/" + world.project() + "/progress", other.officerToken()).status());
    var portfolio = api.get(REPORTS + "/bureau/projects", other.officerToken());
    assertEquals(200, portfolio.status(), portfolio.body());
    assertEquals(0, portfolio.json().getJsonArray("projects").size());
    String period = "?from=" + today().minusDays(45) + "&to=" + today();
    assertEquals(0, api.get(REPORTS + "/bureau/coverage" + period, other.officerToken()).json().getInt("registered"));
    assertEquals(0, api.get(REPORTS + "/bureau/services" + period, other.officerToken()).json().getInt("records"));
    assertEquals(0, api.get(REPORTS + "/bureau/records" + period, other.officerToken()).json().getInt("total"));
    assertEquals(0, api.get(REPORTS + "/bureau/quality" + period, other.officerToken()).json()
        .getJsonArray("organizations").size());
  }

  @Test
  void onlyTheOwningOrganizationReadsItsProjectAndNoOrganizationReadsThePortfolio() {
    String otherOrg = api.login("shouwang-sw", "admin", Api.DEMO_PASSWORD);
    var foreign = api.get(REPORTS + "/projects/" + world.project() + "/progress", otherOrg);
    assertEquals(404, foreign.status(), foreign.body());
    assertEquals(foreign.body().replaceAll("\"requestId\":\"[^\"]*\"", ""),
        api.get(REPORTS + "/projects/" + UUID.randomUUID() + "/progress", otherOrg).body()
            .replaceAll("\"requestId\":\"[^\"]*\"", ""),
        "another's project answers like no project at all");
    assertEquals(200, api.get(REPORTS + "/projects/" + world.project() + "/progress", supervisor).status());
    for (String path : List.of("projects", "coverage", "services", "incidents", "quality", "records")) {
      assertEquals(403, api.get(REPORTS + "/bureau/" + path, supervisor).status(), path);
    }
    assertEquals(403, api.get(REPORTS + "/bureau/projects", world.bureau().adminToken()).status(),
        "the bureau's administrator manages users, officers read reports");
    var admin = api.get(REPORTS + "/projects/" + world.project() + "/progress", world.bureau().adminToken());
    assertEquals(403, admin.status(), admin.body());
    assertEquals("REPORT_BUREAU_OFFICERS_ONLY", admin.code());
  }

  @Test
  void periodsAreValidated() {
    String officer = world.bureau().officerToken();
    assertEquals("DATE_FORMAT", api.get(REPORTS + "/bureau/services?from=2026-13-01", officer).fieldCode("from"));
    assertEquals("REPORT_PERIOD_REVERSED",
        api.get(REPORTS + "/bureau/services?from=2026-05-01&to=2026-04-30", officer).fieldCode("to"));
    assertEquals("REPORT_PERIOD_TOO_LONG",
        api.get(REPORTS + "/bureau/coverage?from=2010-01-01&to=2026-01-01", officer).fieldCode("to"));
    var defaults = api.get(REPORTS + "/bureau/services", officer);
    assertEquals(200, defaults.status(), defaults.body());
    assertEquals(today().withDayOfYear(1).toString(), defaults.json().getString("from"));
    assertEquals(today().toString(), defaults.json().getString("to"));
    assertEquals(404, api.get(REPORTS + "/projects/not-an-id/progress", officer).status());
  }

  @Test
  void openIncidentsShowTheirAgeAndNoFinding() {
    var reply = api.get(REPORTS + "/bureau/incidents", world.bureau().officerToken());
    assertEquals(200, reply.status(), reply.body());
    assertEquals(1, reply.json().getInt("open"), reply.body());
    assertEquals(3, reply.json().getInt("oldestAgeDays"));
    JsonObject incident = reply.json().getJsonArray("items").getJsonObject(0);
    assertEquals(world.project(), incident.getString("projectId"));
    assertEquals(TOWN, incident.getString("townCode"));
    assertEquals("NEGLECT", incident.getString("concern"));
    assertEquals(3, incident.getInt("ageDays"));
    assertFalse(reply.body().contains(FINDING), "the finding stays with the organization");
    var none = api.get(REPORTS + "/bureau/incidents", api.onboardBureau(api.platformToken(), "429006").officerToken());
    assertEquals(0, none.json().getInt("open"), none.body());
  }

  /**
   * A deliverable counted in people (人): a and b reached together on day 10, a again on day 11, c only on a pending
   * record. Approved = 2 distinct people, pending = 1 (c; b is already reached), both first reached within 30 days;
   * expected 3 × 100 / 365 = 0.82, so 2 is AHEAD. Its own bureau, so the main world's figures stay as they are.
   */
  @Test
  void aPersonDeliverableCountsDistinctPeople() throws Exception {
    Api.Bureau own = api.onboardBureau(api.platformToken(), "429006");
    LocalDate start = today().minusDays(99);
    var created = api.post("api/v1/projects", own.officerToken(), "{\"contractNumber\":\"PER-"
        + ThreadLocalRandom.current().nextInt(1_000_000) + "\",\"title\":\"关爱到人\",\"organizationId\":\""
        + world.orgId() + "\",\"budget\":9000,\"periodStart\":\"" + start + "\",\"periodEnd\":\""
        + start.plusDays(364) + "\",\"coveredTowns\":[\"" + TOWN + "\"],\"targetGroups\":[\"LEFT_BEHIND_CHILD\"],"
        + "\"deliverables\":[{\"kind\":\"HOME_VISIT\",\"unit\":\"PERSON\",\"target\":3}],\"lockDays\":90}");
    assertEquals(201, created.status(), created.body());
    String project = created.json().getString("id");
    String deliverable = created.json().getJsonArray("deliverables").getJsonObject(0).getString("id");
    assertEquals(200, api.post("api/v1/projects/" + project + "/activate", own.officerToken(), "").status());
    List<String> people = new ArrayList<>();
    for (String name : List.of("钱小文", "郑小武", "冯小双")) {
      String c = child(name, "LEFT_BEHIND_CHILD");
      assertEquals(201, api.post("api/v1/projects/" + project + "/enrolments", worker, "{\"beneficiaryId\":\"" + c + "\"}").status());
      people.add(c);
    }
    String both = log(project, deliverable, 10, 16, VILLAGE, List.of(people.get(0), people.get(1)), true);
    String again = log(project, deliverable, 11, 16, VILLAGE, List.of(people.get(0)), true);
    log(project, deliverable, 12, 16, VILLAGE, List.of(people.get(2)), true);
    review(List.of(both, again), "{\"action\":\"APPROVE\"");

    var reply = api.get(REPORTS + "/projects/" + project + "/progress", own.officerToken());
    assertEquals(200, reply.status(), reply.body());
    JsonObject d = deliverable(reply.json(), deliverable);
    assertEquals("PERSON", d.getString("unit"));
    assertEquals(2, d.getInt("approved"), "a twice and b once are two people");
    assertEquals(1, d.getInt("submittedNotApproved"), "c; b is already reached");
    assertEquals(2, d.getInt("approvedLast30Days"));
    assertEquals("0.82", d.getString("expected"));
    assertEquals("AHEAD", d.getString("status"));
    JsonArray weekly = reply.json().getJsonArray("weekly").getJsonObject(0).getJsonArray("points");
    assertEquals(2, weekly.getJsonObject(weekly.size() - 1).getInt("cumulative"), "people counted once, when first reached");
    var portfolio = api.get(REPORTS + "/bureau/projects", own.officerToken()).json();
    assertEquals(2, portfolio.getJsonArray("projects").getJsonObject(0).getJsonArray("deliverables").getJsonObject(0)
        .getInt("approved"), "the bureau-wide read counts people the same way");
  }

  /**
   * The two quality signals read from the record list, on a project of its own bureau (days 60-63 ago, clear of the
   * main world): a joint visit logged by both workers (the second record is PERSON_DOUBLE_BOOKED), and three school
   * activities handed in — one without a file, one with a photo, one whose only file was voided — so 2 of 3 miss
   * their evidence (66.7%) and 1 of the 5 records handed in is double-booked (20.0%). Uploading a file to the first
   * afterwards takes it off the count.
   */
  @Test
  void qualityCountsDoubleBookedPeopleAndSchoolActivitiesWithoutEvidence() throws Exception {
    Api.Bureau own = api.onboardBureau(api.platformToken(), "429006");
    String pair = api.ownWorker("chunhui-sw", "reports-pair");
    LocalDate start = today().minusDays(99);
    var created = api.post("api/v1/projects", own.officerToken(), "{\"contractNumber\":\"QLT-"
        + ThreadLocalRandom.current().nextInt(1_000_000) + "\",\"title\":\"质量信号\",\"organizationId\":\""
        + world.orgId() + "\",\"budget\":9000,\"periodStart\":\"" + start + "\",\"periodEnd\":\""
        + start.plusDays(364) + "\",\"coveredTowns\":[\"" + TOWN + "\"],\"targetGroups\":[\"LEFT_BEHIND_CHILD\"],"
        + "\"deliverables\":[{\"kind\":\"HOME_VISIT\",\"unit\":\"VISIT\",\"target\":30},"
        + "{\"kind\":\"SCHOOL_ACTIVITY\",\"unit\":\"EVENT\",\"target\":6}],\"lockDays\":90}");
    assertEquals(201, created.status(), created.body());
    String project = created.json().getString("id");
    String visits = null;
    String schools = null;
    for (JsonObject d : created.json().getJsonArray("deliverables").getValuesAs(JsonObject.class)) {
      if (d.getString("kind").equals("HOME_VISIT")) {
        visits = d.getString("id");
      } else {
        schools = d.getString("id");
      }
    }
    assertEquals(200, api.post("api/v1/projects/" + project + "/activate", own.officerToken(), "").status());
    String child = child("孙小梅", "LEFT_BEHIND_CHILD");
    assertEquals(201, api.post("api/v1/projects/" + project + "/enrolments", worker, "{\"beneficiaryId\":\"" + child + "\"}").status());

    String first = log(project, visits, 60, 14, VILLAGE, List.of(child), true);
    LocalDate day = today().minusDays(60);
    var joint = api.post(SERVICES, pair, "{\"projectId\":\"" + project + "\",\"deliverableId\":\"" + visits + "\","
        + content(60, 14, VILLAGE, List.of(child)).substring(1)
            .replace(day.atTime(14, 0).atZone(CHINA).toOffsetDateTime().toString(),
                day.atTime(14, 20).atZone(CHINA).toOffsetDateTime().toString())
            .replace(day.atTime(14, 50).atZone(CHINA).toOffsetDateTime().toString(),
                day.atTime(15, 10).atZone(CHINA).toOffsetDateTime().toString())
            .replaceFirst("}$", "") + ",\"submit\":true}");
    assertEquals(201, joint.status(), joint.body());
    assertEquals(List.of("LATE_ENTRY", "SAME_DAY_REPEAT", "PERSON_DOUBLE_BOOKED"),
        joint.json().getJsonArray("flags").getValuesAs(jakarta.json.JsonString.class).stream()
            .map(jakarta.json.JsonString::getString).toList(), "the second of the pair is flagged");
    assertFalse(api.get(SERVICES + "/" + first, worker).json().getJsonArray("flags").toString().contains("DOUBLE"),
        "the first record stays as it was");

    String bare = school(project, schools, 61);
    String photographed = school(project, schools, 62);
    assertEquals(201, evidence(photographed, "合影.png", png()).status());
    String withdrawn = school(project, schools, 63);
    var wrongFile = evidence(withdrawn, "签到表.png", png());
    assertEquals(201, wrongFile.status(), wrongFile.body());
    assertEquals(200, api.post("api/v1/evidence/" + wrongFile.json().getString("id") + "/void", worker,
        "{\"reason\":\"传错了文件\"}").status());
    for (String id : List.of(bare, photographed, withdrawn)) {
      assertEquals(200, api.post(SERVICES + "/" + id + "/submit", worker, "").status());
    }

    String period = "?from=" + today().minusDays(70) + "&to=" + today().minusDays(50);
    JsonObject org = quality(own, period);
    assertEquals(5, org.getInt("handedIn"));
    assertEquals(1, org.getInt("doubleBooked"));
    assertEquals("20.0", org.getString("doubleBookedPercent"));
    assertEquals(3, org.getInt("schoolActivities"));
    assertEquals(2, org.getInt("missingEvidence"), "the bare one and the one whose file was voided");
    assertEquals("66.7", org.getString("missingEvidencePercent"));

    // Returned for its sign-in sheet, which the worker then attaches: off the count, though still handed in.
    review(List.of(bare), "{\"action\":\"RETURN\",\"comment\":\"请补签到表\"");
    assertEquals(201, evidence(bare, "签到表.png", png()).status());
    assertEquals(1, quality(own, period).getInt("missingEvidence"), "a file attached later takes it off the count");
    assertEquals(3, quality(own, period).getInt("schoolActivities"));
  }

  private JsonObject quality(Api.Bureau bureau, String period) {
    var reply = api.get(REPORTS + "/bureau/quality" + period, bureau.officerToken());
    assertEquals(200, reply.status(), reply.body());
    JsonArray orgs = reply.json().getJsonArray("organizations");
    assertEquals(1, orgs.size(), reply.body());
    return orgs.getJsonObject(0);
  }

  private String school(String project, String deliverable, int daysAgo) {
    LocalDate day = today().minusDays(daysAgo);
    var logged = api.post(SERVICES + "/school-activities", worker, "{\"projectId\":\"" + project + "\",\"deliverableId\":\""
        + deliverable + "\",\"startedAt\":\"" + day.atTime(9, 0).atZone(CHINA).toOffsetDateTime() + "\",\"endedAt\":\""
        + day.atTime(10, 0).atZone(CHINA).toOffsetDateTime() + "\",\"placeCode\":\"" + VILLAGE + "\",\"participants\":[],"
        + "\"schoolActivity\":{\"schoolName\":\"多宝镇中心小学\",\"topic\":\"ANTI_DROWNING\",\"participantCount\":80},"
        + "\"submit\":false}");
    assertEquals(201, logged.status(), logged.body());
    return logged.json().getString("id");
  }

  private Api.Reply evidence(String record, String fileName, byte[] bytes) {
    return api.request("POST", SERVICES + "/" + record + "/evidence?fileName="
            + java.net.URLEncoder.encode(fileName, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20"))
        .bearer(worker).body("image/png", bytes).send();
  }

  /** A real PNG, different each call (one random pixel), so no two uploads are the same file. */
  private static byte[] png() throws Exception {
    var image = new java.awt.image.BufferedImage(2, 2, java.awt.image.BufferedImage.TYPE_INT_RGB);
    image.setRGB(0, 0, ThreadLocalRandom.current().nextInt(0xFFFFFF));
    var out = new java.io.ByteArrayOutputStream();
    javax.imageio.ImageIO.write(image, "png", out);
    return out.toByteArray();
  }

  /**
   * The triggers' running sums equal the plain aggregate over the raw tables, read as the application role in the
   * organization's transaction (as RowLevelSecurityIT connects): per day, deliverable, town and kind, and per
   * person and day. Rows whose counters fell back to zero are left out on the summary side.
   */
  @Test
  void summariesEqualTheAggregateOverTheRawRecords() throws Exception {
    try (Connection app = Api.asApplicationIn(world.orgId())) {
      List<String> raw = strings(app, "select r.deliverable_id || ' ' || report_day(r.started_at) || ' '"
          + " || left(r.place_code, 9) || ' ' || r.kind || ' ' || count(*) filter (where r.status = 'APPROVED')"
          + " || ' ' || coalesce(sum(n.people) filter (where r.status = 'APPROVED'), 0)"
          + " || ' ' || count(*) filter (where r.status = 'SUBMITTED')"
          + " || ' ' || coalesce(sum(n.people) filter (where r.status = 'SUBMITTED'), 0)"
          + " || ' ' || count(*) filter (where r.status in ('SUBMITTED', 'RETURNED', 'APPROVED'))"
          + " from service_record r cross join lateral (select count(*) as people from service_participant p"
          + " where p.tenant_id = r.tenant_id and p.record_id = r.id and p.removed_at is null) n"
          + " where r.status in ('SUBMITTED', 'RETURNED', 'APPROVED')"
          + " group by r.deliverable_id, report_day(r.started_at), left(r.place_code, 9), r.kind order by 1");
      // Summed over the workers' shards (V210), as every reader of report_daily sums them.
      List<String> summary = strings(app, "select deliverable_id || ' ' || day || ' ' || town_code || ' ' || kind"
          + " || ' ' || sum(approved_records) || ' ' || sum(approved_attendances) || ' ' || sum(pending_records)"
          + " || ' ' || sum(pending_attendances) || ' ' || sum(handed_in) from report_daily"
          + " group by deliverable_id, day, town_code, kind having sum(handed_in) <> 0 order by 1");
      assertFalse(raw.isEmpty());
      assertEquals(raw, summary);
      List<String> rawTally = strings(app, "select r.deliverable_id || ' ' || count(*) filter (where r.status = 'APPROVED')"
          + " || ' ' || coalesce(sum(n.people) filter (where r.status = 'APPROVED'), 0)"
          + " || ' ' || count(*) filter (where r.status = 'SUBMITTED')"
          + " || ' ' || coalesce(sum(n.people) filter (where r.status = 'SUBMITTED'), 0)"
          + " from service_record r cross join lateral (select count(*) as people from service_participant p"
          + " where p.tenant_id = r.tenant_id and p.record_id = r.id and p.removed_at is null) n"
          + " where r.status in ('SUBMITTED', 'APPROVED') group by r.deliverable_id order by 1");
      List<String> tally = strings(app, "select deliverable_id || ' ' || sum(approved_records)"
          + " || ' ' || sum(approved_attendances) || ' ' || sum(pending_records) || ' ' || sum(pending_attendances)"
          + " from report_deliverable_tally group by deliverable_id"
          + " having sum(approved_records) <> 0 or sum(pending_records) <> 0 order by 1");
      assertEquals(rawTally, tally);
      List<String> rawReach = strings(app, "select p.beneficiary_id || ' ' || report_day(r.started_at) || ' '"
          + " || count(*) filter (where r.status = 'APPROVED') || ' ' || count(*) filter (where r.status = 'SUBMITTED')"
          + " from service_record r join service_participant p on p.tenant_id = r.tenant_id and p.record_id = r.id"
          + " and p.removed_at is null where r.status in ('SUBMITTED', 'APPROVED')"
          + " group by p.beneficiary_id, report_day(r.started_at) order by 1");
      List<String> reach = strings(app, "select beneficiary_id || ' ' || day || ' ' || sum(approved_attendances)"
          + " || ' ' || sum(pending_attendances) from report_reach group by beneficiary_id, day"
          + " having sum(approved_attendances) <> 0 or sum(pending_attendances) <> 0 order by 1");
      assertEquals(rawReach, reach);
      app.rollback();
    }
  }

  /**
   * The people lists and the coverage and services figures read report_person (V165), one row per person and bureau;
   * they answer exactly what the grouping of report_enrolee and the reach rows of the period answered before it,
   * which this runs as the bureau under row-level security next to the API: every state, periods ending today, in
   * the past and in between, where "served" needs report_reach (王小红 served 20 days ago and again since).
   */
  @Test
  void peopleListsAnswerWhatTheEnroleeAndReachRowsAnswerForAnyPeriod() throws Exception {
    String officer = world.bureau().officerToken();
    String bureauId = SignedJWT.parse(officer).getJWTClaimsSet().getStringClaim("tenant_id");
    List<LocalDate[]> periods = List.of(new LocalDate[] {today().minusDays(30), today()},
        new LocalDate[] {today().minusDays(25), today().minusDays(15)},
        new LocalDate[] {today().minusDays(45), today().minusDays(35)},
        new LocalDate[] {today().minusDays(5), today().minusDays(3)},
        new LocalDate[] {today().minusDays(3), today()});
    try (Connection app = Api.asApplicationIn(bureauId)) {
      String grouped = "select p.masked_name || ' ' || coalesce(p.last_served::text, '-') from (select e.tenant_id,"
          + " e.beneficiary_id, min(e.town_code) as town_code, min(e.categories) as categories,"
          + " bool_or(e.enrolled) as enrolled, max(e.last_home_visit_on) as last_visit, max(e.last_served_on) as last_served,"
          + " min(e.masked_name) as masked_name from report_enrolee e where e.bureau_id = '" + bureauId + "'"
          + " and e.beneficiary_active group by e.tenant_id, e.beneficiary_id) p where ";
      String order = " order by p.last_visit nulls first, p.town_code, p.masked_name, p.tenant_id, p.beneficiary_id";
      List<String> seen = new ArrayList<>();
      for (LocalDate[] period : periods) {
        String span = "from=" + period[0] + "&to=" + period[1];
        List<String> before = strings(app, grouped + "exists (select 1 from report_reach s where s.bureau_id = '"
            + bureauId + "' and s.day between '" + period[0] + "' and '" + period[1] + "' and s.approved_attendances > 0"
            + " and s.tenant_id = p.tenant_id and s.beneficiary_id = p.beneficiary_id)" + order);
        assertEquals(before, listed("state=served&" + span), span);
        assertEquals(before.size(), api.get(REPORTS + "/bureau/coverage?" + span, officer).json().getInt("served"), span);
        assertEquals(before.size(), api.get(REPORTS + "/bureau/services?" + span, officer).json()
            .getInt("uniqueBeneficiaries"), span);
        seen.add(before.size() + "");
      }
      assertEquals(List.of("2", "1", "1", "0", "2"), seen, "c1 and c2; c1 on day 20; c5 on day 40; nobody; c1 and c2");
      assertEquals(strings(app, grouped + "p.enrolled" + order), listed("state=registered"));
      assertEquals(5, listed("state=registered").size());
      assertEquals(strings(app, grouped + "p.enrolled and p.categories like '%CHILD_IN_DIFFICULTY%'"
          + " and (p.last_visit is null or p.last_visit < '" + today().minusDays(29) + "')" + order), listed("state=unvisited30"));
      assertEquals(strings(app, grouped + "p.enrolled and p.categories like '%CHILD_IN_DIFFICULTY%'"
          + " and (p.last_visit is null or p.last_visit < '" + today().minusDays(89) + "')" + order),
          listed("state=unvisited90&town=" + TOWN));
      assertEquals(listed("state=registered").subList(2, 4), listed("state=registered&offset=2&limit=2"), "pages of one order");
      assertEquals(5, api.get(REPORTS + "/bureau/people?state=registered&offset=2&limit=2", officer).json().getInt("total"));
      JsonObject past = api.get(REPORTS + "/bureau/people?state=registered&offset=5&limit=2", officer).json();
      assertEquals(5, past.getInt("total"), "a page past the end still says how many there are");
      assertEquals(0, past.getJsonArray("items").size());
      app.rollback();
    }
  }

  /**
   * The services report reads whole months from report_monthly (V230) and partial months from report_daily, added or
   * taken away: for periods that start and end mid-month, span months, sit inside one month, cover whole months or end
   * in the future, its lines (month, kind, town, organization: records and 人次) are those of the raw approved records
   * of the bureau's projects, read here as the organization. And report_monthly, summed over its shards, is the raw
   * records per month.
   */
  @Test
  void servicesAnswerTheRawAggregateForPeriodsStartingAndEndingMidMonth() throws Exception {
    String officer = world.bureau().officerToken();
    String bureauId = SignedJWT.parse(officer).getJWTClaimsSet().getStringClaim("tenant_id");
    LocalDate m0 = today().withDayOfMonth(1);
    LocalDate m1 = m0.minusMonths(1);
    LocalDate m2 = m0.minusMonths(2);
    List<LocalDate[]> periods = List.of(new LocalDate[] {today().minusDays(45), today()},
        new LocalDate[] {today().minusDays(89), today()},
        new LocalDate[] {m2.plusDays(14), m1.plusDays(14)},
        new LocalDate[] {m1, m0.minusDays(1)},
        new LocalDate[] {m2, today()},
        new LocalDate[] {m1.plusDays(3), m1.plusDays(20)},
        new LocalDate[] {today().minusDays(40), today().minusDays(40)},
        new LocalDate[] {today().minusDays(6), today().minusDays(6)},
        new LocalDate[] {m2.plusDays(1), m0.minusDays(2)},
        new LocalDate[] {m1.plusDays(5), today().plusDays(20)},
        new LocalDate[] {today().minusDays(20), today().minusDays(1)},
        new LocalDate[] {m2.minusDays(20), m1.plusDays(27)});
    try (Connection app = Api.asApplicationIn(world.orgId())) {
      String allApproved = " from service_record r join project p on p.tenant_id = r.tenant_id and p.id = r.project_id"
          + " cross join lateral (select count(*) as people from service_participant sp where sp.tenant_id = r.tenant_id"
          + " and sp.record_id = r.id and sp.removed_at is null) n where r.status = 'APPROVED'";
      String approved = allApproved + " and p.bureau_id = '" + bureauId + "'";
      int nonEmpty = 0;
      for (LocalDate[] period : periods) {
        String span = "from=" + period[0] + "&to=" + period[1];
        List<String> raw = strings(app, "select to_char(report_day(r.started_at), 'YYYY-MM') || ' ' || r.kind || ' '"
            + " || left(r.place_code, 9) || ' ' || r.tenant_id || ' ' || count(*) || ' ' || sum(n.people)" + approved
            + " and report_day(r.started_at) between '" + period[0] + "' and '" + period[1] + "'"
            + " group by to_char(report_day(r.started_at), 'YYYY-MM'), r.kind, left(r.place_code, 9), r.tenant_id")
            .stream().sorted().toList();
        var reply = api.get(REPORTS + "/bureau/services?" + span, officer);
        assertEquals(200, reply.status(), reply.body());
        JsonObject s = reply.json();
        List<String> lines = s.getJsonArray("rows").getValuesAs(JsonObject.class).stream()
            .map(o -> o.getString("month") + " " + o.getString("kind") + " " + o.getString("townCode") + " "
                + o.getString("organizationId") + " " + o.getInt("records") + " " + o.getInt("attendances"))
            .sorted().toList();
        assertEquals(raw, lines, span);
        assertEquals(raw.stream().mapToLong(l -> Long.parseLong(l.split(" ")[4])).sum(), s.getJsonNumber("records")
            .longValue(), span);
        assertEquals(raw.stream().mapToLong(l -> Long.parseLong(l.split(" ")[5])).sum(), s.getJsonNumber("attendances")
            .longValue(), span);
        nonEmpty += raw.isEmpty() ? 0 : 1;
      }
      assertTrue(nonEmpty >= 6, "most periods hold approved work of the world (r1, r2, r4, r6, r9): " + nonEmpty);
      assertFalse(strings(app, "select 1 from report_monthly where bureau_id = '" + bureauId + "'"
          + " and month < '" + m0 + "'").isEmpty(), "the whole months read hold the bureau's work");
      assertEquals(strings(app, "select report_month(report_day(r.started_at)) || ' ' || r.kind || ' '"
              + " || left(r.place_code, 9) || ' ' || p.bureau_id || ' ' || count(*) || ' ' || sum(n.people)"
              + allApproved + " group by report_month(report_day(r.started_at)), r.kind, left(r.place_code, 9), p.bureau_id order by 1"),
          strings(app, "select month || ' ' || kind || ' ' || town_code || ' ' || bureau_id || ' ' || sum(approved_records)"
              + " || ' ' || sum(approved_attendances) from report_monthly group by month, kind, town_code, bureau_id"
              + " having sum(approved_records) <> 0 or sum(approved_attendances) <> 0 order by 1"),
          "report_monthly summed over its shards is the organization's approved records per month");
      app.rollback();
    }
  }

  private List<String> listed(String query) {
    var reply = api.get(REPORTS + "/bureau/people?" + query, world.bureau().officerToken());
    assertEquals(200, reply.status(), reply.body());
    List<JsonObject> items = reply.json().getJsonArray("items").getValuesAs(JsonObject.class);
    assertTrue(items.size() < 50, "one page holds this world: " + query);
    return items.stream().map(o -> o.getString("maskedName") + " "
        + (o.containsKey("lastServedOn") && !o.isNull("lastServedOn") ? o.getString("lastServedOn") : "-")).toList();
  }

  /**
   * report_person is the grouping of report_enrolee per person and bureau, over everything chunhui-sw holds (this run's
   * other classes too), and follows a move and a rename in the same transaction, made as the organization.
   */
  @Test
  void thePersonSummaryIsTheEnroleeRowsGroupedAndFollowsAMoveAndARename() throws Exception {
    String grouped = "select beneficiary_id || ' ' || bureau_id || ' ' || min(town_code) || ' ' || min(categories)"
        + " || ' ' || min(masked_name) || ' ' || min(village_code) || ' ' || bool_or(enrolled) || ' '"
        + " || bool_or(beneficiary_active) || ' ' || coalesce(max(last_served_on)::text, '-') || ' '"
        + " || coalesce(max(last_home_visit_on)::text, '-') from report_enrolee group by beneficiary_id, bureau_id order by 1";
    String summary = "select beneficiary_id || ' ' || bureau_id || ' ' || town_code || ' ' || categories || ' '"
        + " || masked_name || ' ' || village_code || ' ' || enrolled || ' ' || beneficiary_active || ' '"
        + " || coalesce(last_served_on::text, '-') || ' ' || coalesce(last_home_visit_on::text, '-')"
        + " from report_person where tenant_id = shouhu_current_tenant() order by 1";
    try (Connection app = Api.asApplicationIn(world.orgId())) {
      List<String> rows = strings(app, grouped);
      assertTrue(rows.size() >= 5, rows.toString());
      assertEquals(rows, strings(app, summary));
      String c4 = world.children().get(3);
      try (PreparedStatement move = app.prepareStatement(
          "update beneficiary set village_code = '429006120201', name = '孙美玲' where tenant_id = ?::uuid and id = ?::uuid")) {
        move.setString(1, world.orgId());
        move.setString(2, c4);
        assertEquals(1, move.executeUpdate());
      }
      assertEquals(strings(app, grouped), strings(app, summary));
      assertEquals(List.of("429006120 孙*玲 429006120201"), strings(app, "select town_code || ' ' || masked_name || ' '"
          + " || village_code from report_person where beneficiary_id = '" + c4 + "'"));
      app.rollback();
    }
  }

  private static List<String> strings(Connection c, String sql) throws Exception {
    List<String> out = new ArrayList<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  private static List<String> totals(JsonArray array) {
    return array.getValuesAs(JsonObject.class).stream()
        .map(o -> o.getString("key") + ":" + o.getInt("records") + "/" + o.getInt("attendances")).toList();
  }

  private static JsonObject deliverable(JsonObject progress, String id) {
    return progress.getJsonArray("deliverables").getValuesAs(JsonObject.class).stream()
        .filter(o -> o.getString("deliverableId").equals(id)).findFirst().orElseThrow();
  }

  private static LocalDate today() {
    return LocalDate.now(CHINA);
  }

  private World build() throws Exception {
    Api.Bureau bureau = api.onboardBureau(api.platformToken(), "429006");
    String orgId = SignedJWT.parse(worker).getJWTClaimsSet().getStringClaim("tenant_id");
    LocalDate start = today().minusDays(99);
    var created = api.post("api/v1/projects", bureau.officerToken(), "{\"contractNumber\":\"RPT-"
        + ThreadLocalRandom.current().nextInt(1_000_000) + "\",\"title\":\"多宝镇困境儿童关爱\",\"organizationId\":\""
        + orgId + "\",\"budget\":100000,\"periodStart\":\"" + start + "\",\"periodEnd\":\"" + start.plusDays(364)
        + "\",\"coveredTowns\":[\"" + TOWN + "\",\"" + OTHER_TOWN + "\"],"
        + "\"targetGroups\":[\"LEFT_BEHIND_CHILD\",\"CHILD_IN_DIFFICULTY\"],"
        + "\"deliverables\":[{\"kind\":\"HOME_VISIT\",\"unit\":\"VISIT\",\"target\":18},"
        + "{\"kind\":\"GROUP_SESSION\",\"unit\":\"SESSION\",\"target\":73}],"
        + "\"milestones\":[{\"kind\":\"FIRST\",\"sharePercent\":30,\"dueDate\":\"" + today().minusDays(90) + "\"},"
        + "{\"kind\":\"INTERIM\",\"sharePercent\":40,\"dueDate\":\"" + today().plusDays(100) + "\"},"
        + "{\"kind\":\"FINAL\",\"sharePercent\":30,\"dueDate\":\"" + start.plusDays(364) + "\"}],"
        + "\"lockDays\":90}");
    assertEquals(201, created.status(), created.body());
    String project = created.json().getString("id");
    String homeVisits = null;
    String groups = null;
    for (JsonObject d : created.json().getJsonArray("deliverables").getValuesAs(JsonObject.class)) {
      if (d.getString("kind").equals("HOME_VISIT")) {
        homeVisits = d.getString("id");
      } else {
        groups = d.getString("id");
      }
    }
    assertEquals(200, api.post("api/v1/projects/" + project + "/activate", bureau.officerToken(), "").status());

    List<String> children = new ArrayList<>();
    children.add(child("王小红", "CHILD_IN_DIFFICULTY"));
    children.add(child("李大伟", "LEFT_BEHIND_CHILD"));
    children.add(child("赵小刚", "LEFT_BEHIND_CHILD"));
    children.add(child("孙小丽", "CHILD_IN_DIFFICULTY"));
    children.add(child("周小军", "CHILD_IN_DIFFICULTY"));
    for (String c : children) {
      var enrolled = api.post("api/v1/projects/" + project + "/enrolments", worker, "{\"beneficiaryId\":\"" + c + "\"}");
      assertEquals(201, enrolled.status(), enrolled.body());
    }
    String c1 = children.get(0);
    String c2 = children.get(1);
    String c3 = children.get(2);
    String c5 = children.get(4);
    // Each record at its own hour, so the worker is never in two places at once.
    String r1 = log(project, homeVisits, 1, 8, VILLAGE, List.of(c1, c2), true);
    String r2 = log(project, homeVisits, 2, 9, VILLAGE, List.of(c1), true);
    log(project, homeVisits, 3, 10, VILLAGE, List.of(c3), true);
    String r4 = log(project, homeVisits, 4, 11, VILLAGE, List.of(c2), true);
    String r5 = log(project, homeVisits, 5, 12, VILLAGE, List.of(c3), true);
    String r6 = log(project, homeVisits, 20, 13, VILLAGE, List.of(c1), true);
    log(project, homeVisits, 7, 14, VILLAGE, List.of(c2), false);
    String r9 = log(project, homeVisits, 40, 15, VILLAGE, List.of(c5), true);

    review(List.of(r1, r2, r5, r6, r9), "{\"action\":\"APPROVE\"");
    review(List.of(r4), "{\"action\":\"RETURN\",\"comment\":\"地点有误\"");
    var revised = api.post(SERVICES + "/" + r4 + "/revise", worker,
        content(6, 11, OTHER_TOWN, List.of(c2)));
    assertEquals(200, revised.status(), revised.body());
    assertEquals("SUBMITTED", api.post(SERVICES + "/" + r4 + "/submit", worker, "").json().getString("status"));
    review(List.of(r4), "{\"action\":\"APPROVE\"");
    var voided = api.post(SERVICES + "/" + r5 + "/void", supervisor, "{\"reason\":\"重复录入\"}");
    assertEquals("VOIDED", voided.json().getString("status"), voided.body());
    LocalDate found = today().minusDays(3);
    var incident = api.post("api/v1/incidents", worker, "{\"projectId\":\"" + project + "\",\"beneficiaryId\":\""
        + children.get(3) + "\",\"concern\":\"NEGLECT\",\"found\":\"" + FINDING + "\",\"foundAt\":\""
        + found.atTime(10, 0).atZone(CHINA).toOffsetDateTime() + "\",\"reportedTo\":[\"CIVIL_AFFAIRS_BUREAU\"],"
        + "\"reportedAt\":\"" + found.atTime(11, 0).atZone(CHINA).toOffsetDateTime() + "\"}");
    assertEquals(201, incident.status(), incident.body());
    return new World(bureau, orgId, project, homeVisits, groups, children, List.of(r1, r2, r4, r6, r9));
  }

  private void review(List<String> ids, String action) {
    var reply = api.post(SERVICES + "/review", supervisor, action + ",\"ids\":[\"" + String.join("\",\"", ids) + "\"]}");
    assertEquals(200, reply.status(), reply.body());
    assertEquals(0, reply.json().getInt("refused"), reply.body());
  }

  private String log(String project, String deliverable, int daysAgo, int hour, String place, List<String> people,
      boolean submit) {
    String body = "{\"projectId\":\"" + project + "\",\"deliverableId\":\"" + deliverable + "\","
        + content(daysAgo, hour, place, people).substring(1).replaceFirst("}$", "") + ",\"submit\":" + submit + "}";
    var logged = api.post(SERVICES, worker, body);
    assertEquals(201, logged.status(), logged.body());
    return logged.json().getString("id");
  }

  private static String content(int daysAgo, int hour, String place, List<String> people) {
    LocalDate day = today().minusDays(daysAgo);
    return "{\"startedAt\":\"" + day.atTime(hour, 0).atZone(CHINA).toOffsetDateTime() + "\",\"endedAt\":\""
        + day.atTime(hour, 50).atZone(CHINA).toOffsetDateTime() + "\",\"placeCode\":\"" + place + "\","
        + "\"participants\":[\"" + String.join("\",\"", people) + "\"],"
        + "\"homeVisit\":{\"present\":\"GUARDIAN\",\"riskAfter\":\"LOW\",\"followUp\":\"联系学校了解出勤\","
        + "\"findings\":[{\"area\":\"LIVING_CONDITIONS\",\"rating\":3,\"note\":\"与祖母同住\"},"
        + "{\"area\":\"SAFETY\",\"rating\":4},{\"area\":\"SCHOOLING\",\"rating\":4},"
        + "{\"area\":\"HEALTH\",\"rating\":5},{\"area\":\"GUARDIANSHIP\",\"rating\":3}]}}";
  }

  private String child(String name, String category) {
    String difficulty = category.equals("CHILD_IN_DIFFICULTY") ? ",\"difficultyType\":\"DE_FACTO_UNSUPPORTED\"" : "";
    String body = "{\"name\":\"" + name + "\",\"villageCode\":\"" + VILLAGE + "\",\"categories\":[\"" + category + "\"]"
        + difficulty + ",\"citizenId\":\"" + Api.citizenId(LocalDate.of(2012, 1, 1).plusDays(ThreadLocalRandom.current().nextInt(2500)))
        + "\",\"consent\":{\"givenOn\":\"2024-09-01\",\"givenBy\":\"李秀英\",\"relationship\":\"GRANDPARENT\","
        + "\"method\":\"WRITTEN\"}}";
    var registered = api.post("api/v1/beneficiaries", worker, body);
    assertEquals(201, registered.status(), registered.body());
    return registered.json().getString("id");
  }
}
