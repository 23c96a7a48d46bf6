package org.shouhu.reporting.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.shouhu.reporting.control.ReadRoute;
import org.shouhu.reporting.control.StandbyReads;
import org.shouhu.tenancy.boundary.BackgroundTransactions;
import org.shouhu.tenancy.boundary.Caller;

/**
 * The two ends of reads from a standby (#16) that lie outside a resource method. A routed report's answer states how
 * old its data is ({@code Shouhu-Data-Age} in seconds, {@code Shouhu-Data-Source} primary or standby). And once a
 * write by a caller who reads routed reports has committed (this filter runs after the resource's transaction),
 * the WAL position is recorded so that caller's next report comes from the primary until the standby has replayed
 * it. Only bureau officers read routed reports, so the workers' writes, the bulk of all writes, cost nothing here;
 * without a standby nothing is recorded at all.
 */
@ApplicationScoped
@Provider
public class StandbyReadsFilter implements ContainerResponseFilter {

  private static final Logger LOG = Logger.getLogger(StandbyReadsFilter.class.getName());
  private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");
  /** The roles whose reads {@link ReportsResource} may route to the standby. */
  static final String READS_ROUTED = "BUREAU_OFFICER";

  @Inject StandbyReads standby;
  @Inject Caller caller;
  @Inject BackgroundTransactions transactions;

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    if (request.getProperty(ReadRoute.ATTRIBUTE) instanceof ReadRoute route) {
      response.getHeaders().putSingle(ReadRoute.AGE_HEADER, route.ageSeconds());
      response.getHeaders().putSingle(ReadRoute.SOURCE_HEADER, route.sourceName());
    }
    if (WRITES.contains(request.getMethod()) && response.getStatus() < 400 && standby.configured()
        && caller.isAuthenticated() && caller.hasRole(READS_ROUTED)) {
      try {
        transactions.runInTenant(caller.tenant(), () -> standby.wrote(caller.userId()));
      } catch (RuntimeException e) {
        // The write itself stands; at worst this caller's next report is read from a standby that lags it.
        LOG.log(Level.WARNING, "could not record the last write for read-your-writes: {0}", String.valueOf(e));
      }
    }
  }
}
