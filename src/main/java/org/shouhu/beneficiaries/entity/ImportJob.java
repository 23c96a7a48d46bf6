package org.shouhu.beneficiaries.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.UUID;
import org.shouhu.tenancy.entity.TenantOwned;

/**
 * One upload of a ledger spreadsheet (台账导入) and what became of its rows.
 *
 * <p>A job is <b>queued</b> when the file has been received. The background run <b>starts</b> it once it has
 * counted the rows, <b>records</b> each committed batch (rows done and how many were created, updated, unchanged
 * or rejected), and either <b>finishes</b> it or <b>fails</b> it with a message. Counts only ever grow, and only
 * by whole committed batches, so {@code rowsDone / rowsTotal} is the progress a user sees. A finished or failed
 * job changes no more.
 */
@Entity
@Table(name = "import_job")
public class ImportJob extends TenantOwned {

  public static final int MAX_FILE_NAME = 255;
  public static final int MAX_FAILURE = 1000;

  @Id private UUID id;

  @Column(name = "file_name", nullable = false)
  private String fileName;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private LedgerFormat format;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private ImportJobStatus status;

  @Column(name = "rows_total")
  private Integer rowsTotal;

  @Column(name = "rows_done", nullable = false)
  private int rowsDone;

  @Column(name = "created_count", nullable = false)
  private int createdCount;

  @Column(name = "updated_count", nullable = false)
  private int updatedCount;

  @Column(name = "unchanged_count", nullable = false)
  private int unchangedCount;

  @Column(name = "rejected_count", nullable = false)
  private int rejectedCount;

  @Column(name = "failure_message")
  private String failureMessage;

  @Column(name = "created_by", nullable = false, updatable = false)
  private UUID createdBy;

  @Column(name = "started_at")
  private OffsetDateTime startedAt;

  @Column(name = "finished_at")
  private OffsetDateTime finishedAt;

  protected ImportJob() {}

  public ImportJob(UUID id, String fileName, LedgerFormat format, UUID uploadedBy) {
    this.id = Objects.requireNonNull(id, "id");
    this.fileName = Objects.requireNonNull(fileName, "file name");
    this.format = Objects.requireNonNull(format, "format");
    this.createdBy = Objects.requireNonNull(uploadedBy, "uploaded by");
    this.status = ImportJobStatus.QUEUED;
  }

  /**
   * The rows have been counted; importing begins.
   *
   * @param rowsTotal the file's rows at most (records whose cells are all blank are counted but are no rows): the
   *     total while it runs, made exact when it is {@linkplain #finish() done}
   */
  public void start(int rowsTotal) {
    require(ImportJobStatus.QUEUED, "start");
    if (rowsTotal < 0) {
      throw new IllegalArgumentException("rows total " + rowsTotal);
    }
    this.rowsTotal = rowsTotal;
    this.status = ImportJobStatus.RUNNING;
    this.startedAt = now();
  }

  /** One batch has been committed; its rows count towards the progress. */
  public void recordBatch(int created, int updated, int unchanged, int rejected) {
    require(ImportJobStatus.RUNNING, "record a batch of");
    int rows = created + updated + unchanged + rejected;
    if (created < 0 || updated < 0 || unchanged < 0 || rejected < 0) {
      throw new IllegalArgumentException("a negative count");
    }
    // The count before the run is an upper bound; should a file ever hold more, the total follows the rows.
    this.rowsTotal = Math.max(rowsTotal, rowsDone + rows);
    this.rowsDone += rows;
    this.createdCount += created;
    this.updatedCount += updated;
    this.unchangedCount += unchanged;
    this.rejectedCount += rejected;
  }

  /** Every row is imported: the total is now exactly the rows read (blank records no longer count). */
  public void finish() {
    require(ImportJobStatus.RUNNING, "finish");
    this.rowsTotal = rowsDone;
    this.status = ImportJobStatus.DONE;
    this.finishedAt = now();
  }

  /**
   * Ends the job with a message a person can act on. The message must quote no cell of the file: callers pass
   * their own words, never an exception's message that might carry a value.
   */
  public void failBecause(String message) {
    if (status.isFinished()) {
      throw new IllegalStateException("cannot fail a job that is " + status);
    }
    String text = message == null || message.isBlank() ? "The import failed." : message.strip();
    this.failureMessage = text.length() > MAX_FAILURE ? text.substring(0, MAX_FAILURE) : text;
    this.status = ImportJobStatus.FAILED;
    this.finishedAt = now();
  }

  /** A refusal of one cell (or of the whole row, under its most telling column). */
  public ImportRejection reject(int rowNumber, String field, String code, String message) {
    require(ImportJobStatus.RUNNING, "reject a row of");
    return new ImportRejection(UUID.randomUUID(), id, rowNumber, field, code, message);
  }

  private void require(ImportJobStatus expected, String action) {
    if (status != expected) {
      throw new IllegalStateException("cannot " + action + " a job that is " + status);
    }
  }

  private static OffsetDateTime now() {
    return OffsetDateTime.now(ZoneOffset.UTC);
  }

  public UUID id() {
    return id;
  }

  public String fileName() {
    return fileName;
  }

  public LedgerFormat format() {
    return format;
  }

  public ImportJobStatus status() {
    return status;
  }

  /** Null until the rows have been counted. */
  public Integer rowsTotal() {
    return rowsTotal;
  }

  public int rowsDone() {
    return rowsDone;
  }

  public int createdCount() {
    return createdCount;
  }

  public int updatedCount() {
    return updatedCount;
  }

  public int unchangedCount() {
    return unchangedCount;
  }

  public int rejectedCount() {
    return rejectedCount;
  }

  public String failureMessage() {
    return failureMessage;
  }

  public UUID createdBy() {
    return createdBy;
  }

  public OffsetDateTime startedAt() {
    return startedAt;
  }

  public OffsetDateTime finishedAt() {
    return finishedAt;
  }
}
