package org.shouhu.beneficiaries.boundary;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.shouhu.Bulkheads;
import org.shouhu.HeavyWork;
import org.shouhu.beneficiaries.control.LedgerFile;
import org.shouhu.beneficiaries.control.LedgerImport;
import org.shouhu.beneficiaries.control.LedgerRow;
import org.shouhu.beneficiaries.entity.ImportJob;
import org.shouhu.problems.entity.FieldError;
import org.shouhu.problems.entity.ProblemException;
import org.shouhu.problems.entity.StateConflictException;
import org.shouhu.tenancy.boundary.BackgroundTransactions;
import org.shouhu.tenancy.entity.TenantId;

/**
 * Runs ledger imports in the background, on the container's managed executor.
 *
 * <p><b>Background jobs switch tenant explicitly.</b> A background thread has no token, so nothing binds a tenant
 * for it: every transaction here is a new one from {@link BackgroundTransactions}, bound at once to the job's
 * tenant, the tenant that was taken from the uploader's token when the job was queued. Nothing is ever read or
 * written outside such a transaction, so EclipseLink's discriminator and PostgreSQL's row-level security confine
 * the run to that tenant exactly as they confine a request.
 *
 * <p>A run counts the rows first (a streaming pass), then imports them in batches, one transaction each, recording
 * the batch's counts on the job in the same transaction, so the progress a user sees is always what is committed.
 * A bad row is a rejection and the run goes on; anything unexpected fails the job with a message saying where it
 * stopped — never a job left RUNNING in silence. Re-importing the same file after a failure is safe: rows already
 * imported are then counted unchanged.
 *
 * <p>A restart takes the runs and their temporary files with it. Rather than a startup pass binding every
 * organization in turn, a job is settled when it is next read ({@link #settle}): one this process never accepted
 * (or accepted and lost) that is still QUEUED or RUNNING is marked FAILED with {@code IMPORT_INTERRUPTED}. That
 * assumes one application node owns all runs, as deployed today; several nodes would need the owner on the job.
 */
@ApplicationScoped
public class LedgerImportJobs {

  private static final Logger LOG = Logger.getLogger(LedgerImportJobs.class.getName());
  static final String CITIZEN_ID_REPEATED_IN_FILE = "CITIZEN_ID_REPEATED_IN_FILE";
  static final String LEDGER_COLUMNS_UNKNOWN = "LEDGER_COLUMNS_UNKNOWN";

  static final String INTERRUPTED = "IMPORT_INTERRUPTED: the server restarted before this import finished. Upload"
      + " the file again: rows already imported are recognised and counted as unchanged.";

  /** Jobs this process accepted and has not finished. A restart empties it, and their runs are gone with it. */
  private final Set<UUID> runningHere = ConcurrentHashMap.newKeySet();

  @Resource ManagedExecutorService executor;
  @Resource TransactionSynchronizationRegistry transactions;

  @PersistenceContext(unitName = "shouhu")
  EntityManager em;

  @Inject BackgroundTransactions background;
  @Inject LedgerImport ledgerImport;
  @Inject Bulkheads bulkheads;

  @Inject
  @ConfigProperty(name = "shouhu.imports.batch-size", defaultValue = "500")
  int batchSize;

  /**
   * Starts the job once the current transaction (which queued it) has committed, so the run always finds it; if
   * that transaction rolls back, the upload is deleted instead. Takes ownership of the uploaded file.
   */
  public void runAfterCommit(TenantId tenant, UUID jobId, UploadedLedger upload) {
    // Refused (503 BUSY) while the node runs as many imports as it may; the caller's transaction then rolls back.
    Bulkheads.Permit permit = bulkheads.enter(HeavyWork.Pool.IMPORTS);
    runningHere.add(jobId);
    transactions.registerInterposedSynchronization(
        new Synchronization() {
          @Override
          public void beforeCompletion() {}

          @Override
          public void afterCompletion(int status) {
            if (status != Status.STATUS_COMMITTED) {
              runningHere.remove(jobId);
              upload.delete();
              permit.close();
              return;
            }
            try {
              executor.execute(() -> {
                try {
                  run(tenant, jobId, upload);
                } finally {
                  permit.close();
                }
              });
            } catch (RuntimeException rejected) {
              permit.close();
              upload.delete();
              LOG.log(Level.SEVERE, "ledger import " + jobId + " could not be scheduled", rejected);
              failOrLog(tenant, jobId, "IMPORT_FAILED: the server could not schedule the import. Upload the file again.");
              runningHere.remove(jobId);
            }
          }
        });
  }

