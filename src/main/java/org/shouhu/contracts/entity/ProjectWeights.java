package org.shouhu.contracts.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;
import org.shouhu.tenancy.entity.Timestamped;

/**
 * The indicator weights the bureau agreed for one project's evaluations, when they differ from
 * {@link Weights#DEFAULT}. Changed only before the project's first evaluation sheet is opened: every sheet copies
 * the weights when it is opened, and mid-term and final must be scored on the same terms.
 */
@Entity
@Table(name = "evaluation_weights")
public class ProjectWeights extends Timestamped {

  @Id
  @Column(name = "project_id", nullable = false, updatable = false)
  private UUID projectId;

  @Column(name = "tenant_id", nullable = false, updatable = false)
  private UUID organizationId;

  @Column(name = "bureau_id", nullable = false, updatable = false)
  private UUID bureauId;

  private int completion;
  private int quality;
  private int satisfaction;
  private int compliance;

  @Column(name = "updated_by", nullable = false)
  private UUID updatedBy;

  protected ProjectWeights() {}

  public ProjectWeights(Project project, Weights weights, UUID by) {
    this.projectId = project.id().value();
    this.organizationId = project.organizationId();
    this.bureauId = project.bureauId();
    change(weights, by);
  }

  public void change(Weights weights, UUID by) {
    this.completion = weights.completion();
    this.quality = weights.quality();
    this.satisfaction = weights.satisfaction();
    this.compliance = weights.compliance();
    this.updatedBy = by;
  }

  public Weights weights() {
    return new Weights(completion, quality, satisfaction, compliance);
  }
}
