package org.shouhu.identity.control;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.shouhu.identity.entity.Role;
import org.shouhu.identity.entity.User;
import org.shouhu.tenancy.entity.Tenant;

/**
 * Signs the short-lived access tokens MP-JWT verifies on every request: ten minutes by default, at most fifteen. Each
 * names its device session ({@code sid}) and its user's token generation ({@code gen}), which the standing check
 * compares on every request, so logout, revocation, a password or role change and disabling cut a token at once
 * rather than when it expires. Its shortness bounds what a copy is worth if the key that checks those is ever
 * bypassed, and how long old roles linger in a token a client still holds.
 */
@ApplicationScoped
public class TokenIssuer {

  public static final String AUDIENCE = "shouhu";
  public static final String SESSION_CLAIM = "sid";
  public static final String GENERATION_CLAIM = "gen";

  @Inject SigningKey signingKey;

  @Inject
  @ConfigProperty(name = "shouhu.jwt.issuer")
  String issuer;

  @Inject
  @ConfigProperty(name = "shouhu.jwt.lifetime-minutes", defaultValue = "10")
  long lifetimeMinutes;

  Clock clock = Clock.systemUTC();

  public record Issued(String token, Instant expiresAt) {}

  public Issued issue(User user, Tenant tenant, UUID sessionId) {
    Instant now = clock.instant();
    Instant expires = now.plus(Duration.ofMinutes(Math.min(lifetimeMinutes, 15)));
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .issuer(issuer)
            .subject(user.id().toString())
            .audience(AUDIENCE)
            .claim("upn", user.username().value())
            .claim("name", user.displayName())
            .claim("groups", user.roles().stream().map(Role::name).sorted().toList())
            .claim("tenant_id", tenant.id().toString())
            .claim("tenant_slug", tenant.slug().value())
            .claim("tenant_kind", tenant.kind().name())
            .claim(SESSION_CLAIM, sessionId.toString())
            .claim(GENERATION_CLAIM, user.tokenGeneration())
            .issueTime(Date.from(now))
            .notBeforeTime(Date.from(now))
            .expirationTime(Date.from(expires))
            .jwtID(UUID.randomUUID().toString())
            .build();
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.RS256)
                .type(JOSEObjectType.JWT)
                .keyID(signingKey.key().getKeyID())
                .build(),
            claims);
    try {
      jwt.sign(new RSASSASigner(signingKey.key()));
    } catch (JOSEException e) {
      throw new IllegalStateException("token signing failed", e);
    }
    return new Issued(jwt.serialize(), expires);
  }
}
