package org.shouhu.contracts.boundary;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jwt.SignedJWT;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
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
 * Evaluations and exports end to end, everything set up through the API: a project with two deliverables, home
 * visits in every review state, an incident and surveys from both parties; the sheet's prefilled figures checked
 * against numbers counted by hand, an override with its reason (audited), signing that freezes the sheet and
 * releases the milestone, isolation from another bureau and another organization, and the files opened with POI
 * and PDFBox.
 *
 * <p>Every setting: HOME_VISIT target 4, GROUP_SESSION target 10. Visits: 2 days ago approved (clean); 3 days ago
 * returned, resubmitted, approved (flawed: returned); 20 days ago approved (flawed: LATE_ENTRY); 4 days ago
 * submitted (clean, not approved); 5 days ago draft (not counted); 6 days ago approved then voided (not counted).
 * So approved HOME_VISIT 3, GROUP_SESSION 0; records handed to review 4, of which 2 flawed; one incident, open
 * without a step. Surveys: guardian 4/5 (80), school 90/100, a beneficiary's 5/5 voided → satisfaction 85.00.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class EvaluationIT {

  private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
  private static final String SERVICES = "api/v1/services";
  /** Each setting's visits take their own hour of the day: a worker may not be double-booked. */
  private static final AtomicInteger SLOT = new AtomicInteger();

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.application();
  }

  @ArquillianResource URL base;
  Api api;
  String officer;
  String worker;
  String supervisor;
  String orgAdmin;
  String orgId;

  record Setting(String project, String homeVisits, String groupSessions, String child, String incident, String title,
      String contract) {}

  @BeforeEach
  void parties() throws Exception {
    api = new Api(base);
    officer = api.login("tianmen-mzj", "officer", Api.DEMO_PASSWORD);
    worker = api.ownWorker("chunhui-sw", "evaluation");
    supervisor = api.login("chunhui-sw", "supervisor", Api.DEMO_PASSWORD);
    orgAdmin = api.login("chunhui-sw", "admin", Api.DEMO_PASSWORD);
    orgId = SignedJWT.parse(worker).getJWTClaimsSet().getStringClaim("tenant_id");
  }

  @Test
  void midTermIsPrefilledOverriddenSignedFrozenAndReleasesItsMilestone() throws Exception {
    Setting s = setting();
    String weights = "api/v1/projects/" + s.project() + "/evaluations/weights";
    assertEquals("40", api.get(weights, worker).json().get("completion").toString(), "the defaults, read by the organization");
    var badSum = api.request("PUT", weights).bearer(officer).json("{\"completion\":50,\"quality\":20,\"satisfaction\":20,\"compliance\":20}").send();
    assertEquals(400, badSum.status(), badSum.body());
    assertEquals("EVAL_WEIGHTS_SUM", badSum.fieldCode("weights"));
    assertEquals(403, api.request("PUT", weights).bearer(orgAdmin).json(weightsBody()).send().status());
    assertEquals(200, api.request("PUT", weights).bearer(officer).json(weightsBody()).send().status());

    var opened = api.post("api/v1/projects/" + s.project() + "/evaluations", officer, "{\"stage\":\"MID_TERM\"}");
    assertEquals(201, opened.status(), opened.body());
    String id = opened.json().getString("id");
    String sheet = "api/v1/evaluations/" + id;
    assertEquals(interimMilestone(s), opened.json().getString("milestoneId"), "the interim milestone waits for it");
    assertEquals("DRAFT", opened.json().getString("status"));
    // Completion: HOME_VISIT 3 approved against 4 × (about half the period elapsed) ≈ 2 expected → capped at 1;
    // GROUP_SESSION 0 of its share → 0. Mean 0.5.
    assertEquals("50.00", line(opened.json(), "COMPLETION").getString("prefilled"), opened.body());
    assertEquals(50, line(opened.json(), "COMPLETION").getInt("weight"));
    // Compliance: records clean 2 of 4 (0.5); incidents handled 0 of 1 (0) → 25.
    assertEquals("25.00", line(opened.json(), "COMPLIANCE").getString("prefilled"), opened.body());
    assertEquals("规范记录 2/4；强制报告已处置 0/1", line(opened.json(), "COMPLIANCE").getString("prefillBasis"));
    // Satisfaction: (80 + 90) / 2; the voided survey does not count.
    assertEquals("85.00", line(opened.json(), "SATISFACTION").getString("prefilled"), opened.body());
    JsonObject quality = line(opened.json(), "QUALITY");
    assertTrue(!quality.containsKey("prefilled") || quality.isNull("prefilled"), "quality is the officer's judgement");

    // Until a sheet is signed the officer still weighs the indicators; the draft takes the new weights.
    var reweighed = api.request("PUT", weights).bearer(officer)
        .json("{\"completion\":40,\"quality\":30,\"satisfaction\":20,\"compliance\":10}").send();
    assertEquals(200, reweighed.status(), reweighed.body());
    assertEquals(40, line(api.get(sheet, officer).json(), "COMPLETION").getInt("weight"));
    assertEquals("EVAL_WEIGHTS_SUM", api.request("PUT", weights).bearer(officer)
        .json("{\"completion\":40,\"quality\":40,\"satisfaction\":20,\"compliance\":10}").send().fieldCode("weights"));
    assertEquals(200, api.request("PUT", weights).bearer(officer).json(weightsBody()).send().status());
    assertEquals(50, line(api.get(sheet, officer).json(), "COMPLETION").getInt("weight"));
    assertEquals("EVAL_ALREADY_OPEN",
        api.post("api/v1/projects/" + s.project() + "/evaluations", officer, "{\"stage\":\"MID_TERM\"}").code());

    assertEquals(404, api.get(sheet, orgAdmin).status(), "a draft is the bureau's deliberation");
    assertEquals("[]", api.get("api/v1/projects/" + s.project() + "/evaluations", orgAdmin).body(), "nor listed");
    assertEquals(0, api.get("api/v1/evaluations?project=" + s.project(), orgAdmin).json().getInt("total"));
    var worklist = api.get("api/v1/evaluations?status=DRAFT&project=" + s.project(), officer).json();
    assertEquals(1, worklist.getInt("total"), worklist.toString());
    assertEquals(id, worklist.getJsonArray("items").getJsonObject(0).getString("id"));
    assertEquals("EVAL_STATUS_UNKNOWN", api.get("api/v1/evaluations?status=OPEN", officer).fieldCode("status"));
    Api.Bureau stranger = api.onboardBureau(api.platformToken(), "429006");
    assertEquals(404, api.get(sheet, stranger.officerToken()).status());
    assertEquals(404, api.post(sheet + "/indicators/QUALITY", stranger.officerToken(), "{\"score\":1}").status());
    assertEquals(404, api.post(sheet + "/sign", stranger.officerToken(), "{}").status());
    String otherOrg = api.login("shouwang-sw", "admin", Api.DEMO_PASSWORD);
    assertEquals(404, api.get(sheet, otherOrg).status());
    assertEquals(403, api.post(sheet + "/indicators/QUALITY", orgAdmin, "{\"score\":100}").status());

    assertEquals(200, api.post(sheet + "/indicators/COMPLETION", officer, "{\"comment\":\"进度符合合同要求\"}").status());
    assertEquals(200, api.post(sheet + "/indicators/QUALITY", officer, "{\"score\":85,\"comment\":\"记录规范\"}").status());
    var noReason = api.post(sheet + "/indicators/COMPLIANCE", officer, "{\"score\":40}");
    assertEquals(400, noReason.status(), noReason.body());
    assertEquals("EVAL_OVERRIDE_REASON_REQUIRED", noReason.fieldCode("reason"));
    assertEquals("EVAL_INCOMPLETE", api.post(sheet + "/sign", officer, "{}").code());
    var overridden = api.post(sheet + "/indicators/COMPLIANCE", officer,
        "{\"score\":40,\"comment\":\"补录较多\",\"reason\":\"强制报告已现场处置，系统未录入步骤\"}");
    assertEquals(200, overridden.status(), overridden.body());
    assertTrue(line(overridden.json(), "COMPLIANCE").getBoolean("overridden"));
    assertEquals("EVAL_NOTHING_PREFILLED", api.post(sheet + "/indicators/QUALITY", officer, "{}").code());
    assertEquals(200, api.post(sheet + "/indicators/SATISFACTION", officer, "{}").status());

    var signed = api.post(sheet + "/sign", officer, "{\"conclusion\":\"中期评估合格，拨付中期款\"}");
    assertEquals(200, signed.status(), signed.body());
    // 50×50 + 20×85 + 20×85 + 10×40 = 6300 → 63.00, 合格
    assertEquals("63.00", signed.json().getString("total"));
    assertEquals("EVAL_WEIGHTS_FIXED", api.request("PUT", weights).bearer(officer).json(weightsBody()).send().code(),
        "a signed sheet fixes the weights");
    assertEquals("PASS", signed.json().getString("grade"));
    assertEquals("合格", signed.json().getString("gradeLabel"));
    assertTrue(signed.json().getBoolean("passed"));
    assertEquals("RELEASED", milestoneStatus(s, "INTERIM"));
    assertEquals("PENDING", milestoneStatus(s, "FINAL"));
    assertEquals("PENDING", milestoneStatus(s, "FIRST"));

    // Released, so the bureau records the payment; the progress report's paid amount follows.
    String pay = "api/v1/projects/" + s.project() + "/milestones/" + interimMilestone(s) + "/pay";
    assertEquals("MILESTONE_PAID_IN_FUTURE", api.post(pay, officer,
        "{\"paidOn\":\"" + LocalDate.now(CHINA).plusDays(1) + "\"}").fieldCode("paidOn"));
    assertEquals("REQUIRED", api.post(pay, officer, "{}").fieldCode("paidOn"));
    assertEquals(403, api.post(pay, orgAdmin, "{\"paidOn\":\"" + LocalDate.now(CHINA) + "\"}").status(),
        "the organization does not record the bureau's payments");
    assertEquals("MILESTONE_NOT_RELEASED", api.post("api/v1/projects/" + s.project() + "/milestones/"
        + milestone(s, "FINAL").getString("id") + "/pay", officer, "{\"paidOn\":\"" + LocalDate.now(CHINA) + "\"}").code());
    var paid = api.post(pay, officer, "{\"paidOn\":\"" + LocalDate.now(CHINA) + "\",\"reference\":\"记-2026-118\"}");
    assertEquals(200, paid.status(), paid.body());
    assertEquals("PAID", milestoneStatus(s, "INTERIM"));
    assertEquals("记-2026-118", milestone(s, "INTERIM").getString("paymentReference"));
    assertEquals("MILESTONE_ALREADY_PAID", api.post(pay, officer, "{\"paidOn\":\"" + LocalDate.now(CHINA) + "\"}").code());
    var payFirst = api.post("api/v1/projects/" + s.project() + "/milestones/" + milestone(s, "FIRST").getString("id")
        + "/pay", officer, "{\"paidOn\":\"" + LocalDate.now(CHINA).minusMonths(5) + "\"}");
    assertEquals(200, payFirst.status(), "a milestone due by date needs no evaluation: " + payFirst.body());
    JsonObject budget = api.get("api/v1/reports/projects/" + s.project() + "/progress", officer).json().getJsonObject("budget");
    // 30% + 30% of 200000.
    assertEquals("120000.00", budget.getString("paidAmount"));
    assertEquals(2, budget.getInt("milestonesPaid"));
    assertEquals(404, api.post("api/v1/projects/" + s.project() + "/milestones/" + java.util.UUID.randomUUID() + "/pay",
        officer, "{\"paidOn\":\"" + LocalDate.now(CHINA) + "\"}").status());

    var frozen = api.post(sheet + "/indicators/QUALITY", officer, "{\"score\":100,\"reason\":\"x\"}");
    assertEquals(409, frozen.status());
    assertEquals("EVAL_SIGNED", frozen.code());
    assertEquals("EVAL_SIGNED", api.post(sheet + "/refresh", officer, "").code());
    assertEquals("EVAL_ALREADY_SIGNED", api.post(sheet + "/sign", officer, "{}").code());
    assertEquals("85.00", line(api.get(sheet, officer).json(), "QUALITY").getString("score"), "unchanged");

    var seenByOrg = api.get(sheet, orgAdmin);
    assertEquals(200, seenByOrg.status(), "signed: the organization reads it");
    assertEquals("63.00", seenByOrg.json().getString("total"));
    var listed = Json.createReader(new StringReader(api.get("api/v1/projects/" + s.project() + "/evaluations", worker).body())).readArray();
    assertEquals(1, listed.size(), "one sheet, listed for the organization");
    assertEquals(id, listed.getJsonObject(0).getString("id"));
    assertEquals(1, api.get("api/v1/evaluations?status=SIGNED&project=" + s.project(), worker).json().getInt("total"));
    assertEquals(404, api.get(sheet, stranger.officerToken()).status());
    assertEquals(404, api.get(sheet, otherOrg).status());
    assertEquals(404, api.get("api/v1/projects/" + s.project() + "/evaluations", otherOrg).status());

    List<String> audit = auditOf(id, officerTenant());
    assertTrue(audit.contains("EVALUATION_SCORE_OVERRIDDEN COMPLIANCE 25.00 -> 40: 强制报告已现场处置，系统未录入步骤"), audit.toString());
    assertTrue(audit.stream().anyMatch(a -> a.startsWith("EVALUATION_SIGNED 63.00 PASS")), audit.toString());
  }

  @Test
  void finalSheetCountsRecordsByHandAndAFailedOneReleasesNothing() {
    Setting s = setting();
    String step = "{\"takenOn\":\"" + LocalDate.now(CHINA) + "\",\"action\":\"陪同民警入户核实\",\"doneBy\":\"社工张芳\"}";
    assertEquals(201, api.post("api/v1/incidents/" + s.incident() + "/steps", worker, step).status());

    var opened = api.post("api/v1/projects/" + s.project() + "/evaluations", officer,
        "{\"stage\":\"FINAL\",\"milestoneId\":\"" + interimMilestone(s) + "\"}");
    assertEquals(400, opened.status(), opened.body());
    assertEquals("EVAL_MILESTONE_MISMATCH", opened.fieldCode("milestoneId"));
    opened = api.post("api/v1/projects/" + s.project() + "/evaluations", officer, "{\"stage\":\"FINAL\"}");
    assertEquals(201, opened.status(), opened.body());
    // (3/4 + 0/10) / 2 = 0.375
    assertEquals("37.50", line(opened.json(), "COMPLETION").getString("prefilled"), opened.body());
    assertEquals("入户探视 3/4；小组活动 0/10", line(opened.json(), "COMPLETION").getString("prefillBasis"));
    // records 2/4 = 0.5, incidents now handled 1/1 → 75
    assertEquals("75.00", line(opened.json(), "COMPLIANCE").getString("prefilled"));
    assertEquals(40, line(opened.json(), "COMPLETION").getInt("weight"), "default weights");
    String sheet = "api/v1/evaluations/" + opened.json().getString("id");

    // A further approved visit shows after a refresh: 4/4 → (1 + 0) / 2.
    approve(visit(s, 1, true));
    assertEquals("50.00", line(api.post(sheet + "/refresh", officer, "").json(), "COMPLETION").getString("prefilled"));

    for (String code : List.of("COMPLETION", "QUALITY", "SATISFACTION", "COMPLIANCE")) {
      var r = api.post(sheet + "/indicators/" + code, officer, "{\"score\":50,\"reason\":\"未达合同要求\"}");
      assertEquals(200, r.status(), r.body());
    }
    var signed = api.post(sheet + "/sign", officer, "{}");
    assertEquals("FAIL", signed.json().getString("grade"), signed.body());
    assertEquals("不合格", signed.json().getString("gradeLabel"));
    assertFalse(signed.json().getBoolean("passed"));
    assertEquals("PENDING", milestoneStatus(s, "FINAL"), "a failed sheet releases nothing");
    assertEquals(201, api.post("api/v1/projects/" + s.project() + "/evaluations", officer, "{\"stage\":\"FINAL\"}").status(),
        "after rectification a new sheet may follow");
  }

  @Test
  void surveysAreRecordedByBothPartiesAndCheckedButNeverNameTheRespondent() {
    Setting s = setting();
    String surveys = "api/v1/projects/" + s.project() + "/surveys";
    var list = api.get(surveys, officer).json();
    assertEquals(3, list.getInt("total"), list.toString());
    assertTrue(list.toString().contains("\"recordedBy\":\"BUREAU\"") && list.toString().contains("\"recordedBy\":\"ORGANIZATION\""));
    assertEquals("SURVEY_SCORE_RANGE", api.post(surveys, supervisor, survey("GUARDIAN", "FIVE_POINT", "6", LocalDate.now(CHINA))).fieldCode("score"));
    assertEquals("SURVEY_IN_FUTURE", api.post(surveys, supervisor, survey("GUARDIAN", "PERCENT", "60", LocalDate.now(CHINA).plusDays(2))).fieldCode("surveyedOn"));
    assertEquals("SURVEY_RESPONDENT_UNKNOWN", api.post(surveys, supervisor, survey("NEIGHBOUR", "PERCENT", "60", LocalDate.now(CHINA))).fieldCode("respondent"));
    assertEquals(403, api.post(surveys, worker, survey("GUARDIAN", "PERCENT", "60", LocalDate.now(CHINA))).status());
    String otherOrg = api.login("shouwang-sw", "admin", Api.DEMO_PASSWORD);
    assertEquals(404, api.get(surveys, otherOrg).status());
    assertEquals(404, api.post(surveys, otherOrg, survey("GUARDIAN", "PERCENT", "60", LocalDate.now(CHINA))).status());
    String bureauSurvey = list.getJsonArray("items").stream().map(v -> v.asJsonObject())
        .filter(o -> o.getString("recordedBy").equals("BUREAU")).findFirst().orElseThrow().getString("id");
    assertEquals(404, api.post(surveys + "/" + bureauSurvey + "/void", supervisor, "{\"reason\":\"录错\"}").status(),
        "only the party that recorded a survey voids it");
  }

  @Test
  void exportsOpenWithPoiAndPdfboxAndCarryTheFigures() throws Exception {
    Setting s = setting();
    var opened = api.post("api/v1/projects/" + s.project() + "/evaluations", officer, "{\"stage\":\"MID_TERM\"}");
    String id = opened.json().getString("id");
    String sheet = "api/v1/evaluations/" + id;
    api.post(sheet + "/indicators/COMPLETION", officer, "{}");
    api.post(sheet + "/indicators/QUALITY", officer, "{\"score\":90,\"comment\":\"个案跟进及时\"}");
    api.post(sheet + "/indicators/SATISFACTION", officer, "{}");
    api.post(sheet + "/indicators/COMPLIANCE", officer, "{}");
    // 40×50 + 30×90 + 20×85 + 10×25 = 2000 + 2700 + 1700 + 250 = 6650 → 66.50
    assertEquals("66.50", api.post(sheet + "/sign", officer, "{}").json().getString("total"));

    HttpResponse<byte[]> pdf = download("api/v1/exports/evaluations/" + id + "?format=pdf", officer, null);
    assertEquals(200, pdf.statusCode(), new String(pdf.body(), StandardCharsets.UTF_8));
    assertEquals("application/pdf", pdf.headers().firstValue("Content-Type").orElse(""));
    String disposition = pdf.headers().firstValue("Content-Disposition").orElse("");
    assertTrue(disposition.startsWith("attachment;") && disposition.contains("filename*=UTF-8''%E7%BB%A9%E6%95%88%E8%AF%84%E4%BC%B0%E8%A1%A8-"),
        disposition);
    if (System.getProperty("shouhu.it.dump-dir") != null) {
      // For a look at the layout: mvn verify -Dit.test=EvaluationIT -Dshouhu.it.dump-dir=/tmp, then pdftoppm.
      java.nio.file.Files.write(java.nio.file.Path.of(System.getProperty("shouhu.it.dump-dir"), "evaluation.pdf"), pdf.body());
    }
    try (PDDocument doc = Loader.loadPDF(pdf.body())) {
      String text = new PDFTextStripper().getText(doc);
      assertTrue(text.contains("绩效评估表（中期评估）"), text);
      assertTrue(text.contains(s.title()), text);
      assertTrue(text.contains("66.50") && text.contains("合格"), text);
      assertTrue(text.contains("个案跟进及时"), text);
      assertTrue(text.contains("入户探视") && text.contains("小组活动"), "the progress chart's labels: " + text);
      PDResources resources = doc.getPage(0).getResources();
      var font = resources.getFont(resources.getFontNames().iterator().next());
      assertTrue(font.isEmbedded() && font.getName().contains("NotoSansSC"), font.getName());
    }

    HttpResponse<byte[]> xlsx = download("api/v1/exports/evaluations/" + id,
        officer, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    assertEquals(200, xlsx.statusCode());
    assertTrue(xlsx.headers().firstValue("Content-Disposition").orElse("").contains(".xlsx"));
    try (var book = new XSSFWorkbook(new ByteArrayInputStream(xlsx.body()))) {
      Sheet lines = book.getSheet("评估表");
      assertEquals("评估指标", lines.getRow(0).getCell(0).getStringCellValue());
      assertEquals("服务质量", lines.getRow(2).getCell(0).getStringCellValue());
      assertEquals(90.0, lines.getRow(2).getCell(3).getNumericCellValue());
      assertEquals(66.5, lines.getRow(5).getCell(4).getNumericCellValue(), "the total line");
      Sheet progress = book.getSheet("交付进度");
      Row home = progress.getRow(1);
      assertEquals("入户探视", home.getCell(1).getStringCellValue());
      assertEquals(4.0, home.getCell(3).getNumericCellValue());
      assertEquals(3.0, home.getCell(4).getNumericCellValue());
      assertEquals(75.0, home.getCell(5).getNumericCellValue());
    }

    HttpResponse<byte[]> csv = download("api/v1/exports/projects/" + s.project() + "/deliverables", worker, "text/csv");
    assertEquals(200, csv.statusCode(), new String(csv.body(), StandardCharsets.UTF_8));
    assertTrue(csv.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
    assertArrayEquals(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, Arrays.copyOf(csv.body(), 3));
    String text = new String(csv.body(), 3, csv.body().length - 3, StandardCharsets.UTF_8);
    assertTrue(text.startsWith("序号,服务内容,计量单位,目标数,已审核通过,完成率(%),说明\r\n"), text);
    assertTrue(text.contains("1,入户探视,人次,4,3,75.00,"), text);
    assertTrue(text.contains("2,小组活动,节,10,0,0.00,"), text);

    HttpResponse<byte[]> bureauPdf = download("api/v1/exports/projects/" + s.project() + "/deliverables?format=pdf", officer, null);
    assertEquals(200, bureauPdf.statusCode(), "the bureau sees the approved counts, not the records");
    try (PDDocument doc = Loader.loadPDF(bureauPdf.body())) {
      String t = new PDFTextStripper().getText(doc);
      assertTrue(t.contains("项目交付进度") && t.contains("75.00%"), t);
    }
    HttpResponse<byte[]> bureauXlsx = download("api/v1/exports/projects/" + s.project() + "/deliverables", officer, null);
    try (var book = new XSSFWorkbook(new ByteArrayInputStream(bureauXlsx.body()))) {
      assertEquals(3.0, book.getSheet("交付进度").getRow(1).getCell(4).getNumericCellValue(), "xlsx is the default");
    }

    assertEquals(400, download("api/v1/exports/evaluations/" + id + "?format=csv", officer, null).statusCode());
    assertEquals(400, download("api/v1/exports/evaluations/" + id + "?format=docx", officer, null).statusCode());
    assertEquals(406, download("api/v1/exports/evaluations/" + id, officer, "application/json").statusCode());
    String otherOrg = api.login("shouwang-sw", "admin", Api.DEMO_PASSWORD);
    assertEquals(404, download("api/v1/exports/evaluations/" + id, otherOrg, null).statusCode());
    assertEquals(404, download("api/v1/exports/projects/" + s.project() + "/deliverables", otherOrg, null).statusCode());
    Api.Bureau stranger = api.onboardBureau(api.platformToken(), "429006");
    assertEquals(404, download("api/v1/exports/evaluations/" + id, stranger.officerToken(), null).statusCode());
    assertEquals(200, download("api/v1/exports/evaluations/" + id, orgAdmin, null).statusCode(), "signed: the organization exports it");
  }

  /**
   * The one door through which the bureau gets service-record figures: as the application role, a party gets counts
   * and keeps its own tenant binding afterwards; a stranger gets no row at all.
   */
  @Test
  void recordCountsAnswerPartiesOnlyAndLeaveTheCallersBindingInPlace() throws Exception {
    Setting s = setting();
    String bureau = officerTenant();
    String otherOrg = SignedJWT.parse(api.login("shouwang-sw", "admin", Api.DEMO_PASSWORD)).getJWTClaimsSet()
        .getStringClaim("tenant_id");
    try (Connection c = appConnection()) {
      bind(c, bureau);
      List<String> rows = strings(c, "select approved || '/' || considered || '/' || flawed from shouhu_record_counts('"
          + s.project() + "'::uuid)");
      assertEquals(List.of("3/4/2", "0/0/0"), rows, "HOME_VISIT then GROUP_SESSION, counts only");
      assertEquals(List.of(bureau), strings(c, "select current_setting('app.tenant_id')"), "binding restored");
      assertEquals(List.of("0"), strings(c, "select count(*) from service_record"), "the bureau still reads no record");
      c.rollback();

      bind(c, otherOrg);
      assertEquals(List.of(), strings(c, "select approved::text from shouhu_record_counts('" + s.project() + "'::uuid)"));
      assertEquals(List.of(otherOrg), strings(c, "select current_setting('app.tenant_id')"));
      c.rollback();
      assertEquals(List.of(), strings(c, "select approved::text from shouhu_record_counts('" + s.project() + "'::uuid)"),
          "no binding, nothing");
      c.rollback();
    }
  }

  // --- setting -----------------------------------------------------------------------------------------------

  private Setting setting() {
    LocalDate today = LocalDate.now(CHINA);
    String contract = "EV-" + ThreadLocalRandom.current().nextInt(1_000_000);
    String title = "多宝镇困境儿童关爱评估" + contract.substring(3);
    var created = api.post("api/v1/projects", officer, "{\"contractNumber\":\"" + contract
        + "\",\"title\":\"" + title + "\",\"organizationId\":\"" + orgId + "\",\"budget\":200000,"
        + "\"periodStart\":\"" + today.minusMonths(6) + "\",\"periodEnd\":\"" + today.plusMonths(6) + "\","
        + "\"coveredTowns\":[\"429006104\"],\"targetGroups\":[\"LEFT_BEHIND_CHILD\"],"
        + "\"deliverables\":[{\"kind\":\"HOME_VISIT\",\"unit\":\"VISIT\",\"target\":4},"
        + "{\"kind\":\"GROUP_SESSION\",\"unit\":\"SESSION\",\"target\":10}],"
        + "\"milestones\":[{\"kind\":\"FIRST\",\"sharePercent\":30,\"dueDate\":\"" + today.minusMonths(5) + "\",\"requiresEvaluation\":false},"
        + "{\"kind\":\"INTERIM\",\"sharePercent\":30,\"dueDate\":\"" + today.plusDays(10) + "\"},"
        + "{\"kind\":\"FINAL\",\"sharePercent\":40,\"dueDate\":\"" + today.plusMonths(7) + "\"}],"
        + "\"lockDays\":90}");
    assertEquals(201, created.status(), created.body());
    String project = created.json().getString("id");
    String homeVisits = null;
    String groups = null;
    for (var d : created.json().getJsonArray("deliverables")) {
      JsonObject o = d.asJsonObject();
      if (o.getString("kind").equals("HOME_VISIT")) {
        homeVisits = o.getString("id");
      } else {
        groups = o.getString("id");
      }
    }
    assertEquals(200, api.post("api/v1/projects/" + project + "/activate", officer, "").status());
    String child = child();
    var enrolled = api.post("api/v1/projects/" + project + "/enrolments", worker, "{\"beneficiaryId\":\"" + child + "\"}");
    assertEquals(201, enrolled.status(), enrolled.body());
    Setting s = new Setting(project, homeVisits, groups, child, null, title, contract);
    int slot = SLOT.getAndIncrement();

    approve(visit(s, slot, 2, true));
    String returned = visit(s, slot, 3, true);
    var back = api.post(SERVICES + "/review", supervisor, "{\"ids\":[\"" + returned + "\"],\"action\":\"RETURN\",\"comment\":\"请补充说明\"}");
    assertEquals("RETURNED", back.json().getJsonArray("items").getJsonObject(0).getString("result"), back.body());
    assertEquals(200, api.post(SERVICES + "/" + returned + "/submit", worker, "").status());
    approve(returned);
    approve(visit(s, slot, 20, true));
    visit(s, slot, 4, true);
    visit(s, slot, 5, false);
    String voided = visit(s, slot, 6, true);
    approve(voided);
    assertEquals(200, api.post(SERVICES + "/" + voided + "/void", supervisor, "{\"reason\":\"重复录入\"}").status());

    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.ofHours(8)).truncatedTo(ChronoUnit.SECONDS);
    var incident = api.post("api/v1/incidents", worker, "{\"projectId\":\"" + project + "\",\"beneficiaryId\":\"" + child
        + "\",\"concern\":\"NEGLECT\",\"found\":\"家中无人照料\",\"foundAt\":\"" + now.minusMinutes(2)
        + "\",\"reportedTo\":[\"CIVIL_AFFAIRS_BUREAU\"],\"reportedAt\":\"" + now.minusMinutes(1) + "\"}");
    assertEquals(201, incident.status(), incident.body());

    String surveys = "api/v1/projects/" + project + "/surveys";
    assertEquals(201, api.post(surveys, supervisor, survey("GUARDIAN", "FIVE_POINT", "4", today.minusDays(3))).status());
    var school = api.post(surveys, officer, survey("SCHOOL", "PERCENT", "90", today.minusDays(2)));
    assertEquals(201, school.status(), school.body());
    assertEquals("BUREAU", school.json().getString("recordedBy"));
    var wrong = api.post(surveys, orgAdmin, survey("BENEFICIARY", "FIVE_POINT", "5", today.minusDays(1)));
    assertEquals(201, wrong.status(), wrong.body());
    var voidedSurvey = api.post(surveys + "/" + wrong.json().getString("id") + "/void", orgAdmin, "{\"reason\":\"录入了错误的项目\"}");
    assertEquals(200, voidedSurvey.status(), voidedSurvey.body());
    assertTrue(voidedSurvey.json().getBoolean("voided"));
    return new Setting(project, homeVisits, groups, child, incident.json().getString("id"), title, contract);
  }

  private String visit(Setting s, int slot, int daysAgo, boolean submit) {
    int hour = 7 + slot;
    LocalDate day = LocalDate.now(CHINA).minusDays(daysAgo);
    String start = day.atTime(hour, 0).atZone(CHINA).toOffsetDateTime().toString();
    String end = day.atTime(hour, 45).atZone(CHINA).toOffsetDateTime().toString();
    var r = api.post(SERVICES, worker, "{\"projectId\":\"" + s.project() + "\",\"deliverableId\":\"" + s.homeVisits() + "\","
        + "\"startedAt\":\"" + start + "\",\"endedAt\":\"" + end + "\",\"placeCode\":\"429006104201\","
        + "\"participants\":[\"" + s.child() + "\"],"
        + "\"homeVisit\":{\"present\":\"GUARDIAN\",\"riskAfter\":\"LOW\",\"findings\":["
        + "{\"area\":\"LIVING_CONDITIONS\",\"rating\":3},{\"area\":\"SAFETY\",\"rating\":4},{\"area\":\"SCHOOLING\",\"rating\":4},"
        + "{\"area\":\"HEALTH\",\"rating\":5},{\"area\":\"GUARDIANSHIP\",\"rating\":3}]},\"submit\":" + submit + "}");
    assertEquals(201, r.status(), r.body());
    return r.json().getString("id");
  }

  /** One more visit in the evening of the given day (the settings' visits are in the morning). */
  private String visit(Setting s, int daysAgo, boolean submit) {
    return visit(s, 12, daysAgo, submit);
  }

  private void approve(String record) {
    var r = api.post(SERVICES + "/review", supervisor, "{\"ids\":[\"" + record + "\"],\"action\":\"APPROVE\"}");
    assertEquals(1, r.json().getInt("approved"), r.body());
  }

  private String child() {
    LocalDate born = LocalDate.of(2012, 1, 1).plusDays(ThreadLocalRandom.current().nextInt(2500));
    var registered = api.post("api/v1/beneficiaries", worker, "{\"name\":\"王小红\",\"villageCode\":\"429006104201\","
        + "\"categories\":[\"LEFT_BEHIND_CHILD\"],\"citizenId\":\"" + Api.citizenId(born) + "\","
        + "\"consent\":{\"givenOn\":\"2024-09-01\",\"givenBy\":\"王秀英\",\"relationship\":\"GRANDPARENT\",\"method\":\"WRITTEN\"}}");
    assertEquals(201, registered.status(), registered.body());
    return registered.json().getString("id");
  }

  private static String survey(String respondent, String scale, String score, LocalDate on) {
    return "{\"respondent\":\"" + respondent + "\",\"scale\":\"" + scale + "\",\"score\":" + score
        + ",\"surveyedOn\":\"" + on + "\",\"comment\":\"服务及时\"}";
  }

  private static String weightsBody() {
    return "{\"completion\":50,\"quality\":20,\"satisfaction\":20,\"compliance\":10}";
  }

  private static JsonObject line(JsonObject sheet, String code) {
    return sheet.getJsonArray("indicators").stream().map(v -> v.asJsonObject())
        .filter(o -> o.getString("code").equals(code)).findFirst().orElseThrow();
  }

  private String interimMilestone(Setting s) {
    return milestone(s, "INTERIM").getString("id");
  }

  private String milestoneStatus(Setting s, String kind) {
    return milestone(s, kind).getString("status");
  }

  private JsonObject milestone(Setting s, String kind) {
    return api.get("api/v1/projects/" + s.project(), officer).json().getJsonArray("milestones").stream()
        .map(v -> v.asJsonObject()).filter(o -> o.getString("kind").equals(kind)).findFirst().orElseThrow();
  }

  private HttpResponse<byte[]> download(String path, String token, String accept) throws Exception {
    String root = base.toString().endsWith("/") ? base.toString() : base + "/";
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(root + path)).timeout(Duration.ofSeconds(60))
        .header("Authorization", "Bearer " + token);
    if (accept != null) {
      b.header("Accept", accept);
    }
    return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(b.GET().build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private String officerTenant() throws Exception {
    return SignedJWT.parse(officer).getJWTClaimsSet().getStringClaim("tenant_id");
  }

  private static Connection appConnection() throws Exception {
    Connection c = DriverManager.getConnection(
        "jdbc:postgresql://127.0.0.1:" + System.getProperty("shouhu.it.db.port") + "/shouhu", "shouhu_app", "embedded");
    c.setAutoCommit(false);
    return c;
  }

  private static void bind(Connection c, String tenant) throws Exception {
    try (PreparedStatement bind = c.prepareStatement("select set_config('app.tenant_id', ?, true)")) {
      bind.setString(1, tenant);
      bind.executeQuery().close();
    }
  }

  private static List<String> strings(Connection c, String sql) throws Exception {
    List<String> out = new ArrayList<>();
    try (PreparedStatement q = c.prepareStatement(sql); ResultSet rs = q.executeQuery()) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  /** The audit trail of a subject, read as the application role bound to the tenant that wrote it. */
  private static List<String> auditOf(String subjectId, String tenant) throws Exception {
    List<String> out = new ArrayList<>();
    try (Connection c = appConnection()) {
      bind(c, tenant);
      try (PreparedStatement q = c.prepareStatement(
          "select action || coalesce(' ' || detail, '') from audit_event where subject_id = ?::uuid order by occurred_at")) {
        q.setString(1, subjectId);
        try (ResultSet rs = q.executeQuery()) {
          while (rs.next()) {
            out.add(rs.getString(1));
          }
        }
      }
      c.rollback();
    }
    return out;
  }
}
