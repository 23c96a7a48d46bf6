package org.shouhu.audit.boundary;

import java.util.UUID;
import org.shouhu.audit.entity.ChainVerification;

/** A chain's verification as the API answers it; {@code firstBroken} is null when the chain is intact. */
public record VerificationView(
    UUID tenantId, boolean intact, long events, Head head, BrokenLinkView firstBroken) {

  public record Head(long seq, String hash) {}

  public record BrokenLinkView(long seq, UUID eventId, String problem, String detail) {}

  static VerificationView of(UUID tenantId, ChainVerification v) {
    return new VerificationView(
        tenantId,
        v.intact(),
        v.events(),
        v.headHash() == null ? null : new Head(v.headSeq(), v.headHash()),
        v.firstBroken()
            .map(b -> new BrokenLinkView(b.seq(), b.eventId(), b.problem(), b.detail()))
            .orElse(null));
  }
}
