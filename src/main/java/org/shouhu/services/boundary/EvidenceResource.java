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
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.shouhu.Page;
import org.shouhu.audit.control.AuditTrail;
import org.shouhu.problems.boundary.Fields;
import org.shouhu.services.control.EvidenceFiles;
import org.shouhu.services.control.ServiceRecords.Actor;
import org.shouhu.services.entity.Evidence;
import org.shouhu.tenancy.boundary.BindTenant;
import org.shouhu.tenancy.boundary.Caller;

/**
 * Evidence files as both parties find and download them: the organization (as it sees the records) and the funding
 * bureau of the record's project (files of records handed in for review or approved, described minimally, see
 * {@link EvidenceView}). Any other tenant, and any id the caller may not see, gets 404.
 */
@ApplicationScoped
@Path("v1/evidence")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({"SOCIAL_WORKER", "SUPERVISOR", "ORG_ADMIN", "BUREAU_OFFICER"})
@Transactional
@BindTenant
public class EvidenceResource {

  @Inject EvidenceFiles files;
  @Inject Caller caller;
  @Inject AuditTrail audit;

  public record Voiding(String reason) {}

  /** The files the caller's tenant is party to, newest service day first; a worker lists a record's files instead. */
  @GET
  @RolesAllowed({"SUPERVISOR", "ORG_ADMIN", "BUREAU_OFFICER"})
  public Page<EvidenceView> list(
      @QueryParam("project") String project, @QueryParam("offset") String offset, @QueryParam("limit") String limit) {
    Fields check = Fields.query();
    UUID projectId = project == null || project.isBlank() ? null : check.parse("project", () -> Fields.id(project));
    check.verify();
    int first = Page.offset(offset);
    int size = Page.limit(limit);
    var filter = new EvidenceFiles.Filter(projectId);
    return new Page<>(files.page(filter, first, size).stream().map(this::view).toList(), files.count(filter), first, size);
  }

  @GET
  @Path("{id}")
  public EvidenceView get(@PathParam("id") String id) {
    return view(files.visible(Fields.pathId(id, "Evidence"), actor()));
  }

  /**
   * The bytes, as stored: the Content-Type the bytes were recognized as, never sniffed by the browser, offered as
   * a download under the file's name, cached privately and revalidated by its checksum (ETag). Audited: these are
   * photos of children.
   */
  @GET
  @Path("{id}/content")
  @Produces(MediaType.WILDCARD)
  public Response content(@PathParam("id") String id, @Context Request request) {
    Evidence evidence = files.visible(Fields.pathId(id, "Evidence"), actor());
    EntityTag tag = new EntityTag(evidence.sha256());
    CacheControl cache = new CacheControl();
    cache.setPrivate(true);
    cache.setNoCache(true);
    cache.setNoTransform(true);
    Response.ResponseBuilder unchanged = request.evaluatePreconditions(tag);
    if (unchanged != null) {
      return unchanged.cacheControl(cache).header("X-Content-Type-Options", "nosniff").build();
    }
    byte[] bytes = files.content(evidence);
    audit.record(caller.userId(), "EVIDENCE_DOWNLOADED", "evidence", evidence.id(),
        files.readByBureau(evidence) ? "by funding bureau" : null);
    return Response.ok(bytes, evidence.contentType())
        .tag(tag)
        .cacheControl(cache)
        .header("Content-Disposition", disposition(evidence.fileName()))
        .header("X-Content-Type-Options", "nosniff")
        .header("Content-Length", bytes.length)
        .build();
  }

  @POST
  @Path("{id}/void")
  @RolesAllowed({"SOCIAL_WORKER", "SUPERVISOR", "ORG_ADMIN"})
  public EvidenceView voidFile(@PathParam("id") String id, Voiding request) {
    UUID evidenceId = Fields.pathId(id, "Evidence");
    Fields check = Fields.of(request);
    String reason = check.text("reason", request.reason(), org.shouhu.tenancy.entity.Voiding.MAX_REASON);
    check.verify();
    Evidence evidence = files.voidBecause(evidenceId, reason, actor());
    audit.record(caller.userId(), "EVIDENCE_VOIDED", "evidence", evidence.id(), null);
    return EvidenceView.full(evidence);
  }

  private EvidenceView view(Evidence e) {
    return files.readByBureau(e) ? EvidenceView.forBureau(e) : EvidenceView.full(e);
  }

  private Actor actor() {
    return Staff.actor(caller);
  }

  /**
   * {@code attachment} with an ASCII fallback name and the exact UTF-8 name (RFC 6266 / RFC 8187), so 签到表.jpg
   * arrives as 签到表.jpg, and no name can break out of the header.
   */
  static String disposition(String fileName) {
    StringBuilder ascii = new StringBuilder();
    StringBuilder encoded = new StringBuilder();
    for (char c : fileName.toCharArray()) {
      ascii.append(c >= 0x20 && c < 0x7F && c != '"' && c != '\\' ? c : '_');
    }
    for (byte b : fileName.getBytes(StandardCharsets.UTF_8)) {
      int v = b & 0xFF;
      if ((v >= 'a' && v <= 'z') || (v >= 'A' && v <= 'Z') || (v >= '0' && v <= '9') || "!#$&+-.^_`|~".indexOf(v) >= 0) {
        encoded.append((char) v);
      } else {
        encoded.append('%').append(String.format("%02X", v));
      }
    }
    return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
  }
}
