package org.shouhu.services.boundary;

/**
 * An evidence file as the request body carried it, already read (and counted against the cap) by
 * {@link EvidenceUploadReader} before the resource method and its transaction begin. Held in memory: a file is at
 * most 10 MiB and goes into the database whole.
 */
public record UploadedEvidence(byte[] bytes) {}
