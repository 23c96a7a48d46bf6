package org.shouhu.audit.entity;

import java.util.Optional;
import java.util.UUID;

/**
 * The outcome of walking one tenant's audit chain from its first event: how many events, the head (the newest
 * event's sequence number and hash, which an operator can record elsewhere to notice a truncated chain later) and
 * the first broken link, if any.
 *
 * @param headSeq 0 when the tenant has no events yet
 * @param headHash hex SHA-256 of the newest event, null when there is none
 */
public record ChainVerification(long events, long headSeq, String headHash, Optional<BrokenLink> firstBroken) {

  public ChainVerification {
    firstBroken = firstBroken == null ? Optional.empty() : firstBroken;
  }

  public boolean intact() {
    return firstBroken.isEmpty();
  }

  /**
   * Where the chain first stops holding.
   *
   * @param problem {@code SEQUENCE_GAP} (events deleted), {@code LINK_BROKEN} (an event replaced or re-hashed) or
   *     {@code CONTENT_CHANGED} (an event edited)
   */
  public record BrokenLink(long seq, UUID eventId, String problem, String detail) {}
}
