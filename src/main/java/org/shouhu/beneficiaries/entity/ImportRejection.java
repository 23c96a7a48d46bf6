package org.shouhu.beneficiaries.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.Objects;
import java.util.UUID;
import org.shouhu.tenancy.entity.TenantOwned;

/**
 * Why one row of an import was not taken: its row number as Excel shows it, the column (header text) at fault,
 * a stable code, and a message that never quotes the cell. Created only through {@link ImportJob#reject}; never
 * changed afterwards.
 */
@Entity
@Table(name = "import_rejection")
public class ImportRejection extends TenantOwned {

  public static final int MAX_FIELD = 100;
  public static final int MAX_MESSAGE = 500;

  @Id private UUID id;

  @Column(name = "job_id", nullable = false, updatable = false)
  private UUID jobId;

  @Column(name = "row_number", nullable = false, updatable = false)
  private int rowNumber;

  @Column(nullable = false, updatable = false)
  private String field;

  @Column(nullable = false, updatable = false)
  private String code;

  @Column(nullable = false, updatable = false)
  private String message;

  protected ImportRejection() {}

  ImportRejection(UUID id, UUID jobId, int rowNumber, String field, String code, String message) {
    this.id = Objects.requireNonNull(id, "id");
    this.jobId = Objects.requireNonNull(jobId, "job");
    this.rowNumber = rowNumber;
    this.field = cut(Objects.requireNonNull(field, "field"), MAX_FIELD);
    this.code = Objects.requireNonNull(code, "code");
    this.message = cut(Objects.requireNonNull(message, "message"), MAX_MESSAGE);
  }

  private static String cut(String text, int max) {
    return text.length() > max ? text.substring(0, max) : text;
  }

  public UUID id() {
    return id;
  }

  public UUID jobId() {
    return jobId;
  }

  public int rowNumber() {
    return rowNumber;
  }

  public String field() {
    return field;
  }

  public String code() {
    return code;
  }

  public String message() {
    return message;
  }
}
