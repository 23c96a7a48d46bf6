package org.shouhu.services.boundary;

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
import java.util.List;
import java.util.UUID;
import org.shouhu.audit.control.AuditTrail;
import org.shouhu.problems.entity.ProblemException;
import org.shouhu.problems.boundary.Fields;
import org.shouhu.services.control.EvidenceFiles;
import org.shouhu.services.control.ServiceRecords.Actor;
import org.shouhu.tenancy.boundary.BindTenant;
import org.shouhu.tenancy.boundary.Caller;

/**
 * Evidence files of one service record, for the organization: its worker uploads them while the record is DRAFT or
 * RETURNED; whoever sees the record lists them. A file is downloaded at {@code /evidence/{id}/content}
 * ({@link EvidenceResource}).
 *
 * <p>The body of an upload is the file itself, as a phone's HTTP client sends it most simply: any Content-Type (the
 * bytes decide the type), the file's name in {@code ?fileName=}. No multipart: nothing to assemble on the phone and
 * nothing extra to parse here. Uploading the same bytes again answers 200 with the file already attached.
 */
@ApplicationScoped
@Path("v1/services/{recordId}/evidence")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"SOCIAL_WORKER", "SUPERVISOR", "ORG_ADMIN"})
@Transactional
@BindTenant
public class RecordEvidenceResource {

  @Inject EvidenceFiles files;
  @Inject Caller caller;
  @Inject AuditTrail audit;
  @Context UriInfo uri;

  /** Read before this runs ({@link EvidenceUploadReader}): a missing role is refused before the body is read. */
  @POST
  @Consumes(MediaType.WILDCARD)
  @RolesAllowed("SOCIAL_WORKER")
  public Response upload(
      @PathParam("recordId") String recordId, @QueryParam("fileName") String fileName, UploadedEvidence upload) {
    UUID id = Fields.pathId(recordId, "Service record");
    if (upload == null) {
      throw new ProblemException(400, "BODY_REQUIRED", "Body required", "Send the file as the body.");
    }
    EvidenceFiles.Attached attached = files.attach(id, new EvidenceFiles.Upload(fileName, upload.bytes()), actor());
    EvidenceView view = EvidenceView.full(attached.evidence());
    if (!attached.created()) {
      return Response.ok(view).build();
    }
    audit.record(caller.userId(), "EVIDENCE_ATTACHED", "evidence", attached.evidence().id(),
        "record " + id + " " + attached.evidence().contentType() + " " + attached.evidence().size() + " bytes");
    return Response.created(uri.getBaseUriBuilder().path("v1/evidence").path(attached.evidence().id().toString()).build())
        .entity(view)
        .build();
  }

  @GET
  public List<EvidenceView> list(@PathParam("recordId") String recordId) {
    return files.ofRecord(Fields.pathId(recordId, "Service record"), actor()).stream().map(EvidenceView::full).toList();
  }

  private Actor actor() {
    return Staff.actor(caller);
  }
}
