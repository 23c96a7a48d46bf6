package org.shouhu.reporting.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.shouhu.Page;
import org.shouhu.beneficiaries.entity.Category;
import org.shouhu.contracts.entity.Deliverable;
import org.shouhu.contracts.entity.Project;
import org.shouhu.regions.control.Regions;
import org.shouhu.reporting.control.ProgressReports.Figures;
import org.shouhu.reporting.control.ProgressReports.Scope;
import org.shouhu.reporting.control.ProjectProgress.DeliverableProgress;
import org.shouhu.reporting.entity.ProgressStatus;
import org.shouhu.tenancy.control.TenantSession;

/**
 * The funding bureau's portfolio: every project it funds across organizations, coverage of the registered
 * population by town, services delivered, open incidents and data-quality signals. Read from the summaries only
 * (report_*), each query naming the bureau explicitly; row-level security admits the same rows underneath. No
 * personal data leaves here but masked names in the record list.
 */
@ApplicationScoped
public class BureauReports {

  // The request's own (primary) entity manager, or the standby's when the boundary routed this report there.
  @Inject StandbyReads reads;

  @Inject ProgressReports progress;
  @Inject TenantSession session;
  @Inject Regions regions;

  /**
   * A report_person row {@code p} (V165) had an approved attendance in the period [:from, :to]: its last one is on or
   * after the first day, and either on or before the last or, for a period that ends before it, report_reach has one
   * inside (that probe only for such people, through report_reach_by_person). The same as "some approved reach row of
   * the bureau in the period" since every reach row's person is enrolled in its project. Never served is false, not
   * null: a null would make PostgreSQL evaluate the probe for everyone never served (coverage, 2,000 at benchmark scale).
   */
  static final String SERVED = "(coalesce(p.last_served_on >= :from, false) and (p.last_served_on <= :to or exists (select 1"
      + " from report_reach s where s.tenant_id = p.tenant_id and s.beneficiary_id = p.beneficiary_id"
      + " and s.day between :from and :to and s.bureau_id = p.bureau_id and s.approved_attendances > 0)))";

  /** The reporting period, both days included. */
  public record Period(LocalDate from, LocalDate to) {}

  public record ProjectStanding(
      UUID projectId, String contractNumber, String title, UUID organizationId, String organizationName,
      String projectStatus, LocalDate periodStart, LocalDate periodEnd, String status,
      List<DeliverableProgress> deliverables) {}

  public record Portfolio(LocalDate asOf, Map<String, Integer> statusCounts, List<ProjectStanding> projects) {}

  public record CategoryCoverage(String category, long registered, long served) {}

  public record TownCoverage(
      String townCode, String townName, long registered, long served, long childrenInDifficulty, long notVisited30Days,
      long notVisited90Days, List<CategoryCoverage> categories) {}

  public record Coverage(LocalDate from, LocalDate to, LocalDate asOf, long registered, long served,
      long childrenInDifficulty, long notVisited30Days, long notVisited90Days, List<TownCoverage> towns) {}

  public record ServiceCount(
      String month, String kind, String townCode, String townName, UUID organizationId, String organizationName, long records,
      long attendances) {}

  public record Total(String key, long records, long attendances) {}

  public record Services(
      LocalDate from, LocalDate to, long uniqueBeneficiaries, long records, long attendances, List<Total> byKind,
      List<Total> byMonth, List<Total> byTown, List<Total> byOrganization, List<ServiceCount> rows) {}

  public record OpenIncident(
      UUID id, UUID projectId, String contractNumber, UUID organizationId, String organizationName, String townCode,
      String townName, String concern, OffsetDateTime foundAt, OffsetDateTime reportedAt, long ageDays, int stepCount) {}

  public record Incidents(LocalDate asOf, int open, Long oldestAgeDays, List<OpenIncident> items) {}

