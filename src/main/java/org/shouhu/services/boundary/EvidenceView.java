package org.shouhu.services.boundary;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.shouhu.services.entity.Evidence;

/**
 * An evidence file's description. The organization sees all of it; the funding bureau only what it needs to find
 * and check a file (day, school, topic, record status, name, type, size, checksum): the uploader, the void details
 * and whether location data was removed are null for it. Never the bytes: those are {@code /content}.
 */
public record EvidenceView(
    UUID id, UUID recordId, UUID projectId, String recordKind, String recordStatus, LocalDate serviceOn,
    String schoolName, String schoolTopic, String fileName, String contentType, long size, String sha256,
    OffsetDateTime uploadedAt, UUID uploadedBy, Boolean locationRemoved, boolean voided, String voidReason,
    OffsetDateTime voidedAt) {

  static EvidenceView full(Evidence e) {
    return new EvidenceView(e.id(), e.recordId(), e.projectId().value(), e.recordKind().name(), e.recordStatus().name(),
        e.serviceOn(), e.schoolName(), e.schoolTopic() == null ? null : e.schoolTopic().name(), e.fileName(),
        e.contentType(), e.size(), e.sha256(), e.createdAt(), e.uploadedBy(), e.locationRemoved(), e.isVoided(),
        e.voidReason(), e.voidedAt());
  }

  static EvidenceView forBureau(Evidence e) {
    return new EvidenceView(e.id(), e.recordId(), e.projectId().value(), e.recordKind().name(), e.recordStatus().name(),
        e.serviceOn(), e.schoolName(), e.schoolTopic() == null ? null : e.schoolTopic().name(), e.fileName(),
        e.contentType(), e.size(), e.sha256(), e.createdAt(), null, null, false, null, null);
  }
}
