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
import jakarta.ws.rs.core.MediaType;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.shouhu.problems.boundary.Fields;
import org.shouhu.services.control.Caseloads;
import org.shouhu.services.entity.CounselingCase;
import org.shouhu.services.entity.ServiceGroup;
import org.shouhu.tenancy.boundary.BindTenant;
import org.shouhu.tenancy.boundary.Caller;

/**
 * A worker's caseload as the organization's administrator sees it before a transfer, and the transfer itself: when
 * a worker leaves or changes post, their open cases, open groups and the people they are due to visit pass to a
 * colleague in one audited action. Another tenant's user ids answer 404.
 */
@ApplicationScoped
@Path("v1/users/{id}/caseload")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed("ORG_ADMIN")
@Transactional
@BindTenant
public class CaseloadResource {

  static final int REASON_MAX = 500;

  @Inject Caseloads caseloads;
  @Inject Caller caller;

  public record Transfer(String toUserId, String reason) {}

  public record CaseItem(UUID id, UUID projectId, UUID beneficiaryId, String status, LocalDate intakeOn, int sessionCount) {

    static CaseItem of(CounselingCase c) {
      return new CaseItem(c.id(), c.projectId().value(), c.client().value(), c.status().name(), c.intakeOn(), c.sessionCount());
    }
  }

  public record GroupItem(UUID id, UUID projectId, String name, int memberCount, int sessionCount) {

    static GroupItem of(ServiceGroup g) {
      return new GroupItem(g.id(), g.projectId().value(), g.name(), g.memberCount(), g.sessionCount());
    }
  }

  public record VisitItem(UUID projectId, UUID beneficiaryId, OffsetDateTime lastVisitAt, boolean assigned) {}

  /** @param toUserId null in a preview; the worker who took the caseload over in a transfer's answer */
  public record CaseloadView(UUID userId, UUID toUserId, List<CaseItem> cases, List<GroupItem> groups, List<VisitItem> visits) {

    static CaseloadView of(Caseloads.Caseload load, UUID to) {
      return new CaseloadView(load.workerId(), to,
          load.cases().stream().map(CaseItem::of).toList(),
          load.groups().stream().map(GroupItem::of).toList(),
          load.visits().stream().map(v -> new VisitItem(v.projectId(), v.beneficiaryId(), v.lastVisitAt(), v.assigned())).toList());
    }
  }

  @GET
  public CaseloadView preview(@PathParam("id") String id) {
    return CaseloadView.of(caseloads.of(Fields.pathId(id, "User")), null);
  }

  @POST
  @Path("transfer")
  public CaseloadView transfer(@PathParam("id") String id, Transfer request) {
    UUID from = Fields.pathId(id, "User");
    Fields check = Fields.of(request);
    UUID to = check.parse("toUserId", () -> Fields.id(request.toUserId()));
    String reason = check.text("reason", request.reason(), REASON_MAX);
    check.verify();
    return CaseloadView.of(caseloads.transfer(from, to, reason, caller.userId()), to);
  }
}