  /**
   * One organization's data-quality signals over records handed in (SUBMITTED, RETURNED or APPROVED) in the period.
   *
   * @param doubleBooked records in which a person was already in another record of the organization at an
   *     overlapping time (flag PERSON_DOUBLE_BOOKED): the same service claimed twice
   * @param schoolActivities school activities handed in, the base of {@code missingEvidencePercent}
   * @param missingEvidence school activities handed in without a live evidence file (photo, sign-in sheet)
   */
  public record OrganizationQuality(
      UUID organizationId, String organizationName, long handedIn, long lateEntries, long sameDayRepeats,
      long doubleBooked, long returns, long approvedVoids, long schoolActivities, long missingEvidence,
      String lateEntryPercent, String doubleBookedPercent, String returnPercent, String missingEvidencePercent) {}

  /** One organization's signals in one calendar month ({@code YYYY-MM}), the quality screen's series. */
  public record MonthQuality(
      String month, UUID organizationId, String organizationName, long handedIn, long lateEntries, long sameDayRepeats,
      long doubleBooked, long returns, long approvedVoids, long schoolActivities, long missingEvidence) {}

  public record Quality(LocalDate from, LocalDate to, List<OrganizationQuality> organizations, List<MonthQuality> months) {}

  /** @param returns how often the record was sent back to its worker (a figure of the quality report counts these) */
  public record RecordLine(
      UUID id, UUID projectId, String contractNumber, UUID organizationId, String organizationName, String kind,
      LocalDate day, String townCode, String townName, String status, List<String> flags, int participants, String maskedNames,
      int returns, int evidenceFiles) {}

  /**
   * One page of the records behind a figure, with the sums over all of them (not the page): attendances (人次) for a
   * figure counted in visits, returns for the quality figure that counts return events.
   */
  public record RecordPage(List<RecordLine> items, long total, int offset, int limit, long attendances, long returns) {}

  /**
   * Which records: the period's days, and each filter that is not null. {@code statuses} empty means any status the
   * {@code signal} admits; a signal is one of {@link QualitySignal}.
   */
  public record RecordFilter(Period period, UUID project, UUID deliverable, String kind, String town, UUID organization,
      List<String> statuses, QualitySignal signal) {}

  /**
   * The quality report's signals, each with the predicate that makes a record one of its figure's records. The
   * predicates are those of the partial indexes of V81 and V115, word for word, so the planner can use them.
   */
  public enum QualitySignal {
    LATE_ENTRY("r.flags like '%LATE_ENTRY%' and " + QualitySignal.HANDED_IN),
    SAME_DAY_REPEAT("r.flags like '%SAME_DAY_REPEAT%' and " + QualitySignal.HANDED_IN),
    DOUBLE_BOOKED("r.flags like '%PERSON_DOUBLE_BOOKED%' and " + QualitySignal.HANDED_IN),
    RETURNED("r.returns > 0"),
    APPROVED_VOID("r.voided_after_approval"),
    MISSING_EVIDENCE("r.kind = 'SCHOOL_ACTIVITY' and r.evidence_files = 0 and " + QualitySignal.HANDED_IN);

    private static final String HANDED_IN = "r.status in ('SUBMITTED', 'RETURNED', 'APPROVED')";
    final String predicate;

    QualitySignal(String predicate) {
      this.predicate = predicate;
    }
  }

  /** Which people of the coverage report a list shows; each is the predicate of one coverage figure. */
  public enum PeopleState {
    REGISTERED, SERVED, UNVISITED30, UNVISITED90
  }

  public record PeopleFilter(Period period, String town, String category, PeopleState state) {}

  /**
   * A person behind a coverage figure as the bureau may see them: the masked name, the village, categories, the
   * organization that registered them, the last approved service and home visit. No id, no citizen id, no address.
   */
  public record PersonLine(
      String maskedName, String villageCode, String villageName, String townCode, String townName, List<String> categories,
      UUID organizationId, String organizationName, boolean enrolled, LocalDate lastServedOn, LocalDate lastHomeVisitOn) {}

