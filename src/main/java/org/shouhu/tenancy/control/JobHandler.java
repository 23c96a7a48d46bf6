package org.shouhu.tenancy.control;

import org.shouhu.tenancy.entity.Claim;
import org.shouhu.tenancy.entity.JobKind;

/**
 * Runs one kind of job. {@link #run} is called on a worker thread with a fresh claim, also for a job taken over
 * from a dead node ({@link Claim#isTakeOver()}): it resumes from the job's last committed batch. It ends the job
 * ({@link JobQueue#finish}, {@link JobQueue#fail}) in the transaction of its last write, and lets {@link LeaseLost}
 * propagate (or simply returns) when the lease was lost.
 */
public interface JobHandler {

  JobKind kind();

  void run(Claim claim);

  /** The job was attempted too often (each attempt's node died or was stopped): end it with this code. */
  void giveUp(Claim claim, String code);
}
