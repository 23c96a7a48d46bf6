package org.shouhu.reporting.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.shouhu.contracts.control.Projects;
import org.shouhu.contracts.entity.ContractPeriod;
import org.shouhu.contracts.entity.Deliverable;
import org.shouhu.contracts.entity.DeliveryUnit;
import org.shouhu.contracts.entity.PaymentMilestone;
import org.shouhu.contracts.entity.Project;
import org.shouhu.contracts.entity.ProjectId;
import org.shouhu.reporting.control.ProjectProgress.BudgetProgress;
import org.shouhu.reporting.control.ProjectProgress.DeliverableProgress;
import org.shouhu.reporting.control.ProjectProgress.MilestoneProgress;
import org.shouhu.reporting.control.ProjectProgress.Point;
import org.shouhu.reporting.control.ProjectProgress.Series;
import org.shouhu.reporting.entity.Progress;
import org.shouhu.reporting.entity.ProgressStatus;
import org.shouhu.reporting.entity.Tally;
import org.shouhu.problems.entity.ProblemException;
import org.shouhu.tenancy.control.TenantSession;
import org.shouhu.tenancy.control.Tenants;
import org.shouhu.tenancy.entity.TenantId;

/**
 * Deliverable progress read from the summaries (report_deliverable_tally, report_daily, report_reach), never from
 * the service records themselves. A project is reported to its two parties only: {@link Projects#get} answers 404
 * to anyone else before a figure is read.
 */
@ApplicationScoped
public class ProgressReports {

  /** Days are China's, as service records judge them. */
  public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

  // The request's own (primary) entity manager, or the standby's when the boundary routed this report there.
  @Inject StandbyReads reads;

  @Inject Projects projects;
  @Inject Tenants tenants;
  @Inject TenantSession session;

  /** What the summaries hold for one deliverable. */
  record Figures(Tally approved, long pendingRecords, long pendingAttendances, long pendingNewPersons, Tally last30) {

    static final Figures NONE = new Figures(Tally.NONE, 0, 0, 0, Tally.NONE);

    long pendingIn(DeliveryUnit unit) {
      return switch (unit) {
        case VISIT -> pendingAttendances;
        case PERSON -> pendingNewPersons;
        case SESSION, EVENT, CASE -> pendingRecords;
      };
    }
  }

  /** Which summary rows a query reads: one project of one organization, or every project of one bureau. */
  record Scope(String clause, Map<String, Object> values) {

    static Scope project(Project p) {
      return new Scope("r.tenant_id = :scopeTenant and r.project_id = :scopeProject",
          Map.of("scopeTenant", p.organizationId(), "scopeProject", p.id().value()));
    }

    static Scope bureau(UUID bureau) {
      return new Scope("r.bureau_id = :scopeBureau", Map.of("scopeBureau", bureau));
    }
  }

  public LocalDate today() {
    return LocalDate.now(ZONE);
  }

