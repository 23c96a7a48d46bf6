package org.shouhu.beneficiaries.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class ImportJobTest {

  private final ImportJob job = new ImportJob(UUID.randomUUID(), "台账.csv", LedgerFormat.CSV, Fixtures.SUPERVISOR);

  @Test
  void runsFromQueuedThroughBatchesToDone() {
    assertEquals(ImportJobStatus.QUEUED, job.status());
    job.start(10);
    assertEquals(ImportJobStatus.RUNNING, job.status());
    job.recordBatch(3, 1, 1, 1);
    job.recordBatch(2, 0, 2, 0);
    assertEquals(10, job.rowsDone());
    assertEquals(5, job.createdCount());
    assertEquals(1, job.rejectedCount());
    job.finish();
    assertEquals(ImportJobStatus.DONE, job.status());
    assertNotNull(job.finishedAt());
  }

  /** #15: the total counted before the run is an upper bound (blank records count), exact once the job is done. */
  @Test
  void theTotalCountedBeforehandIsMadeExactWhenDone() {
    job.start(12);
    job.recordBatch(3, 1, 1, 1);
    job.recordBatch(2, 0, 2, 0);
    assertEquals(12, job.rowsTotal(), "while running, the count");
    job.finish();
    assertEquals(10, job.rowsTotal(), "done: the rows read, without the blank records");
    assertEquals(10, job.rowsDone());
  }

  @Test
  void aTotalCountedTooLowFollowsTheRowsAndANegativeCountIsRefused() {
    job.start(2);
    job.recordBatch(3, 0, 0, 0);
    assertEquals(3, job.rowsTotal());
    assertThrows(IllegalArgumentException.class, () -> job.recordBatch(-1, 0, 0, 0));
  }

  @Test
  void failsWithAMessageAndChangesNoMore() {
    job.start(5);
    job.failBecause("IMPORT_FAILED: stopped");
    assertEquals(ImportJobStatus.FAILED, job.status());
    assertEquals("IMPORT_FAILED: stopped", job.failureMessage());
    assertThrows(IllegalStateException.class, job::finish);
    assertThrows(IllegalStateException.class, () -> job.recordBatch(1, 0, 0, 0));
    assertThrows(IllegalStateException.class, () -> job.failBecause("again"));
  }

  @Test
  void rejectsRowsOnlyWhileRunning() {
    assertThrows(IllegalStateException.class, () -> job.reject(2, "姓名", "PERSON_NAME_REQUIRED", "x"));
    job.start(1);
    ImportRejection r = job.reject(2, "姓名", "PERSON_NAME_REQUIRED", "A name is required.");
    assertEquals(job.id(), r.jobId());
    assertEquals(2, r.rowNumber());
  }
}
