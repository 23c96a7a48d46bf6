package org.shouhu.identity.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jwt.SignedJWT;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.URL;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.shouhu.Api;
import org.shouhu.Api.Reply;
import org.shouhu.Deployments;

/**
 * Device sessions: refresh tokens rotate on every use, a spent one presented again ends its whole chain, and each
 * trigger (logout, password change or reset, role change, disabling, revocation from the devices list, expiry) cuts
 * the tokens it should at once, and only those.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SessionsIT {

  private static final String PASSWORD = "Field-work-2026";

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.application();
  }

  @ArquillianResource URL base;
  Api api;

  @BeforeEach
  void connect() {
    api = new Api(base);
  }

  /** A device logged in: its access token, refresh token and session id. */
  record Device(String access, String refresh, String session) {
    static Device of(Reply r) {
      assertEquals(200, r.status(), r.body());
      JsonObject j = r.json();
      return new Device(j.getString("access_token"), j.getString("refresh_token"), j.getString("session_id"));
    }
  }

  record Member(Api.Org org, String admin, String id, String username) {}

  private Member member() {
    Api.Org org = api.onboardOrganization(api.platformToken());
    String admin = api.login(org.slug(), "admin", org.adminPassword());
    String username = "wang.fang";
    Reply created = api.post("api/v1/users", admin, "{\"username\":\"" + username + "\",\"displayName\":\"王芳\","
        + "\"roles\":[\"SOCIAL_WORKER\"],\"password\":\"" + PASSWORD + "\"}");
    assertEquals(201, created.status(), created.body());
    return new Member(org, admin, created.json().getJsonObject("user").getString("id"), username);
  }

  private Device login(Member m, String device) {
    return Device.of(api.request("POST", "api/v1/auth/token")
        .json(Json.createObjectBuilder().add("tenant", m.org().slug()).add("username", m.username())
            .add("password", PASSWORD).add("device", device).build().toString())
        .send());
  }

  private Reply refresh(String refreshToken) {
    return api.request("POST", "api/v1/tokens/refresh")
        .json(Json.createObjectBuilder().add("refresh_token", refreshToken).build().toString())
        .send();
  }

  private Reply delete(String path, String token) {
    return api.request("DELETE", path).bearer(token).send();
  }

  private void assertRefused(Reply reply, int status, String code) {
    assertEquals(status, reply.status(), reply.body());
    assertEquals(code, reply.code());
  }

  @Test
  void refreshRotatesTheRefreshTokenOnEveryUseAndTheAccessTokenNamesItsSession() throws Exception {
    Member m = member();
    Device phone = login(m, "王芳的手机");
    assertEquals(phone.session(), SignedJWT.parse(phone.access()).getJWTClaimsSet().getStringClaim("sid"));

    Reply first = refresh(phone.refresh());
    Device next = Device.of(first);
    assertTrue(first.header("Cache-Control").orElse("").contains("no-store"));
    assertNotEquals(phone.refresh(), next.refresh(), "a new refresh token each time");
    assertEquals(phone.session(), next.session(), "the same device session");
    assertEquals(200, api.get("api/v1/me", next.access()).status());
    Device third = Device.of(refresh(next.refresh()));
    assertEquals(200, api.get("api/v1/me", third.access()).status());
    assertEquals(200, api.get("api/v1/me", phone.access()).status(), "earlier access tokens live out their minutes");

    assertRefused(refresh("not-a-token"), 401, "REFRESH_TOKEN_INVALID");
    assertRefused(refresh(m.org().id() + "." + "A".repeat(43)), 401, "REFRESH_TOKEN_INVALID");
  }

  @Test
  void aSpentRefreshTokenPresentedAgainEndsTheWholeChainAndIsAudited() throws Exception {
    Member m = member();
    Device stolen = login(m, "phone");
    Device second = Device.of(refresh(stolen.refresh()));
    Device third = Device.of(refresh(second.refresh()));
    Device other = login(m, "laptop");

    assertRefused(refresh(stolen.refresh()), 401, "REFRESH_TOKEN_REUSED");
    assertRefused(refresh(third.refresh()), 401, "SESSION_ENDED");
    assertRefused(api.get("api/v1/me", third.access()), 401, "SESSION_ENDED");
    assertEquals(200, api.get("api/v1/me", other.access()).status(), "the user's other devices keep their sessions");
    assertEquals(1, Api.countAsApplication(m.org().id(),
        "select count(*) from audit_event where action = 'SESSION_REFRESH_REUSED' and subject_id = ?",
        UUID.fromString(stolen.session())));
  }

  @Test
  void aRefreshWhoseAnswerWasLostMayBePresentedOnceMoreRightAway() {
    Member m = member();
    Device phone = login(m, "phone");
    Device lost = Device.of(refresh(phone.refresh()));
    Device retried = Device.of(refresh(phone.refresh()));
    assertNotEquals(lost.refresh(), retried.refresh());
    assertEquals(200, api.get("api/v1/me", retried.access()).status(), "the session lives on");
    Device.of(refresh(retried.refresh()));
  }

  @Test
  void logoutEndsThatDeviceOnly() {
    Member m = member();
    Device phone = login(m, "phone");
    Device laptop = login(m, "laptop");

    assertEquals(204, api.post("api/v1/tokens/logout", phone.access(), "{}").status());
    assertRefused(api.get("api/v1/me", phone.access()), 401, "SESSION_ENDED");
    assertRefused(refresh(phone.refresh()), 401, "SESSION_ENDED");
    assertEquals(200, api.get("api/v1/me", laptop.access()).status());
    Device.of(refresh(laptop.refresh()));
  }

  @Test
  void aPasswordChangeCutsEveryEarlierTokenAndGivesThisDeviceFreshOnes() {
    Member m = member();
    Device phone = login(m, "phone");
    Device laptop = login(m, "laptop");

    Reply changed = api.post("api/v1/me/password", phone.access(),
        "{\"currentPassword\":\"" + PASSWORD + "\",\"newPassword\":\"New-field-work-2027\"}");
    Device renewed = Device.of(changed);
    assertEquals(phone.session(), renewed.session());

    assertRefused(api.get("api/v1/me", phone.access()), 401, "TOKEN_REVOKED");
    assertRefused(refresh(phone.refresh()), 401, "REFRESH_TOKEN_REUSED");
    // That replay was this device's own old token, and it ended this device's session too: the rule has no exceptions.
    assertRefused(api.get("api/v1/me", renewed.access()), 401, "SESSION_ENDED");
    assertRefused(api.get("api/v1/me", laptop.access()), 401, "SESSION_ENDED");
    assertRefused(refresh(laptop.refresh()), 401, "SESSION_ENDED");
  }

  @Test
  void aPasswordChangeKeepsThisDeviceWorkingWithTheTokensItAnswers() {
    Member m = member();
    Device phone = login(m, "phone");
    Device renewed = Device.of(api.post("api/v1/me/password", phone.access(),
        "{\"currentPassword\":\"" + PASSWORD + "\",\"newPassword\":\"New-field-work-2027\"}"));
    assertEquals(200, api.get("api/v1/me", renewed.access()).status());
    assertEquals(200, api.get("api/v1/me", Device.of(refresh(renewed.refresh())).access()).status());
  }

  @Test
  void anAdministratorsPasswordResetEndsEverySession() {
    Member m = member();
    Device phone = login(m, "phone");
    assertEquals(200, api.post("api/v1/users/" + m.id() + "/password-reset", m.admin(), "").status());
    assertRefused(api.get("api/v1/me", phone.access()), 401, "SESSION_ENDED");
    assertRefused(refresh(phone.refresh()), 401, "SESSION_ENDED");
  }

  @Test
  void aRoleChangeCutsAccessTokensAndARefreshCarriesTheNewRoles() throws Exception {
    Member m = member();
    Device phone = login(m, "phone");
    assertEquals(List.of("SOCIAL_WORKER"), SignedJWT.parse(phone.access()).getJWTClaimsSet().getStringListClaim("groups"));

    Reply changed = api.request("PUT", "api/v1/users/" + m.id() + "/roles").bearer(m.admin())
        .json("{\"roles\":[\"SUPERVISOR\"]}").send();
    assertEquals(200, changed.status(), changed.body());
    assertRefused(api.get("api/v1/me", phone.access()), 401, "TOKEN_REVOKED");

    Device refreshed = Device.of(refresh(phone.refresh()));
    assertEquals(List.of("SUPERVISOR"), SignedJWT.parse(refreshed.access()).getJWTClaimsSet().getStringListClaim("groups"));
    assertEquals(200, api.get("api/v1/me", refreshed.access()).status());

    Reply own = api.request("PUT", "api/v1/users/" + adminId(m) + "/roles").bearer(m.admin())
        .json("{\"roles\":[\"SOCIAL_WORKER\"]}").send();
    assertRefused(own, 409, "USER_CANNOT_CHANGE_OWN_ROLES");
    Reply unknown = api.request("PUT", "api/v1/users/" + m.id() + "/roles").bearer(m.admin())
        .json("{\"roles\":[\"BUREAU_OFFICER\"]}").send();
    assertEquals("USER_ROLE_NOT_ALLOWED", unknown.fieldCode("roles"));
  }

  @Test
  void disablingEndsEverySessionForGoodEvenAfterEnabling() {
    Member m = member();
    Device phone = login(m, "phone");
    assertEquals(200, api.post("api/v1/users/" + m.id() + "/disable", m.admin(), "").status());
    assertRefused(api.get("api/v1/me", phone.access()), 401, "ACCOUNT_DISABLED");
    assertRefused(refresh(phone.refresh()), 401, "SESSION_ENDED");

    assertEquals(200, api.post("api/v1/users/" + m.id() + "/enable", m.admin(), "").status());
    assertRefused(api.get("api/v1/me", phone.access()), 401, "SESSION_ENDED");
    assertRefused(refresh(phone.refresh()), 401, "SESSION_ENDED");
    assertEquals(200, api.get("api/v1/me", login(m, "phone").access()).status(), "a new login works");
  }

  /**
   * The standing is checked inside the request's own transaction wherever the resource binds one (#15: one
   * transaction a request), in the filter's transaction elsewhere: both refuse alike, and a refused keyed write
   * changes nothing.
   */
  @Test
  void aDisabledAccountIsRefusedInTheRequestsTransactionAndOutsideItAndWritesNothing() {
    Member m = member();
    Device phone = login(m, "phone");
    assertEquals(200, api.get("api/v1/regions", phone.access()).status(), "a resource without a tenant binding");
    assertEquals(200, api.post("api/v1/users/" + m.id() + "/disable", m.admin(), "").status());

    assertRefused(api.get("api/v1/regions", phone.access()), 401, "ACCOUNT_DISABLED");
    assertRefused(api.get("api/v1/me", phone.access()), 401, "ACCOUNT_DISABLED");
    // A keyed write: its transaction is begun and bound by the idempotency filter, the check runs in it.
    Reply changed = api.request("POST", "api/v1/me/password").bearer(phone.access())
        .header("Idempotency-Key", "disabled-" + m.id())
        .json("{\"currentPassword\":\"" + PASSWORD + "\",\"newPassword\":\"Changed-while-off-2027\"}")
        .send();
    assertRefused(changed, 401, "ACCOUNT_DISABLED");

    assertEquals(200, api.post("api/v1/users/" + m.id() + "/enable", m.admin(), "").status());
    Device again = login(m, "phone");
    assertEquals(200, api.get("api/v1/me", again.access()).status(), "the old password still opens it: nothing written");
    Reply replay = api.request("POST", "api/v1/me/password").bearer(again.access())
        .header("Idempotency-Key", "disabled-" + m.id())
        .json("{\"currentPassword\":\"" + PASSWORD + "\",\"newPassword\":\"Changed-after-2027\"}")
        .send();
    assertEquals(200, replay.status(), "the refused request left its key free: " + replay.body());
    assertTrue(replay.header("Idempotent-Replayed").isEmpty(), "run, not replayed");
  }

  @Test
  void anExpiredSessionRefusesItsTokensAndItsRefresh() throws Exception {
    Member m = member();
    Device phone = login(m, "phone");
    try (Connection app = DriverManager.getConnection(
        "jdbc:postgresql://127.0.0.1:" + System.getProperty("shouhu.it.db.port") + "/shouhu", "shouhu_app", "embedded")) {
      app.setAutoCommit(false);
      try (PreparedStatement bind = app.prepareStatement("select set_config('app.tenant_id', ?, true)")) {
        bind.setString(1, m.org().id());
        bind.executeQuery().close();
      }
      try (PreparedStatement expire = app.prepareStatement(
          "update device_session set expires_at = now() - interval '1 second', created_at = now() - interval '30 days'"
              + " where id = ?")) {
        expire.setObject(1, UUID.fromString(phone.session()));
        assertEquals(1, expire.executeUpdate());
      }
      app.commit();
    }
    assertRefused(api.get("api/v1/me", phone.access()), 401, "SESSION_ENDED");
    assertRefused(refresh(phone.refresh()), 401, "SESSION_EXPIRED");
  }

  @Test
  void aLoginForgetsTheUsersSessionsThatEndedLongAgoAndKeepsRecentOnes() throws Exception {
    Member m = member();
    Device old = login(m, "old phone");
    Device recent = login(m, "recent phone");
    Device live = login(m, "tablet");
    assertEquals(204, api.post("api/v1/tokens/logout", old.access(), "{}").status());
    assertEquals(204, api.post("api/v1/tokens/logout", recent.access(), "{}").status());
    try (Connection app = appConnection(m)) {
      try (PreparedStatement age = app.prepareStatement(
          "update device_session set revoked_at = now() - interval '31 days' where id = ?")) {
        age.setObject(1, UUID.fromString(old.session()));
        assertEquals(1, age.executeUpdate());
      }
      app.commit();
    }
    login(m, "laptop");
    try (Connection app = appConnection(m);
        PreparedStatement sessions = app.prepareStatement("select id from device_session where user_id = ?");
        PreparedStatement tokens = app.prepareStatement(
            "select count(*) from refresh_token where session_id = ?")) {
      sessions.setObject(1, UUID.fromString(m.id()));
      java.util.Set<String> kept = new java.util.HashSet<>();
      try (var rows = sessions.executeQuery()) {
        while (rows.next()) {
          kept.add(rows.getString(1));
        }
      }
      assertFalse(kept.contains(old.session()), "a session ended 31 days ago is forgotten: " + kept);
      assertTrue(kept.contains(recent.session()), "a session ended today is kept (a reused token is still told apart)");
      assertTrue(kept.contains(live.session()), "a live session is kept");
      assertEquals(4 - 1, kept.size(), "the new login's session and the two kept: " + kept);
      tokens.setObject(1, UUID.fromString(old.session()));
      try (var count = tokens.executeQuery()) {
        count.next();
        assertEquals(0, count.getInt(1), "and its refresh tokens with it");
      }
    }
    assertRefused(refresh(old.refresh()), 401, "REFRESH_TOKEN_INVALID");
    assertEquals(200, api.get("api/v1/me", live.access()).status(), "the live device still works");
  }

  private Connection appConnection(Member m) throws Exception {
    Connection app = DriverManager.getConnection(
        "jdbc:postgresql://127.0.0.1:" + System.getProperty("shouhu.it.db.port") + "/shouhu", "shouhu_app", "embedded");
    app.setAutoCommit(false);
    try (PreparedStatement bind = app.prepareStatement("select set_config('app.tenant_id', ?, true)")) {
      bind.setString(1, m.org().id());
      bind.executeQuery().close();
    }
    return app;
  }

  @Test
  void theUserListsTheirDevicesAndEndsOneOrAllOthers() {
    Member m = member();
    Device phone = login(m, "王芳的手机");
    Device laptop = login(m, "office laptop");
    Device tablet = login(m, "tablet");

    JsonArray listed = array(api.get("api/v1/me/sessions", phone.access()));
    assertEquals(3, listed.size(), listed.toString());
    JsonObject mine = listed.stream().map(v -> v.asJsonObject())
        .filter(s -> s.getString("id").equals(phone.session())).findFirst().orElseThrow();
    assertTrue(mine.getBoolean("current"));
    assertEquals("王芳的手机", mine.getString("label"));
    assertTrue(mine.containsKey("createdAt") && mine.containsKey("lastUsedAt") && mine.containsKey("expiresAt"));

    assertEquals(204, delete("api/v1/me/sessions/" + laptop.session(), phone.access()).status());
    assertRefused(api.get("api/v1/me", laptop.access()), 401, "SESSION_ENDED");
    assertEquals(2, array(api.get("api/v1/me/sessions", phone.access())).size());

    Reply others = delete("api/v1/me/sessions", phone.access());
    assertEquals(200, others.status(), others.body());
    assertEquals(1, others.json().getInt("revoked"));
    assertRefused(refresh(tablet.refresh()), 401, "SESSION_ENDED");
    assertEquals(200, api.get("api/v1/me", phone.access()).status(), "this device stays");
  }

  @Test
  void theOrgAdminListsAndEndsAMembersSessions() {
    Member m = member();
    Device phone = login(m, "phone");
    Device laptop = login(m, "laptop");

    JsonArray listed = array(api.get("api/v1/users/" + m.id() + "/sessions", m.admin()));
    assertEquals(2, listed.size(), listed.toString());
    assertFalse(listed.getJsonObject(0).getBoolean("current"));

    assertEquals(204, delete("api/v1/users/" + m.id() + "/sessions/" + phone.session(), m.admin()).status());
    assertRefused(api.get("api/v1/me", phone.access()), 401, "SESSION_ENDED");
    assertEquals(200, api.get("api/v1/me", laptop.access()).status());

    Reply all = delete("api/v1/users/" + m.id() + "/sessions", m.admin());
    assertEquals(1, all.json().getInt("revoked"), all.body());
    assertRefused(api.get("api/v1/me", laptop.access()), 401, "SESSION_ENDED");
    assertRefused(api.get("api/v1/users/" + m.id() + "/sessions", phone.access()), 401, "SESSION_ENDED");
  }

  @Test
  void anotherTenantsOrAnotherUsersSessionIsNotFound() {
    Member a = member();
    Member b = member();
    Device aPhone = login(a, "phone");
    Device bPhone = login(b, "phone");

    assertRefused(api.get("api/v1/users/" + b.id() + "/sessions", a.admin()), 404, "NOT_FOUND");
    assertRefused(delete("api/v1/users/" + a.id() + "/sessions/" + bPhone.session(), a.admin()), 404, "NOT_FOUND");
    assertRefused(delete("api/v1/me/sessions/" + bPhone.session(), aPhone.access()), 404, "NOT_FOUND");
    String adminSession = array(api.get("api/v1/me/sessions", a.admin())).getJsonObject(0).getString("id");
    assertRefused(delete("api/v1/me/sessions/" + adminSession, aPhone.access()), 404, "NOT_FOUND");
    assertEquals(200, api.get("api/v1/me", bPhone.access()).status(), "nothing of b's was touched");
    assertEquals(200, api.get("api/v1/me", a.admin()).status());
  }

  private static JsonArray array(Reply reply) {
    assertEquals(200, reply.status(), reply.body());
    return Json.createReader(new java.io.StringReader(reply.body())).readArray();
  }

  private String adminId(Member m) {
    return api.get("api/v1/me", m.admin()).json().getJsonObject("user").getString("id");
  }
}
