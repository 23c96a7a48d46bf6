package org.shouhu.beneficiaries.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.shouhu.beneficiaries.control.ImportUploads;
import org.shouhu.beneficiaries.control.LedgerFile;
import org.shouhu.beneficiaries.control.LedgerEntry;
import org.shouhu.beneficiaries.control.LedgerImport;
import org.shouhu.beneficiaries.control.LedgerRow;
import org.shouhu.beneficiaries.entity.ImportJob;
import org.shouhu.beneficiaries.entity.ImportJobStatus;
import org.shouhu.tenancy.boundary.JobWorker;
import org.shouhu.tenancy.control.JobHandler;
import org.shouhu.tenancy.control.JobQueue;
import org.shouhu.tenancy.control.LeaseLost;
import org.shouhu.tenancy.entity.Claim;
import org.shouhu.tenancy.entity.JobKind;
import org.shouhu.problems.entity.FieldError;
import org.shouhu.problems.entity.ProblemException;
import org.shouhu.problems.entity.StateConflictException;
import org.shouhu.tenancy.boundary.BackgroundTransactions;
import org.shouhu.tenancy.entity.TenantId;

/**
 * Runs ledger imports as jobs of the queue ({@link JobQueue}), on whichever node claims them.
 *
 * <p><b>Background jobs switch tenant explicitly.</b> A background thread has no token, so nothing binds a tenant
 * for it: every transaction here is a new one from {@link BackgroundTransactions}, bound at once to the job's
 * tenant, the tenant that was taken from the uploader's token when the job was queued. Nothing is ever read or
 * written outside such a transaction, so EclipseLink's discriminator and PostgreSQL's row-level security confine
 * the run to that tenant exactly as they confine a request.
 *
 * <p>The upload is in the database, sealed ({@link ImportUploads}), so any node can read it. A run counts the
 * records first (a scan of the bytes, no parse: the total a user sees, exact once done), then parses the file once,
 * importing its rows in batches, one transaction each, recording the batch's counts on
 * the job and proving the lease ({@link JobQueue#requireLease}) in the same transaction, so the progress a user
 * sees is always what is committed and a node that lost its lease commits nothing more. A node that takes over a
 * job whose node died skips the rows already committed ({@code rowsDone}) and goes on from there. A bad row is a
 * rejection and the run goes on; anything unexpected fails the job with a message saying where it stopped — never
 * a job left RUNNING in silence. The upload is deleted in the transaction that ends the job, whatever the end.
 */
@ApplicationScoped
public class LedgerImportJobs implements JobHandler {

  private static final Logger LOG = Logger.getLogger(LedgerImportJobs.class.getName());
  static final String CITIZEN_ID_REPEATED_IN_FILE = "CITIZEN_ID_REPEATED_IN_FILE";
  static final String LEDGER_COLUMNS_UNKNOWN = "LEDGER_COLUMNS_UNKNOWN";
  static final String UPLOAD_MISSING = "IMPORT_UPLOAD_MISSING";
  static final String CANCELLED = "IMPORT_CANCELLED";

  static final String INTERRUPTED = "IMPORT_INTERRUPTED: the server restarted before this import finished. Upload"
      + " the file again: rows already imported are recognised and counted as unchanged.";

  @PersistenceContext(unitName = "shouhu")
  EntityManager em;

  @Inject BackgroundTransactions background;
  @Inject LedgerImport ledgerImport;
  @Inject ImportUploads uploads;
  @Inject JobQueue queue;
  @Inject JobWorker worker;

  @Inject
  @ConfigProperty(name = "shouhu.imports.batch-size", defaultValue = "500")
  int batchSize;

  @Override
  public JobKind kind() {
    return JobKind.LEDGER_IMPORT;
  }

  /**
   * Stores the upload, sealed, and queues its job, both in the current transaction (the request's, bound to the
   * uploader's tenant): if it rolls back, neither exists. A node polls the queue as soon as it commits.
   */
  public void queue(TenantId tenant, UUID jobId, UploadedLedger upload) throws IOException {
    int[] chunk = {0};
    upload.forEachChunk(bytes -> uploads.store(jobId, chunk[0]++, bytes));
    queue.enqueue(jobId, JobKind.LEDGER_IMPORT, tenant);
    worker.pollAfterCommit();
  }

