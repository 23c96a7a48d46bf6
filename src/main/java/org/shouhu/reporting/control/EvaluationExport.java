package org.shouhu.reporting.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import org.shouhu.contracts.control.Evaluations;
import org.shouhu.contracts.entity.Evaluation;
import org.shouhu.contracts.entity.EvaluationIndicator;
import org.shouhu.contracts.entity.EvaluationStatus;
import org.shouhu.contracts.entity.Project;

/**
 * An evaluation sheet as a document: the project's particulars, the indicator lines with weights, prefilled and
 * given scores, points, the basis of each prefill and the officer's comments and override reasons, the total and
 * grade, and the deliverables' progress (a bar chart in the PDF, a second sheet in the workbook).
 */
@ApplicationScoped
public class EvaluationExport {

  @Inject DeliverableExport deliverables;

  static final List<ExportTable.Column> COLUMNS = List.of(
      new ExportTable.Column("评估指标", ExportTable.Kind.TEXT, 1.6f),
      new ExportTable.Column("权重", ExportTable.Kind.INTEGER, 0.7f),
      new ExportTable.Column("系统预填", ExportTable.Kind.DECIMAL, 1f),
      new ExportTable.Column("评分", ExportTable.Kind.DECIMAL, 1f),
      new ExportTable.Column("得分", ExportTable.Kind.DECIMAL, 1f),
      new ExportTable.Column("预填依据", ExportTable.Kind.TEXT, 2.4f),
      new ExportTable.Column("评语 / 调整理由", ExportTable.Kind.TEXT, 2.6f));

  public static String title(Evaluation e) {
    return "绩效评估表（" + e.stage().label() + "）";
  }

  public ExportTable sheet(Evaluation e) {
    List<List<Object>> rows = new ArrayList<>();
    for (EvaluationIndicator i : e.indicators()) {
      List<Object> row = new ArrayList<>();
      row.add(i.code().label());
      row.add(i.weight());
      row.add(i.prefilled());
      row.add(i.score());
      row.add(i.score() == null ? null
          : i.score().multiply(BigDecimal.valueOf(i.weight())).divide(BigDecimal.valueOf(100), 2, RoundingMode.HALF_UP));
      row.add(org.shouhu.contracts.entity.Basis.zh(i.prefillBasis()));
      String remarks = i.comment() == null ? "" : i.comment();
      if (i.overrideReason() != null) {
        remarks = (remarks.isEmpty() ? "" : remarks + "；") + "调整理由：" + i.overrideReason();
      }
      row.add(remarks.isEmpty() ? null : remarks);
      rows.add(row);
    }
    List<Object> total = new ArrayList<>();
    total.add("合计");
    total.add(e.indicators().stream().mapToInt(EvaluationIndicator::weight).sum());
    total.add(null);
    total.add(null);
    total.add(e.total().orElse(null));
    total.add(null);
    total.add(e.grade().map(g -> "等级：" + g.label()).orElse(null));
    rows.add(total);
    return ExportTable.of(title(e), "评估表", COLUMNS, rows);
  }

  public void pdf(Evaluation e, Project project, OutputStream out) {
    try (PdfReport pdf = new PdfReport(title(e))) {
      pdf.fact("项目名称", project.title())
          .fact("合同编号", project.contractNumber())
          .fact("合同期", project.period().start() + " 至 " + project.period().end())
          .fact("评估类型", e.stage().label())
          .fact("评估基准日", e.asOf().toString())
          .fact("状态", e.status() == EvaluationStatus.SIGNED ? "已签署（" + e.signedAt().atZoneSameInstant(Evaluations.ZONE).toLocalDate() + "）" : "草稿（未签署）")
          .fact("总分", e.total().map(t -> t.toPlainString()).orElse("未完成评分"))
          .fact("等级", e.grade().map(g -> g.label()).orElse("—"));
      if (e.conclusion() != null) {
        pdf.fact("评估结论", e.conclusion());
      }
      pdf.gap(8).table(sheet(e));
      pdf.barChart("项目交付进度（目标 / 已审核通过）", deliverables.bars(project));
      pdf.finish(out);
    }
  }

  public void xlsx(Evaluation e, Project project, OutputStream out) {
    new XlsxWorkbook().write(List.of(sheet(e), deliverables.table(project)), out);
  }
}
