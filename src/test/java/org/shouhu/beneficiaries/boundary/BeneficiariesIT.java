package org.shouhu.beneficiaries.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
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
 * The register through the API as a social worker uses it, and underneath, the database as the application role
 * sees it: lists are masked, opening is audited, a duplicate names the record it duplicates, a refused request
 * stores nothing, voided records stay readable but leave the list, another organization's records do not exist for
 * us, and no identifier is stored in clear.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class BeneficiariesIT {

  private static final String PATH = "api/v1/beneficiaries";
  private static final String VILLAGE = "429006104201";

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.application();
  }

  @ArquillianResource URL base;
  Api api;
  Api.Org orgA;
  Api.Org orgB;
  String workerA;
  String adminB;

  @BeforeEach
  void twoOrganizationsAndAWorker() {
    api = new Api(base);
    String platform = api.platformToken();
    orgA = api.onboardOrganization(platform);
    orgB = api.onboardOrganization(platform);
    String adminA = api.login(orgA.slug(), "admin", orgA.adminPassword());
    adminB = api.login(orgB.slug(), "admin", orgB.adminPassword());
    var worker = api.post("api/v1/users", adminA,
        "{\"username\":\"wang.fang\",\"displayName\":\"王芳\",\"roles\":[\"SOCIAL_WORKER\"],\"password\":\"Home-visit-2026\"}");
    assertEquals(201, worker.status(), worker.body());
    workerA = api.login(orgA.slug(), "wang.fang", "Home-visit-2026");
  }

  @Test
  void refusesAVillageCodeThatNamesNoKnownPlace() {
    long before = api.get(PATH, workerA).json().getJsonNumber("total").longValue();
    var reply = register(workerA, child("孙小雨", null, null).add("villageCode", "429006999201"));
    assertEquals(400, reply.status(), reply.body());
    assertEquals("REGION_UNKNOWN", reply.fieldCode("villageCode"), "town 429006999 does not exist");
    assertEquals(before, api.get(PATH, workerA).json().getJsonNumber("total").longValue(), "nothing stored");
  }

  @Test
  void registersAndListsOnlyMaskedValues() {
    String id = citizenId(LocalDate.of(2015, 3, 12), true);
    var created = register(workerA, child("张小明", id, "13812345678"));
    assertEquals(201, created.status(), created.body());
    String recordId = created.json().getString("id");
    assertTrue(created.header("Location").orElseThrow().endsWith(PATH + "/" + recordId));
    assertEquals(id, created.json().getString("citizenId"), "the worker who typed it sees it back");
    assertEquals("2015-03-12", created.json().getString("birthDate"));
    assertEquals("MALE", created.json().getString("gender"));

    var list = api.get(PATH, workerA);
    assertEquals(200, list.status(), list.body());
    assertEquals(1, list.json().getInt("total"));
    JsonObject row = list.json().getJsonArray("items").getJsonObject(0);
    assertEquals(recordId, row.getString("id"));
    assertEquals("张*明", row.getString("name"));
    assertEquals(id.substring(0, 4) + "**********" + id.substring(14), row.getString("citizenId"));
    assertEquals("138****5678", row.getString("phone"));
    assertFalse(row.containsKey("birthDate"), "lists show an age, not the birth date");
    assertFalse(list.body().contains(id) || list.body().contains("13812345678") || list.body().contains("张小明"));
  }

  @Test
  void openingTheRecordShowsFullValuesAndIsAudited() throws SQLException {
    String id = citizenId(LocalDate.of(2014, 7, 1), false);
    String recordId = register(workerA, child("李小红", id, "13912345678")).json().getString("id");
    assertEquals(0, auditEvents(orgA, "BENEFICIARY_OPENED", recordId));

    var opened = api.get(PATH + "/" + recordId, workerA);
    assertEquals(200, opened.status(), opened.body());
    assertEquals("李小红", opened.json().getString("name"));
    assertEquals(id, opened.json().getString("citizenId"));
    assertEquals("13912345678", opened.json().getString("phone"));
    assertEquals("FEMALE", opened.json().getString("gender"));
    assertEquals("GRANDPARENT", opened.json().getJsonObject("consent").getString("relationship"));
    assertEquals(1, auditEvents(orgA, "BENEFICIARY_OPENED", recordId), "who opened it is on record");
    api.get(PATH + "/" + recordId, workerA);
    assertEquals(2, auditEvents(orgA, "BENEFICIARY_OPENED", recordId), "every opening counts");
  }

  @Test
  void aSecondRecordOfTheSameCitizenIdAnswers409NamingTheFirst() {
    String id = citizenIdEndingInX(LocalDate.of(2013, 11, 20));
    String first = register(workerA, child("王小军", id, null)).json().getString("id");

    // Typed again on a phone: lower-case x, blanks. The normalised number is what is indexed.
    var duplicate = register(workerA, child("王晓军", " " + id.toLowerCase() + " ", null));
    assertEquals(409, duplicate.status(), duplicate.body());
    assertEquals("BENEFICIARY_DUPLICATE", duplicate.code());
    assertEquals(first, duplicate.json().getString("existingId"));
    assertFalse(duplicate.body().contains(id.substring(0, 17)), "the problem never quotes the number");
    assertEquals(1, api.get(PATH, workerA).json().getInt("total"));

    // Another organization may serve the same child: uniqueness is per tenant.
    assertEquals(201, register(adminB, child("王小军", id, null)).status());

    // Voiding the first frees the number for a corrected entry.
    assertEquals(200, api.post(PATH + "/" + first + "/void", workerA, "{\"reason\":\"姓名录入错误\"}").status());
    assertEquals(201, register(workerA, child("王小军", id, null)).status());
  }

  @Test
  void aMistypedCitizenIdIsAFieldErrorAndNothingIsStored() throws SQLException {
    String id = citizenId(LocalDate.of(2016, 2, 29), true);
    String mistyped = id.substring(0, 17) + (id.charAt(17) == '0' ? '1' : '0');
    var refused = register(workerA, child("赵小龙", mistyped, "13700001111"));
    assertEquals(400, refused.status(), refused.body());
    assertEquals("VALIDATION_FAILED", refused.code());
    assertEquals("CITIZEN_ID_CHECK", refused.fieldCode("citizenId"));
    assertFalse(refused.body().contains(mistyped.substring(0, 17)), "no echo of the number");

    assertEquals(0, api.get(PATH, workerA).json().getInt("total"));
    assertEquals(0, count(orgA, "select count(*) from beneficiary"));
    assertEquals(0, count(orgA, "select count(*) from audit_event where subject = 'beneficiary'"));
  }

  @Test
  void birthDateAndGenderMustAgreeWithTheCitizenId() {
    String id = citizenId(LocalDate.of(2015, 6, 1), true);
    JsonObjectBuilder body = child("孙小宝", id, null).add("birthDate", "2015-06-02").add("gender", "FEMALE");
    var refused = register(workerA, body);
    assertEquals(400, refused.status(), refused.body());
    assertEquals("CITIZEN_ID_BIRTH_DATE_MISMATCH", refused.fieldCode("birthDate"));
    assertEquals("CITIZEN_ID_GENDER_MISMATCH", refused.fieldCode("gender"));

    var agreeing = register(workerA, child("孙小宝", id, null).add("birthDate", "2015-06-01").add("gender", "MALE"));
    assertEquals(201, agreeing.status(), agreeing.body());
  }

  @Test
  void reportsEveryMistakeAtOnce() {
    JsonObjectBuilder body =
        Json.createObjectBuilder()
            .add("name", "")
            .add("phone", "12345")
            .add("villageCode", "429006")
            .add("categories", Json.createArrayBuilder().add("CHILD_IN_DIFFICULTY"))
            .add("difficultyType", "HUNGRY");
    var refused = register(workerA, body);
    assertEquals(400, refused.status(), refused.body());
    assertEquals("PERSON_NAME_REQUIRED", refused.fieldCode("name"));
    assertEquals("PHONE_FORMAT", refused.fieldCode("phone"));
    assertEquals("DIFFICULTY_TYPE_UNKNOWN", refused.fieldCode("difficultyType"));
    assertEquals("CONSENT_REQUIRED", refused.fieldCode("consent"));

    var rules =
        register(
            workerA,
            Json.createObjectBuilder()
                .add("name", "周小花")
                .add("villageCode", "429006104")
                .add("categories", Json.createArrayBuilder().add("CHILD_IN_DIFFICULTY"))
                .add("consent", consent("SELF")));
    assertEquals(400, rules.status(), rules.body());
    assertEquals("BIRTH_DATE_REQUIRED", rules.fieldCode("birthDate"));
    assertEquals("GENDER_REQUIRED", rules.fieldCode("gender"));
    assertEquals("DIFFICULTY_TYPE_REQUIRED", rules.fieldCode("difficultyType"));
    assertEquals("VILLAGE_CODE_LEVEL", rules.fieldCode("villageCode"));
  }

  @Test
  void aChildUnder14NeedsAGuardiansConsent() {
    var refused =
        register(workerA, child("钱小多", citizenId(LocalDate.of(2016, 1, 5), true), null).add("consent", consent("SELF")));
    assertEquals(400, refused.status(), refused.body());
    assertEquals("CONSENT_GUARDIAN_REQUIRED", refused.fieldCode("consent.relationship"));
  }

  @Test
  void voidedRecordsLeaveTheListButStayReadableAndUnchangeable() {
    String recordId = register(workerA, child("吴小亮", citizenId(LocalDate.of(2012, 4, 4), true), null))
        .json().getString("id");
    var voided = api.post(PATH + "/" + recordId + "/void", workerA, "{\"reason\":\"重复录入\"}");
    assertEquals(200, voided.status(), voided.body());
    assertEquals("VOIDED", voided.json().getString("status"));

    assertEquals(0, api.get(PATH, workerA).json().getInt("total"), "not listed by default");
    var withVoided = api.get(PATH + "?includeVoided=true", workerA).json();
    assertEquals(1, withVoided.getInt("total"));

    var opened = api.get(PATH + "/" + recordId, workerA).json();
    assertEquals("VOIDED", opened.getString("status"));
    assertEquals("重复录入", opened.getJsonObject("voided").getString("reason"));

    var again = api.post(PATH + "/" + recordId + "/void", workerA, "{\"reason\":\"again\"}");
    assertEquals(409, again.status());
    assertEquals("BENEFICIARY_VOIDED", again.code());
    var risk = api.post(PATH + "/" + recordId + "/risk", workerA, "{\"level\":\"HIGH\",\"reason\":\"x\"}");
    assertEquals("BENEFICIARY_VOIDED", risk.code());
  }

  @Test
  void anotherOrganizationsRecordAnswersLikeAnIdOfNobodyAndIsNeverListed() {
    String theirs = register(adminB, child("郑小雨", citizenId(LocalDate.of(2011, 9, 9), false), "13600001234"))
        .json().getString("id");
    register(workerA, child("郑小雪", citizenId(LocalDate.of(2011, 9, 9), false), null));

    var reply = api.get(PATH + "/" + theirs, workerA);
    var nobodys = api.get(PATH + "/" + UUID.randomUUID(), workerA);
    assertEquals(404, reply.status());
    assertEquals(withoutRequestId(nobodys.json()), withoutRequestId(reply.json()));
    assertEquals(404, api.get(PATH + "/not-a-uuid", workerA).status());
    for (String[] action : new String[][] {
        {"risk", "{\"level\":\"HIGH\",\"reason\":\"x\"}"},
        {"void", "{\"reason\":\"x\"}"},
        {"guardians", "{\"relationship\":\"OTHER\",\"name\":\"外人\",\"livesWithChild\":false}"}}) {
      var attempt = api.post(PATH + "/" + theirs + "/" + action[0], workerA, action[1]);
      assertEquals(404, attempt.status(), action[0] + ": " + attempt.body());
      assertEquals("NOT_FOUND", attempt.code());
    }

    Set<String> seenByA = ids(api.get(PATH + "?includeVoided=true", workerA).json());
    assertFalse(seenByA.contains(theirs));
    assertEquals(1, seenByA.size());
    var stillTheirs = api.get(PATH + "/" + theirs, adminB).json();
    assertEquals("ACTIVE", stillTheirs.getString("status"), "nothing leaked through");
    assertFalse(stillTheirs.containsKey("risk"));
  }

  @Test
  void theDatabaseHoldsNoIdentifierInClear() throws SQLException {
    String id = citizenId(LocalDate.of(2010, 12, 31), true);
    String phone = "13512345678";
    String recordId = register(workerA, child("冯小刚", id, phone)).json().getString("id");
    var guardian = api.post(PATH + "/" + recordId + "/guardians", workerA,
        "{\"relationship\":\"MOTHER\",\"name\":\"刘芳\",\"phone\":\"13387654321\",\"livesWithChild\":false}");
    assertEquals(201, guardian.status(), guardian.body());

    try (Connection app = appConnection(orgA);
        PreparedStatement s = app.prepareStatement(
            "select citizen_id_cipher, citizen_id_key, citizen_id_index, phone_cipher from beneficiary where id = ?")) {
      s.setObject(1, UUID.fromString(recordId));
      try (ResultSet rs = s.executeQuery()) {
        assertTrue(rs.next(), "the application role sees its own tenant's row");
        byte[] cipher = rs.getBytes(1);
        assertNotNull(rs.getString(2), "the key id is stored beside the ciphertext");
        assertEquals(32, rs.getBytes(3).length, "HMAC-SHA256 blind index");
        assertFalse(containsText(cipher, id), "citizen id column holds the plain number");
        assertFalse(containsText(cipher, id.substring(6, 14)), "not even the birth date digits");
        assertFalse(containsText(rs.getBytes(4), phone));
        assertEquals(12 + id.length() + 16, cipher.length, "IV + ciphertext + GCM tag");
      }
      // Nowhere in either table, in any column, as text.
      assertEquals(0, count(app, "select count(*) from beneficiary b where b::text like '%" + id.substring(0, 17) + "%'"
          + " or b::text like '%" + phone + "%'"));
      assertEquals(0, count(app, "select count(*) from guardian g where g::text like '%13387654321%'"));
      assertEquals(0, count(app, "select count(*) from audit_event a where a::text like '%" + id.substring(0, 17) + "%'"));
      app.rollback();
    }
    assertEquals("13387654321", guardian.json().getString("phone"));
    var opened = api.get(PATH + "/" + recordId, workerA).json();
    assertEquals("13387654321", opened.getJsonArray("guardians").getJsonObject(0).getString("phone"));
  }

  @Test
  void riskIsAssessedWithItsReasonAndListsFilterOnIt() {
    String recordId = register(workerA, child("陈小东", citizenId(LocalDate.of(2012, 1, 1), true), null))
        .json().getString("id");
    register(workerA, child("陈小西", citizenId(LocalDate.of(2012, 1, 2), true), null));

    var assessed = api.post(PATH + "/" + recordId + "/risk", workerA,
        "{\"level\":\"HIGH\",\"reason\":\"祖母住院，孩子独自在家\"}");
    assertEquals(200, assessed.status(), assessed.body());
    assertEquals("HIGH", assessed.json().getString("riskLevel"));
    assertEquals("陈*东", assessed.json().getString("name"), "the answer is masked");

    JsonObject risk = api.get(PATH + "/" + recordId, workerA).json().getJsonObject("risk");
    assertEquals("HIGH", risk.getString("level"));
    assertEquals("祖母住院，孩子独自在家", risk.getString("reason"));
    assertEquals(api.get("api/v1/me", workerA).json().getJsonObject("user").getString("id"), risk.getString("assessedBy"));
    assertNotNull(risk.getString("assessedAt"));

    assertEquals(Set.of(recordId), ids(api.get(PATH + "?risk=HIGH", workerA).json()));
    assertEquals(0, api.get(PATH + "?risk=LOW", workerA).json().getInt("total"));
    var bad = api.post(PATH + "/" + recordId + "/risk", workerA, "{\"level\":\"EXTREME\"}");
    assertEquals("RISK_LEVEL_UNKNOWN", bad.fieldCode("level"));
    assertEquals("REQUIRED", bad.fieldCode("reason"));
  }

  @Test
  void listsFilterByCategoryVillagePrefixAndName() {
    String boy = register(workerA, child("欧阳小明", citizenId(LocalDate.of(2012, 5, 5), true), null)).json().getString("id");
    JsonObjectBuilder orphan = child("林小草", citizenId(LocalDate.of(2013, 5, 5), false), null)
        .add("villageCode", "429006105003")
        .add("categories", Json.createArrayBuilder().add("CHILD_IN_DIFFICULTY").add("LEFT_BEHIND_CHILD"))
        .add("difficultyType", "ORPHAN");
    var created = register(workerA, orphan);
    assertEquals(201, created.status(), created.body());
    String girl = created.json().getString("id");

    assertEquals(Set.of(girl), ids(api.get(PATH + "?category=CHILD_IN_DIFFICULTY", workerA).json()));
    assertEquals(Set.of(boy, girl), ids(api.get(PATH + "?category=LEFT_BEHIND_CHILD", workerA).json()));
    assertEquals(Set.of(girl), ids(api.get(PATH + "?village=429006105", workerA).json()));
    assertEquals(Set.of(boy, girl), ids(api.get(PATH + "?village=429006", workerA).json()));
    assertEquals(Set.of(boy), ids(api.get(PATH + "?q=" + enc("小明"), workerA).json()));
    assertEquals(Set.of(), ids(api.get(PATH + "?q=" + enc("%"), workerA).json()), "wildcards are literal");
    var page = api.get(PATH + "?limit=1&offset=1", workerA).json();
    assertEquals(2, page.getInt("total"));
    assertEquals(1, page.getJsonArray("items").size());

    var bad = api.get(PATH + "?category=ORPHANS&village=42x", workerA);
    assertEquals(400, bad.status());
    assertEquals("CATEGORY_UNKNOWN", bad.fieldCode("category"));
    assertEquals("VILLAGE_PREFIX_FORMAT", bad.fieldCode("village"));
    assertEquals("PAGE_PARAMETER_FORMAT", api.get(PATH + "?limit=ten", workerA).fieldCode("limit"));
  }

  @Test
  void aRevisionReplacesTheParticularsAgainstTheVersionItWasEditedFrom() {
    String id = citizenId(LocalDate.of(2014, 8, 8), true);
    var created = register(workerA, child("何小军", id, "13812340000"));
    String recordId = created.json().getString("id");
    long version = created.json().getJsonNumber("version").longValue();

    var revised = api.post(PATH + "/" + recordId + "/revise", workerA,
        child("何晓军", id, "13812349999").add("version", version).add("school", "岳口镇中心小学").build().toString());
    assertEquals(200, revised.status(), revised.body());
    assertEquals("何晓军", revised.json().getString("name"));
    assertEquals("13812349999", revised.json().getString("phone"));
    assertTrue(revised.json().getJsonNumber("version").longValue() > version);

    var stale = api.post(PATH + "/" + recordId + "/revise", workerA,
        child("何小军", id, null).add("version", version).build().toString());
    assertEquals(409, stale.status(), stale.body());
    assertEquals("BENEFICIARY_STALE", stale.code());
    assertEquals("何晓军", api.get(PATH + "/" + recordId, workerA).json().getString("name"), "nothing overwritten");
  }

  @Test
  void guardiansAreAddedAndOpenedInFull() throws SQLException {
    String recordId = register(workerA, child("蒋小乐", citizenId(LocalDate.of(2015, 10, 10), true), null))
        .json().getString("id");
    var added = api.post(PATH + "/" + recordId + "/guardians", workerA,
        "{\"relationship\":\"GRANDPARENT\",\"name\":\"蒋大山\",\"phone\":\"0728-5212345\",\"livesWithChild\":true,"
            + "\"entrusted\":true,\"entrustmentAgreedOn\":\"2024-02-20\"}");
    assertEquals(201, added.status(), added.body());
    String location = added.header("Location").orElseThrow();
    var opened = api.get(location.substring(location.indexOf(PATH)), workerA);
    assertEquals(200, opened.status(), opened.body());
    assertEquals("07285212345", opened.json().getString("phone"));
    assertTrue(opened.json().getBoolean("entrusted"));
    assertEquals(1, auditEvents(orgA, "GUARDIAN_OPENED", opened.json().getString("id")));

    var noDate = api.post(PATH + "/" + recordId + "/guardians", workerA,
        "{\"relationship\":\"GRANDPARENT\",\"name\":\"蒋奶奶\",\"livesWithChild\":true,\"entrusted\":true}");
    assertEquals("GUARDIAN_ENTRUSTMENT_DATE_REQUIRED", noDate.fieldCode("entrustmentAgreedOn"));
    String father = "{\"relationship\":\"FATHER\",\"name\":\"蒋建国\",\"livesWithChild\":false}";
    assertEquals(201, api.post(PATH + "/" + recordId + "/guardians", workerA, father).status());
    var second = api.post(PATH + "/" + recordId + "/guardians", workerA, father);
    assertEquals(409, second.status());
    assertEquals("GUARDIAN_PARENT_TWICE", second.code());
  }

  @Test
  void bureausAndThePlatformHaveNoRegister() {
    String officer = api.login("tianmen-mzj", "officer", Api.DEMO_PASSWORD);
    String bureauAdmin = api.login("tianmen-mzj", "admin", Api.DEMO_PASSWORD);
    assertEquals(403, api.get(PATH, officer).status());
    assertEquals(403, api.get(PATH, bureauAdmin).status(), "a bureau's own administrator keeps no register");
    assertEquals(403, register(bureauAdmin, child("X", citizenId(LocalDate.of(2015, 1, 1), true), null)).status());
    assertEquals(403, api.get(PATH, api.platformToken()).status());
    assertEquals(401, api.get(PATH, null).status());
  }

  // --- helpers -------------------------------------------------------------------------------------------------

  private Api.Reply register(String token, JsonObjectBuilder body) {
    return api.post(PATH, token, body.build().toString());
  }

  private static JsonObjectBuilder child(String name, String citizenId, String phone) {
    JsonObjectBuilder b = Json.createObjectBuilder()
        .add("name", name)
        .add("villageCode", VILLAGE)
        .add("categories", Json.createArrayBuilder().add("LEFT_BEHIND_CHILD"))
        .add("consent", consent("GRANDPARENT"));
    if (citizenId != null) {
      b.add("citizenId", citizenId);
    }
    if (phone != null) {
      b.add("phone", phone);
    }
    return b;
  }

  private static JsonObjectBuilder consent(String relationship) {
    return Json.createObjectBuilder()
        .add("givenOn", "2024-09-01")
        .add("givenBy", "李秀英")
        .add("relationship", relationship)
        .add("method", "WRITTEN");
  }

  /** A valid GB 11643 number from 天门 with a random sequence; odd sequence digit for a boy. */
  static String citizenId(LocalDate born, boolean male) {
    int sequence = ThreadLocalRandom.current().nextInt(0, 500) * 2 + (male ? 1 : 0);
    String body = "429006" + born.toString().replace("-", "") + String.format("%03d", sequence);
    return body + check(body);
  }

  static String citizenIdEndingInX(LocalDate born) {
    for (int i = 0; i < 1000; i++) {
      String body = "429006" + born.toString().replace("-", "") + String.format("%03d", i);
      if (check(body) == 'X') {
        return body + 'X';
      }
    }
    throw new IllegalStateException("no sequence gives X");
  }

  private static char check(String body17) {
    int[] weights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      sum += (body17.charAt(i) - '0') * weights[i];
    }
    return "10X98765432".charAt(sum % 11);
  }

  private static String enc(String text) {
    return java.net.URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  private static Set<String> ids(JsonObject page) {
    return page.getJsonArray("items").stream()
        .map(JsonValue::asJsonObject)
        .map(o -> o.getString("id"))
        .collect(Collectors.toSet());
  }

  private static JsonObject withoutRequestId(JsonObject problem) {
    var copy = Json.createObjectBuilder(problem);
    copy.remove("requestId");
    return copy.build();
  }

  private static boolean containsText(byte[] stored, String text) {
    return stored != null && new String(stored, StandardCharsets.ISO_8859_1).contains(text);
  }

  /** As the application connects: the non-owner role, bound to one tenant for one transaction. */
  private static Connection appConnection(Api.Org org) throws SQLException {
    Connection app = DriverManager.getConnection(
        "jdbc:postgresql://127.0.0.1:" + System.getProperty("shouhu.it.db.port") + "/shouhu", "shouhu_app", "embedded");
    app.setAutoCommit(false);
    try (PreparedStatement s = app.prepareStatement("select set_config('app.tenant_id', ?, true)")) {
      s.setString(1, org.id());
      s.executeQuery().close();
    }
    return app;
  }

  private static long count(Api.Org org, String sql) throws SQLException {
    try (Connection app = appConnection(org)) {
      long n = count(app, sql);
      app.rollback();
      return n;
    }
  }

  private static long count(Connection app, String sql) throws SQLException {
    try (PreparedStatement s = app.prepareStatement(sql); ResultSet rs = s.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static long auditEvents(Api.Org org, String action, String subjectId) throws SQLException {
    try (Connection app = appConnection(org);
        PreparedStatement s = app.prepareStatement(
            "select count(*) from audit_event where action = ? and subject_id = ?")) {
      s.setString(1, action);
      s.setObject(2, UUID.fromString(subjectId));
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        long n = rs.getLong(1);
        app.rollback();
        return n;
      }
    }
  }
}