  /** Where a run starts: a fresh job, or one taken over after {@code rowsDone} committed rows. */
  private record Start(ImportJobStatus status, int rowsDone, boolean uploaded) {}

  @Override
  public void run(Claim claim) {
    TenantId tenant = claim.tenant();
    UUID jobId = claim.id();
    Progress progress = new Progress();
    try {
      Start start = background.inTenant(tenant, () -> {
        ImportJob job = job(jobId).orElseThrow();
        return new Start(job.status(), job.rowsDone(), uploads.exists(jobId));
      });
      if (start.status().isFinished()) {
        // Ended already (by a legacy settle): only the queue's row is left to close.
        inTenant(tenant, () -> {
          uploads.remove(jobId);
          queue.finish(claim);
        });
        return;
      }
      if (!start.uploaded()) {
        failOrLog(claim, UPLOAD_MISSING + ": the uploaded file is no longer stored, so the import cannot go on"
            + " after row " + start.rowsDone() + ". Upload the file again: rows already imported count as unchanged.");
        return;
      }
      LedgerFile.Source source = () -> new UploadStream(tenant, jobId);
      int skip = 0;
      if (start.status() == ImportJobStatus.QUEUED) {
        // A count of records, not a parse: the file is parsed once, by the import itself.
        int rowsAtMost = LedgerFile.countRowsAtMost(source);
        inTenant(tenant, () -> {
          queue.requireLease(claim);
          job(jobId).orElseThrow().start(rowsAtMost);
        });
      } else {
        skip = start.rowsDone();
        progress.rowsDone = skip;
        LOG.info(() -> "ledger import " + jobId + " resumes after row " + start.rowsDone() + " (attempt " + claim.attempt() + ")");
      }
      int resumeAfter = skip;
      int[] seenRows = {0};
      boolean[] knownColumns = {false};
      List<LedgerRow> batch = new ArrayList<>(batchSize);
      try {
        LedgerFile.read(source, header -> knownColumns[0] = header.stream().anyMatch(LedgerRowMapping::isKnownColumn),
            row -> {
              if (!knownColumns[0]) {
                throw new ColumnsUnknown();
              }
              if (seenRows[0]++ < resumeAfter) {
                remember(row, tenant, progress.seen);
                return;
              }
              batch.add(row);
              if (batch.size() == batchSize) {
                importBatch(claim, batch, progress);
                batch.clear();
              }
            });
      } catch (ColumnsUnknown e) {
        failOrLog(claim, LEDGER_COLUMNS_UNKNOWN + ": the first row names none of the template's "
            + "columns (" + String.join(", ", LedgerRowMapping.COLUMNS) + "). Start from the template.");
        return;
      }
      if (!batch.isEmpty()) {
        importBatch(claim, batch, progress);
      }
      inTenant(tenant, () -> {
        queue.requireLease(claim);
        job(jobId).orElseThrow().finish();
        uploads.remove(jobId);
        queue.finish(claim);
      });
      LOG.info(() -> "ledger import " + jobId + " done: " + progress.rowsDone + " rows");
    } catch (LedgerFile.Unreadable e) {
      // Which part of the file POI choked on says nothing a person can act on, and the message could quote a cell.
      LOG.log(Level.INFO, "ledger import {0}: unreadable file ({1})", new Object[] {jobId, e.getClass().getName()});
      failOrLog(claim, "LEDGER_UNREADABLE: the file is not a readable CSV or XLSX workbook.");
    } catch (Throwable e) {
      if (leaseLost(e)) {
        LOG.info(() -> "ledger import " + jobId + ": another node took the job over; this run stops after "
            + progress.rowsDone + " rows");
        return;
      }
      if (worker.stopping()) {
        LOG.info(() -> "ledger import " + jobId + " stopped by the shutdown after " + progress.rowsDone
            + " rows; another node (or this one, restarted) takes it over when its lease expires");
        return;
      }
      // Logged by class and stack only: an exception's message may quote a cell (a citizen identity number).
      LOG.log(Level.SEVERE, "ledger import " + jobId + " failed after " + progress.rowsDone + " rows: "
          + e.getClass().getName(), withoutMessages(e));
      String where = progress.batchStart > 0 ? " in the batch starting at row " + progress.batchStart : "";
      failOrLog(claim, "IMPORT_FAILED: an unexpected error stopped the import" + where + ". "
          + progress.rowsDone + " rows before it are imported; the rest are not. Importing the same file again is safe:"
          + " rows already imported count as unchanged. Reference: job " + jobId + ".");
    }
  }

