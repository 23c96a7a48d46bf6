package org.shouhu.reporting.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.shouhu.contracts.entity.ServiceKind;
import org.shouhu.reporting.control.BureauReports.Coverage;
import org.shouhu.reporting.control.BureauReports.Incidents;
import org.shouhu.reporting.control.BureauReports.Portfolio;
import org.shouhu.reporting.control.BureauReports.Quality;
import org.shouhu.reporting.control.ExportTable.Column;
import org.shouhu.reporting.control.ExportTable.Kind;
import org.shouhu.reporting.control.ProjectProgress.DeliverableProgress;

/**
 * The bureau's one file for its superiors: every funded project's deliverables with their status, coverage by town
 * (registered, served, 困境儿童 not visited in 30/90 days), the open mandatory reports with their age and each
 * organization's data-quality signals. Read from
 * the same reports the screen shows, so the file and the screen never disagree; a bureau funds tens of projects in
 * a few dozen towns, so the tables are built whole and only then written.
 */
@ApplicationScoped
public class PortfolioExport {

  private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

  static final List<Column> PROJECT_COLUMNS = List.of(
      new Column("合同编号", Kind.TEXT, 1.6f),
      new Column("项目名称", Kind.TEXT, 3f),
      new Column("承接机构", Kind.TEXT, 2.6f),
      new Column("服务内容", Kind.TEXT, 1.4f),
      new Column("目标数", Kind.INTEGER),
      new Column("已审核通过", Kind.INTEGER),
      new Column("待审核", Kind.INTEGER),
      new Column("应完成(按时间)", Kind.DECIMAL),
      new Column("完成率(%)", Kind.PERCENT),
      new Column("状态", Kind.TEXT, 1f));

  static final List<Column> TOWN_COLUMNS = List.of(
      new Column("乡镇代码", Kind.TEXT, 1.4f),
      new Column("乡镇", Kind.TEXT, 2f),
      new Column("登记人数", Kind.INTEGER),
      new Column("期内已服务", Kind.INTEGER),
      new Column("困境儿童", Kind.INTEGER),
      new Column("30天未探视", Kind.INTEGER),
      new Column("90天未探视", Kind.INTEGER));

  static final List<Column> INCIDENT_COLUMNS = List.of(
      new Column("合同编号", Kind.TEXT, 1.6f),
      new Column("承接机构", Kind.TEXT, 2.6f),
      new Column("乡镇", Kind.TEXT, 2f),
      new Column("关注类型", Kind.TEXT, 1.6f),
      new Column("发现日期", Kind.DATE),
      new Column("已开天数", Kind.INTEGER),
      new Column("处置步骤数", Kind.INTEGER));

  static final List<Column> FRESHNESS_COLUMNS = List.of(new Column("项目", Kind.TEXT), new Column("内容", Kind.TEXT));

  static final List<Column> QUALITY_COLUMNS = List.of(
      new Column("承接机构", Kind.TEXT, 2.6f),
      new Column("提交记录", Kind.INTEGER),
      new Column("补录(超7天)", Kind.INTEGER),
      new Column("同日重复", Kind.INTEGER),
      new Column("同一时段重复", Kind.INTEGER),
      new Column("退回", Kind.INTEGER),
      new Column("审核后作废", Kind.INTEGER),
      new Column("进校园活动", Kind.INTEGER),
      new Column("缺佐证材料", Kind.INTEGER),
      new Column("缺佐证率(%)", Kind.PERCENT));

  private static final Map<String, String> STATUS = Map.of(
      "AHEAD", "超前", "ON_TRACK", "正常", "BEHIND", "滞后", "AT_RISK", "有风险");

  private static final Map<String, String> CONCERNS = Map.of(
      "SUSPECTED_ABUSE", "疑似遭受侵害", "NEGLECT", "疏于照料", "MISSING_GUARDIAN", "监护缺失",
      "SCHOOL_DROPOUT", "辍学", "NO_HOUSEHOLD_REGISTRATION", "无户籍", "OTHER", "其他");

  /** The project table alone: every funded project's deliverables with their status (the CSV, the first sheet). */
  public ExportTable projects(Portfolio portfolio) {
    List<List<Object>> projects = new ArrayList<>();
    for (var p : portfolio.projects()) {
      for (DeliverableProgress d : p.deliverables()) {
        projects.add(row(p.contractNumber(), p.title(), p.organizationName(),
            ChineseLabels.of(ServiceKind.valueOf(d.kind())), d.target(), d.approved(), d.submittedNotApproved(),
            new BigDecimal(d.expected()), d.percentOfExpected() == null ? null : new BigDecimal(d.percentOfExpected()),
            STATUS.getOrDefault(d.status(), d.status())));
      }
    }
    return ExportTable.of("项目交付进度（截至 " + portfolio.asOf() + "）", "项目进度", PROJECT_COLUMNS, projects);
  }

