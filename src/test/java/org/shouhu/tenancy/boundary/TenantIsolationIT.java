package org.shouhu.tenancy.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URL;
import java.util.List;
import java.util.Set;
import java.util.UUID;
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
 * Tenant isolation through the API: organization A cannot list, read, change or guess B's users, and an id of
 * B's answers exactly like an id of nobody.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class TenantIsolationIT {

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.application();
  }

  @ArquillianResource URL base;
  Api api;
  String adminA;
  String adminB;
  String userOfB;

  @BeforeEach
  void twoOrganizations() {
    api = new Api(base);
    String platform = api.platformToken();
    Api.Org a = api.onboardOrganization(platform);
    Api.Org b = api.onboardOrganization(platform);
    adminA = api.login(a.slug(), "admin", a.adminPassword());
    adminB = api.login(b.slug(), "admin", b.adminPassword());
    var created = api.post("api/v1/users", adminB,
        "{\"username\":\"li.na\",\"displayName\":\"李娜\",\"roles\":[\"SOCIAL_WORKER\"],\"password\":\"Village-visit-7\"}");
    assertEquals(201, created.status(), created.body());
    userOfB = created.json().getJsonObject("user").getString("id");
  }

  @Test
  void listsOnlyTheCallersOwnUsers() {
    Set<String> idsSeenByA = ids(api.get("api/v1/users", adminA).json());
    Set<String> idsSeenByB = ids(api.get("api/v1/users", adminB).json());
    assertTrue(idsSeenByB.contains(userOfB));
    assertFalse(idsSeenByA.contains(userOfB));
    assertTrue(idsSeenByA.stream().noneMatch(idsSeenByB::contains), "no user is visible to both tenants");
    assertEquals(1, api.get("api/v1/users", adminA).json().getInt("total"), "A has only its admin");
  }

  @Test
  void anotherTenantsUserIdAnswersExactlyLikeAnIdOfNobody() {
    var theirs = api.get("api/v1/users/" + userOfB, adminA);
    var nobodys = api.get("api/v1/users/" + UUID.randomUUID(), adminA);
    assertEquals(404, theirs.status());
    assertEquals(404, nobodys.status());
    assertEquals(withoutRequestId(nobodys.json()), withoutRequestId(theirs.json()));
    assertEquals(404, api.get("api/v1/users/not-a-uuid", adminA).status());
  }

  @Test
  void cannotChangeAnotherTenantsUser() {
    for (String action : List.of("disable", "enable", "password-reset")) {
      var reply = api.post("api/v1/users/" + userOfB + "/" + action, adminA, "");
      assertEquals(404, reply.status(), action + ": " + reply.body());
      assertEquals("NOT_FOUND", reply.code());
    }
    JsonObject stillThere = api.get("api/v1/users/" + userOfB, adminB).json();
    assertEquals("ACTIVE", stillThere.getString("status"));
    assertFalse(stillThere.getBoolean("mustChangePassword"), "no password reset leaked through");
    assertEquals(200, api.loginAttempt(api.get("api/v1/me", adminB).json().getJsonObject("tenant").getString("slug"),
        "li.na", "Village-visit-7", null).status());
  }

  @Test
  void theSameUsernameInTwoTenantsIsTwoAccounts() {
    var inA = api.post("api/v1/users", adminA,
        "{\"username\":\"li.na\",\"displayName\":\"另一个李娜\",\"roles\":[\"SUPERVISOR\"],\"password\":\"Other-li-na-1\"}");
    assertEquals(201, inA.status(), inA.body());
    assertFalse(inA.json().getJsonObject("user").getString("id").equals(userOfB));
  }

  @Test
  void thePlatformOperatorSeesNoTenantData() {
    var reply = api.get("api/v1/users", api.platformToken());
    assertEquals(403, reply.status());
  }

  @Test
  void aBureauAdministratorSeesOnlyTheBureausAccounts() {
    String bureauAdmin = api.login("tianmen-mzj", "admin", Api.DEMO_PASSWORD);
    var users = api.get("api/v1/users", bureauAdmin).json();
    Set<String> names = users.getJsonArray("items").stream()
        .map(v -> v.asJsonObject().getString("username")).collect(Collectors.toSet());
    assertEquals(Set.of("admin", "officer"), names);
    assertEquals(404, api.get("api/v1/users/" + userOfB, bureauAdmin).status());
  }

  private static Set<String> ids(JsonObject page) {
    return page.getJsonArray("items").stream()
        .map(JsonValue::asJsonObject)
        .map(u -> u.getString("id"))
        .collect(Collectors.toSet());
  }

  private static JsonObject withoutRequestId(JsonObject problem) {
    var copy = jakarta.json.Json.createObjectBuilder(problem);
    copy.remove("requestId");
    return copy.build();
  }
}