  @Override
  public void giveUp(Claim claim, String code) {
    failOrLog(claim, "IMPORT_INTERRUPTED: the import was started " + (claim.attempt() - 1) + " times and each run"
        + " stopped before it finished (" + code + "). Upload the file again: rows already imported are recognised"
        + " and counted as unchanged.");
  }

  /**
   * Cancels an unfinished import at a user's request, in the request's transaction: the queue entry first (which
   * waits for a batch in flight and revokes the lease, so the run stops at its next batch), then the job, read
   * again after that batch, and the stored upload. Rows already imported stay.
   *
   * @return false when the job had already ended
   */
  public boolean cancel(ImportJob job) {
    if (!queue.cancel(job.id(), CANCELLED)) {
      return false;
    }
    em.refresh(job);
    if (!job.status().isFinished()) {
      job.failBecause(CANCELLED + ": cancelled before it finished. " + job.rowsDone() + " rows were imported before"
          + " (they stay); the rest were not. Importing the same file again is safe.");
    }
    uploads.remove(job.id());
    return true;
  }

  /**
   * Settles a job queued by a version that kept uploads on one node's disk (or whose queue entry is gone): with
   * no job on the queue nothing will ever run it, so it is marked failed, in the reading transaction.
   */
  public ImportJob settle(ImportJob job) {
    if (!job.status().isFinished() && queue.find(job.id()).map(q -> q.finishedAt() != null).orElse(true)) {
      job.failBecause(INTERRUPTED);
      LOG.info(() -> "ledger import " + job.id() + " has no live queue entry; marked interrupted");
    }
    return job;
  }

  /** On a resumed run, the rows already committed still count for "repeated in this file". */
  private void remember(LedgerRow row, TenantId tenant, Map<ByteBuffer, Integer> seen) {
    LedgerRowMapping.Mapped mapped = LedgerRowMapping.map(row);
    if (mapped.ok()) {
      seen.putIfAbsent(ledgerImport.fingerprint(mapped.entry().citizenId(), tenant), row.number());
    }
  }

