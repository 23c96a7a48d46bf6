package org.shouhu.reporting.boundary;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.time.YearMonth;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import org.shouhu.HeavyWork;
import org.shouhu.Page;
import org.shouhu.audit.control.AuditTrail;
import org.shouhu.contracts.entity.ProjectId;
import org.shouhu.contracts.entity.ServiceKind;
import org.shouhu.problems.boundary.Fields;
import org.shouhu.problems.entity.ProblemException;
import org.shouhu.beneficiaries.entity.Category;
import org.shouhu.problems.entity.InvalidValueException;
import org.shouhu.regions.entity.DivisionCode;
import org.shouhu.reporting.control.BureauReports;
import org.shouhu.reporting.control.BureauReports.Coverage;
import org.shouhu.reporting.control.BureauReports.Incidents;
import org.shouhu.reporting.control.BureauReports.Period;
import org.shouhu.reporting.control.BureauReports.Portfolio;
import org.shouhu.reporting.control.BureauReports.Quality;
import org.shouhu.reporting.control.BureauReports.RecordFilter;
import org.shouhu.reporting.control.BureauReports.PeopleFilter;
import org.shouhu.reporting.control.BureauReports.PeopleState;
import org.shouhu.reporting.control.BureauReports.PersonLine;
import org.shouhu.reporting.control.BureauReports.QualitySignal;
import org.shouhu.reporting.control.BureauReports.RecordPage;
import org.shouhu.reporting.control.BureauReports.Services;
import org.shouhu.reporting.control.CsvWriter;
import org.shouhu.reporting.control.PdfReport;
import org.shouhu.reporting.control.PortfolioExport;
import org.shouhu.reporting.control.XlsxWorkbook;
import org.shouhu.reporting.control.ProgressReports;
import org.shouhu.reporting.control.ProjectProgress;
import org.shouhu.reporting.control.ReadRoute;
import org.shouhu.reporting.control.StandbyReads;
import org.shouhu.services.entity.ServiceStatus;
import org.shouhu.tenancy.boundary.BindTenant;
import org.shouhu.tenancy.boundary.Caller;
import org.shouhu.tenancy.control.Tenants;

/**
 * Reports. A project's progress is read by its two parties (the organization's staff, the funding bureau's
 * officers); anyone else gets 404 as if it did not exist. The bureau's portfolio is for BUREAU_OFFICER only and
 * covers the bureau's own projects. Periods are {@code from}/{@code to} dates, both included; by default from
 * 1 January of the current year to today (China's calendar).
 */
@ApplicationScoped
@Path("v1/reports")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"SOCIAL_WORKER", "SUPERVISOR", "ORG_ADMIN", "BUREAU_OFFICER"})
@Transactional
@BindTenant
public class ReportsResource {

  /** A report period spans at most five years, like a contract. */
  static final long MAX_PERIOD_DAYS = 5 * 366;

  @Inject ProgressReports progress;
  @Inject BureauReports bureau;
  @Inject Caller caller;
  @Inject PortfolioExport portfolioExport;
  @Inject Tenants tenants;
  @Inject AuditTrail audit;
  @Inject StandbyReads standby;
  @Context HttpHeaders headers;
  @Context jakarta.servlet.http.HttpServletRequest request;

  @GET
  @Path("projects/{id}/progress")
  public ProjectProgress progress(@PathParam("id") String id) {
    return progress.of(new ProjectId(Fields.pathId(id, "Project")), caller.hasRole("BUREAU_OFFICER"));
  }

  @GET
  @Path("bureau/projects")
  @RolesAllowed("BUREAU_OFFICER")
  public Portfolio portfolio() {
    fromStandby();
    return bureau.portfolio();
  }

  @GET
  @Path("bureau/coverage")
  @RolesAllowed("BUREAU_OFFICER")
  @HeavyWork(HeavyWork.Pool.REPORTS)
  public Coverage coverage(@QueryParam("from") String from, @QueryParam("to") String to) {
    Period period = period(from, to);
    fromStandby();
    return bureau.coverage(period);
  }

  @GET
  @Path("bureau/services")
  @RolesAllowed("BUREAU_OFFICER")
  @HeavyWork(HeavyWork.Pool.REPORTS)
  public Services services(@QueryParam("from") String from, @QueryParam("to") String to) {
    Period period = period(from, to);
    fromStandby();
    return bureau.services(period);
  }

  @GET
  @Path("bureau/incidents")
  @RolesAllowed("BUREAU_OFFICER")
  public Incidents incidents() {
    fromStandby();
    return bureau.incidents();
  }

