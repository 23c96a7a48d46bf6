package org.shouhu.beneficiaries.boundary;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import org.shouhu.Page;
import org.shouhu.beneficiaries.control.ImportJobs;
import org.shouhu.beneficiaries.control.LedgerFile;
import org.shouhu.beneficiaries.entity.ImportJob;
import org.shouhu.beneficiaries.entity.LedgerFormat;
import org.shouhu.problems.boundary.Fields;
import org.shouhu.problems.entity.ProblemException;
import org.shouhu.tenancy.boundary.BindTenant;
import org.shouhu.tenancy.boundary.Caller;
import org.shouhu.tenancy.control.Tenants;
import org.shouhu.tenancy.entity.TenantKind;

/**
 * Ledger import (台账导入): an organization uploads its existing register as a spreadsheet (the template in
 * tenants/ledger-template.csv, CSV or XLSX) and it is imported in the background. The upload answers 202 with the
 * queued job; {@code GET /{id}} shows its progress and counts, {@code GET /{id}/rejections} the rows that were
 * not taken, each with its row number, column and code. Importing the same file again creates nothing twice.
 *
 * <p>Supervisors and administrators only: an import touches many records at once. Another tenant's job is 404.
 */
@ApplicationScoped
@Path("v1/beneficiaries/imports")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"SUPERVISOR", "ORG_ADMIN"})
@Transactional
@BindTenant
public class LedgerImportsResource {

  @Inject ImportJobs jobs;
  @Inject LedgerImportJobs runner;
  @Inject Tenants tenants;
  @Inject Caller caller;
  @Context UriInfo uri;

  /**
   * The body is the file itself, already received (sealed) when this runs ({@link LedgerUploadReader}). Its content
   * decides the format: an XLSX workbook is a ZIP container, anything else is read as CSV. The file is copied into
   * the database with its job, sealed, and the scratch copy deleted before the request ends, accepted or refused.
   * A missing role is refused by a request filter before the body is read.
   */
  @POST
  @Consumes({"text/csv", UploadedLedger.XLSX, MediaType.APPLICATION_OCTET_STREAM})
  public Response upload(@QueryParam("fileName") String fileName, UploadedLedger upload) {
    if (upload == null) {
      throw new ProblemException(400, "BODY_REQUIRED", "Body required", "Send the ledger file as the body.");
    }
    try {
      organizationsOnly();
      String name = fileName(fileName);
      byte[] head = upload.head(4);
      LedgerFormat format = LedgerFile.detect(() -> new ByteArrayInputStream(head)) == LedgerFile.Format.XLSX
          ? LedgerFormat.XLSX
          : LedgerFormat.CSV;
      ImportJob job = jobs.queue(name, format, caller.userId());
      runner.queue(caller.tenant(), job.id(), upload);
      return Response.accepted(ImportJobViews.of(job))
          .location(uri.getAbsolutePathBuilder().replaceQuery(null).path(job.id().toString()).build())
          .build();
    } catch (IOException e) {
      throw new IllegalStateException("the uploaded file could not be read back", e);
    } finally {
      upload.delete();
    }
  }

  @GET
  public Page<ImportJobViews.JobView> list(@QueryParam("offset") String offset, @QueryParam("limit") String limit) {
    organizationsOnly();
    int from = Page.offset(offset);
    int size = Page.limit(limit);
    return new Page<>(jobs.page(from, size).stream().map(j -> ImportJobViews.of(runner.settle(j))).toList(),
        jobs.count(), from, size);
  }

  @GET
  @Path("{id}")
  public ImportJobViews.JobView get(@PathParam("id") String id) {
    organizationsOnly();
    return ImportJobViews.of(job(id));
  }

  /**
   * Stops an import that has not finished: it ends FAILED with {@code IMPORT_CANCELLED}, its stored upload is
   * deleted at once, and whichever node runs it stops at its next batch. Rows imported before stay.
   */
  @POST
  @Path("{id}/cancellation")
  public ImportJobViews.JobView cancel(@PathParam("id") String id) {
    organizationsOnly();
    ImportJob job = job(id);
    if (job.status().isFinished() || !runner.cancel(job)) {
      throw ProblemException.conflict("IMPORT_ALREADY_FINISHED", "The import has already ended (" + job.status() + ").");
    }
    return ImportJobViews.of(job);
  }

  @GET
  @Path("{id}/rejections")
  public Page<ImportJobViews.RejectionView> rejections(
      @PathParam("id") String id, @QueryParam("offset") String offset, @QueryParam("limit") String limit) {
    organizationsOnly();
    ImportJob job = job(id);
    int from = Page.offset(offset);
    int size = Page.limit(limit);
    return new Page<>(
        jobs.rejections(job.id(), from, size).stream().map(ImportJobViews::of).toList(),
        jobs.countRejections(job.id()),
        from,
        size);
  }

  /** The job, settled if nothing will ever run it (see {@link LedgerImportJobs#settle}). */
  private ImportJob job(String id) {
    ImportJob job = jobs.find(Fields.pathId(id, "Import")).orElseThrow(() -> ProblemException.notFound("Import"));
    return runner.settle(job);
  }

  /** Only the last path segment, without control characters; a default when none is given. */
  private static String fileName(String given) {
    if (given == null || given.isBlank()) {
      return "ledger";
    }
    String name = given.strip();
    name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
    name = name.codePoints().filter(c -> !Character.isISOControl(c))
        .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString().strip();
    if (name.isEmpty()) {
      return "ledger";
    }
    if (name.length() > ImportJob.MAX_FILE_NAME) {
      throw ProblemException.invalid(
          "fileName", "TOO_LONG", "'fileName' has at most " + ImportJob.MAX_FILE_NAME + " characters.");
    }
    return name;
  }

  private void organizationsOnly() {
    if (tenants.get(caller.tenant()).kind() != TenantKind.ORGANIZATION) {
      throw ProblemException.forbidden("FORBIDDEN", "Only service organizations keep a beneficiary register.");
    }
  }
}