  /**
   * The display names one report's lines need: its towns' (and villages') and its organizations', each set read in one
   * query before the lines are built rather than one query per name (#15: a services report names 12 towns and 10
   * organizations). Reports carry both the code (stable, for joins in the bureau's own spreadsheets) and the name a
   * reader knows; a code that names no region keeps the code as its name.
   */
  record Names(Map<String, String> regions, Map<UUID, String> organizations) {

    String region(String code) {
      return code == null ? null : regions.getOrDefault(code, code);
    }

    String organization(UUID id) {
      return organizations.get(id);
    }
  }

  Names names(Collection<String> regionCodes, Collection<UUID> organizationIds) {
    Set<String> codes = new HashSet<>(regionCodes);
    codes.remove(null);
    Set<UUID> organizations = new HashSet<>(organizationIds);
    organizations.remove(null);
    return new Names(regions.names(codes), progress.organizationNames(organizations));
  }

  private UUID bureau() {
    return session.require().value();
  }

  public Portfolio portfolio() {
    UUID bureau = bureau();
    LocalDate today = progress.today();
    List<Project> funded = reads.em().createQuery(
            "select p from Project p where p.bureauId = :b order by p.period.start desc, p.contractNumber", Project.class)
        .setParameter("b", bureau)
        // Every project's deliverables in one more query, not one per project.
        .setHint("eclipselink.batch.type", "IN")
        .setHint("eclipselink.batch", "p.deliverables")
        .getResultList();
    Map<UUID, String> names = progress.organizationNames(funded.stream().map(Project::organizationId).toList());
    Map<UUID, Figures> figures = progress.figures(Scope.bureau(bureau), today, ProgressReports.countsPeople(funded));
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (ProgressStatus s : ProgressStatus.values()) {
      counts.put(s.name(), 0);
    }
    List<ProjectStanding> standings = new ArrayList<>();
    for (Project p : funded) {
      ProgressStatus overall = ProgressStatus.AHEAD;
      List<DeliverableProgress> ds = new ArrayList<>();
      for (Deliverable d : p.deliverables()) {
        DeliverableProgress dp = ProgressReports.progress(d, p.period(), figures.getOrDefault(d.id(), Figures.NONE), today);
        ds.add(dp);
        overall = ProgressStatus.worst(overall, ProgressStatus.valueOf(dp.status()));
      }
      if (ds.isEmpty()) {
        overall = ProgressStatus.ON_TRACK;
      }
      counts.merge(overall.name(), 1, Integer::sum);
      standings.add(new ProjectStanding(p.id().value(), p.contractNumber(), p.title(), p.organizationId(),
          names.get(p.organizationId()), p.status().name(),
          p.period().start(), p.period().end(), overall.name(), ds));
    }
    return new Portfolio(today, counts, standings);
  }

  public Coverage coverage(Period period) {
    UUID bureau = bureau();
    LocalDate today = progress.today();
    // One row per person and bureau (report_person, V165: their enrolee rows grouped, kept by trigger); "served" from
    // its last served day, so no reach row is read unless the period ends before someone's last service.
    String people = "select p.town_code, p.categories, p.enrolled, p.last_home_visit_on as last_visit, " + SERVED + " as served"
        + " from report_person p where p.bureau_id = :bureau and p.beneficiary_active";
    // One pass over the people, grouped by town and the whole categories string: a bureau's 10,000 people fold into
    // a few dozen groups, which are split into categories here rather than unnesting every person's categories in SQL
    // (a third of the statement, #15). A person counts once in their town's totals and once in each of their
    // categories, as before.
    List<Object[]> rows = Sql.of("select p.town_code, p.categories,"
            + " count(*) filter (where p.enrolled),"
            + " count(*) filter (where p.served),"
            + " count(*) filter (where p.enrolled and (p.last_visit is null or p.last_visit < :since30)),"
            + " count(*) filter (where p.enrolled and (p.last_visit is null or p.last_visit < :since90))"
            + " from (" + people + " offset 0) p group by 1, 2")
        .with("bureau", bureau).with("from", period.from()).with("to", period.to())
        .with("since30", today.minusDays(29)).with("since90", today.minusDays(89)).rows(reads.em());
    CoverageTally tally = new CoverageTally();
    for (Object[] r : rows) {
      tally.add((String) r[0], (String) r[1], Rows.number(r[2]), Rows.number(r[3]), Rows.number(r[4]), Rows.number(r[5]));
    }
    Map<String, List<CategoryCoverage>> categories = tally.categories();
    List<TownCoverage> out = new ArrayList<>();
    long[] sum = new long[5];
    Names names = names(tally.towns.keySet(), List.of());
    tally.towns.forEach((town, t) -> {
      out.add(new TownCoverage(town, names.region(town), t[0], t[1], t[2], t[3], t[4], categories.getOrDefault(town, List.of())));
      for (int i = 0; i < 5; i++) {
        sum[i] += t[i];
      }
    });
    return new Coverage(period.from(), period.to(), today, sum[0], sum[1], sum[2], sum[3], sum[4], out);
  }