  @GET
  @Path("bureau/quality")
  @RolesAllowed("BUREAU_OFFICER")
  @HeavyWork(HeavyWork.Pool.REPORTS)
  public Quality quality(@QueryParam("from") String from, @QueryParam("to") String to) {
    Period period = period(from, to);
    fromStandby();
    return bureau.quality(period);
  }

  /**
   * The records behind a figure, minimized: masked names, the town, no ids of people, no notes. Each filter narrows
   * the list; {@code month} (YYYY-MM) replaces the period; {@code signal} lists a quality figure's records (any status
   * it admits unless {@code status} is given); without either, {@code status} defaults to APPROVED.
   */
  @GET
  @Path("bureau/records")
  @RolesAllowed("BUREAU_OFFICER")
  @HeavyWork(HeavyWork.Pool.REPORTS)
  public RecordPage records(
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @QueryParam("month") String month,
      @QueryParam("project") String project,
      @QueryParam("deliverable") String deliverable,
      @QueryParam("kind") String kind,
      @QueryParam("town") String town,
      @QueryParam("org") String org,
      @QueryParam("status") String status,
      @QueryParam("signal") String signal,
      @QueryParam("offset") String offset,
      @QueryParam("limit") String limit) {
    Fields check = Fields.query();
    Period period = period(check, from, to);
    if (!blank(month)) {
      // A month within the period (the quality screen's months at the period's edges are partial).
      Period whole = month(check, month);
      period = blank(from) && blank(to) ? whole : new Period(later(whole.from(), period.from()), earlier(whole.to(), period.to()));
    }
    UUID projectId = blank(project) ? null : check.parse("project", () -> Fields.id(project));
    UUID deliverableId = blank(deliverable) ? null : check.parse("deliverable", () -> Fields.id(deliverable));
    UUID orgId = blank(org) ? null : check.parse("org", () -> Fields.id(org));
    ServiceKind serviceKind = blank(kind) ? null
        : check.parse("kind", () -> Fields.constant(ServiceKind.class, kind, "SERVICE_KIND_UNKNOWN"));
    String townCode = town(check, town);
    QualitySignal qualitySignal = blank(signal) ? null
        : check.parse("signal", () -> Fields.constant(QualitySignal.class, signal, "REPORT_SIGNAL_UNKNOWN"));
    ServiceStatus wanted = blank(status) ? (qualitySignal == null ? ServiceStatus.APPROVED : null)
        : check.parse("status", () -> Fields.constant(ServiceStatus.class, status, "SVC_STATUS_UNKNOWN"));
    if (wanted == ServiceStatus.DRAFT) {
      check.add("status", "REPORT_DRAFTS_NOT_LISTED", "Drafts are the worker's own; they are not reported.");
    }
    check.verify();
    fromStandby();
    if (projectId != null && !bureau.funds(projectId)) {
      throw ProblemException.notFound("Project");
    }
    RecordFilter filter = new RecordFilter(period, projectId, deliverableId, serviceKind == null ? null : serviceKind.name(),
        townCode, orgId, wanted == null ? List.of() : List.of(wanted.name()), qualitySignal);
    return bureau.records(filter, Page.offset(offset), Page.limit(limit));
  }

  /**
   * The people behind a coverage figure (registered, served in the period, children in difficulty not visited in 30 or
   * 90 days), in a town or all towns, optionally of one category: masked name, village, categories, organization and
   * last visit; never an id, a citizen id or an address.
   */
  @GET
  @Path("bureau/people")
  @RolesAllowed("BUREAU_OFFICER")
  @HeavyWork(HeavyWork.Pool.REPORTS)
  public Page<PersonLine> people(
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @QueryParam("town") String town,
      @QueryParam("category") String category,
      @QueryParam("state") String state,
      @QueryParam("offset") String offset,
      @QueryParam("limit") String limit) {
    Fields check = Fields.query();
    Period period = period(check, from, to);
    String townCode = town(check, town);
    PeopleState wanted = blank(state) ? PeopleState.REGISTERED
        : check.parse("state", () -> Fields.constant(PeopleState.class, state.strip().toUpperCase(java.util.Locale.ROOT),
            "REPORT_PEOPLE_STATE_UNKNOWN"));
    Category wantedCategory = blank(category) ? null
        : check.parse("category", () -> Fields.constant(Category.class, category, "REPORT_CATEGORY_UNKNOWN"));
    check.verify();
    fromStandby();
    return bureau.people(new PeopleFilter(period, townCode, wantedCategory == null ? null : wantedCategory.name(), wanted),
        Page.offset(offset), Page.limit(limit));
  }

  private static String town(Fields check, String town) {
    if (blank(town)) {
      return null;
    }
    DivisionCode code = check.parse("town", () -> DivisionCode.of(town));
    if (code != null && code.level() != DivisionCode.Level.TOWN) {
      check.add("town", "REGION_NOT_A_TOWN", "A town or street is named by its 9-digit code.");
      return null;
    }
    return code == null ? null : code.value();
  }