  private static boolean leaseLost(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof LeaseLost) {
        return true;
      }
    }
    return false;
  }

  /**
   * The sealed upload as one stream, read chunk by chunk, each chunk in its own short transaction bound to the
   * job's tenant: at most one chunk of plaintext in memory, none on disk.
   */
  private final class UploadStream extends InputStream {
    private final TenantId tenant;
    private final UUID jobId;
    private int next;
    private byte[] chunk = new byte[0];
    private int pos;
    private boolean ended;

    UploadStream(TenantId tenant, UUID jobId) {
      this.tenant = tenant;
      this.jobId = jobId;
    }

    private boolean fill() {
      while (!ended && pos >= chunk.length) {
        int index = next++;
        Optional<byte[]> found = background.inTenant(tenant, () -> uploads.chunk(jobId, index));
        if (found.isEmpty()) {
          ended = true;
        } else {
          chunk = found.get();
          pos = 0;
        }
      }
      return pos < chunk.length;
    }

    @Override
    public int read() {
      return fill() ? chunk[pos++] & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (len == 0) {
        return 0;
      }
      if (!fill()) {
        return -1;
      }
      int n = Math.min(len, chunk.length - pos);
      System.arraycopy(chunk, pos, b, off, n);
      pos += n;
      return n;
    }
  }

  /**
   * One batch, one transaction: rows are mapped and checked first (bad ones and numbers repeated in the file are
   * rejections), then the register takes the locks and looks up the numbers of all the good rows at once, applies
   * each row, and writes the new records together with one audit event naming them.
   */
  private void importBatch(Claim claim, List<LedgerRow> rows, Progress progress) {
    progress.batchStart = rows.get(0).number();
    inTenant(claim.tenant(), () -> {
      queue.requireLease(claim);
      ImportJob job = job(claim.id()).orElseThrow();
      RowResult[] results = new RowResult[rows.size()];
      List<LedgerEntry> entries = new ArrayList<>(rows.size());
      // Each number's blind index, computed once: for "repeated in this file", the batch's lookup and the record.
      List<ByteBuffer> indexes = new ArrayList<>(rows.size());
      for (int i = 0; i < rows.size(); i++) {
        LedgerRow row = rows.get(i);
        LedgerRowMapping.Mapped mapped = LedgerRowMapping.map(row);
        if (!mapped.ok()) {
          results[i] = RowResult.refused(mapped.errors());
          continue;
        }
        ByteBuffer index = ledgerImport.fingerprint(mapped.entry().citizenId());
        Integer first = progress.seen.putIfAbsent(index, row.number());
        if (first != null) {
          results[i] = RowResult.refused(List.of(new FieldError(LedgerRowMapping.CITIZEN_ID, CITIZEN_ID_REPEATED_IN_FILE,
              "The same citizen identity number is already on row " + first + " of this file; only that row is imported.")));
          continue;
        }
        entries.add(mapped.entry());
        indexes.add(index);
      }
      LedgerImport.Batch batch = ledgerImport.begin(indexes);
      Iterator<LedgerEntry> next = entries.iterator();
      Iterator<ByteBuffer> nextIndex = indexes.iterator();
      Map<LedgerImport.Outcome, Integer> tally = new EnumMap<>(LedgerImport.Outcome.class);
      for (int i = 0; i < rows.size(); i++) {
        RowResult result = results[i] != null ? results[i] : importRow(next.next(), nextIndex.next(), job, batch);
        tally.merge(result.outcome(), 1, Integer::sum);
        for (FieldError e : result.errors()) {
          em.persist(job.reject(rows.get(i).number(), e.field(), e.code(), e.message()));
        }
      }
      ledgerImport.finish(batch, job.createdBy(), job.id(), rows.get(0).number(), rows.get(rows.size() - 1).number());
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

  private RowResult importRow(LedgerEntry entry, ByteBuffer index, ImportJob job, LedgerImport.Batch batch) {
    try {
      LedgerImport.Applied applied = ledgerImport.apply(entry, index, job.createdBy(), batch);
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

  /** Ends job, upload and queue entry together, with the message's leading code on the queue. */
  private void fail(Claim claim, String message) {
    job(claim.id()).filter(j -> !j.status().isFinished()).ifPresent(j -> j.failBecause(message));
    uploads.remove(claim.id());
    int colon = message.indexOf(':');
    queue.fail(claim, colon > 0 ? message.substring(0, colon) : "IMPORT_FAILED");
  }

  /** One transaction, bound to the job's tenant before anything else happens in it. */
  private void inTenant(TenantId tenant, Runnable work) {
    background.runInTenant(tenant, work);
  }

  /** The last resort of a failing run: if even recording the failure fails, the log is all that is left. */
  private void failOrLog(Claim claim, String message) {
    try {
      inTenant(claim.tenant(), () -> fail(claim, message));
    } catch (LeaseLost e) {
      LOG.info(() -> "ledger import " + claim.id() + " was taken over by another node before it could fail here");
    } catch (RuntimeException e) {
      // The lease expires and another run (or the attempt limit) ends the job.
      LOG.log(Level.SEVERE, "ledger import " + claim.id() + ": the failure could not be recorded", withoutMessages(e));
    }
  }

  /** Stops the read at the first data row when the header names none of the template's columns. */
  private static final class ColumnsUnknown extends RuntimeException {
    ColumnsUnknown() {
      super(null, null, false, false);
    }
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