  /**
   * The progress of a project the bound tenant is party to (else 404). On the bureau's side only its officers read
   * reports; its administrator manages accounts (403 {@code REPORT_BUREAU_OFFICERS_ONLY}).
   */
  public ProjectProgress of(ProjectId id, boolean bureauOfficer) {
    Project project = projects.get(id);
    if (project.bureauId().equals(session.require().value()) && !bureauOfficer) {
      throw ProblemException.forbidden("REPORT_BUREAU_OFFICERS_ONLY", "The bureau's officers read its reports.");
    }
    LocalDate today = today();
    Scope scope = Scope.project(project);
    Map<UUID, Figures> figures = figures(scope, today, countsPeople(List.of(project)));
    List<DeliverableProgress> deliverables = new ArrayList<>();
    ProgressStatus overall = ProgressStatus.AHEAD;
    for (Deliverable d : project.deliverables()) {
      DeliverableProgress p = progress(d, project.period(), figures.getOrDefault(d.id(), Figures.NONE), today);
      deliverables.add(p);
      overall = ProgressStatus.worst(overall, ProgressStatus.valueOf(p.status()));
    }
    Progress calendar = new Progress(0, 0, 0, project.period().start(), project.period().end(), today);
    Map<UUID, NavigableMap<LocalDate, Long>> daily = dailyQuantities(project);
    return new ProjectProgress(
        project.id().value(), project.contractNumber(), project.title(), project.organizationId(),
        organizationName(project.organizationId()), project.bureauId(), project.status().name(),
        project.period().start(), project.period().end(), today, calendar.periodDays(), calendar.elapsedDays(),
        project.deliverables().isEmpty() ? ProgressStatus.ON_TRACK.name() : overall.name(), deliverables,
        budget(project, deliverables, today),
        series(project, daily, today, day -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)),
            start -> start.plusWeeks(1)),
        series(project, daily, today, day -> day.withDayOfMonth(1), start -> start.plusMonths(1)));
  }

  /** Display names of organizations, in one query (the tenant registry is not tenant-owned). */
  Map<UUID, String> organizationNames(java.util.Collection<UUID> organizations) {
    Map<UUID, String> names = new HashMap<>();
    if (organizations.isEmpty()) {
      return names;
    }
    for (Object[] row : reads.em().createQuery("select t.id, t.displayName from Tenant t where t.id in :ids", Object[].class)
        .setParameter("ids", java.util.Set.copyOf(organizations))
        .getResultList()) {
      names.put(Rows.uuid(row[0]), (String) row[1]);
    }
    return names;
  }

  String organizationName(UUID organization) {
    return tenants.find(new TenantId(organization)).map(t -> t.displayName()).orElse(null);
  }

  static DeliverableProgress progress(Deliverable d, ContractPeriod period, Figures f, LocalDate today) {
    long approved = f.approved().in(d.unit());
    long last30 = f.last30().in(d.unit());
    Progress p = new Progress(d.target(), (int) approved, (int) last30, period.start(), period.end(), today);
    BigDecimal percent = p.percentOfExpected();
    BigDecimal projected = p.projectedAtEnd();
    return new DeliverableProgress(
        d.id(), d.position(), d.kind().name(), d.unit().name(), d.target(), approved, f.pendingIn(d.unit()),
        p.expected().toPlainString(), percent == null ? null : percent.toPlainString(), last30,
        projected == null ? null : projected.toPlainString(), p.status().name());
  }

  /** Whether any of these projects counts people (a deliverable in unit PERSON), known from the loaded projects. */
  static boolean countsPeople(List<Project> loaded) {
    return loaded.stream().flatMap(p -> p.deliverables().stream()).anyMatch(d -> d.unit() == DeliveryUnit.PERSON);
  }

  /**
   * The figures of every deliverable in the scope, from two or three small aggregates of the summaries.
   *
   * @param countsPeople whether a deliverable in the scope counts people: only then is the reach read
   */
  Map<UUID, Figures> figures(Scope scope, LocalDate today, boolean countsPeople) {
    Map<UUID, long[]> totals = new HashMap<>();
    // A deliverable's tally is the sum of its shards (V210): each worker's changes are counted in a row of their own.
    for (Object[] row : Sql.of("select r.deliverable_id, sum(r.approved_records), sum(r.approved_attendances),"
            + " sum(r.pending_records), sum(r.pending_attendances) from report_deliverable_tally r where "
            + scope.clause() + " group by r.deliverable_id")
        .with(scope.values()).rows(reads.em())) {
      totals.put(Rows.uuid(row[0]), new long[] {Rows.number(row[1]), Rows.number(row[2]), Rows.number(row[3]), Rows.number(row[4])});
    }
    Map<UUID, long[]> recent = new HashMap<>();
    for (Object[] row : Sql.of("select r.deliverable_id, sum(r.approved_records), sum(r.approved_attendances)"
            + " from report_daily r where " + scope.clause() + " and r.day between :since and :today"
            + " group by r.deliverable_id")
        .with(scope.values()).with("since", today.minusDays(Progress.PACE_DAYS - 1)).with("today", today).rows(reads.em())) {
      recent.put(Rows.uuid(row[0]), new long[] {Rows.number(row[1]), Rows.number(row[2])});
    }
    // Distinct people only where a contract counts people (unit PERSON): the rest never pays for this read, which
    // would otherwise walk every reach row of a bureau.
    Map<UUID, long[]> persons = new HashMap<>();
    for (Object[] row : !countsPeople ? List.<Object[]>of() : Sql.of("select x.deliverable_id, count(*) filter (where x.approved > 0),"
            + " count(*) filter (where x.approved = 0 and x.pending > 0),"
            + " count(*) filter (where x.first_approved >= :since)"
            + " from (select r.deliverable_id, r.beneficiary_id, sum(r.approved_attendances) as approved,"
            + " sum(r.pending_attendances) as pending,"
            + " min(r.day) filter (where r.approved_attendances > 0) as first_approved"
            + " from report_reach r join deliverable d on d.tenant_id = r.tenant_id and d.id = r.deliverable_id"
            + " where " + scope.clause() + " and d.unit = 'PERSON' group by r.deliverable_id, r.beneficiary_id) x"
            + " group by x.deliverable_id")
        .with(scope.values()).with("since", today.minusDays(Progress.PACE_DAYS - 1)).rows(reads.em())) {
      persons.put(Rows.uuid(row[0]), new long[] {Rows.number(row[1]), Rows.number(row[2]), Rows.number(row[3])});
    }
    Map<UUID, Figures> out = new HashMap<>();
    for (Map.Entry<UUID, long[]> e : totals.entrySet()) {
      long[] t = e.getValue();
      long[] r = recent.getOrDefault(e.getKey(), new long[2]);
      long[] p = persons.getOrDefault(e.getKey(), new long[3]);
      out.put(e.getKey(), new Figures(new Tally(t[0], t[1], p[0]), t[2], t[3], p[1], new Tally(r[0], r[1], p[2])));
    }
    return out;
  }

  private BudgetProgress budget(Project project, List<DeliverableProgress> deliverables, LocalDate today) {
    BigDecimal budget = project.budget();
    BigDecimal due = BigDecimal.ZERO.setScale(2);
    BigDecimal paid = BigDecimal.ZERO.setScale(2);
    BigDecimal released = BigDecimal.ZERO.setScale(2);
    int dueCount = 0;
    int paidCount = 0;
    List<MilestoneProgress> milestones = new ArrayList<>();
    for (PaymentMilestone m : project.milestones()) {
      BigDecimal amount = m.amountOf(budget);
      boolean isDue = !m.dueDate().isAfter(today);
      if (isDue) {
        dueCount++;
        due = due.add(amount);
      }
      if (m.status() == PaymentMilestone.Status.PAID) {
        paidCount++;
        paid = paid.add(amount);
      }
      if (m.status() != PaymentMilestone.Status.PENDING) {
        released = released.add(amount);
      }
      milestones.add(new MilestoneProgress(m.id(), m.kind().name(), m.customLabel(), m.dueDate(), amount.toPlainString(), isDue,
          m.status().name(), m.paidOn()));
    }
    long targets = deliverables.stream().mapToLong(DeliverableProgress::target).sum();
    long delivered = deliverables.stream().mapToLong(DeliverableProgress::approved).sum();
    return new BudgetProgress(budget.toPlainString(), dueCount, due.toPlainString(), paidCount, paid.toPlainString(),
        released.toPlainString(),
        targets == 0 ? null : budget.divide(BigDecimal.valueOf(targets), 2, RoundingMode.HALF_UP).toPlainString(),
        delivered == 0 ? null : paid.divide(BigDecimal.valueOf(delivered), 2, RoundingMode.HALF_UP).toPlainString(),
        milestones);
  }

  /** Approved quantity per service day and deliverable, in the deliverable's unit (for PERSON: people first reached). */
  private Map<UUID, NavigableMap<LocalDate, Long>> dailyQuantities(Project project) {
    Map<UUID, DeliveryUnit> units = new HashMap<>();
    project.deliverables().forEach(d -> units.put(d.id(), d.unit()));
    Scope scope = Scope.project(project);
    Map<UUID, NavigableMap<LocalDate, Long>> out = new HashMap<>();
    for (Object[] row : Sql.of("select r.deliverable_id, r.day, sum(r.approved_records), sum(r.approved_attendances)"
            + " from report_daily r where " + scope.clause() + " group by r.deliverable_id, r.day")
        .with(scope.values()).rows(reads.em())) {
      UUID deliverable = Rows.uuid(row[0]);
      DeliveryUnit unit = units.get(deliverable);
      if (unit == null || unit == DeliveryUnit.PERSON) {
        continue;
      }
      long quantity = new Tally(Rows.number(row[2]), Rows.number(row[3]), 0).in(unit);
      out.computeIfAbsent(deliverable, k -> new TreeMap<>()).merge(Rows.date(row[1]), quantity, Long::sum);
    }
    if (!countsPeople(List.of(project))) {
      return out;
    }
    for (Object[] row : Sql.of("select x.deliverable_id, x.first_approved, count(*) from (select r.deliverable_id,"
            + " r.beneficiary_id, min(r.day) as first_approved from report_reach r join deliverable d"
            + " on d.tenant_id = r.tenant_id and d.id = r.deliverable_id where " + scope.clause()
            + " and d.unit = 'PERSON' and r.approved_attendances > 0 group by r.deliverable_id, r.beneficiary_id) x"
            + " group by x.deliverable_id, x.first_approved")
        .with(scope.values()).rows(reads.em())) {
      out.computeIfAbsent(Rows.uuid(row[0]), k -> new TreeMap<>())
          .merge(Rows.date(row[1]), Rows.number(row[2]), Long::sum);
    }
    return out;
  }

  private static List<Series> series(
      Project project, Map<UUID, NavigableMap<LocalDate, Long>> daily, LocalDate today,
      UnaryOperator<LocalDate> bucketOf, UnaryOperator<LocalDate> next) {
    ContractPeriod period = project.period();
    LocalDate last = today.isBefore(period.end()) ? today : period.end();
    List<Series> out = new ArrayList<>();
    for (Deliverable d : project.deliverables()) {
      NavigableMap<LocalDate, Long> days = daily.getOrDefault(d.id(), new TreeMap<>());
      List<Point> points = new ArrayList<>();
      long cumulative = 0;
      for (LocalDate start = bucketOf.apply(period.start()); !start.isAfter(last); start = next.apply(start)) {
        LocalDate end = next.apply(start).minusDays(1);
        LocalDate upTo = end.isAfter(last) ? last : end;
        long approved = days.subMap(start, true, upTo, true).values().stream().mapToLong(Long::longValue).sum();
        cumulative += approved;
        BigDecimal expected = new Progress(d.target(), 0, 0, period.start(), period.end(), upTo).expected();
        points.add(new Point(start, end, approved, cumulative, expected.toPlainString()));
      }
      out.add(new Series(d.id(), d.unit().name(), points));
    }
    return out;
  }
}
