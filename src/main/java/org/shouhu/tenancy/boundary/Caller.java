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

  public boolean isAuthenticated() {
    return token != null && token.getRawToken() != null;
  }

  public TenantId tenant() {
    Object claim = isAuthenticated() ? token.getClaim(TENANT_CLAIM) : null;
    if (claim == null) {
      throw new ProblemException(401, "UNAUTHENTICATED", "Unauthenticated", "The token names no tenant.");
    }
    try {
      return TenantId.of(claim.toString().replace("\"", ""));
    } catch (RuntimeException e) {
      throw new ProblemException(401, "UNAUTHENTICATED", "Unauthenticated", "The token names no valid tenant.");
    }
  }

  public UUID userId() {
    try {
      return UUID.fromString(token.getSubject());
    } catch (RuntimeException e) {
      throw new ProblemException(401, "UNAUTHENTICATED", "Unauthenticated", "The token names no valid user.");
    }
  }

  /** The device session the token belongs to (claim sid); empty for a token that names none. */
  public java.util.Optional<UUID> sessionId() {
    Object claim = isAuthenticated() ? token.getClaim("sid") : null;
    try {
      return claim == null ? java.util.Optional.empty() : java.util.Optional.of(UUID.fromString(unquoted(claim)));
    } catch (RuntimeException e) {
      return java.util.Optional.empty();
    }
  }

  /** The user's token generation when the token was issued (claim gen); -1 for a token that names none. */
  public int tokenGeneration() {
    Object claim = isAuthenticated() ? token.getClaim("gen") : null;
    try {
      return claim == null ? -1 : Integer.parseInt(unquoted(claim));
    } catch (RuntimeException e) {
      return -1;
    }
  }

  private static String unquoted(Object claim) {
    return claim.toString().replace("\"", "");
  }

  public String username() {
    String upn = token.getClaim("upn");
    return upn != null ? upn : token.getName();
  }

  public Set<String> roles() {
    Set<String> groups = token.getGroups();
    return groups == null ? Set.of() : groups;
  }

  public boolean hasRole(String role) {
    return roles().contains(role);
  }
}