  /** The four tables, in the order of the workbook's sheets, then a fifth saying where and how fresh the figures are. */
  public List<ExportTable> tables(
      Portfolio portfolio, Coverage coverage, Incidents incidents, Quality quality, ReadRoute read) {
    List<List<Object>> towns = new ArrayList<>();
    for (var t : coverage.towns()) {
      towns.add(row(t.townCode(), t.townName(), t.registered(), t.served(), t.childrenInDifficulty(),
          t.notVisited30Days(), t.notVisited90Days()));
    }
    List<List<Object>> open = new ArrayList<>();
    for (var i : incidents.items()) {
      open.add(row(i.contractNumber(), i.organizationName(), i.townName(),
          CONCERNS.getOrDefault(i.concern(), i.concern()),
          i.foundAt() == null ? null : i.foundAt().atZoneSameInstant(CHINA).toLocalDate(), i.ageDays(),
          i.stepCount()));
    }
    List<List<Object>> signals = new ArrayList<>();
    for (var q : quality.organizations()) {
      signals.add(row(q.organizationName(), q.handedIn(), q.lateEntries(), q.sameDayRepeats(), q.doubleBooked(),
          q.returns(), q.approvedVoids(), q.schoolActivities(), q.missingEvidence(),
          q.missingEvidencePercent() == null ? null : new BigDecimal(q.missingEvidencePercent())));
    }
    return List.of(
        projects(portfolio),
        ExportTable.of("乡镇覆盖（" + coverage.from() + " 至 " + coverage.to() + "）", "乡镇覆盖", TOWN_COLUMNS, towns),
        ExportTable.of("未结强制报告（截至 " + incidents.asOf() + "）", "强制报告", INCIDENT_COLUMNS, open),
        ExportTable.of("数据质量（" + quality.from() + " 至 " + quality.to() + "）", "数据质量", QUALITY_COLUMNS, signals),
        freshness(portfolio, read));
  }

  /**
   * #16: a report read from a standby is as old as the standby's replay lag; the file says so, as the JSON answers'
   * {@code Shouhu-Data-Age} header does.
   */
  static ExportTable freshness(Portfolio portfolio, ReadRoute read) {
    return ExportTable.of("数据时效", "数据时效", FRESHNESS_COLUMNS, List.of(
        row("统计日", portfolio.asOf().toString()),
        row("数据来源", read.source() == ReadRoute.Source.STANDBY ? "备库（只读副本）" : "主库"),
        row("数据延迟（秒）", read.ageSeconds())));
  }

  /** A4 report: the figures a superior asks first, a bar per project (target and approved, all deliverables), tables. */
  public void pdf(String bureauName, Portfolio portfolio, Coverage coverage, Incidents incidents, Quality quality,
      ReadRoute read, OutputStream out) {
    List<PdfReport.Bar> bars = new ArrayList<>();
    for (var p : portfolio.projects()) {
      long target = p.deliverables().stream().mapToLong(DeliverableProgress::target).sum();
      long approved = p.deliverables().stream().mapToLong(DeliverableProgress::approved).sum();
      bars.add(new PdfReport.Bar(p.contractNumber(), target, approved));
    }
    List<ExportTable> tables = tables(portfolio, coverage, incidents, quality, read);
    tables = tables.subList(0, tables.size() - 1);
    try (PdfReport pdf = new PdfReport(bureauName + " 政府购买服务项目汇总")) {
      pdf.fact("统计日", portfolio.asOf().toString())
          .fact("数据来源", read.describe())
          .fact("项目数", String.valueOf(portfolio.projects().size()))
          .fact("登记 / 期内已服务", coverage.registered() + " / " + coverage.served())
          .fact("困境儿童 30 天未探视", String.valueOf(coverage.notVisited30Days()))
          .fact("未结强制报告", String.valueOf(incidents.open()))
          .gap(8);
      if (!bars.isEmpty()) {
        pdf.barChart("各项目目标 / 已审核通过", bars);
      }
      tables.forEach(pdf::table);
      pdf.finish(out);
    }
  }

  private static List<Object> row(Object... cells) {
    List<Object> row = new ArrayList<>(cells.length);
    for (Object cell : cells) {
      row.add(cell);
    }
    return row;
  }
}
