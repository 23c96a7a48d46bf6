package org.shouhu.services.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.Objects;
import java.util.UUID;
import org.shouhu.contracts.entity.ProjectId;
import org.shouhu.contracts.entity.ServiceKind;
import org.shouhu.problems.entity.InvalidValueException;
import org.shouhu.problems.entity.StateConflictException;
import org.shouhu.tenancy.entity.Timestamped;
import org.shouhu.tenancy.entity.Voiding;

/**
 * One evidence file (佐证材料: a photo, a scanned sign-in sheet) attached to a service record, described here; its
 * bytes are an {@link EvidenceContent} with the same id. Identified within its record by the SHA-256 of its bytes,
 * so the same file uploaded twice (a retry on a bad network) is one file.
 *
 * <p>Lifecycle: {@link #attach attached} to a record while the record's worker may still change it; from then on it
 * is never changed, only {@link #voidBecause voided} with a reason (the bytes stay: nothing is deleted).
 *
 * <p>Shared by two tenants like an incident: the row lives in the organization's tenant and names the funding
 * bureau of the record's project, which finds and downloads the evidence of its projects. The bureau cannot read
 * the record itself, so the row carries the record's minimal summary (kind, status, day, school, topic), kept in
 * step with the record by the database (trigger {@code evidence_follows_record}, V58); never a child's name or id.
 */
@Entity
@Table(name = "evidence")
public class Evidence extends Timestamped {

  /** 10 MiB: a phone photo is 2–5 MB, a scanned sign-in sheet less. */
  public static final int MAX_BYTES = 10 * 1024 * 1024;
  /** Live files per record: enough for an activity's photos and sheets, not an album. */
  public static final int MAX_PER_RECORD = 20;
  public static final int FILE_NAME_MAX = 200;
  /** Days are reckoned in China time, as for service records. */
  static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

  @Id private UUID id;

  @Column(name = "tenant_id", nullable = false, updatable = false)
  private UUID organizationId;

  @Column(name = "bureau_id", nullable = false, updatable = false)
  private UUID bureauId;

  @Column(name = "project_id", nullable = false, updatable = false)
  private UUID projectId;

  @Column(name = "record_id", nullable = false, updatable = false)
  private UUID recordId;

  @Column(name = "file_name", nullable = false, updatable = false)
  private String fileName;

  @Column(name = "content_type", nullable = false, updatable = false)
  private String contentType;

  @Column(name = "size_bytes", nullable = false, updatable = false)
  private int size;

  @Column(name = "sha256", nullable = false, updatable = false)
  private String sha256;

  @Column(name = "location_removed", nullable = false, updatable = false)
  private boolean locationRemoved;

  // The record's summary: written here when attached, refreshed by the database trigger afterwards.
  @Enumerated(EnumType.STRING)
  @Column(name = "record_kind", nullable = false, updatable = false)
  private ServiceKind recordKind;

  @Enumerated(EnumType.STRING)
  @Column(name = "record_status", nullable = false, updatable = false)
  private ServiceStatus recordStatus;

  @Column(name = "service_on", nullable = false, updatable = false)
  private LocalDate serviceOn;

  @Column(name = "school_name", updatable = false)
  private String schoolName;

  @Enumerated(EnumType.STRING)
  @Column(name = "school_topic", updatable = false)
  private SchoolTopic schoolTopic;

  @Column(name = "uploaded_by", nullable = false, updatable = false)
  private UUID uploadedBy;

  @Embedded private Voiding voiding;

  protected Evidence() {}

