package org.shouhu.services.boundary;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.shouhu.contracts.control.Projects;
import org.shouhu.contracts.entity.Project;
import org.shouhu.contracts.entity.ProjectId;
import org.shouhu.problems.boundary.Fields;
import org.shouhu.services.control.ServiceRecords;
import org.shouhu.tenancy.boundary.BackgroundTransactions;
import org.shouhu.tenancy.boundary.BindTenant;
import org.shouhu.tenancy.boundary.Caller;
import org.shouhu.tenancy.entity.TenantId;

/**
 * What a project has delivered so far: per deliverable, how many records were approved against its target. Both
 * parties read it, so the bureau sees a supervisor's approval the moment it is made.
 *
 * <p>Service records are the organization's rows, invisible to the bureau's tenant. For the funding bureau the
 * count runs in a separate transaction bound to the project's organization, after the project was found in the
 * bureau's own transaction (so a stranger's id is 404 before anything else happens), and only the counts leave it:
 * no record, participant or worker crosses to the bureau.
 */
@RequestScoped
@Path("v1/projects/{projectId}/delivery")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"SOCIAL_WORKER", "SUPERVISOR", "ORG_ADMIN", "BUREAU_OFFICER"})
@Transactional
@BindTenant
public class DeliveryResource {

  @Inject Projects projects;
  @Inject ServiceRecords records;
  @Inject BackgroundTransactions transactions;
  @Inject Caller caller;

  public record DeliverableDelivery(UUID deliverableId, String kind, String unit, int target, long approved) {}

  public record DeliveryView(UUID projectId, String status, List<DeliverableDelivery> deliverables) {}

  // TODO [reporting] the progress report (#5) adds expected-by-today and per-period figures; keep this the cheap
  // live count the worker, manager and bureau screens poll.
  @GET
  public DeliveryView delivery(@PathParam("projectId") String id) {
    Project project = projects.get(new ProjectId(Fields.pathId(id, "Project")));
    Map<UUID, Long> approved = project.organizationId().equals(caller.tenant().value())
        ? records.approvedByDeliverable(project.id())
        : transactions.inTenant(new TenantId(project.organizationId()), () -> records.approvedByDeliverable(project.id()));
    return new DeliveryView(
        project.id().value(),
        project.status().name(),
        project.deliverables().stream()
            .map(d -> new DeliverableDelivery(d.id(), d.kind().name(), d.unit().name(), d.target(),
                approved.getOrDefault(d.id(), 0L)))
            .toList());
  }
}
