package org.shouhu.beneficiaries.boundary;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.shouhu.beneficiaries.control.ImportUploads;
import org.shouhu.beneficiaries.control.LedgerFile;
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
 *
 * <p>Two threads share a run ({@link PreparedBatches}): one of the container's executor reads the file and prepares
 * the batches — everything decided by the file alone (mapping, checks, numbers repeated in the file, blind indexes)
 * and the sealed new records — while the run's thread writes the batch before, deciding in its transaction
 * what depends on the register (which numbers have an active record). Progress, lease and resumption are the
 * writer's alone, batch by batch as before; a prepared batch that was never written is simply prepared again by
 * whichever run resumes.
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
  @Resource ManagedExecutorService executor;

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

  /**
   * Batches prepared ahead of the one being written: two keep the database busy while the next is sealed, and hold
   * a few MiB at most.
   */
  static final int PREPARED_AHEAD = 2;

  /** Where a run starts: a fresh job, or one taken over after {@code rowsDone} committed rows. */
  private record Start(ImportJobStatus status, int rowsDone, boolean uploaded, UUID actor) {}

  @Override
  public void run(Claim claim) {
    TenantId tenant = claim.tenant();
    UUID jobId = claim.id();
    Progress progress = new Progress();
    try {
      Start start = background.inTenant(tenant, () -> {
        ImportJob job = job(jobId).orElseThrow();
        return new Start(job.status(), job.rowsDone(), uploads.exists(jobId), job.createdBy());
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
      boolean fresh = start.status() == ImportJobStatus.QUEUED;
      int resumeAfter = fresh ? 0 : start.rowsDone();
      UUID actor = start.actor();
      PreparedBatches<PreparedBatch> batches = new PreparedBatches<>(PREPARED_AHEAD,
          (each, betweenRows) -> prepareAll(source, tenant, actor, resumeAfter, progress.seen, each, betweenRows));
      // Submitted before the count, so that the first batches are prepared while this thread counts.
      submit(batches);
      try {
        if (fresh) {
          // A count of records, not a parse: the file is parsed once, by the import itself.
          int rowsAtMost = LedgerFile.countRowsAtMost(source);
          inTenant(tenant, () -> {
            queue.requireLease(claim);
            job(jobId).orElseThrow().start(rowsAtMost);
          });
        } else {
          progress.rowsDone = resumeAfter;
          LOG.info(() -> "ledger import " + jobId + " resumes after row " + resumeAfter + " (attempt " + claim.attempt() + ")");
        }
        batches.writeAll(batch -> importBatch(claim, batch, progress));
      } catch (ColumnsUnknown e) {
        failOrLog(claim, LEDGER_COLUMNS_UNKNOWN + ": the first row names none of the template's "
            + "columns (" + String.join(", ", LedgerRowMapping.COLUMNS) + "). Start from the template.");
        return;
      } finally {
        batches.stop(); // whatever stopped this thread stops the preparer too
      }
      inTenant(tenant, () -> {
        queue.requireLease(claim);
        job(jobId).orElseThrow().finish();
        uploads.remove(jobId);
        queue.finish(claim);
      });
      LOG.info(() -> "ledger import " + jobId + " done: " + progress.rowsDone + " rows, prepared "
          + (batches.preparedAhead() ? "ahead on a second thread" : "by the run's own thread"));
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
      // A run ends its job and its queue entry in one commit, which may have landed between the two reads above:
      // read the job again, locked, so that a job it has just ended is shown as it ended, not overwritten here.
      em.refresh(job, LockModeType.PESSIMISTIC_WRITE);
      if (!job.status().isFinished()) {
        job.failBecause(INTERRUPTED);
        LOG.info(() -> "ledger import " + job.id() + " has no live queue entry; marked interrupted");
      }
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
   * Reads the file and prepares its batches, in file order, for {@link #importBatch}: each row mapped and checked
   * (bad ones and numbers repeated in the file are rejections, decided here: they depend on the file alone), its
   * number's blind index computed once, and its new record built and sealed in case the register does not know the
   * number (decided by the batch's own transaction). A resumed run re-reads the rows already committed only to
   * remember their numbers.
   *
   * <p>Runs on the executor's thread while the run's thread writes the batch before (or, when no executor thread
   * was free, on the run's thread between its batches); each batch is prepared in its own short transaction bound
   * to the job's tenant, so a refresh of the key ring reads the database as it would in the batch's transaction.
   */
  private void prepareAll(LedgerFile.Source source, TenantId tenant, UUID actor, int resumeAfter,
      Map<ByteBuffer, Integer> seen, Consumer<PreparedBatch> each, Runnable betweenRows) throws IOException {
    int[] seenRows = {0};
    boolean[] knownColumns = {false};
    List<LedgerRow> rows = new ArrayList<>(batchSize);
    LedgerFile.read(source, header -> knownColumns[0] = header.stream().anyMatch(LedgerRowMapping::isKnownColumn),
        row -> {
          betweenRows.run();
          if (!knownColumns[0]) {
            throw new ColumnsUnknown();
          }
          if (seenRows[0]++ < resumeAfter) {
            remember(row, tenant, seen);
            return;
          }
          rows.add(row);
          if (rows.size() == batchSize) {
            each.accept(prepare(rows, tenant, actor, seen));
            rows.clear();
          }
        });
    if (!rows.isEmpty()) {
      each.accept(prepare(rows, tenant, actor, seen));
    }
  }

  private PreparedBatch prepare(List<LedgerRow> rows, TenantId tenant, UUID actor, Map<ByteBuffer, Integer> seen) {
    return background.inTenant(tenant, () -> {
      List<PreparedRow> prepared = new ArrayList<>(rows.size());
      for (LedgerRow row : rows) {
        LedgerRowMapping.Mapped mapped = LedgerRowMapping.map(row);
        if (!mapped.ok()) {
          prepared.add(PreparedRow.refused(row.number(), RowResult.refused(mapped.errors())));
          continue;
        }
        ByteBuffer index = ledgerImport.fingerprint(mapped.entry().citizenId(), tenant);
        Integer first = seen.putIfAbsent(index, row.number());
        if (first != null) {
          prepared.add(PreparedRow.refused(row.number(), RowResult.refused(List.of(new FieldError(
              LedgerRowMapping.CITIZEN_ID, CITIZEN_ID_REPEATED_IN_FILE, "The same citizen identity number is already"
                  + " on row " + first + " of this file; only that row is imported.")))));
          continue;
        }
        prepared.add(new PreparedRow(row.number(), null, ledgerImport.prepare(mapped.entry(), index, actor)));
      }
      return new PreparedBatch(prepared);
    });
  }

  /**
   * One row as {@link #prepare} left it, by its number in the file: either its refusal, decided by the file alone, or
   * what the register needs to apply it.
   */
  private record PreparedRow(int number, RowResult refused, LedgerImport.Prepared ready) {
    static PreparedRow refused(int number, RowResult refusal) {
      return new PreparedRow(number, refusal, null);
    }
  }

  /** A batch of prepared rows, in file order. */
  private record PreparedBatch(List<PreparedRow> rows) {
    int first() {
      return rows.get(0).number();
    }

    int last() {
      return rows.get(rows.size() - 1).number();
    }
  }

  /**
   * One batch, one transaction, proving the lease: the register takes the locks and looks up the numbers of all the
   * batch's good rows at once, applies each row (the records prepared for numbers it does not know, revisions of
   * those it does), and writes the new records together with one audit event naming them.
   */
  private void importBatch(Claim claim, PreparedBatch prepared, Progress progress) {
    progress.batchStart = prepared.first();
    inTenant(claim.tenant(), () -> {
      queue.requireLease(claim);
      ImportJob job = job(claim.id()).orElseThrow();
      List<ByteBuffer> indexes = new ArrayList<>(prepared.rows().size());
      for (PreparedRow row : prepared.rows()) {
        if (row.ready() != null) {
          indexes.add(row.ready().index());
        }
      }
      LedgerImport.Batch batch = ledgerImport.begin(indexes);
      Map<LedgerImport.Outcome, Integer> tally = new EnumMap<>(LedgerImport.Outcome.class);
      for (PreparedRow row : prepared.rows()) {
        RowResult result = row.ready() != null ? importRow(row.ready(), job, batch) : row.refused();
        tally.merge(result.outcome(), 1, Integer::sum);
        for (FieldError e : result.errors()) {
          em.persist(job.reject(row.number(), e.field(), e.code(), e.message()));
        }
      }
      ledgerImport.finish(batch, job.createdBy(), job.id(), prepared.first(), prepared.last());
      job.recordBatch(
          tally.getOrDefault(LedgerImport.Outcome.CREATED, 0),
          tally.getOrDefault(LedgerImport.Outcome.UPDATED, 0),
          tally.getOrDefault(LedgerImport.Outcome.UNCHANGED, 0),
          tally.getOrDefault(LedgerImport.Outcome.REFUSED, 0));
    });
    progress.rowsDone += prepared.rows().size();
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

  private RowResult importRow(LedgerImport.Prepared row, ImportJob job, LedgerImport.Batch batch) {
    try {
      LedgerImport.Applied applied = ledgerImport.apply(row, job.createdBy(), batch);
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

  /**
   * The state of one run that outlives a batch: where it is (the writer's: committed rows, the batch in flight), and
   * which numbers it has seen (the preparer's alone).
   */
  private static final class Progress {
    final Map<ByteBuffer, Integer> seen = new HashMap<>();
    volatile int rowsDone;
    volatile int batchStart;
  }

  /**
   * Prepares the batches on the container's executor. A refused task (the node shutting down) leaves the
   * preparation unclaimed, and the run's thread then prepares each batch itself.
   */
  private void submit(PreparedBatches<PreparedBatch> batches) {
    try {
      executor.execute(batches::prepareAll);
    } catch (RejectedExecutionException busy) {
      LOG.fine("ledger import: no executor thread for the preparation; the run prepares its own batches");
    }
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
