package org.shouhu.contracts.boundary;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.shouhu.contracts.entity.Deliverable;
import org.shouhu.contracts.entity.PaymentMilestone;
import org.shouhu.contracts.entity.Project;

/** A project as both parties see it. Amounts are strings so no client parses money as a float. */
public record ProjectView(
    UUID id,
    String contractNumber,
    String title,
    UUID bureauId,
    UUID organizationId,
    String budget,
    LocalDate periodStart,
    LocalDate periodEnd,
    List<String> coveredTowns,
    List<String> targetGroups,
    int lockDays,
    String status,
    String statusReason,
    List<DeliverableView> deliverables,
    List<MilestoneView> milestones,
    OffsetDateTime createdAt) {

  public record DeliverableView(
      UUID id, int position, String kind, String unit, int target, String targetGroup,
      Integer minimumPerBeneficiary, String cadence, String description) {

    static DeliverableView of(Deliverable d) {
      return new DeliverableView(
          d.id(), d.position(), d.kind().name(), d.unit().name(), d.target(),
          d.targetGroup() == null ? null : d.targetGroup().name(), d.minimumPerBeneficiary(),
          d.cadence() == null ? null : d.cadence().name(), d.description());
    }
  }

  public record MilestoneView(
      UUID id, String kind, String label, String sharePercent, String amount, LocalDate dueDate,
      boolean requiresEvaluation, String status, LocalDate paidOn, String paymentReference) {

    static MilestoneView of(PaymentMilestone m, BigDecimal budget) {
      return new MilestoneView(
          m.id(), m.kind().name(), m.customLabel(), m.sharePercent().toPlainString(),
          m.amountOf(budget).toPlainString(), m.dueDate(), m.requiresEvaluation(), m.status().name(), m.paidOn(),
          m.paymentReference());
    }
  }

  public static ProjectView of(Project p) {
    return new ProjectView(
        p.id().value(), p.contractNumber(), p.title(), p.bureauId(), p.organizationId(),
        p.budget().toPlainString(), p.period().start(), p.period().end(),
        p.coveredTowns().stream().sorted().toList(), p.targetGroups().stream().sorted().toList(),
        p.lockDays(), p.status().name(), p.statusReason(),
        p.deliverables().stream().map(DeliverableView::of).toList(),
        p.milestones().stream().map(m -> MilestoneView.of(m, p.budget())).toList(),
        p.createdAt());
  }
}
