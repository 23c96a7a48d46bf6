package org.shouhu.contracts.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.shouhu.contracts.entity.ProjectId;
import org.shouhu.tenancy.control.TenantSession;

/**
 * How many service records each deliverable of a project has, for either party of the project. The one place
 * evaluations and exports take their delivery figures from, so that pointing it at the summary tables of the
 * reporting context (#5) changes nothing else.
 *
 * <p>For now it asks the database function {@code shouhu_record_counts} (V80), which aggregates service_record for
 * a party of the project — the bureau cannot read service records themselves — and answers counts only.
 */
@ApplicationScoped
public class DeliveryCounts {

  @PersistenceContext(unitName = "shouhu")
  EntityManager em;

  @Inject TenantSession session;

  /**
   * One deliverable's tally: approved records, records handed to review (SUBMITTED, APPROVED, RETURNED), and of
   * those the ones flagged LATE_ENTRY, ever returned, and either.
   */
  public record Tally(UUID deliverableId, long approved, long considered, long late, long returned, long flawed) {}

  /** Per deliverable id, in the deliverables' order; empty for a project the bound tenant is no party to. */
  public Map<UUID, Tally> of(ProjectId project) {
    session.require();
    @SuppressWarnings("unchecked")
    List<Object[]> rows = em.createNativeQuery(
            "select deliverable_id, approved, considered, late, returned, flawed from shouhu_record_counts(?1)")
        .setParameter(1, project.value())
        .getResultList();
    Map<UUID, Tally> tallies = new LinkedHashMap<>();
    for (Object[] r : rows) {
      UUID id = r[0] instanceof UUID u ? u : UUID.fromString(r[0].toString());
      tallies.put(id, new Tally(id, number(r[1]), number(r[2]), number(r[3]), number(r[4]), number(r[5])));
    }
    return tallies;
  }

  private static long number(Object value) {
    return value == null ? 0 : ((Number) value).longValue();
  }
}
