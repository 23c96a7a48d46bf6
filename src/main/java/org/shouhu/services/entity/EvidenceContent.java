package org.shouhu.services.entity;

import jakarta.persistence.Basic;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;

/**
 * The bytes of one {@link Evidence} file, in a table of their own so that lists of evidence never read them.
 * Written once with the evidence and never changed (the application role cannot update the table). Two-party like
 * its evidence row.
 */
@Entity
@Table(name = "evidence_content")
public class EvidenceContent {

  @Id
  @Column(name = "evidence_id", updatable = false)
  private UUID evidenceId;

  @Column(name = "tenant_id", nullable = false, updatable = false)
  private UUID organizationId;

  @Column(name = "bureau_id", nullable = false, updatable = false)
  private UUID bureauId;

  @Basic(fetch = FetchType.EAGER)
  @Column(nullable = false, updatable = false)
  private byte[] bytes;

  protected EvidenceContent() {}

  public EvidenceContent(Evidence evidence, byte[] bytes) {
    this.evidenceId = evidence.id();
    this.organizationId = evidence.organizationId();
    this.bureauId = evidence.bureauId();
    this.bytes = bytes.clone();
  }

  public byte[] bytes() {
    return bytes.clone();
  }
}
