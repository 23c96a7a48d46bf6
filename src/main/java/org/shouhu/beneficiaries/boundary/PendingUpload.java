package org.shouhu.beneficiaries.boundary;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.RequestScoped;

/**
 * The uploaded file of this request until a job takes it over. A request refused after the body was read (a
 * missing role is checked around the method, after the body is on disk; a validation error; a rollback) ends
 * with the file deleted: an upload may hold hundreds of children's identity numbers and must not linger.
 */
@RequestScoped
public class PendingUpload {

  private UploadedLedger upload;

  void hold(UploadedLedger upload) {
    this.upload = upload;
  }

  /** The job's run owns the file from now on (and deletes it when done, or when its transaction rolls back). */
  void handOver() {
    this.upload = null;
  }

  @PreDestroy
  void discard() {
    if (upload != null) {
      upload.delete();
      upload = null;
    }
  }
}