  /** One run from QUEUED to DONE or FAILED, on an executor thread. */
  void run(TenantId tenant, UUID jobId, UploadedLedger upload) {
    Progress progress = new Progress();
    try {
      Counted counted = count(upload);
      inTenant(tenant, () -> job(jobId).orElseThrow().start(counted.rows()));
      if (counted.rows() > 0 && !counted.anyKnownColumn()) {
        failOrLog(tenant, jobId, LEDGER_COLUMNS_UNKNOWN + ": the first row names none of the template's "
            + "columns (" + String.join(", ", LedgerRowMapping.COLUMNS) + "). Start from the template.");
        return;
      }
      List<LedgerRow> batch = new ArrayList<>(batchSize);
      LedgerFile.read(upload.file(), row -> {
        batch.add(row);
        if (batch.size() == batchSize) {
          importBatch(tenant, jobId, batch, progress);
          batch.clear();
        }
      });
      if (!batch.isEmpty()) {
        importBatch(tenant, jobId, batch, progress);
      }
      inTenant(tenant, () -> job(jobId).orElseThrow().finish());
      LOG.info(() -> "ledger import " + jobId + " done: " + progress.rowsDone + " rows");
    } catch (LedgerFile.Unreadable e) {
      // Which part of the file POI choked on says nothing a person can act on, and the message could quote a cell.
      LOG.log(Level.INFO, "ledger import {0}: unreadable file ({1})", new Object[] {jobId, e.getClass().getName()});
      failOrLog(tenant, jobId, "LEDGER_UNREADABLE: the file is not a readable CSV or XLSX workbook.");
    } catch (Throwable e) {
      // Logged by class and stack only: an exception's message may quote a cell (a citizen identity number).
      LOG.log(Level.SEVERE, "ledger import " + jobId + " failed after " + progress.rowsDone + " rows: "
          + e.getClass().getName(), withoutMessages(e));
      String where = progress.batchStart > 0 ? " in the batch starting at row " + progress.batchStart : "";
      failOrLog(tenant, jobId, "IMPORT_FAILED: an unexpected error stopped the import" + where + ". "
          + progress.rowsDone + " rows before it are imported; the rest are not. Importing the same file again is safe:"
          + " rows already imported count as unchanged. Reference: job " + jobId + ".");
    } finally {
      upload.delete();
      runningHere.remove(jobId);
    }
  }

  /**
   * The jobs running in this process now. Take it <em>before</em> reading jobs: a run leaves it only after its job's
   * last commit, so a job read afterwards as unfinished and absent from it has really lost its run.
   */
  public Set<UUID> runningHere() {
    return Set.copyOf(runningHere);
  }

  /** Marks a job whose run was lost (see the class comment) as failed, in the reading transaction. */
  public ImportJob settle(ImportJob job, Set<UUID> running) {
    if (!job.status().isFinished() && !running.contains(job.id())) {
      job.failBecause(INTERRUPTED);
      LOG.info(() -> "ledger import " + job.id() + " was interrupted by a restart; marked failed");
    }
    return job;
  }

  private void importBatch(TenantId tenant, UUID jobId, List<LedgerRow> rows, Progress progress) {
    progress.batchStart = rows.get(0).number();
    inTenant(tenant, () -> {
      ImportJob job = job(jobId).orElseThrow();
      Map<LedgerImport.Outcome, Integer> tally = new EnumMap<>(LedgerImport.Outcome.class);
      for (LedgerRow row : rows) {
        RowResult result = importRow(row, job, progress.seen);
        tally.merge(result.outcome(), 1, Integer::sum);
        for (FieldError e : result.errors()) {
          em.persist(job.reject(row.number(), e.field(), e.code(), e.message()));
        }
      }
      job.recordBatch(
          tally.getOrDefault(LedgerImport.Outcome.CREATED, 0),
          tally.getOrDefault(LedgerImport.Outcome.UPDATED, 0),
          tally.getOrDefault(LedgerImport.Outcome.UNCHANGED, 0),
          tally.getOrDefault(LedgerImport.Outcome.REFUSED, 0));
    });
    progress.rowsDone += rows.size();
  }

