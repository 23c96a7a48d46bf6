package org.shouhu.beneficiaries.boundary;

import java.time.OffsetDateTime;
import java.util.UUID;
import org.shouhu.beneficiaries.entity.ImportJob;
import org.shouhu.beneficiaries.entity.ImportRejection;

/** What the API shows of a ledger import: progress and counts, and the rejected rows. No personal data in either. */
public final class ImportJobViews {

  private ImportJobViews() {}

  public record JobView(
      UUID id,
      String fileName,
      String format,
      String status,
      Integer rowsTotal,
      int rowsDone,
      int created,
      int updated,
      int unchanged,
      int rejected,
      String failure,
      UUID createdBy,
      OffsetDateTime createdAt,
      OffsetDateTime startedAt,
      OffsetDateTime finishedAt) {}

  public record RejectionView(int row, String field, String code, String message) {}

  public static JobView of(ImportJob job) {
    return new JobView(
        job.id(),
        job.fileName(),
        job.format().name(),
        job.status().name(),
        job.rowsTotal(),
        job.rowsDone(),
        job.createdCount(),
        job.updatedCount(),
        job.unchangedCount(),
        job.rejectedCount(),
        job.failureMessage(),
        job.createdBy(),
        job.createdAt(),
        job.startedAt(),
        job.finishedAt());
  }

  public static RejectionView of(ImportRejection rejection) {
    return new RejectionView(rejection.rowNumber(), rejection.field(), rejection.code(), rejection.message());
  }
}