  /**
   * Folds coverage groups (people of one town with the same categories string) into town totals and per-category
   * lines. A town's totals count each person once: registered, served, children in difficulty registered, and those
   * not visited in 30 and 90 days; a category's line counts each person of that category. Categories are split as
   * PostgreSQL's {@code string_to_array(categories, ',')} splits them, so the figures are those of the per-person query
   * they replace.
   */
  static final class CoverageTally {

    /** Per town: registered, served, children in difficulty, not visited in 30 days, not visited in 90 days. */
    final Map<String, long[]> towns = new TreeMap<>();
    private final Map<String, Map<String, long[]>> perCategory = new TreeMap<>();

    void add(String town, String categories, long registered, long served, long notVisited30, long notVisited90) {
      List<String> split = categories.isEmpty() ? List.of() : List.of(categories.split(",", -1));
      if (split.isEmpty()) {
        return; // no category, no line: the unnest it replaces yielded no row for such a person either
      }
      long[] totals = towns.computeIfAbsent(town, k -> new long[5]);
      totals[0] += registered;
      totals[1] += served;
      Map<String, long[]> lines = perCategory.computeIfAbsent(town, k -> new TreeMap<>());
      for (String category : split) {
        long[] line = lines.computeIfAbsent(category, k -> new long[2]);
        line[0] += registered;
        line[1] += served;
        if (Category.CHILD_IN_DIFFICULTY.name().equals(category)) {
          totals[2] += registered;
          totals[3] += notVisited30;
          totals[4] += notVisited90;
        }
      }
    }

    /** Each town's categories in name order, leaving out a category with nobody registered or served. */
    Map<String, List<CategoryCoverage>> categories() {
      Map<String, List<CategoryCoverage>> out = new TreeMap<>();
      perCategory.forEach((town, lines) -> lines.forEach((category, c) -> {
        if (c[0] > 0 || c[1] > 0) {
          out.computeIfAbsent(town, k -> new ArrayList<>()).add(new CategoryCoverage(category, c[0], c[1]));
        }
      }));
      return out;
    }
  }

  public Services services(Period period) {
    UUID bureau = bureau();
    List<Object[]> rows = serviceCounts(bureau, MonthlyRollUp.of(period.from(), period.to(), progress.today()))
        .rows(reads.em());
    // Distinct people served: the range of report_person_by_served (V165) from the period's first day, instead of
    // the period's reach rows made distinct.
    long unique = Rows.number(Sql.of("select count(*) from report_person p where p.bureau_id = :bureau and " + SERVED)
        .with("bureau", bureau).with("from", period.from()).with("to", period.to()).rows(reads.em()).get(0)[0]);
    Names names = names(rows.stream().map(r -> (String) r[2]).toList(), rows.stream().map(r -> Rows.uuid(r[3])).toList());
    List<ServiceCount> counts = new ArrayList<>();
    for (Object[] r : rows) {
      UUID org = Rows.uuid(r[3]);
      counts.add(new ServiceCount((String) r[0], (String) r[1], (String) r[2], names.region((String) r[2]), org,
          names.organization(org), Rows.number(r[4]), Rows.number(r[5])));
    }
    return new Services(period.from(), period.to(), unique,
        counts.stream().mapToLong(ServiceCount::records).sum(), counts.stream().mapToLong(ServiceCount::attendances).sum(),
        totals(counts, ServiceCount::kind), totals(counts, ServiceCount::month), totals(counts, ServiceCount::townCode),
        totals(counts, c -> c.organizationId().toString()), counts);
  }