  /** What became of one row: applied (no errors), or REFUSED with at least one error, under its column. */
  private record RowResult(LedgerImport.Outcome outcome, List<FieldError> errors) {
    RowResult {
      if ((outcome == LedgerImport.Outcome.REFUSED) == errors.isEmpty()) {
        throw new IllegalArgumentException("a refused row has reasons, an applied one none");
      }
    }

    static RowResult refused(List<FieldError> errors) {
      return new RowResult(LedgerImport.Outcome.REFUSED, errors);
    }
  }

  private RowResult importRow(LedgerRow row, ImportJob job, Map<ByteBuffer, Integer> seen) {
    LedgerRowMapping.Mapped mapped = LedgerRowMapping.map(row);
    if (!mapped.ok()) {
      return RowResult.refused(mapped.errors());
    }
    ByteBuffer fingerprint = ledgerImport.fingerprint(mapped.entry().citizenId());
    Integer first = seen.putIfAbsent(fingerprint, row.number());
    if (first != null) {
      return RowResult.refused(List.of(new FieldError(LedgerRowMapping.CITIZEN_ID, CITIZEN_ID_REPEATED_IN_FILE,
          "The same citizen identity number is already on row " + first + " of this file; only that row is imported.")));
    }
    try {
      LedgerImport.Applied applied = ledgerImport.apply(mapped.entry(), job.createdBy());
      if (applied.outcome() == LedgerImport.Outcome.REFUSED) {
        FieldError refusal = applied.refusal();
        return RowResult.refused(
            List.of(new FieldError(LedgerRowMapping.columnOf(refusal.field()), refusal.code(), refusal.message())));
      }
      return new RowResult(applied.outcome(), List.of());
    } catch (ProblemException e) {
      // e.g. a record with this number registered meanwhile by a worker or another import (409).
      return RowResult.refused(List.of(new FieldError(LedgerRowMapping.CITIZEN_ID, e.code(), e.getMessage())));
    } catch (StateConflictException e) {
      return RowResult.refused(List.of(new FieldError(LedgerRowMapping.NAME, e.code(), e.getMessage())));
    }
  }

  private Optional<ImportJob> job(UUID id) {
    return Optional.ofNullable(em.find(ImportJob.class, id));
  }

  private void fail(UUID jobId, String message) {
    job(jobId).filter(j -> !j.status().isFinished()).ifPresent(j -> j.failBecause(message));
  }

  /** One transaction, bound to the job's tenant before anything else happens in it. */
  private void inTenant(TenantId tenant, Runnable work) {
    background.runInTenant(tenant, work);
  }

  /** The last resort of a failing run: if even recording the failure fails, the log is all that is left. */
  private void failOrLog(TenantId tenant, UUID jobId, String message) {
    try {
      inTenant(tenant, () -> fail(jobId, message));
    } catch (RuntimeException e) {
      LOG.log(Level.SEVERE, "ledger import " + jobId + ": the failure could not be recorded", withoutMessages(e));
    }
  }

  private record Counted(int rows, boolean anyKnownColumn) {}

  /** The first, streaming pass: how many data rows, and whether the header is the template's at all. */
  private static Counted count(UploadedLedger upload) throws IOException {
    int[] rows = {0};
    boolean[] known = {false};
    LedgerFile.read(upload.file(), row -> {
      rows[0]++;
      if (!known[0]) {
        known[0] = row.cells().keySet().stream().anyMatch(LedgerRowMapping::isKnownColumn);
      }
    });
    return new Counted(rows[0], known[0]);
  }

  /** The state of one run that outlives a batch: where it is, and which numbers it has seen. */
  private static final class Progress {
    final Map<ByteBuffer, Integer> seen = new HashMap<>();
    int rowsDone;
    int batchStart;
  }

  /** The same stack trace with every message dropped, for a log that must not carry personal data. */
  static Throwable withoutMessages(Throwable e) {
    Throwable copy = new Throwable(e.getClass().getName());
    copy.setStackTrace(e.getStackTrace());
    if (e.getCause() != null && e.getCause() != e) {
      copy.initCause(withoutMessages(e.getCause()));
    }
    return copy;
  }
}
