package org.shouhu.services.boundary;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jwt.SignedJWT;
import jakarta.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HexFormat;
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
import org.shouhu.services.control.PhotoLocationTest;

/**
 * School activities (进校园活动) end to end with their evidence files: logged with a counted audience, a photo and a
 * sign-in sheet attached (the same photo twice is one file), returned by the supervisor, revised, resubmitted and
 * approved; the funding bureau then finds and downloads the files, minimized, and nobody else can. Files that are
 * not what they claim, or too large, are refused with their codes; invalid activities store nothing.
 * The worker is this class's own, and each test gives it its own day (double-booking spans projects).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SchoolActivitiesIT {

  private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
  private static final String ACTIVITIES = "api/v1/services/school-activities";
  private static final String SERVICES = "api/v1/services";
  private static final int CAP = 10 * 1024 * 1024;

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.application();
  }

  @ArquillianResource URL base;
  Api api;
  String officer;
  String worker;
  String supervisor;
  String orgId;

  /** An active project of 天门 in 多宝镇 with a SCHOOL_ACTIVITY and a HOME_VISIT deliverable, one child enrolled. */
  record Setting(String project, String activities, String homeVisits, String child) {}

  @BeforeEach
  void parties() throws Exception {
    api = new Api(base);
    officer = api.login("tianmen-mzj", "officer", Api.DEMO_PASSWORD);
    worker = api.ownWorker("chunhui-sw", "school");
    supervisor = api.login("chunhui-sw", "supervisor", Api.DEMO_PASSWORD);
    orgId = SignedJWT.parse(worker).getJWTClaimsSet().getStringClaim("tenant_id");
  }

  @Test
  void activityWithEvidenceIsReturnedRevisedApprovedAndTheFundingBureauDownloadsItsFiles() throws Exception {
    Setting s = setting();
    var logged = api.post(ACTIVITIES, worker, activity(s, s.activities(), daysAgo(1, 9, 0), daysAgo(1, 10, 30),
        "ANTI_DROWNING", null, 120, List.of(s.child()), false));
    assertEquals(201, logged.status(), logged.body());
    String id = logged.json().getString("id");
    assertTrue(logged.header("Location").orElseThrow().endsWith("/services/" + id));
    JsonObject school = api.get(SERVICES + "/" + id, worker).json().getJsonObject("schoolActivity");
    assertEquals("多宝镇中心小学", school.getString("schoolName"));
    assertEquals("ANTI_DROWNING", school.getString("topic"));
    assertEquals(120, school.getInt("participantCount"));
    assertEquals("SCHOOL_ACTIVITY", logged.json().getString("kind"));
    assertEquals(List.of(s.child()), logged.json().getJsonArray("participants").getValuesAs(jakarta.json.JsonString.class)
        .stream().map(jakarta.json.JsonString::getString).toList());

    byte[] photo = PhotoLocationTest.photoWithLocation(ByteOrder.LITTLE_ENDIAN);
    var uploaded = upload(id, "image/jpeg", "活动照片.jpg", photo);
    assertEquals(201, uploaded.status(), uploaded.body());
    JsonObject file = uploaded.json();
    String photoId = file.getString("id");
    assertTrue(uploaded.header("Location").orElseThrow().endsWith("/evidence/" + photoId));
    assertEquals("image/jpeg", file.getString("contentType"));
    assertEquals("活动照片.jpg", file.getString("fileName"));
    assertTrue(file.getBoolean("locationRemoved"), "the GPS position of a photo of children is not stored");
    assertTrue(file.getInt("size") < photo.length);

    var again = upload(id, "image/jpeg", "活动照片(1).jpg", photo);
    assertEquals(200, again.status(), "a retried upload is the same file: " + again.body());
    assertEquals(photoId, again.json().getString("id"));
    var sheet = upload(id, "application/octet-stream", "签到表.pdf", pdf("签到表"));
    assertEquals(201, sheet.status(), sheet.body());
    assertEquals("application/pdf", sheet.json().getString("contentType"), "the bytes decide the type");
    assertEquals(2, files(id).size());

    assertEquals(404, api.get("api/v1/evidence/" + photoId, officer).status(), "a draft's files are not the bureau's yet");

    assertEquals("SUBMITTED", api.post(SERVICES + "/" + id + "/submit", worker, "").json().getString("status"));
    assertEquals("SVC_NOT_EDITABLE", upload(id, "application/pdf", "补充.pdf", pdf("补充")).code(),
        "a submitted record takes no more files");
    var returned = api.post(SERVICES + "/review", supervisor,
        "{\"ids\":[\"" + id + "\"],\"action\":\"RETURN\",\"comment\":\"请补充签到表第二页\"}");
    assertEquals("RETURNED", returned.json().getJsonArray("items").getJsonObject(0).getString("result"), returned.body());

    var revised = api.post(ACTIVITIES + "/" + id + "/revise", worker, content(s, daysAgo(1, 9, 0), daysAgo(1, 11, 0),
        "SEXUAL_ABUSE_PREVENTION", null, 118, List.of()));
    assertEquals(200, revised.status(), revised.body());
    assertEquals("SEXUAL_ABUSE_PREVENTION", revised.json().getJsonObject("schoolActivity").getString("topic"));
    assertEquals(0, revised.json().getJsonArray("participants").size(), "the listed child was taken off");
    assertEquals("SEXUAL_ABUSE_PREVENTION",
        api.get("api/v1/evidence/" + photoId, worker).json().getString("schoolTopic"), "the files follow the record");
    var secondPage = upload(id, "application/pdf", "签到表2.pdf", pdf("签到表第二页"));
    assertEquals(201, secondPage.status(), "a returned record takes files again: " + secondPage.body());

    assertEquals("SUBMITTED", api.post(SERVICES + "/" + id + "/submit", worker, "").json().getString("status"));
    var approved = api.post(SERVICES + "/review", supervisor, "{\"ids\":[\"" + id + "\"],\"action\":\"APPROVE\"}");
    assertEquals(1, approved.json().getInt("approved"), approved.body());
    assertEquals("SVC_NOT_EDITABLE", upload(id, "application/pdf", "晚了.pdf", pdf("晚了")).code());

    var download = api.request("GET", "api/v1/evidence/" + photoId + "/content").bearer(worker).download();
    assertEquals(200, download.status());
    assertEquals(file.getString("sha256"), sha256(download.bytes()), "the checksum is of the bytes served");
    assertEquals("image/jpeg", download.header("Content-Type").orElseThrow());
    assertEquals("\"" + file.getString("sha256") + "\"", download.header("ETag").orElseThrow());
    assertEquals("nosniff", download.header("X-Content-Type-Options").orElseThrow());
    assertTrue(download.header("Cache-Control").orElseThrow().contains("private"));
    assertTrue(download.header("Content-Disposition").orElseThrow()
        .contains("filename*=UTF-8''%E6%B4%BB%E5%8A%A8%E7%85%A7%E7%89%87.jpg"), download.header("Content-Disposition").orElseThrow());
    assertEquals(-1, indexOf(download.bytes(), "GPSLatitude".getBytes(StandardCharsets.US_ASCII)));
    var unchanged = api.request("GET", "api/v1/evidence/" + photoId + "/content").bearer(worker)
        .header("If-None-Match", "\"" + file.getString("sha256") + "\"").download();
    assertEquals(304, unchanged.status());

    var found = api.get("api/v1/evidence?project=" + s.project(), officer);
    assertEquals(200, found.status(), found.body());
    assertEquals(3, found.json().getInt("total"), found.body());
    JsonObject listed = found.json().getJsonArray("items").stream().map(v -> v.asJsonObject())
        .filter(o -> o.getString("id").equals(photoId)).findFirst().orElseThrow();
    assertEquals("多宝镇中心小学", listed.getString("schoolName"));
    assertEquals("SEXUAL_ABUSE_PREVENTION", listed.getString("schoolTopic"));
    assertEquals("APPROVED", listed.getString("recordStatus"));
    assertEquals(LocalDate.now(CHINA).minusDays(1).toString(), listed.getString("serviceOn"));
    assertEquals(file.getString("sha256"), listed.getString("sha256"));
    for (String withheld : List.of("uploadedBy", "locationRemoved", "voidReason")) {
      assertTrue(!listed.containsKey(withheld) || listed.isNull(withheld), "withheld from the bureau: " + withheld);
    }
    assertFalse(found.body().contains(s.child()), "nothing names a child");
    assertEquals(403, api.get(SERVICES + "/" + id, officer).status(), "the record itself stays the organization's");

    var byBureau = api.request("GET", "api/v1/evidence/" + photoId + "/content").bearer(officer).download();
    assertEquals(200, byBureau.status());
    assertArrayEquals(download.bytes(), byBureau.bytes());
    String bureauAdmin = api.login("tianmen-mzj", "admin", Api.DEMO_PASSWORD);
    assertEquals(200, api.request("GET", "api/v1/evidence/" + photoId + "/content").bearer(bureauAdmin).download().status());
    assertEquals(404, api.post("api/v1/evidence/" + photoId + "/void", bureauAdmin, "{\"reason\":\"x\"}").status(),
        "the bureau reads, it does not change");

    String otherOrg = api.login("shouwang-sw", "admin", Api.DEMO_PASSWORD);
    Api.Bureau otherBureau = api.onboardBureau(api.platformToken(), "420106");
    for (String stranger : new String[] {otherOrg, otherBureau.officerToken(), otherBureau.adminToken()}) {
      assertEquals(404, api.get("api/v1/evidence/" + photoId, stranger).status());
      assertEquals(404, api.request("GET", "api/v1/evidence/" + photoId + "/content").bearer(stranger).download().status());
      assertEquals(0, api.get("api/v1/evidence?project=" + s.project(), stranger).json().getInt("total"));
      assertFalse(api.get("api/v1/evidence?limit=200", stranger).body().contains(photoId));
    }
    assertEquals(404, api.get(SERVICES + "/" + id + "/evidence", otherOrg).status());

    // Underneath, as the application role: both parties hold the rows, third parties none; the bytes never change.
    String otherOrgId = SignedJWT.parse(otherOrg).getJWTClaimsSet().getStringClaim("tenant_id");
    String bureauId = SignedJWT.parse(officer).getJWTClaimsSet().getStringClaim("tenant_id");
    for (String[] party : new String[][] {{orgId, "1"}, {bureauId, "1"}, {otherOrgId, "0"}, {otherBureau.id(), "0"}}) {
      assertEquals(Long.parseLong(party[1]), Api.countAsApplication(party[0], "select count(*) from evidence where id = ?::uuid", photoId));
      assertEquals(Long.parseLong(party[1]),
          Api.countAsApplication(party[0], "select count(*) from evidence_content where evidence_id = ?::uuid", photoId));
    }
    assertEquals(0, Api.countAsApplication(bureauId, "select count(*) from service_record where id = ?::uuid", id),
        "the bureau cannot read the record the file belongs to");
    var writeOnce = org.junit.jupiter.api.Assertions.assertThrows(java.sql.SQLException.class,
        () -> Api.countAsApplication(orgId, "with u as (update evidence_content set bytes = '' where evidence_id = ?::uuid returning 1)"
            + " select count(*) from u", photoId));
    assertTrue(writeOnce.getMessage().contains("permission denied"), writeOnce.getMessage());

    assertEquals("VOIDED", api.post(SERVICES + "/" + id + "/void", supervisor, "{\"reason\":\"活动重复录入\"}").json().getString("status"));
    assertEquals(404, api.get("api/v1/evidence/" + photoId, officer).status(), "a voided record's files are withdrawn");
    assertEquals(0, api.get("api/v1/evidence?project=" + s.project(), officer).json().getInt("total"));
    assertEquals(200, api.get("api/v1/evidence/" + photoId, supervisor).status(), "the organization keeps them");
  }

  @Test
  void filesThatAreNotWhatTheyClaimOrTooLargeAreRefusedAndStoreNothing() throws Exception {
    Setting s = setting();
    var logged = api.post(ACTIVITIES, worker, activity(s, s.activities(), daysAgo(2, 14, 0), daysAgo(2, 15, 0),
        "ANTI_BULLYING", null, 45, List.of(), false));
    assertEquals(201, logged.status(), logged.body());
    String id = logged.json().getString("id");

    var html = upload(id, "image/jpeg", "photo.jpg",
        "<!DOCTYPE html><html><script>alert(document.cookie)</script></html>".getBytes(StandardCharsets.UTF_8));
    assertEquals(415, html.status(), html.body());
    assertEquals("EVIDENCE_TYPE_NOT_ALLOWED", html.code());
    byte[] program = new byte[4096];
    program[0] = 'M';
    program[1] = 'Z';
    assertEquals("EVIDENCE_TYPE_NOT_ALLOWED", upload(id, "image/jpeg", "setup.jpg", program).code());

    byte[] huge = new byte[CAP + 1];
    huge[0] = (byte) 0xFF;
    huge[1] = (byte) 0xD8;
    huge[2] = (byte) 0xFF;
    var chunked = api.request("POST", SERVICES + "/" + id + "/evidence?fileName=big.jpg").bearer(worker)
        .chunked("image/jpeg", huge).send();
    assertEquals(413, chunked.status(), chunked.body());
    assertEquals("EVIDENCE_TOO_LARGE", chunked.code());
    String declared = declaredTooLarge(SERVICES + "/" + id + "/evidence?fileName=big.jpg", worker);
    assertTrue(declared.startsWith("HTTP/1.1 413"), declared);
    assertTrue(declared.contains("EVIDENCE_TOO_LARGE"), declared);
    assertEquals("BODY_REQUIRED", upload(id, "image/jpeg", "empty.jpg", new byte[0]).code());

    assertEquals(201, upload(id, "image/jpeg", "photo.jpg", PhotoLocationTest.plainJpeg()).status(), "a real photo is taken");
    assertEquals(403, api.request("POST", SERVICES + "/" + id + "/evidence?fileName=a.jpg").bearer(supervisor)
        .body("image/jpeg", PhotoLocationTest.plainJpeg()).send().status(), "only workers upload");
    var visits = setting();
    var visit = api.post(SERVICES, worker, homeVisit(visits, daysAgo(2, 16, 0), daysAgo(2, 17, 0)));
    assertEquals(201, visit.status(), visit.body());
    assertEquals("EVIDENCE_NOT_FOR_KIND",
        upload(visit.json().getString("id"), "image/jpeg", "a.jpg", PhotoLocationTest.plainJpeg()).code());
    String otherWorkerOrg = api.login("shouwang-sw", "worker", Api.DEMO_PASSWORD);
    assertEquals(404, api.request("POST", SERVICES + "/" + id + "/evidence?fileName=a.jpg").bearer(otherWorkerOrg)
        .body("image/jpeg", pdf("x")).send().status());

    assertEquals(1, files(id).size(), "only the one good photo");
  }

  @Test
  void aVoidedFileStaysWithTheOrganizationAndTheSameBytesMayBeAttachedAgain() throws Exception {
    Setting s = setting();
    var logged = api.post(ACTIVITIES, worker, activity(s, s.activities(), daysAgo(3, 9, 0), daysAgo(3, 10, 0),
        "OTHER", "交通安全", 60, List.of(), false));
    assertEquals(201, logged.status(), logged.body());
    String id = logged.json().getString("id");
    byte[] sheet = pdf("签到表");
    String fileId = upload(id, "application/pdf", "签到表.pdf", sheet).json().getString("id");

    assertEquals("REQUIRED",
        api.post("api/v1/evidence/" + fileId + "/void", worker, "{\"reason\":\" \"}").fieldCode("reason"));
    var voided = api.post("api/v1/evidence/" + fileId + "/void", worker, "{\"reason\":\"传错了文件\"}");
    assertEquals(200, voided.status(), voided.body());
    assertTrue(voided.json().getBoolean("voided"));
    assertEquals("传错了文件", voided.json().getString("voidReason"));
    assertEquals("EVIDENCE_ALREADY_VOIDED", api.post("api/v1/evidence/" + fileId + "/void", worker, "{\"reason\":\"x\"}").code());
    assertEquals(200, api.request("GET", "api/v1/evidence/" + fileId + "/content").bearer(worker).download().status(),
        "voided, not deleted");

    var reattached = upload(id, "application/pdf", "签到表.pdf", sheet);
    assertEquals(201, reattached.status(), reattached.body());
    assertNotEquals(fileId, reattached.json().getString("id"));
    assertEquals(2, files(id).size());

    assertEquals("SUBMITTED", api.post(SERVICES + "/" + id + "/submit", worker, "").json().getString("status"));
    assertEquals("EVIDENCE_VOID_NEEDS_SUPERVISOR", api.post("api/v1/evidence/" + reattached.json().getString("id") + "/void",
        worker, "{\"reason\":\"x\"}").code());
    assertEquals(1, api.get("api/v1/evidence?project=" + s.project(), officer).json().getInt("total"),
        "the bureau sees the live file of a submitted record, not the voided one");
  }

  @Test
  void invalidActivitiesAreRefusedWithTheirCodesAndStoreNothing() {
    Setting s = setting();
    String start = daysAgo(4, 9, 0);
    String end = daysAgo(4, 10, 0);
    assertEquals("SVC_TOPIC_NOTE_REQUIRED", api.post(ACTIVITIES, worker,
        activity(s, s.activities(), start, end, "OTHER", null, 30, List.of(), false)).fieldCode("schoolActivity.topicNote"));
    assertEquals("SVC_SCHOOL_TOPIC_UNKNOWN", api.post(ACTIVITIES, worker,
        activity(s, s.activities(), start, end, "FIRE_DRILL", null, 30, List.of(), false)).fieldCode("schoolActivity.topic"));
    assertEquals("SVC_PARTICIPANT_COUNT_RANGE", api.post(ACTIVITIES, worker,
        activity(s, s.activities(), start, end, "POLICY_TALK", null, 0, List.of(), false)).fieldCode("schoolActivity.participantCount"));
    assertEquals("SVC_PARTICIPANT_COUNT_RANGE", api.post(ACTIVITIES, worker,
        activity(s, s.activities(), start, end, "POLICY_TALK", null, 5001, List.of(), false)).fieldCode("schoolActivity.participantCount"));
    String other = child();
    assertEquals("SVC_PARTICIPANT_COUNT_BELOW_LIST", api.post(ACTIVITIES, worker,
        activity(s, s.activities(), start, end, "POLICY_TALK", null, 1, List.of(s.child(), other), false))
        .fieldCode("schoolActivity.participantCount"));
    assertEquals("SVC_PARTICIPANT_NOT_ENROLLED", api.post(ACTIVITIES, worker,
        activity(s, s.activities(), start, end, "POLICY_TALK", null, 30, List.of(other), false)).fieldCode("participants"));
    assertEquals("SVC_DELIVERABLE_KIND_MISMATCH", api.post(ACTIVITIES, worker,
        activity(s, s.homeVisits(), start, end, "POLICY_TALK", null, 30, List.of(), false)).fieldCode("deliverableId"));
    assertEquals("SVC_OUTSIDE_AREA", api.post(ACTIVITIES, worker,
        activity(s, s.activities(), start, end, "POLICY_TALK", null, 30, List.of(), false).replace("429006104201", "429006120201"))
        .fieldCode("placeCode"));
    assertEquals("SVC_TIME_ORDER", api.post(ACTIVITIES, worker,
        activity(s, s.activities(), end, start, "POLICY_TALK", null, 30, List.of(), false)).fieldCode("endedAt"));
    assertEquals("REQUIRED", api.post(ACTIVITIES, worker,
        activity(s, s.activities(), start, end, "POLICY_TALK", null, 30, List.of(), false)
            .replaceAll(",\"schoolActivity\":\\{[^}]*}", "")).fieldCode("schoolActivity"));
    assertEquals(0, api.get(SERVICES + "/review?status=DRAFT&kind=SCHOOL_ACTIVITY&project=" + s.project(), supervisor)
        .json().getInt("total"), "nothing was stored");

    var visit = api.post(SERVICES, worker, homeVisit(s, start, end));
    assertEquals(201, visit.status(), visit.body());
    var doubleBooked = api.post(ACTIVITIES, worker,
        activity(s, s.activities(), daysAgo(4, 9, 30), daysAgo(4, 11, 0), "POLICY_TALK", null, 30, List.of(), false));
    assertEquals(409, doubleBooked.status(), doubleBooked.body());
    assertEquals("SVC_WORKER_DOUBLE_BOOKED", doubleBooked.code());
    String visitId = visit.json().getString("id");
    assertEquals(404, api.post(ACTIVITIES + "/" + visitId + "/revise", worker,
        content(s, daysAgo(4, 13, 0), daysAgo(4, 14, 0), "POLICY_TALK", null, 30, List.of())).status(),
        "a home visit is not a school activity");

    var logged = api.post(ACTIVITIES, worker,
        activity(s, s.activities(), daysAgo(4, 13, 0), daysAgo(4, 14, 0), "LEGAL_EDUCATION", null, 200, List.of(), false));
    assertEquals(201, logged.status(), logged.body());
    String id = logged.json().getString("id");
    assertEquals("SVC_KIND_MISMATCH", api.post(SERVICES + "/" + id + "/revise", worker,
        homeVisitContent(s, daysAgo(4, 13, 0), daysAgo(4, 14, 0))).code(), "a school activity is not revised as a home visit");
    assertEquals("LEGAL_EDUCATION", api.get(SERVICES + "/" + id, worker).json().getJsonObject("schoolActivity").getString("topic"));
    assertEquals("SUBMITTED", api.post(SERVICES + "/" + id + "/submit", worker, "").json().getString("status"));
    assertEquals(List.of(id), api.get(SERVICES + "/review?kind=SCHOOL_ACTIVITY&project=" + s.project(), supervisor).json()
        .getJsonArray("items").stream().map(v -> v.asJsonObject().getString("id")).toList(), "in the review queue by kind");
  }

  // --- helpers ---


  private jakarta.json.JsonArray files(String recordId) {
    var reply = api.get(SERVICES + "/" + recordId + "/evidence", worker);
    assertEquals(200, reply.status(), reply.body());
    return jakarta.json.Json.createReader(new java.io.StringReader(reply.body())).readArray();
  }

  private Api.Reply upload(String recordId, String contentType, String fileName, byte[] bytes) {
    return api.request("POST", SERVICES + "/" + recordId + "/evidence?fileName="
            + URLEncoder.encode(fileName, StandardCharsets.UTF_8).replace("+", "%20"))
        .bearer(worker).body(contentType, bytes).send();
  }

  /**
   * An upload declaring a length over the cap, over a raw socket: the server answers before reading the body,
   * which Java's HttpClient cannot observe (it blocks sending the rest).
   */
  private String declaredTooLarge(String path, String token) throws Exception {
    try (Socket socket = new Socket(base.getHost(), base.getPort())) {
      socket.setSoTimeout(20_000);
      OutputStream out = socket.getOutputStream();
      out.write(("POST " + base.getPath().replaceAll("/$", "") + "/" + path + " HTTP/1.1\r\nHost: " + base.getHost() + "\r\n"
          + "Authorization: Bearer " + token + "\r\nContent-Type: image/jpeg\r\nContent-Length: " + (CAP + 1) + "\r\n"
          + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF});
      out.flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream answer = new ByteArrayOutputStream();
      byte[] buffer = new byte[8192];
      int n;
      while (!answer.toString(StandardCharsets.UTF_8).contains("EVIDENCE_TOO_LARGE") && (n = in.read(buffer)) != -1) {
        answer.write(buffer, 0, n);
      }
      return answer.toString(StandardCharsets.UTF_8);
    }
  }

  /** A small but real-looking PDF whose content differs by text, so each is its own file. */
  private static byte[] pdf(String text) {
    return ("%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\n% " + text + "\ntrailer<</Root 1 0 R>>\n%%EOF\n")
        .getBytes(StandardCharsets.UTF_8);
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  private static int indexOf(byte[] in, byte[] what) {
    outer:
    for (int i = 0; i + what.length <= in.length; i++) {
      for (int j = 0; j < what.length; j++) {
        if (in[i + j] != what[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private static String daysAgo(int days, int hour, int minute) {
    return LocalDate.now(CHINA).minusDays(days).atTime(hour, minute).atZone(CHINA).toOffsetDateTime().toString();
  }

  private static String activity(Setting s, String deliverable, String start, String end, String topic, String note,
      int count, List<String> participants, boolean submit) {
    return "{\"projectId\":\"" + s.project() + "\",\"deliverableId\":\"" + deliverable + "\","
        + content(s, start, end, topic, note, count, participants).replaceFirst("^\\{", "").replaceFirst("}$", "")
        + ",\"submit\":" + submit + "}";
  }

  private static String content(Setting s, String start, String end, String topic, String note, int count,
      List<String> participants) {
    return "{\"startedAt\":\"" + start + "\",\"endedAt\":\"" + end + "\",\"placeCode\":\"429006104201\","
        + "\"participants\":[" + String.join(",", participants.stream().map(p -> "\"" + p + "\"").toList()) + "],"
        + "\"schoolActivity\":{\"schoolName\":\"多宝镇中心小学\",\"topic\":\"" + topic + "\","
        + (note == null ? "" : "\"topicNote\":\"" + note + "\",") + "\"participantCount\":" + count + "}}";
  }

  private static String homeVisit(Setting s, String start, String end) {
    return "{\"projectId\":\"" + s.project() + "\",\"deliverableId\":\"" + s.homeVisits() + "\","
        + homeVisitContent(s, start, end).replaceFirst("^\\{", "");
  }

  private static String homeVisitContent(Setting s, String start, String end) {
    return "{\"startedAt\":\"" + start + "\",\"endedAt\":\"" + end + "\",\"placeCode\":\"429006104201\","
        + "\"participants\":[\"" + s.child() + "\"],"
        + "\"homeVisit\":{\"present\":\"GUARDIAN\",\"riskAfter\":\"LOW\",\"findings\":["
        + "{\"area\":\"LIVING_CONDITIONS\",\"rating\":4},{\"area\":\"SAFETY\",\"rating\":4},"
        + "{\"area\":\"SCHOOLING\",\"rating\":4},{\"area\":\"HEALTH\",\"rating\":5},"
        + "{\"area\":\"GUARDIANSHIP\",\"rating\":4}]}}";
  }

  private Setting setting() {
    LocalDate today = LocalDate.now(CHINA);
    var created = api.post("api/v1/projects", officer, "{\"contractNumber\":\"SCH-" + ThreadLocalRandom.current().nextInt(1_000_000)
        + "\",\"title\":\"多宝镇未成年人保护进校园\",\"organizationId\":\"" + orgId + "\",\"budget\":60000,"
        + "\"periodStart\":\"" + today.minusMonths(6) + "\",\"periodEnd\":\"" + today.plusMonths(6) + "\","
        + "\"coveredTowns\":[\"429006104\"],\"targetGroups\":[\"LEFT_BEHIND_CHILD\"],"
        + "\"deliverables\":[{\"kind\":\"SCHOOL_ACTIVITY\",\"unit\":\"EVENT\",\"target\":12},"
        + "{\"kind\":\"HOME_VISIT\",\"unit\":\"VISIT\",\"target\":100}],"
        + "\"lockDays\":90}");
    assertEquals(201, created.status(), created.body());
    String project = created.json().getString("id");
    String activities = null;
    String visits = null;
    for (var d : created.json().getJsonArray("deliverables")) {
      JsonObject o = d.asJsonObject();
      if (o.getString("kind").equals("SCHOOL_ACTIVITY")) {
        activities = o.getString("id");
      } else {
        visits = o.getString("id");
      }
    }
    assertEquals(200, api.post("api/v1/projects/" + project + "/activate", officer, "").status());
    String child = child();
    var enrolled = api.post("api/v1/projects/" + project + "/enrolments", worker, "{\"beneficiaryId\":\"" + child + "\"}");
    assertEquals(201, enrolled.status(), enrolled.body());
    return new Setting(project, activities, visits, child);
  }

  private String child() {
    String body = "{\"name\":\"王小红\",\"villageCode\":\"429006104201\",\"categories\":[\"LEFT_BEHIND_CHILD\"],"
        + "\"citizenId\":\"" + Api.citizenId(LocalDate.of(2012, 1, 1).plusDays(ThreadLocalRandom.current().nextInt(2500))) + "\","
        + "\"consent\":{\"givenOn\":\"2024-09-01\",\"givenBy\":\"王秀英\",\"relationship\":\"GRANDPARENT\",\"method\":\"WRITTEN\"}}";
    var registered = api.post("api/v1/beneficiaries", worker, body);
    assertEquals(201, registered.status(), registered.body());
    return registered.json().getString("id");
  }
}
