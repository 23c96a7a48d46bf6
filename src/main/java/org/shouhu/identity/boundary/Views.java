package org.shouhu.identity.boundary;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.shouhu.identity.entity.DeviceSession;
import org.shouhu.identity.entity.Role;
import org.shouhu.identity.entity.User;

/** What the API shows of an account. Never the hash, never the failure count's raw history. */
public final class Views {

  private Views() {}

  public record UserView(
      UUID id,
      String username,
      String displayName,
      List<String> roles,
      String status,
      boolean locked,
      boolean mustChangePassword,
      OffsetDateTime createdAt,
      UUID supervisorId) {}

  /** A device session as its user and their administrator see it; {@code current} marks the caller's own. */
  public record SessionView(
      UUID id, String label, OffsetDateTime createdAt, OffsetDateTime lastUsedAt, OffsetDateTime expiresAt,
      boolean current) {}

  public static SessionView of(DeviceSession session, UUID callerSession) {
    return new SessionView(session.id(), session.label(), session.createdAt(), session.lastUsedAt(),
        session.expiresAt(), session.id().equals(callerSession));
  }

  /** How many sessions an action ended. */
  public record Revoked(int revoked) {}

  public static UserView of(User user) {
    return new UserView(
        user.id(),
        user.username().value(),
        user.displayName(),
        user.roles().stream().map(Role::name).sorted().toList(),
        user.status().name(),
        user.isLockedAt(java.time.Instant.now()),
        user.mustChangePassword(),
        user.createdAt(),
        user.supervisorId());
  }
}