  /**
   * Approved records and 人次 per month, kind, town and organization of the period: its whole months from the monthly
   * roll-up (V230), a partial month's days from report_daily, added or, for a month read whole, taken away. Every
   * counter is a sum of deltas (over shards, months and days), so the lines are those of the period's day rows.
   */
  private static Sql serviceCounts(UUID bureau, MonthlyRollUp plan) {
    List<String> parts = new ArrayList<>();
    Map<String, Object> values = new HashMap<>();
    if (plan.firstMonth() != null) {
      parts.add("select to_char(m.month, 'YYYY-MM'), m.kind, m.town_code, m.tenant_id, m.approved_records,"
          + " m.approved_attendances from report_monthly m"
          + " where m.bureau_id = :bureau and m.month between :firstMonth and :lastMonth");
      values.put("firstMonth", plan.firstMonth());
      values.put("lastMonth", plan.lastMonth());
    }
    for (int i = 0; i < plan.days().size(); i++) {
      MonthlyRollUp.Days d = plan.days().get(i);
      String sign = d.sign() < 0 ? "-" : "";
      parts.add("select to_char(r.day, 'YYYY-MM'), r.kind, r.town_code, r.tenant_id, " + sign + "r.approved_records, "
          + sign + "r.approved_attendances from report_daily r where r.bureau_id = :bureau"
          + " and r.day between :from" + i + " and :to" + i);
      values.put("from" + i, d.from());
      values.put("to" + i, d.to());
    }
    return Sql.of("select x.month, x.kind, x.town_code, x.tenant_id, sum(x.records), sum(x.attendances) from ("
            + String.join(" union all ", parts) + ") x (month, kind, town_code, tenant_id, records, attendances)"
            + " group by 1, 2, 3, 4"
            + " having sum(x.records) <> 0 or sum(x.attendances) <> 0 order by 1, 2, 3, 4")
        .with("bureau", bureau).with(values);
  }

  private static List<Total> totals(List<ServiceCount> counts, Function<ServiceCount, String> key) {
    Map<String, long[]> sums = new TreeMap<>();
    for (ServiceCount c : counts) {
      long[] s = sums.computeIfAbsent(key.apply(c), k -> new long[2]);
      s[0] += c.records();
      s[1] += c.attendances();
    }
    List<Total> out = new ArrayList<>();
    sums.forEach((k, s) -> out.add(new Total(k, s[0], s[1])));
    return out;
  }

  public Incidents incidents() {
    UUID bureau = bureau();
    LocalDate today = progress.today();
    List<Object[]> rows = Sql.of("select i.id, i.project_id, p.contract_number, i.tenant_id, i.town_code, i.concern,"
            + " i.found_at, i.reported_at, i.step_count from incident i"
            + " join project p on p.tenant_id = i.tenant_id and p.id = i.project_id"
            + " where i.bureau_id = :bureau and i.status = 'OPEN' order by i.found_at, i.id")
        .with("bureau", bureau).rows(reads.em());
    Names names = names(rows.stream().map(r -> (String) r[4]).toList(), rows.stream().map(r -> Rows.uuid(r[3])).toList());
    List<OpenIncident> items = new ArrayList<>();
    for (Object[] r : rows) {
      OffsetDateTime found = instant(r[6]);
      UUID org = Rows.uuid(r[3]);
      long age = ChronoUnit.DAYS.between(found.atZoneSameInstant(ProgressReports.ZONE).toLocalDate(), today);
      items.add(new OpenIncident(Rows.uuid(r[0]), Rows.uuid(r[1]), (String) r[2], org,
          names.organization(org), (String) r[4], names.region((String) r[4]), (String) r[5], found,
          instant(r[7]), age, (int) Rows.number(r[8])));
    }
    return new Incidents(today, items.size(), items.isEmpty() ? null : items.get(0).ageDays(), items);
  }

