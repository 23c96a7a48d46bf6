package org.shouhu.identity.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.shouhu.tenancy.entity.TenantOwned;

/**
 * One device a user logged in on: a phone, a laptop's browser. Opened by a login with a fixed lifetime (30 days by
 * default), kept alive by rotating refresh tokens, and ended early by logout, by the user or their administrator
 * revoking it, by a password change or reset, by disabling the user, or by a refresh token presented twice. An
 * ended session stays (the audit names it) but opens nothing: every access token carries its id, and the standing
 * check refuses tokens of a session that is not live.
 */
@Entity
@Table(name = "device_session")
public class DeviceSession extends TenantOwned {

  @Id private UUID id;

  @Column(name = "user_id", nullable = false, updatable = false)
  private UUID userId;

  @Column(nullable = false, updatable = false)
  private String label;

  @Column(name = "last_used_at", nullable = false)
  private OffsetDateTime lastUsedAt;

  @Column(name = "expires_at", nullable = false, updatable = false)
  private OffsetDateTime expiresAt;

  @Column(name = "revoked_at")
  private OffsetDateTime revokedAt;

  @Column(name = "revoked_by")
  private UUID revokedBy;

  @Enumerated(EnumType.STRING)
  @Column(name = "revoked_reason")
  private SessionEnd revokedReason;

  protected DeviceSession() {}

  public DeviceSession(UUID userId, String label, Instant now, Duration lifetime) {
    this.id = UUID.randomUUID();
    this.userId = userId;
    this.label = label;
    this.lastUsedAt = at(now);
    this.expiresAt = at(now.plus(lifetime));
  }

  public boolean isLiveAt(Instant now) {
    return revokedAt == null && expiresAt.toInstant().isAfter(now);
  }

  public boolean isRevoked() {
    return revokedAt != null;
  }

  /** A refresh: the device is still in use. Login and refresh are the only writes, never an ordinary request. */
  public void usedAt(Instant now) {
    lastUsedAt = at(now);
  }

  /** Ends the session; ending an ended one changes nothing, so the first reason stays on record. */
  public boolean revoke(SessionEnd reason, UUID by, Instant now) {
    if (revokedAt != null) {
      return false;
    }
    revokedAt = at(now);
    revokedReason = reason;
    revokedBy = by;
    return true;
  }

  private static OffsetDateTime at(Instant instant) {
    return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  public UUID id() {
    return id;
  }

  public UUID userId() {
    return userId;
  }

  public String label() {
    return label;
  }

  public OffsetDateTime lastUsedAt() {
    return lastUsedAt;
  }

  public OffsetDateTime expiresAt() {
    return expiresAt;
  }

  public OffsetDateTime revokedAt() {
    return revokedAt;
  }

  public SessionEnd revokedReason() {
    return revokedReason;
  }
}
