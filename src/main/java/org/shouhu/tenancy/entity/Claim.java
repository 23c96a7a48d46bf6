package org.shouhu.tenancy.entity;

import java.util.Objects;
import java.util.UUID;
import org.shouhu.tenancy.entity.TenantId;

/**
 * A job as one node holds it: the lease {@code token} is what proves, in each transaction, that this node still
 * owns the job. A later claim of the same job (after this lease expired) gets another token.
 *
 * @param tenant the tenant the job works for; null for platform-wide work
 * @param attempt 1 for the first run, more when the job was taken over
 */
public record Claim(UUID id, JobKind kind, TenantId tenant, UUID token, int attempt, long progress) {

  public Claim {
    Objects.requireNonNull(id, "job id");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(token, "lease token");
  }

  public boolean isTakeOver() {
    return attempt > 1;
  }
}
