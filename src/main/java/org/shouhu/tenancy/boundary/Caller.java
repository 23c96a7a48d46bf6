package org.shouhu.tenancy.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.shouhu.problems.entity.ProblemException;
import org.shouhu.tenancy.entity.TenantId;

/**
 * The authenticated caller as the verified token describes it. The only source of the tenant for a request:
 * never a header, a path segment or a body field.
 */
@RequestScoped
public class Caller {

  public static final String TENANT_CLAIM = "tenant_id";

  @Inject JsonWebToken token;

  // This bean lives as long as its request: the token is read once, not once for each of the many questions a
  // request asks of its caller (TokenClaims says why that matters).
  private TokenClaims claims;
  private boolean read;

  /** The verified token's claims; null when the request carries none (or, failing closed, none that reads). */
  private TokenClaims claims() {
    if (!read) {
      String raw = token == null ? null : token.getRawToken();
      try {
        claims = raw == null ? null : TokenClaims.ofVerified(raw);
      } catch (RuntimeException e) {
        claims = null;
      }
      read = true;
    }
    return claims;
  }

  public boolean isAuthenticated() {
    return claims() != null;
  }

  public TenantId tenant() {
    String claim = isAuthenticated() ? claims().tenant() : null;
    if (claim == null) {
      throw new ProblemException(401, "UNAUTHENTICATED", "Unauthenticated", "The token names no tenant.");
    }
    try {
      return TenantId.of(claim);
    } catch (RuntimeException e) {
      throw new ProblemException(401, "UNAUTHENTICATED", "Unauthenticated", "The token names no valid tenant.");
    }
  }

  public UUID userId() {
    try {
      return UUID.fromString(claims().subject());
    } catch (RuntimeException e) {
      throw new ProblemException(401, "UNAUTHENTICATED", "Unauthenticated", "The token names no valid user.");
    }
  }

  /** The device session the token belongs to (claim sid); empty for a token that names none. */
  public java.util.Optional<UUID> sessionId() {
    String claim = isAuthenticated() ? claims().session() : null;
    try {
      return claim == null ? java.util.Optional.empty() : java.util.Optional.of(UUID.fromString(claim));
    } catch (RuntimeException e) {
      return java.util.Optional.empty();
    }
  }

  /** The user's token generation when the token was issued (claim gen); -1 for a token that names none. */
  public int tokenGeneration() {
    Integer claim = isAuthenticated() ? claims().generation() : null;
    return claim == null ? -1 : claim;
  }

  public String username() {
    TokenClaims read = claims();
    if (read == null) {
      return null;
    }
    return read.upn() != null ? read.upn() : read.subject();
  }

  public Set<String> roles() {
    return isAuthenticated() ? claims().groups() : Set.of();
  }

  public boolean hasRole(String role) {
    return roles().contains(role);
  }
}