  public Quality quality(Period period) {
    UUID bureau = bureau();
    // Per organization and month; the organizations' lines are the sums of their months, so both views agree.
    Map<String, long[]> counts = new TreeMap<>();
    for (Object[] r : Sql.of("select r.tenant_id, to_char(r.day, 'YYYY-MM'), sum(r.handed_in), sum(r.late_entries),"
            + " sum(r.same_day_repeats), sum(r.returns), sum(r.approved_voids),"
            + " coalesce(sum(r.handed_in) filter (where r.kind = 'SCHOOL_ACTIVITY'), 0)"
            + " from report_daily r where r.bureau_id = :bureau and r.day between :from and :to"
            + " group by 1, 2")
        .with("bureau", bureau).with("from", period.from()).with("to", period.to()).rows(reads.em())) {
      long[] c = counts.computeIfAbsent(Rows.uuid(r[0]) + "|" + r[1], k -> new long[8]);
      for (int i = 0; i < 6; i++) {
        c[i] = Rows.number(r[i + 2]);
      }
    }
    // Both predicates are those of the partial indexes of V81, so only the offending records are read.
    for (Object[] r : Sql.of("select r.tenant_id, to_char(r.day, 'YYYY-MM'),"
            + " count(*) filter (where r.kind = 'SCHOOL_ACTIVITY' and r.evidence_files = 0),"
            + " count(*) filter (where r.flags like '%PERSON_DOUBLE_BOOKED%')"
            + " from report_record r where r.bureau_id = :bureau and r.day between :from and :to"
            + " and r.status in ('SUBMITTED', 'RETURNED', 'APPROVED')"
            + " and ((r.kind = 'SCHOOL_ACTIVITY' and r.evidence_files = 0) or r.flags like '%PERSON_DOUBLE_BOOKED%')"
            + " group by 1, 2")
        .with("bureau", bureau).with("from", period.from()).with("to", period.to()).rows(reads.em())) {
      long[] c = counts.computeIfAbsent(Rows.uuid(r[0]) + "|" + r[1], k -> new long[8]);
      c[6] = Rows.number(r[2]);
      c[7] = Rows.number(r[3]);
    }
    Map<UUID, long[]> perOrganization = new TreeMap<>();
    List<MonthQuality> months = new ArrayList<>();
    Map<UUID, String> names = progress.organizationNames(
        counts.keySet().stream().map(key -> UUID.fromString(key.substring(0, key.indexOf('|')))).collect(Collectors.toSet()));
    counts.forEach((key, c) -> {
      UUID org = UUID.fromString(key.substring(0, key.indexOf('|')));
      long[] sum = perOrganization.computeIfAbsent(org, k -> new long[8]);
      for (int i = 0; i < 8; i++) {
        sum[i] += c[i];
      }
      months.add(new MonthQuality(key.substring(key.indexOf('|') + 1), org, names.get(org),
          c[0], c[1], c[2], c[7], c[3], c[4], c[5], c[6]));
    });
    months.sort(java.util.Comparator.comparing(MonthQuality::month).thenComparing(MonthQuality::organizationName,
        java.util.Comparator.nullsLast(java.util.Comparator.naturalOrder())));
    List<OrganizationQuality> out = new ArrayList<>();
    perOrganization.forEach((org, c) -> out.add(new OrganizationQuality(org, names.get(org),
        c[0], c[1], c[2], c[7], c[3], c[4], c[5], c[6], percent(c[1], c[0]), percent(c[7], c[0]), percent(c[3], c[0]),
        percent(c[6], c[5]))));
    return new Quality(period.from(), period.to(), out, months);
  }

  private static String percent(long part, long whole) {
    if (whole == 0) {
      return null;
    }
    return java.math.BigDecimal.valueOf(part * 100).divide(java.math.BigDecimal.valueOf(whole), 1,
        java.math.RoundingMode.HALF_UP).toPlainString();
  }

