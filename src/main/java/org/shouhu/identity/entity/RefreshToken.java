package org.shouhu.identity.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.shouhu.tenancy.entity.TenantOwned;

/**
 * One refresh token of a device session, known only by the SHA-256 of its text. It is spent by the refresh that
 * presents it, which issues its successor; a spent token is kept so that presenting it again is recognised.
 */
@Entity
@Table(name = "refresh_token")
public class RefreshToken extends TenantOwned {

  @Id
  @Column(name = "token_hash")
  private String hash;

  @Column(name = "session_id", nullable = false, updatable = false)
  private UUID sessionId;

  @Column(name = "issued_at", nullable = false, updatable = false)
  private OffsetDateTime issuedAt;

  @Column(name = "spent_at")
  private OffsetDateTime spentAt;

  @Column(name = "replaced_by")
  private String replacedBy;

  protected RefreshToken() {}

  public RefreshToken(String hash, UUID sessionId, Instant now) {
    this.hash = hash;
    this.sessionId = sessionId;
    this.issuedAt = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
  }

  public boolean isSpent() {
    return spentAt != null;
  }

  public void spendFor(String successor, Instant now) {
    spentAt = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
    replacedBy = successor;
  }

  /**
   * A spent token presented again within {@code grace} of its spending, while its successor has not been used:
   * what a client does when the answer to its refresh was lost on a bad network, rather than a thief.
   */
  public boolean isRetryWithin(Duration grace, Instant now) {
    return spentAt != null && !spentAt.toInstant().plus(grace).isBefore(now);
  }

  public String hash() {
    return hash;
  }

  public UUID sessionId() {
    return sessionId;
  }

  public String replacedBy() {
    return replacedBy;
  }
}
