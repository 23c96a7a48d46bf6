package org.shouhu.services.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.UUID;
import org.shouhu.beneficiaries.entity.Sealed;
import org.shouhu.tenancy.entity.TenantOwned;

/**
 * The confidential note of one counseling session (what the client confided, the worker's impressions), kept apart
 * from the session's {@link ServiceRecord} so that no list, review queue or report query can carry it. Held only
 * {@link Sealed}: the control layer seals it for its session ({@link #context}) and opens it for the case worker, a
 * supervisor or ORG_ADMIN, auditing every read (docs/adr/0006). One note per session, rewritten when the session is
 * revised.
 */
@Entity
@Table(name = "session_note")
public class SessionNote extends TenantOwned {

  public static final int MAX_LENGTH = 8000;

  @Id
  @Column(name = "record_id", updatable = false)
  private UUID recordId;

  @Column(name = "case_id", nullable = false, updatable = false)
  private UUID caseId;

  @Column(name = "note_cipher", nullable = false)
  private byte[] cipher;

  @Column(name = "note_key", nullable = false)
  private String keyId;

  @Column(name = "written_by", nullable = false)
  private UUID writtenBy;

  @Column(name = "written_at", nullable = false)
  private OffsetDateTime writtenAt;

  protected SessionNote() {}

  public SessionNote(UUID recordId, UUID caseId, Sealed note, UUID by) {
    this.recordId = Objects.requireNonNull(recordId, "session");
    this.caseId = Objects.requireNonNull(caseId, "case");
    rewrite(note, by);
  }

  /** The sealing context: a note copied onto another session's row fails to open. */
  public static String context(UUID recordId) {
    return "session_note.note/" + recordId;
  }

  public void rewrite(Sealed note, UUID by) {
    this.cipher = note.bytes();
    this.keyId = note.keyId();
    this.writtenBy = by;
    this.writtenAt = OffsetDateTime.now(ZoneOffset.UTC);
  }

  public UUID recordId() {
    return recordId;
  }

  public UUID caseId() {
    return caseId;
  }

  public Sealed sealed() {
    return new Sealed(keyId, cipher);
  }

  public UUID writtenBy() {
    return writtenBy;
  }

  public OffsetDateTime writtenAt() {
    return writtenAt;
  }
}