  private static LocalDate later(LocalDate a, LocalDate b) {
    return a == null || b == null ? null : a.isAfter(b) ? a : b;
  }

  private static LocalDate earlier(LocalDate a, LocalDate b) {
    return a == null || b == null ? null : a.isBefore(b) ? a : b;
  }

  /** A calendar month (YYYY-MM) as a period, the services and quality reports' unit of time. */
  private static Period month(Fields check, String month) {
    YearMonth m = check.parse("month", () -> {
      try {
        return YearMonth.parse(month.strip());
      } catch (java.time.format.DateTimeParseException e) {
        throw new InvalidValueException("REPORT_MONTH_FORMAT", "A month is written YYYY-MM.");
      }
    });
    return m == null ? new Period(null, null) : new Period(m.atDay(1), m.atEndOfMonth());
  }

  /**
   * The portfolio as one file for the bureau's superiors: XLSX (default; sheets 项目进度, 乡镇覆盖, 强制报告, 数据质量),
   * PDF (A4, the headline figures, a bar per project, the four tables) or CSV (the project table). Same figures as the
   * screens, for the period given as for coverage. Audited as {@code PORTFOLIO_EXPORTED}.
   */
  @GET
  @Path("bureau/export")
  @RolesAllowed("BUREAU_OFFICER")
  @HeavyWork(HeavyWork.Pool.EXPORTS)
  @Produces({XlsxWorkbook.MEDIA_TYPE, PdfReport.MEDIA_TYPE, "text/csv", "application/json", "application/problem+json"})
  public Response export(@QueryParam("format") String format, @QueryParam("from") String from, @QueryParam("to") String to) {
    ExportFormat chosen = ExportFormat.choose(format, headers.getAcceptableMediaTypes(),
        EnumSet.allOf(ExportFormat.class), ExportFormat.XLSX);
    Period period = period(from, to);
    ReadRoute read = fromStandby();
    Portfolio portfolio = bureau.portfolio();
    // The CSV is the project table alone: the other reports are read only for the workbook and the PDF.
    boolean whole = chosen != ExportFormat.CSV;
    Coverage coverage = whole ? bureau.coverage(period) : null;
    Incidents incidents = whole ? bureau.incidents() : null;
    Quality quality = whole ? bureau.quality(period) : null;
    String bureauName = tenants.find(caller.tenant()).map(t -> t.displayName()).orElse("");
    audit.record(caller.userId(), "PORTFOLIO_EXPORTED", "tenant", caller.tenant().value(), chosen.name());
    StreamingOutput body = out -> {
      switch (chosen) {
        case XLSX -> new XlsxWorkbook().write(portfolioExport.tables(portfolio, coverage, incidents, quality, read), out);
        case CSV -> new CsvWriter().write(portfolioExport.projects(portfolio), out);
        case PDF -> portfolioExport.pdf(bureauName, portfolio, coverage, incidents, quality, read, out);
      }
    };
    return ExportsResource.file(body, chosen, "项目汇总-" + portfolio.asOf(), "portfolio-" + portfolio.asOf());
  }

  /**
   * #16: the bureau's reports may be read from a streaming standby (docs/deployment.md, "Reads from a standby"). The
   * route is chosen once per request, after the query is validated; its age goes out in the Shouhu-Data-Age header
   * (StandbyReadsFilter) whether or not a standby is configured.
   */
  private ReadRoute fromStandby() {
    ReadRoute route = standby.route(caller.userId());
    request.setAttribute(ReadRoute.ATTRIBUTE, route);
    return route;
  }

  /** The period of a report that takes nothing else from the query, refused (400) when malformed. */
  private Period period(String from, String to) {
    Fields check = Fields.query();
    Period period = period(check, from, to);
    check.verify();
    return period;
  }

  private Period period(Fields check, String from, String to) {
    LocalDate today = progress.today();
    LocalDate end = blank(to) ? today : check.parse("to", () -> Fields.date(to));
    LocalDate start = blank(from)
        ? (end == null ? today : end).withDayOfYear(1)
        : check.parse("from", () -> Fields.date(from));
    if (start != null && end != null) {
      if (end.isBefore(start)) {
        check.add("to", "REPORT_PERIOD_REVERSED", "The period ends before it starts.");
      } else if (ChronoUnit.DAYS.between(start, end) + 1 > MAX_PERIOD_DAYS) {
        check.add("to", "REPORT_PERIOD_TOO_LONG", "A report period spans at most five years.");
      }
    }
    return new Period(start, end);
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
