package org.shouhu.tenancy.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TokenClaimsTest {

  private static String compact(String payloadJson) {
    var b64 = Base64.getUrlEncoder().withoutPadding();
    return b64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8))
        + "."
        + b64.encodeToString(payloadJson.getBytes(StandardCharsets.UTF_8))
        + ".c2lnbmF0dXJl";
  }

  @Test
  void readsTheClaimsTheIssuerWrites() {
    var claims =
        TokenClaims.ofVerified(
            compact(
                "{\"sub\":\"7c0e3d57-0d0a-4c55-9a51-2d3b5d1f0c11\",\"upn\":\"李华\",\"groups\":[\"SOCIAL_WORKER\","
                    + "\"ORG_ADMIN\"],\"tenant_id\":\"2b1f7c3e-59a4-4d7c-8d55-7f5ab0c2d9e1\","
                    + "\"sid\":\"0f6e6a2c-3c57-4b0e-9d8e-5a8f7b6c1d20\",\"gen\":3,\"exp\":1796633873}"));

    assertEquals("7c0e3d57-0d0a-4c55-9a51-2d3b5d1f0c11", claims.subject());
    assertEquals("李华", claims.upn(), "UTF-8 payload");
    assertEquals(Set.of("SOCIAL_WORKER", "ORG_ADMIN"), claims.groups());
    assertEquals("2b1f7c3e-59a4-4d7c-8d55-7f5ab0c2d9e1", claims.tenant());
    assertEquals("0f6e6a2c-3c57-4b0e-9d8e-5a8f7b6c1d20", claims.session());
    assertEquals(3, claims.generation());
  }

  @Test
  void aClaimTheTokenDoesNotNameIsNullAndOneGroupAloneIsAGroup() {
    var claims = TokenClaims.ofVerified(compact("{\"sub\":\"u\",\"groups\":\"BUREAU_OFFICER\"}"));

    assertEquals(Set.of("BUREAU_OFFICER"), claims.groups());
    assertNull(claims.tenant());
    assertNull(claims.session());
    assertNull(claims.upn());
    assertNull(claims.generation());
  }

  @Test
  void aClaimOfTheWrongKindIsNotReadAsAnother() {
    var claims = TokenClaims.ofVerified(compact("{\"sub\":\"u\",\"tenant_id\":42,\"gen\":\"3\",\"groups\":[1,\"A\"]}"));

    assertNull(claims.tenant(), "a tenant is a string or nothing");
    assertNull(claims.generation(), "a generation is a whole number or nothing");
    assertEquals(Set.of("A"), claims.groups());
  }

  @Test
  void whatIsNotACompactTokenIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> TokenClaims.ofVerified("no-dots-here"));
    assertThrows(RuntimeException.class, () -> TokenClaims.ofVerified("a.!!!.c"));
  }
}
