package org.shouhu.contracts.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jwt.SignedJWT;
import jakarta.json.JsonObject;
import java.net.URL;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
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
 * The API behind the award screens (#13): a draft revised as a whole (PUT /projects/{id}) until it is activated, an
 * active contract amended only by a recorded amendment (POST/GET /projects/{id}/amendments), and a milestone's
 * payment notice (GET /exports/projects/{id}/milestones/{mid}/notice). Roles, 404 across tenants, problem codes and
 * the audit trail of each.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ProjectAwardIT {

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.application();
  }

  @ArquillianResource URL base;
  Api api;
  String officer;
  String awardedAdmin;
  String awardedSupervisor;
  String otherOrgAdmin;
  String awardedOrgId;
  String bureauId;

  @BeforeEach
  void parties() throws Exception {
    api = new Api(base);
    officer = api.login("tianmen-mzj", "officer", Api.DEMO_PASSWORD);
    awardedAdmin = api.login("chunhui-sw", "admin", Api.DEMO_PASSWORD);
    awardedSupervisor = api.login("chunhui-sw", "supervisor", Api.DEMO_PASSWORD);
    otherOrgAdmin = api.login("shouwang-sw", "admin", Api.DEMO_PASSWORD);
    awardedOrgId = SignedJWT.parse(awardedAdmin).getJWTClaimsSet().getStringClaim("tenant_id");
    bureauId = SignedJWT.parse(officer).getJWTClaimsSet().getStringClaim("tenant_id");
  }

  @Test
  void aDraftIsRevisedAsAWholeUntilItIsActivated() throws Exception {
    String number = number();
    String id = created(project(number, "岳口镇困境儿童关爱", 2000, 30, 70));
    var revised = put(id, officer, project(number, "岳口镇困境儿童关爱（修订）", 1500, 50, 50)
        .replace(",{\"kind\":\"GROUP_SESSION\",\"unit\":\"SESSION\",\"target\":40}", ""));
    assertEquals(200, revised.status(), revised.body());
    JsonObject p = revised.json();
    assertEquals("岳口镇困境儿童关爱（修订）", p.getString("title"));
    assertEquals(1, p.getJsonArray("deliverables").size(), "replaced, not added to");
    assertEquals(1500, p.getJsonArray("deliverables").getJsonObject(0).getInt("target"));
    assertEquals("240000.00", p.getJsonArray("milestones").getJsonObject(0).getString("amount"));
    assertEquals(1, Api.countAsApplication(bureauId, "select count(*) from deliverable where project_id = ?::uuid", id));
    assertTrue(auditOf(id).contains("PROJECT_REVISED " + number), auditOf(id).toString());

    var renumbered = put(id, officer, project(number(), "x", 10, 50, 50));
    assertEquals(400, renumbered.status());
    assertEquals("PROJECT_CONTRACT_NUMBER_FIXED", renumbered.fieldCode("contractNumber"));
    var tooMuch = put(id, officer, project(number, "x", 10, 80, 50));
    assertEquals(400, tooMuch.status());
    assertEquals("MILESTONE_SHARES_EXCEED_BUDGET", tooMuch.fieldCode("milestones[1]"));
    assertEquals(1500, api.get("api/v1/projects/" + id, officer).json().getJsonArray("deliverables").getJsonObject(0).getInt("target"),
        "a refused revision changes nothing");

    assertEquals(403, put(id, awardedAdmin, project(number, "x", 10, 50, 50)).status());
    Api.Bureau wuchang = api.onboardBureau(api.platformToken(), "420106");
    assertEquals(404, put(id, wuchang.officerToken(), project(number, "x", 10, 50, 50)).status());
    assertEquals(403, put(id, otherOrgAdmin, project(number, "x", 10, 50, 50)).status(), "not a bureau's role");

    assertEquals(200, api.post("api/v1/projects/" + id + "/activate", officer, "").status());
    var late = put(id, officer, project(number, "x", 10, 50, 50));
    assertEquals(409, late.status(), late.body());
    assertEquals("PROJECT_NOT_DRAFT", late.code());
    // Underneath: an active project's parts cannot be deleted even by the application role bound to the bureau.
    assertEquals(1, Api.countAsApplication(bureauId,
        "with gone as (delete from deliverable where project_id = ?::uuid returning 1) select 1 + count(*) from gone", id));
  }

  @Test
  void anActiveContractChangesOnlyByARecordedAmendment() throws Exception {
    String number = number();
    String id = created(project(number, "岳口镇困境儿童关爱", 2000, 30, 70));
    JsonObject p = api.get("api/v1/projects/" + id, officer).json();
    String visits = p.getJsonArray("deliverables").getJsonObject(0).getString("id");
    String target = "{\"kind\":\"TARGET\",\"deliverableId\":\"" + visits + "\",\"target\":2400,"
        + "\"reason\":\"追加困境儿童名单\",\"effectiveOn\":\"2026-06-01\"}";
    var onDraft = api.post("api/v1/projects/" + id + "/amendments", officer, target);
    assertEquals(409, onDraft.status(), onDraft.body());
    assertEquals("PROJECT_NOT_ACTIVE", onDraft.code());
    assertEquals(200, api.post("api/v1/projects/" + id + "/activate", officer, "").status());

    var noReason = api.post("api/v1/projects/" + id + "/amendments", officer, target.replace("追加困境儿童名单", ""));
    assertEquals(400, noReason.status());
    assertEquals("REQUIRED", noReason.fieldCode("reason"));
    var outside = api.post("api/v1/projects/" + id + "/amendments", officer, target.replace("2026-06-01", "2027-06-01"));
    assertEquals(400, outside.status());
    assertEquals("AMENDMENT_EFFECTIVE_OUTSIDE_PERIOD", outside.fieldCode("target"));
    var same = api.post("api/v1/projects/" + id + "/amendments", officer, target.replace("2400", "2000"));
    assertEquals("AMENDMENT_CHANGES_NOTHING", same.fieldCode("target"));
    var unknownKind = api.post("api/v1/projects/" + id + "/amendments", officer, target.replace("TARGET", "BUDGET"));
    assertEquals("AMENDMENT_KIND_UNKNOWN", unknownKind.fieldCode("kind"));
    var outOfCounty = api.post("api/v1/projects/" + id + "/amendments", officer,
        "{\"kind\":\"TOWNS\",\"coveredTowns\":[\"420106001\"],\"reason\":\"x\",\"effectiveOn\":\"2026-06-01\"}");
    assertEquals("REGION_OUTSIDE_JURISDICTION", outOfCounty.fieldCode("coveredTowns[0]"));
    assertEquals(403, api.post("api/v1/projects/" + id + "/amendments", awardedAdmin, target).status());
    Api.Bureau wuchang = api.onboardBureau(api.platformToken(), "420106");
    assertEquals(404, api.post("api/v1/projects/" + id + "/amendments", wuchang.officerToken(), target).status());

    var amended = api.post("api/v1/projects/" + id + "/amendments", officer, target);
    assertEquals(201, amended.status(), amended.body());
    assertEquals("2000", amended.json().getString("before"));
    assertEquals("2400", amended.json().getString("after"));
    var extended = api.post("api/v1/projects/" + id + "/amendments", officer,
        "{\"kind\":\"PERIOD\",\"periodStart\":\"2026-01-01\",\"periodEnd\":\"2027-03-31\",\"reason\":\"延期三个月\",\"effectiveOn\":\"2026-12-01\"}");
    assertEquals(201, extended.status(), extended.body());
    assertEquals("2026-01-01/2026-12-31", extended.json().getString("before"));
    var towns = api.post("api/v1/projects/" + id + "/amendments", officer,
        "{\"kind\":\"TOWNS\",\"coveredTowns\":[\"429006107\"],\"reason\":\"多宝镇另行购买\",\"effectiveOn\":\"2026-12-01\"}");
    assertEquals(201, towns.status(), towns.body());

    JsonObject now = api.get("api/v1/projects/" + id, awardedSupervisor).json();
    assertEquals(2400, now.getJsonArray("deliverables").getJsonObject(0).getInt("target"));
    assertEquals("2027-03-31", now.getString("periodEnd"));
    assertEquals(List.of("429006107"), now.getJsonArray("coveredTowns").getValuesAs(jakarta.json.JsonString.class)
        .stream().map(jakarta.json.JsonString::getString).toList());
    var history = api.get("api/v1/projects/" + id + "/amendments", awardedSupervisor);
    assertEquals(200, history.status());
    var kinds = history.raw().body();
    assertTrue(kinds.indexOf("TARGET") < kinds.indexOf("PERIOD") && kinds.indexOf("PERIOD") < kinds.indexOf("TOWNS"), kinds);
    assertEquals(404, api.get("api/v1/projects/" + id + "/amendments", otherOrgAdmin).status());
    assertEquals(404, api.get("api/v1/projects/" + id + "/amendments", wuchang.officerToken()).status());
    assertTrue(auditOf(id).contains("PROJECT_AMENDED TARGET 2000 -> 2400 from 2026-06-01: 追加困境儿童名单"), auditOf(id).toString());
    assertEquals(0, Api.countAsApplication(wuchang.id(), "select count(*) from project_amendment where project_id = ?::uuid", id));
    assertEquals(3, Api.countAsApplication(awardedOrgId, "select count(*) from project_amendment where project_id = ?::uuid", id));

    assertEquals(200, api.post("api/v1/projects/" + id + "/close", officer, "").status());
    var ended = api.post("api/v1/projects/" + id + "/amendments", officer, target.replace("2400", "2600"));
    assertEquals(409, ended.status());
    assertEquals("PROJECT_NOT_ACTIVE", ended.code());
  }

  @Test
  void aPayableMilestonePrintsItsPaymentNoticeForTheBureauOnly() throws Exception {
    String number = number();
    String id = created(project(number, "岳口镇困境儿童关爱", 2000, 30, 70));
    assertEquals(200, api.post("api/v1/projects/" + id + "/activate", officer, "").status());
    JsonObject p = api.get("api/v1/projects/" + id, officer).json();
    String first = p.getJsonArray("milestones").getJsonObject(0).getString("id");
    String interim = p.getJsonArray("milestones").getJsonObject(1).getString("id");
    String path = "api/v1/exports/projects/" + id + "/milestones/";

    var waiting = api.get(path + interim + "/notice?format=pdf", officer);
    assertEquals(409, waiting.status(), waiting.body());
    assertEquals("MILESTONE_NOT_RELEASED", waiting.code());
    var refusedPay = api.post("api/v1/projects/" + id + "/milestones/" + interim + "/pay", officer, "{\"paidOn\":\"2026-12-01\"}");
    assertEquals("MILESTONE_NOT_RELEASED", refusedPay.code());

    assertEquals(200, api.post("api/v1/projects/" + id + "/milestones/" + first + "/pay", officer,
        "{\"paidOn\":\"2026-12-01\",\"reference\":\"PZ-77\"}").status());
    var notice = api.request("GET", path + first + "/notice?format=pdf").bearer(officer).download();
    assertEquals(200, notice.status());
    assertTrue(notice.header("Content-Type").orElse("").startsWith("application/pdf"));
    try (PDDocument document = Loader.loadPDF(notice.bytes())) {
      String text = new PDFTextStripper().getText(document);
      assertTrue(text.contains("付款通知书") && text.contains(number), text);
      assertTrue(text.contains("144000.00") && text.contains("人民币壹拾肆万肆仟元整"), text);
      assertTrue(text.contains("PZ-77") && text.contains("已支付"), text);
    }
    assertTrue(auditOf(first).stream().anyMatch(a -> a.startsWith("PAYMENT_NOTICE_PRINTED " + number)), auditOf(first).toString());

    assertEquals(403, api.get(path + first + "/notice?format=pdf", awardedAdmin).status());
    Api.Bureau wuchang = api.onboardBureau(api.platformToken(), "420106");
    assertEquals(404, api.get(path + first + "/notice?format=pdf", wuchang.officerToken()).status());
    assertEquals(404, api.get(path + java.util.UUID.randomUUID() + "/notice?format=pdf", officer).status());
    var xlsx = api.get(path + first + "/notice?format=xlsx", officer);
    assertEquals(400, xlsx.status(), xlsx.body());
    assertEquals("EXPORT_FORMAT_UNSUPPORTED", xlsx.fieldCode("format"));
  }

  private Api.Reply put(String id, String token, String json) {
    return api.request("PUT", "api/v1/projects/" + id).bearer(token).json(json).send();
  }

  private String created(String json) {
    var reply = api.post("api/v1/projects", officer, json);
    assertEquals(201, reply.status(), reply.body());
    return reply.json().getString("id");
  }

  private String project(String number, String title, int target, int first, int interim) {
    return "{\"contractNumber\":\"" + number + "\",\"title\":\"" + title + "\","
        + "\"organizationId\":\"" + awardedOrgId + "\",\"budget\":480000.00,"
        + "\"periodStart\":\"2026-01-01\",\"periodEnd\":\"2026-12-31\","
        + "\"coveredTowns\":[\"429006107\",\"429006115\"],\"targetGroups\":[\"CHILD_IN_DIFFICULTY\"],"
        + "\"deliverables\":[{\"kind\":\"HOME_VISIT\",\"unit\":\"VISIT\",\"target\":" + target + "},"
        + "{\"kind\":\"GROUP_SESSION\",\"unit\":\"SESSION\",\"target\":40}],"
        + "\"milestones\":[{\"kind\":\"FIRST\",\"sharePercent\":" + first + ",\"dueDate\":\"2026-01-31\",\"requiresEvaluation\":false},"
        + "{\"kind\":\"INTERIM\",\"sharePercent\":" + interim + ",\"dueDate\":\"2026-07-15\"}]}";
  }

  private static String number() {
    return "AWD-" + ThreadLocalRandom.current().nextInt(10_000_000);
  }

  /** The audit trail of a subject, read as the application role bound to the bureau that wrote it. */
  private List<String> auditOf(String subjectId) throws Exception {
    List<String> out = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(
        "jdbc:postgresql://127.0.0.1:" + System.getProperty("shouhu.it.db.port") + "/shouhu", "shouhu_app", "embedded")) {
      c.setAutoCommit(false);
      try (PreparedStatement bind = c.prepareStatement("select set_config('app.tenant_id', ?, true)")) {
        bind.setString(1, bureauId);
        bind.executeQuery().close();
      }
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
