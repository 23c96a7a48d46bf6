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
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import org.shouhu.HeavyWork;
import org.shouhu.audit.control.AuditTrail;
import org.shouhu.contracts.control.Evaluations;
import org.shouhu.contracts.control.Projects;
import org.shouhu.contracts.entity.Evaluation;
import org.shouhu.contracts.entity.Project;
import org.shouhu.contracts.entity.ProjectId;
import org.shouhu.problems.boundary.Fields;
import org.shouhu.reporting.control.CsvWriter;
import org.shouhu.reporting.control.DeliverableExport;
import org.shouhu.reporting.control.EvaluationExport;
import org.shouhu.reporting.control.PdfReport;
import org.shouhu.reporting.control.XlsxWorkbook;
import org.shouhu.tenancy.boundary.BackgroundTransactions;
import org.shouhu.tenancy.boundary.BindTenant;
import org.shouhu.tenancy.boundary.Caller;
import org.shouhu.tenancy.entity.TenantId;

/**
 * File exports (XLSX, PDF, CSV) of what a caller may already read as JSON. The request's own transaction checks
 * that the thing exists for the caller (so refusals are ordinary problem+json answers); the file is then written
 * while it is sent, in a new transaction bound to the same tenant, rows read as the writer consumes them.
 */
@ApplicationScoped
@Path("v1/exports")
@Produces({XlsxWorkbook.MEDIA_TYPE, PdfReport.MEDIA_TYPE, "text/csv", "application/json", "application/problem+json"})
@RolesAllowed({"SOCIAL_WORKER", "SUPERVISOR", "ORG_ADMIN", "BUREAU_OFFICER"})
@Transactional
@BindTenant
@HeavyWork(HeavyWork.Pool.EXPORTS)
public class ExportsResource {

  @Inject Projects projects;
  @Inject Evaluations evaluations;
  @Inject DeliverableExport deliverableExport;
  @Inject EvaluationExport evaluationExport;
  @Inject BackgroundTransactions transactions;
  @Inject Caller caller;
  @Inject AuditTrail audit;
  @Context HttpHeaders headers;

  /** A project's deliverables with targets and approved counts: XLSX (default), PDF with a chart, or CSV. */
  @GET
  @Path("projects/{id}/deliverables")
  public Response deliverables(@PathParam("id") String id, @QueryParam("format") String format) {
    ExportFormat chosen = ExportFormat.choose(format, headers.getAcceptableMediaTypes(),
        EnumSet.allOf(ExportFormat.class), ExportFormat.XLSX);
    Project project = projects.get(new ProjectId(Fields.pathId(id, "Project")));
    ProjectId projectId = project.id();
    TenantId tenant = caller.tenant();
    audit.record(caller.userId(), "DELIVERABLES_EXPORTED", "project", projectId.value(), chosen.name());
    StreamingOutput body = out -> transactions.runInTenant(tenant, () -> {
      Project p = projects.get(projectId);
      switch (chosen) {
        case XLSX -> new XlsxWorkbook().write(List.of(deliverableExport.table(p)), out);
        case CSV -> new CsvWriter().write(deliverableExport.table(p), out);
        case PDF -> {
          try (PdfReport pdf = new PdfReport("项目交付进度")) {
            pdf.fact("项目名称", p.title())
                .fact("合同编号", p.contractNumber())
                .fact("合同期", p.period().start() + " 至 " + p.period().end())
                .fact("统计日", Evaluations.today().toString())
                .gap(8)
                .barChart("目标 / 已审核通过", deliverableExport.bars(p))
                .table(deliverableExport.table(p))
                .finish(out);
          }
        }
      }
    });
    return file(body, chosen, "项目交付进度-" + project.contractNumber(), "deliverables-" + project.contractNumber());
  }

  /** An evaluation sheet: PDF (default) with the progress chart, or XLSX with a second sheet of deliverables. */
  @GET
  @Path("evaluations/{id}")
  public Response evaluation(@PathParam("id") String id, @QueryParam("format") String format) {
    ExportFormat chosen = ExportFormat.choose(format, headers.getAcceptableMediaTypes(),
        EnumSet.of(ExportFormat.PDF, ExportFormat.XLSX), ExportFormat.PDF);
    Evaluation evaluation = evaluations.visible(Fields.pathId(id, "Evaluation"));
    UUID evaluationId = evaluation.id();
    Project project = projects.get(evaluation.projectId());
    TenantId tenant = caller.tenant();
    audit.record(caller.userId(), "EVALUATION_EXPORTED", "evaluation", evaluationId, chosen.name());
    StreamingOutput body = out -> transactions.runInTenant(tenant, () -> {
      Evaluation e = evaluations.visible(evaluationId);
      Project p = projects.get(e.projectId());
      if (chosen == ExportFormat.PDF) {
        evaluationExport.pdf(e, p, out);
      } else {
        evaluationExport.xlsx(e, p, out);
      }
    });
    String stage = evaluation.stage().label();
    return file(body, chosen, "绩效评估表-" + project.contractNumber() + "-" + stage,
        "evaluation-" + project.contractNumber() + "-" + evaluation.stage().name().toLowerCase());
  }

  /** The file with its type and a Content-Disposition naming it in UTF-8 (RFC 6266), with an ASCII fallback. */
  static Response file(StreamingOutput body, ExportFormat format, String name, String asciiName) {
    String utf8 = URLEncoder.encode(name + "." + format.extension(), StandardCharsets.UTF_8).replace("+", "%20");
    String ascii = asciiName.replaceAll("[^A-Za-z0-9._-]", "_") + "." + format.extension();
    return Response.ok(body, format.mediaType())
        .header("Content-Disposition", "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + utf8)
        .header("Cache-Control", "no-store")
        .header("X-Content-Type-Options", "nosniff")
        .build();
  }
}