  /** Whether the project is one of the bureau's (row-level security admits the funding bureau's projects). */
  public boolean funds(UUID project) {
    return Rows.number(Sql.of("select count(*) from project p where p.id = :project and p.bureau_id = :bureau")
        .with("project", project).with("bureau", bureau()).rows(reads.em()).get(0)[0]) > 0;
  }

  public RecordPage records(RecordFilter f, int offset, int limit) {
    Object[] sums = recordQuery("select count(*), coalesce(sum(r.participants), 0), coalesce(sum(r.returns), 0)", f, "")
        .rows(reads.em()).get(0);
    List<Object[]> rows = recordQuery("select r.record_id, r.project_id, p.contract_number, r.tenant_id, r.kind, r.day,"
            + " r.town_code, r.status, r.flags, r.participants, r.masked_names, r.returns, r.evidence_files", f,
        " order by r.day desc, r.record_id offset :offset limit :limit")
        .with("offset", offset).with("limit", limit).rows(reads.em());
    Names names = names(rows.stream().map(r -> (String) r[6]).toList(), rows.stream().map(r -> Rows.uuid(r[3])).toList());
    List<RecordLine> out = new ArrayList<>();
    for (Object[] r : rows) {
      UUID org = Rows.uuid(r[3]);
      String flags = (String) r[8];
      out.add(new RecordLine(Rows.uuid(r[0]), Rows.uuid(r[1]), (String) r[2], org,
          names.organization(org), (String) r[4], Rows.date(r[5]), (String) r[6], names.region((String) r[6]), (String) r[7], flags == null || flags.isEmpty() ? List.of() : List.of(flags.split(",")),
          (int) Rows.number(r[9]), (String) r[10], (int) Rows.number(r[11]), (int) Rows.number(r[12])));
    }
    return new RecordPage(out, Rows.number(sums[0]), offset, limit, Rows.number(sums[1]), Rows.number(sums[2]));
  }

  private Sql recordQuery(String select, RecordFilter f, String tail) {
    StringBuilder where = new StringBuilder(" from report_record r join project p on p.tenant_id = r.tenant_id"
        + " and p.id = r.project_id where r.bureau_id = :bureau and r.day between :from and :to");
    Map<String, Object> values = new HashMap<>();
    values.put("bureau", bureau());
    values.put("from", f.period().from());
    values.put("to", f.period().to());
    if (!f.statuses().isEmpty()) {
      where.append(" and r.status in (");
      for (int i = 0; i < f.statuses().size(); i++) {
        where.append(i == 0 ? "" : ", ").append(":status").append(i);
        values.put("status" + i, f.statuses().get(i));
      }
      where.append(")");
    }
    if (f.signal() != null) {
      where.append(" and ").append(f.signal().predicate);
    }
    if (f.project() != null) {
      where.append(" and r.project_id = :project");
      values.put("project", f.project());
    }
    if (f.deliverable() != null) {
      where.append(" and r.deliverable_id = :deliverable");
      values.put("deliverable", f.deliverable());
    }
    if (f.kind() != null) {
      where.append(" and r.kind = :kind");
      values.put("kind", f.kind());
    }
    if (f.town() != null) {
      where.append(" and r.town_code = :town");
      values.put("town", f.town());
    }
    if (f.organization() != null) {
      where.append(" and r.tenant_id = :organization");
      values.put("organization", f.organization());
    }
    return Sql.of(select + where + tail).with(values);
  }

