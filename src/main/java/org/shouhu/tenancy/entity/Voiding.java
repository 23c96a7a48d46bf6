package org.shouhu.tenancy.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.UUID;
import org.shouhu.problems.entity.InvalidValueException;

/**
 * Why, by whom and when a record was voided. Records are never deleted, so every aggregate that can be withdrawn
 * carries this instead, in the columns {@code void_reason}, {@code voided_by}, {@code voided_at}. Immutable; the
 * aggregate decides whether voiding is allowed in its state and names its own code for a missing reason.
 */
@Embeddable
public class Voiding {

  /** The width of every {@code void_reason} column. */
  public static final int MAX_REASON = 500;

  @Column(name = "void_reason")
  private String reason;

  @Column(name = "voided_by")
  private UUID by;

  @Column(name = "voided_at")
  private OffsetDateTime at;

  protected Voiding() {}

  private Voiding(String reason, UUID by) {
    this.reason = reason;
    this.by = by;
    this.at = OffsetDateTime.now(ZoneOffset.UTC);
  }

  /**
   * @param missingReasonCode the aggregate's own code when no reason is given, as clients already know it
   */
  public static Voiding because(String reason, UUID by, String missingReasonCode, String missingReasonMessage) {
    if (reason == null || reason.isBlank()) {
      throw new InvalidValueException(missingReasonCode, missingReasonMessage);
    }
    if (reason.strip().length() > MAX_REASON) {
      throw new InvalidValueException("VOID_REASON_TOO_LONG", "A reason has at most " + MAX_REASON + " characters.");
    }
    return new Voiding(reason.strip(), Objects.requireNonNull(by, "voided by"));
  }

  public String reason() {
    return reason;
  }

  public UUID by() {
    return by;
  }

  public OffsetDateTime at() {
    return at;
  }
}