  /**
   * Describes a file about to be attached to a record of the organization's project. The caller has checked that
   * the record takes evidence now and stores the bytes as an {@link EvidenceContent} of the same id.
   *
   * @param stored the bytes as they will be stored and served (location data already removed)
   */
  public static Evidence attach(
      ServiceRecord record, UUID organizationId, UUID bureauId, String fileName, EvidenceType type, byte[] stored,
      boolean locationRemoved, UUID by) {
    if (stored == null || stored.length == 0) {
      throw new InvalidValueException("EVIDENCE_EMPTY", "The file is empty.");
    }
    if (stored.length > MAX_BYTES) {
      throw new InvalidValueException("EVIDENCE_TOO_LARGE", "A file is at most " + MAX_BYTES + " bytes.");
    }
    Evidence e = new Evidence();
    e.id = UUID.randomUUID();
    e.organizationId = Objects.requireNonNull(organizationId);
    e.bureauId = Objects.requireNonNull(bureauId);
    e.projectId = record.projectId().value();
    e.recordId = record.id();
    e.fileName = fileName;
    e.contentType = type.mediaType();
    e.size = stored.length;
    e.sha256 = sha256(stored);
    e.locationRemoved = locationRemoved;
    e.recordKind = record.kind();
    e.recordStatus = record.status();
    e.serviceOn = record.startedAt().atZoneSameInstant(ZONE).toLocalDate();
    SchoolActivity activity = record.schoolActivity();
    e.schoolName = activity == null ? null : activity.school();
    e.schoolTopic = activity == null ? null : activity.topic();
    e.uploadedBy = by;
    return e;
  }

  /** Lowercase hex SHA-256, as stored, returned and sent as the download's ETag. */
  public static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  /**
   * The name a client gave, reduced to its last path segment without control characters; the type's own name
   * when none is left. A name never decides the type, it is only shown and offered on download.
   */
  public static String fileName(String given, EvidenceType type) {
    String name = given == null ? "" : given.strip();
    name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
    name = name.codePoints().filter(c -> !Character.isISOControl(c))
        .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString().strip();
    if (name.isEmpty() || name.equals(".") || name.equals("..")) {
      return "evidence." + type.name().toLowerCase(java.util.Locale.ROOT).replace("jpeg", "jpg");
    }
    if (name.length() > FILE_NAME_MAX) {
      throw new InvalidValueException("TOO_LONG", "A file name has at most " + FILE_NAME_MAX + " characters.");
    }
    return name;
  }

  /** Withdraws the file from the record's evidence; the bytes stay, as every voided record's content does. */
  public void voidBecause(String reason, UUID by) {
    if (isVoided()) {
      throw new StateConflictException("EVIDENCE_ALREADY_VOIDED", "This file is already voided.");
    }
    voiding = Voiding.because(reason, by, "EVIDENCE_VOID_REASON_REQUIRED", "Say why the file is voided.");
  }

  public boolean isVoided() {
    return voiding != null && voiding.at() != null;
  }

  /** What the funding bureau may see: files of records handed in for review or approved, not voided. */
  public boolean sharedWithBureau() {
    return !isVoided() && (recordStatus == ServiceStatus.SUBMITTED || recordStatus == ServiceStatus.APPROVED);
  }

  public UUID id() {
    return id;
  }

  public UUID organizationId() {
    return organizationId;
  }

  public UUID bureauId() {
    return bureauId;
  }

  public ProjectId projectId() {
    return new ProjectId(projectId);
  }

  public UUID recordId() {
    return recordId;
  }

  public String fileName() {
    return fileName;
  }

  public String contentType() {
    return contentType;
  }

  public int size() {
    return size;
  }

  public String sha256() {
    return sha256;
  }

  public boolean locationRemoved() {
    return locationRemoved;
  }

  public ServiceKind recordKind() {
    return recordKind;
  }

  public ServiceStatus recordStatus() {
    return recordStatus;
  }

  public LocalDate serviceOn() {
    return serviceOn;
  }

  public String schoolName() {
    return schoolName;
  }

  public SchoolTopic schoolTopic() {
    return schoolTopic;
  }

  public UUID uploadedBy() {
    return uploadedBy;
  }

  public String voidReason() {
    return voiding == null ? null : voiding.reason();
  }

  public UUID voidedBy() {
    return voiding == null ? null : voiding.by();
  }

  public OffsetDateTime voidedAt() {
    return voiding == null ? null : voiding.at();
  }
}