  /**
   * The people behind a coverage figure, with the coverage report's own definitions: one line per person (their
   * enrolments in the bureau's projects taken together, the town of the first), the same predicates as its counts.
   */
  public Page<PersonLine> people(PeopleFilter f, int offset, int limit) {
    LocalDate today = progress.today();
    Map<String, Object> values = new HashMap<>();
    values.put("bureau", bureau());
    // report_person (V165) holds one row per person and bureau, so every list is a range of one of its indexes in the
    // list's own order (report_person_by_visit, by_town for one town) and its count a range too (by_served for the
    // served): a page reads about its own rows, whatever the bureau's size (docs/performance.md, #13).
    StringBuilder from = new StringBuilder(" from report_person p where p.bureau_id = :bureau and p.beneficiary_active");
    if (f.town() != null) {
      from.append(" and p.town_code = :town");
      values.put("town", f.town());
    }
    if (f.category() != null) {
      from.append(" and ',' || p.categories || ',' like :category");
      values.put("category", "%," + f.category() + ",%");
    }
    switch (f.state()) {
      case REGISTERED -> from.append(" and p.enrolled");
      case SERVED -> {
        from.append(" and ").append(SERVED);
        values.put("from", Rows.sql(f.period().from()));
        values.put("to", Rows.sql(f.period().to()));
      }
      case UNVISITED30, UNVISITED90 -> {
        from.append(" and p.enrolled and ',' || p.categories || ',' like '%,CHILD_IN_DIFFICULTY,%'"
            + " and (p.last_home_visit_on is null or p.last_home_visit_on < :since)");
        values.put("since", Rows.sql(today.minusDays(f.state() == PeopleState.UNVISITED30 ? 29 : 89)));
      }
    }
    // Row-level security's two-party policy hides from the planner that every row read here is the bureau's. Once the
    // driver prepares a statement (the fifth run on a connection) PostgreSQL may keep a generic plan made for "a few
    // rows"; over the grouped enrolee rows that was 25-57 s at benchmark scale (docs/performance.md, #13). A plan made
    // for each run's values is cheap here and never that. Transaction-local, like the tenant.
    Sql.of("select set_config('plan_cache_mode', 'force_custom_plan', true)").rows(reads.em());
    long total = Rows.number(Sql.of("select count(*)" + from).with(values).rows(reads.em()).get(0)[0]);
    // The same misestimate (bureau = :bureau and bureau = the policy's tenant, taken as independent: 76 rows expected
    // of 8,000 at benchmark scale) makes a sort of a bitmap scan of the whole bureau look cheaper than walking the
    // list's index in its order and stopping after the page: 96 against 2.5 ms for the first page (docs/performance.md,
    // "Reports at 10 M"). Without a sort the plan left is the index in the list's order. Transaction-local too.
    if (offset < total) {
      Sql.of("select set_config('enable_sort', 'off', true)").rows(reads.em());
    }
    List<Object[]> rows = offset >= total ? List.of() : Sql.of("select p.tenant_id, p.masked_name, p.village_code,"
            + " p.town_code, p.categories, p.enrolled, p.last_served_on, p.last_home_visit_on" + from
            + " order by p.last_home_visit_on nulls first, p.town_code, p.masked_name, p.tenant_id, p.beneficiary_id"
            + " offset :offset limit :limit")
        .with(values).with("offset", offset).with("limit", limit).rows(reads.em());
    List<String> places = new ArrayList<>();
    rows.forEach(r -> {
      places.add((String) r[2]);
      places.add((String) r[3]);
    });
    Names names = names(places, rows.stream().map(r -> Rows.uuid(r[0])).toList());
    List<PersonLine> out = new ArrayList<>();
    for (Object[] r : rows) {
      UUID org = Rows.uuid(r[0]);
      String village = (String) r[2];
      out.add(new PersonLine((String) r[1], village, village == null || village.isEmpty() ? null : names.region(village),
          (String) r[3], names.region((String) r[3]), List.of(((String) r[4]).split(",")), org, names.organization(org), Boolean.TRUE.equals(r[5]), Rows.date(r[6]),
          Rows.date(r[7])));
    }
    return new Page<>(out, total, offset, limit);
  }

  private static OffsetDateTime instant(Object o) {
    if (o instanceof OffsetDateTime t) {
      return t;
    }
    if (o instanceof java.sql.Timestamp ts) {
      return ts.toInstant().atOffset(ZoneOffset.UTC);
    }
    return OffsetDateTime.parse(o.toString());
  }

}
