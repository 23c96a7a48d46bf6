package org.shouhu.tenancy.boundary;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What the caller's token says, read once per request from the token MicroProfile JWT has already verified. Asked
 * claim by claim, Payara's {@code JsonWebToken.getClaim} answers a claim outside the specification's list (ours:
 * {@code tenant_id}, {@code sid}, {@code gen}) only after {@code Claims.valueOf} has thrown and filled in a stack
 * trace, each call through a CDI proxy and reflection: about 2 % of a home visit's CPU (#15, session 12). The payload
 * is the same verified JSON, so decoding it here changes nothing but the cost.
 *
 * @param subject the user's id ({@code sub})
 * @param upn the username, null when the token names none
 * @param groups the roles
 * @param tenant the tenant's id as written in the token, null when it names none
 * @param session the device session ({@code sid}), null when it names none
 * @param generation the user's token generation ({@code gen}), null when it names none or not as a number
 */
record TokenClaims(
    String subject, String upn, Set<String> groups, String tenant, String session, Integer generation) {

  private static final JsonProvider JSON = JsonProvider.provider();

  TokenClaims {
    groups = Set.copyOf(groups);
  }

  /** The claims of a compact JWS ({@code header.payload.signature}) that has already been verified. */
  static TokenClaims ofVerified(String compact) {
    int first = compact.indexOf('.');
    int second = compact.indexOf('.', first + 1);
    if (first < 0 || second < 0) {
      throw new IllegalArgumentException("not a compact JWS");
    }
    String payload =
        new String(Base64.getUrlDecoder().decode(compact.substring(first + 1, second)), StandardCharsets.UTF_8);
    JsonObject claims;
    try (var reader = JSON.createReader(new StringReader(payload))) {
      claims = reader.readObject();
    }
    return new TokenClaims(
        text(claims, "sub"),
        text(claims, "upn"),
        groups(claims.get("groups")),
        text(claims, "tenant_id"),
        text(claims, "sid"),
        claims.get("gen") instanceof JsonNumber n && n.isIntegral() ? n.intValue() : null);
  }

  private static String text(JsonObject claims, String name) {
    return claims.get(name) instanceof JsonString s ? s.getString() : null;
  }

  /** As MicroProfile JWT reads {@code groups}: an array of names, or one name alone. */
  private static Set<String> groups(JsonValue value) {
    Set<String> names = new LinkedHashSet<>();
    if (value instanceof JsonString one) {
      names.add(one.getString());
    } else if (value instanceof JsonArray many) {
      for (JsonValue v : many) {
        if (v instanceof JsonString s) {
          names.add(s.getString());
        }
      }
    }
    return names;
  }
}
