package org.shouhu.identity.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
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
import org.shouhu.Deployments;

/** Logging in, throttling and lockout, and every way a token can be refused. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AuthenticationIT {

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

  @Test
  void issuesShortLivedRs256TokenWithTenantAndRoles() throws Exception {
    var reply = api.loginAttempt("chunhui-sw", "worker", Api.DEMO_PASSWORD, null);
    assertEquals(200, reply.status(), reply.body());
    assertTrue(reply.header("Cache-Control").orElse("").contains("no-store"));
    SignedJWT jwt = SignedJWT.parse(reply.json().getString("access_token"));
    assertEquals(JWSAlgorithm.RS256, jwt.getHeader().getAlgorithm());
    JWTClaimsSet claims = jwt.getJWTClaimsSet();
    assertEquals(List.of("SOCIAL_WORKER"), claims.getStringListClaim("groups"));
    assertEquals("worker", claims.getStringClaim("upn"));
    assertEquals("urn:shouhu", claims.getIssuer());
    long lifetime = Duration.between(claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant()).toMinutes();
    assertTrue(lifetime > 0 && lifetime <= 15, "lifetime " + lifetime);

    String me = api.get("api/v1/me", reply.json().getString("access_token")).body();
    assertTrue(me.contains(claims.getStringClaim("tenant_id")), me);
    assertTrue(me.contains("\"slug\":\"chunhui-sw\""), me);
  }

  @Test
  void publishesTheVerificationKeyAsJwks() throws Exception {
    var reply = api.get(".well-known/jwks.json", null);
    assertEquals(200, reply.status());
    JWKSet set = JWKSet.parse(reply.body());
    RSAKey key = set.getKeys().get(0).toRSAKey();
    assertFalse(key.isPrivate(), "JWKS must not publish the private key");
    SignedJWT token = SignedJWT.parse(api.login("chunhui-sw", "worker", Api.DEMO_PASSWORD));
    assertEquals(key.getKeyID(), token.getHeader().getKeyID());
    assertTrue(token.verify(new com.nimbusds.jose.crypto.RSASSAVerifier(key)));
  }

  @Test
  void refusesWrongPasswordUnknownUserAndUnknownTenantAlike() {
    var wrongPassword = api.loginAttempt("chunhui-sw", "worker", "not-the-password-1", "198.51.100.1");
    var unknownUser = api.loginAttempt("chunhui-sw", "nobody", "not-the-password-1", "198.51.100.1");
    var unknownTenant = api.loginAttempt("no-such-tenant", "worker", "not-the-password-1", "198.51.100.1");
    for (var r : List.of(wrongPassword, unknownUser, unknownTenant)) {
      assertEquals(401, r.status(), r.body());
      assertEquals("AUTH_FAILED", r.code());
    }
    assertEquals(wrongPassword.json().getString("detail"), unknownTenant.json().getString("detail"));
  }

  @Test
  void locksTheAccountAfterFiveWrongPasswordsEvenForTheRightOne() {
    String platform = api.platformToken();
    Api.Org org = api.onboardOrganization(platform);
    for (int i = 1; i <= 4; i++) {
      assertEquals("AUTH_FAILED", api.loginAttempt(org.slug(), "admin", "wrong-password-" + i, "198.51.100.2").code());
    }
    var fifth = api.loginAttempt(org.slug(), "admin", "wrong-password-5", "198.51.100.2");
    assertEquals(429, fifth.status());
    assertEquals("ACCOUNT_LOCKED", fifth.code());
    assertTrue(Integer.parseInt(fifth.header("Retry-After").orElse("0")) > 0);

    var rightPassword = api.loginAttempt(org.slug(), "admin", org.adminPassword(), "198.51.100.2");
    assertEquals(429, rightPassword.status(), "a locked account refuses even the right password");
    assertEquals("ACCOUNT_LOCKED", rightPassword.code());
  }

  @Test
  void locksAtTheFifthWrongPasswordWhenTheyArriveAllAtOnce() throws Exception {
    String platform = api.platformToken();
    Api.Org org = api.onboardOrganization(platform);
    var pool = java.util.concurrent.Executors.newFixedThreadPool(12);
    try {
      List<java.util.concurrent.Future<String>> codes = new java.util.ArrayList<>();
      for (int i = 0; i < 24; i++) {
        String address = "198.51.100." + (100 + i);
        int n = i;
        codes.add(pool.submit(() -> api.loginAttempt(org.slug(), "admin", "wrong-password-" + n, address).code()));
      }
      int checked = 0;
      for (var code : codes) {
        if ("AUTH_FAILED".equals(code.get())) {
          checked++;
        }
      }
      // Four wrong passwords are refused as such; the fifth locks, and every later one meets the lock. Without
      // the row lock, concurrent attempts each read the same count and more than four passwords get checked.
      assertEquals(4, checked, "passwords checked before the lock");
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void throttlesAnAddressThatSpraysPasswordsAcrossAccounts() {
    String address = "203.0.113." + (1 + (int) (Math.random() * 250));
    int refused = 0;
    for (int i = 0; i < 30; i++) {
      var r = api.loginAttempt("chunhui-sw", "sprayed-" + i, "Spray-attempt-" + i, address);
      assertEquals(401, r.status(), r.body());
      refused++;
    }
    assertEquals(30, refused);
    var throttled = api.loginAttempt("chunhui-sw", "worker", Api.DEMO_PASSWORD, address);
    assertEquals(429, throttled.status());
    assertEquals("LOGIN_THROTTLED", throttled.code());
    assertTrue(throttled.header("Retry-After").isPresent());

    var elsewhere = api.loginAttempt("chunhui-sw", "worker", Api.DEMO_PASSWORD, "192.0.2.77");
    assertEquals(200, elsewhere.status(), "other addresses are unaffected");
  }

  @Test
  void rejectsExpiredToken() throws Exception {
    SignedJWT valid = SignedJWT.parse(api.login("chunhui-sw", "worker", Api.DEMO_PASSWORD));
    Instant past = Instant.now().minus(Duration.ofHours(1));
    String expired = sign(signingKey(), claims(valid).issueTime(Date.from(past.minusSeconds(600)))
        .notBeforeTime(Date.from(past.minusSeconds(600))).expirationTime(Date.from(past)).build());
    assertUnauthenticated(expired);
    // The same claims with a fresh expiry are accepted, so it is the expiry that was refused.
    String fresh = sign(signingKey(), claims(valid).expirationTime(Date.from(Instant.now().plusSeconds(300))).build());
    assertEquals(200, api.get("api/v1/me", fresh).status());
  }

  @Test
  void rejectsTokenSignedWithAnotherKey() throws Exception {
    SignedJWT valid = SignedJWT.parse(api.login("chunhui-sw", "worker", Api.DEMO_PASSWORD));
    RSAKey stranger = new RSAKeyGenerator(2048).keyID(valid.getHeader().getKeyID()).generate();
    assertUnauthenticated(sign(stranger, claims(valid).build()));
    assertEquals(200, api.get("api/v1/me", sign(signingKey(), claims(valid).build())).status(), "control");
  }

  @Test
  void acceptsATokenOfTheOtherKeyOfARotationByItsKid() throws Exception {
    SignedJWT valid = SignedJWT.parse(api.login("chunhui-sw", "worker", Api.DEMO_PASSWORD));
    RSAKey second = rsaKey(Path.of(System.getProperty("shouhu.it.second-key")));
    assertNotEquals(valid.getHeader().getKeyID(), second.getKeyID());

    JWKSet published = JWKSet.parse(api.get(".well-known/jwks.json", null).body());
    assertNotNull(published.getKeyByKeyId(valid.getHeader().getKeyID()), "the signing key is published");
    assertNotNull(published.getKeyByKeyId(second.getKeyID()), "the accepted key is published beside it");
    assertEquals(2, published.getKeys().size());

    assertEquals(200, api.get("api/v1/me", sign(second, claims(valid).build())).status(),
        "a token signed with the other key of a rotation verifies by its kid");
    RSAKey secondUnderWrongKid = new RSAKey.Builder(second).keyID(valid.getHeader().getKeyID()).build();
    assertUnauthenticated(sign(secondUnderWrongKid, claims(valid).build()));
  }

  @Test
  void rejectsUnsignedAlgNoneToken() throws Exception {
    SignedJWT valid = SignedJWT.parse(api.login("chunhui-sw", "worker", Api.DEMO_PASSWORD));
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String header = b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
    String payload = b64.encodeToString(valid.getJWTClaimsSet().toString().getBytes(StandardCharsets.UTF_8));
    assertUnauthenticated(header + "." + payload + ".");
  }

  @Test
  void rejectsTokenWhoseTenantWasTamperedWith() throws Exception {
    String token = api.login("chunhui-sw", "admin", Api.DEMO_PASSWORD);
    String otherTenant = SignedJWT.parse(api.login("shouwang-sw", "admin", Api.DEMO_PASSWORD))
        .getJWTClaimsSet().getStringClaim("tenant_id");
    String[] parts = token.split("\\.");
    String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
    String current = SignedJWT.parse(token).getJWTClaimsSet().getStringClaim("tenant_id");
    String forged = payload.replace(current, otherTenant);
    assertFalse(forged.equals(payload));
    String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
        .encodeToString(forged.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
    assertUnauthenticated(tampered);
  }

  @Test
  void refusesARoleTheTokenDoesNotCarry() {
    String worker = api.login("chunhui-sw", "worker", Api.DEMO_PASSWORD);
    var reply = api.get("api/v1/users", worker);
    assertEquals(403, reply.status());
    assertEquals("FORBIDDEN", reply.code());
    var platformArea = api.get("api/v1/tenants", api.login("chunhui-sw", "admin", Api.DEMO_PASSWORD));
    assertEquals(403, platformArea.status());
  }

  @Test
  void requiresATokenEverywhereButLoginHealthAndOpenApi() {
    for (String path : List.of("api/v1/me", "api/v1/users", "api/v1/tenants")) {
      var reply = api.get(path, null);
      assertEquals(401, reply.status(), path);
      assertEquals("UNAUTHENTICATED", reply.code());
      assertEquals("Bearer", reply.header("WWW-Authenticate").orElse(""));
    }
    assertEquals(200, api.get("health/ready", null).status());
    assertEquals(200, api.get("openapi", null).status());
  }

  @Test
  void suspendingATenantLocksOutItsUsersAndTheirExistingTokens() {
    String platform = api.platformToken();
    Api.Org org = api.onboardOrganization(platform);
    String token = api.login(org.slug(), "admin", org.adminPassword());
    assertEquals(200, api.get("api/v1/me", token).status());

    var suspended = api.post("api/v1/tenants/" + org.id() + "/suspend", platform, "{\"reason\":\"合同到期未续签\"}");
    assertEquals(200, suspended.status(), suspended.body());
    assertEquals("SUSPENDED", suspended.json().getString("status"));

    var withOldToken = api.get("api/v1/me", token);
    assertEquals(403, withOldToken.status());
    assertEquals("TENANT_SUSPENDED", withOldToken.code());
    var login = api.loginAttempt(org.slug(), "admin", org.adminPassword(), null);
    assertEquals(403, login.status());
    assertEquals("TENANT_SUSPENDED", login.code());

    assertEquals(200, api.post("api/v1/tenants/" + org.id() + "/reactivate", platform, "").status());
    assertEquals(200, api.get("api/v1/me", token).status(), "reactivation restores access");
  }

  @Test
  void disablingAUserStopsTheirTokenAtOnce() {
    String platform = api.platformToken();
    Api.Org org = api.onboardOrganization(platform);
    String admin = api.login(org.slug(), "admin", org.adminPassword());
    var created = api.post("api/v1/users", admin,
        "{\"username\":\"wang.fang\",\"displayName\":\"王芳\",\"roles\":[\"SOCIAL_WORKER\"],\"password\":\"Field-work-2026\"}");
    assertEquals(201, created.status(), created.body());
    String id = created.json().getJsonObject("user").getString("id");
    String worker = api.login(org.slug(), "wang.fang", "Field-work-2026");
    assertEquals(200, api.get("api/v1/me", worker).status());

    assertEquals(200, api.post("api/v1/users/" + id + "/disable", admin, "").status());
    assertEquals(401, api.get("api/v1/me", worker).status());
    assertEquals("ACCOUNT_DISABLED", api.loginAttempt(org.slug(), "wang.fang", "Field-work-2026", null).code());
  }

  @Test
  void aTemporaryPasswordOpensNothingButItsOwnReplacement() {
    Api.Org org = api.onboardOrganization(api.platformToken());
    String admin = api.login(org.slug(), "admin", org.adminPassword());
    var created = api.post("api/v1/users", admin,
        "{\"username\":\"zhao.lei\",\"displayName\":\"赵磊\",\"roles\":[\"ORG_ADMIN\"]}");
    assertEquals(201, created.status(), created.body());
    String temporary = created.json().getString("temporaryPassword");
    var login = api.loginAttempt(org.slug(), "zhao.lei", temporary, null);
    assertTrue(login.json().getBoolean("must_change_password"));
    String token = login.json().getString("access_token");

    assertEquals(200, api.get("api/v1/me", token).status());
    var blocked = api.get("api/v1/users", token);
    assertEquals(403, blocked.status());
    assertEquals("PASSWORD_CHANGE_REQUIRED", blocked.code());

    var changed = api.post("api/v1/me/password", token,
        "{\"currentPassword\":\"" + temporary + "\",\"newPassword\":\"Own-choice-2026\"}");
    assertEquals(200, changed.status(), changed.body());
    assertEquals(401, api.get("api/v1/users", token).status(), "the change cut the token the temporary password got");
    String renewed = changed.json().getString("access_token");
    assertEquals(200, api.get("api/v1/users", renewed).status(), "the tokens the change answers open everything");
    assertEquals(200, api.loginAttempt(org.slug(), "zhao.lei", "Own-choice-2026", null).status());
  }

  private void assertUnauthenticated(String token) {
    var reply = api.get("api/v1/me", token);
    assertEquals(401, reply.status(), reply.body());
    assertEquals("UNAUTHENTICATED", reply.code());
  }

  private static JWTClaimsSet.Builder claims(SignedJWT valid) throws Exception {
    return new JWTClaimsSet.Builder(valid.getJWTClaimsSet()).jwtID(UUID.randomUUID().toString());
  }

  private static String sign(RSAKey key, JWTClaimsSet claims) throws Exception {
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).keyID(key.getKeyID()).build(), claims);
    jwt.sign(new RSASSASigner(key));
    return jwt.serialize();
  }

  /** The application's real signing key, which the dev-mode key store wrote into the test data folder. */
  private static RSAKey signingKey() throws Exception {
    return rsaKey(Path.of(System.getProperty("shouhu.it.data.dir"), "keys", "jwt-signing.pem"));
  }

  private static RSAKey rsaKey(Path file) throws Exception {
    String pem = Files.readString(file);
    byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
    RSAPrivateCrtKey priv = (RSAPrivateCrtKey) KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
    RSAPublicKey pub = (RSAPublicKey) KeyFactory.getInstance("RSA")
        .generatePublic(new RSAPublicKeySpec(priv.getModulus(), priv.getPublicExponent()));
    return new RSAKey.Builder(pub).privateKey(priv).keyIDFromThumbprint().build();
  }
}
