package org.shouhu.reporting.control;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * Progress of one project on one day, as both its parties see it. Quantities are in each deliverable's unit;
 * decimals (expected, money) are strings so no client reads them as floats. Definitions in docs/reporting.md.
 */
public record ProjectProgress(
    UUID projectId,
    String contractNumber,
    String title,
    UUID organizationId,
    String organizationName,
    UUID bureauId,
    String projectStatus,
    LocalDate periodStart,
    LocalDate periodEnd,
    LocalDate asOf,
    long periodDays,
    long elapsedDays,
    String status,
    List<DeliverableProgress> deliverables,
    BudgetProgress budget,
    List<Series> weekly,
    List<Series> monthly) {

  public record DeliverableProgress(
      UUID deliverableId,
      int position,
      String kind,
      String unit,
      int target,
      long approved,
      long submittedNotApproved,
      String expected,
      String percentOfExpected,
      long approvedLast30Days,
      String projectedAtEnd,
      String status) {}

  public record MilestoneProgress(
      UUID id, String kind, String label, LocalDate dueDate, String amount, boolean due, String status,
      LocalDate paidOn) {}

  public record BudgetProgress(
      String budget,
      int milestonesDue,
      String dueAmount,
      int milestonesPaid,
      String paidAmount,
      String releasedAmount,
      String plannedCostPerUnit,
      String costPerUnitDelivered,
      List<MilestoneProgress> milestones) {}

  /** Approved quantity per week (Monday to Sunday) or calendar month, with running and expected totals. */
  public record Series(UUID deliverableId, String unit, List<Point> points) {}

  public record Point(LocalDate start, LocalDate end, long approved, long cumulative, String expectedCumulative) {}
}
