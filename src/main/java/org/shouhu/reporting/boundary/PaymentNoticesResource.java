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
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.UUID;
import org.shouhu.HeavyWork;
import org.shouhu.audit.control.AuditTrail;
import org.shouhu.contracts.control.Evaluations;
import org.shouhu.contracts.control.Projects;
import org.shouhu.contracts.entity.PaymentMilestone;
import org.shouhu.contracts.entity.Project;
import org.shouhu.contracts.entity.ProjectId;
import org.shouhu.problems.boundary.Fields;
import org.shouhu.problems.entity.ProblemException;
import org.shouhu.reporting.control.PdfReport;
import org.shouhu.tenancy.boundary.BindTenant;
import org.shouhu.tenancy.boundary.Caller;
import org.shouhu.tenancy.control.Tenants;
import org.shouhu.tenancy.entity.TenantId;

/**
 * The payment notice (付款通知书) of one milestone: the A4 sheet the bureau's officer signs and hands to its finance
 * office, naming the contract, the payee, the share and the amount (in figures and in capitals, as Chinese vouchers
 * write it). Only the funding bureau prints it, and only for a milestone it may pay (released by a passed
 * evaluation, or one that waits for none) or has paid; any other tenant's project is 404.
 */
@ApplicationScoped
@Path("v1/exports/projects/{id}/milestones/{milestone}/notice")
@Produces({PdfReport.MEDIA_TYPE, "application/json", "application/problem+json"})
@RolesAllowed("BUREAU_OFFICER")
@Transactional
@BindTenant
@HeavyWork(HeavyWork.Pool.EXPORTS)
public class PaymentNoticesResource {

  @Inject Projects projects;
  @Inject Tenants tenants;
  @Inject Caller caller;
  @Inject AuditTrail audit;
  @Context HttpHeaders headers;

  @GET
  public Response notice(
      @PathParam("id") String id, @PathParam("milestone") String milestoneId, @QueryParam("format") String format) {
    ExportFormat.choose(format, headers.getAcceptableMediaTypes(), EnumSet.of(ExportFormat.PDF), ExportFormat.PDF);
    Project project = projects.getFunded(new ProjectId(Fields.pathId(id, "Project")));
    UUID wanted = Fields.pathId(milestoneId, "Milestone");
    PaymentMilestone m = project.milestones().stream().filter(x -> x.id().equals(wanted)).findFirst()
        .orElseThrow(() -> ProblemException.notFound("Milestone"));
    if (m.status() == PaymentMilestone.Status.PENDING && m.requiresEvaluation()) {
      throw ProblemException.conflict(
          "MILESTONE_NOT_RELEASED", "This milestone is paid only after a passed evaluation releases it.");
    }
    String payee = tenants.find(new TenantId(project.organizationId())).map(t -> t.displayName()).orElse("—");
    String bureau = tenants.find(caller.tenant()).map(t -> t.displayName()).orElse("—");
    BigDecimal amount = m.amountOf(project.budget());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (PdfReport pdf = new PdfReport("付款通知书")) {
      pdf.fact("付款单位", bureau)
          .fact("收款单位", payee)
          .fact("项目名称", project.title())
          .fact("合同编号", project.contractNumber())
          .fact("合同期", project.period().start() + " 至 " + project.period().end())
          .fact("合同金额", "￥" + project.budget().toPlainString())
          .gap(8)
          .fact("付款节点", m.label())
          .fact("应付比例", m.sharePercent().stripTrailingZeros().toPlainString() + "%")
          .fact("应付金额", "￥" + amount.toPlainString())
          .fact("金额大写", Capitals.of(amount))
          .fact("到期日", m.dueDate().toString())
          .fact("付款条件", m.requiresEvaluation() ? "中期/末期评估合格后支付（已评估放行）" : "按合同约定日期支付，无需评估")
          .fact("状态", switch (m.status()) {
            case PENDING -> "待支付";
            case RELEASED -> "已放行，待支付";
            case PAID -> "已支付";
          })
          .fact("支付日期", m.paidOn() == null ? "—" : m.paidOn().toString())
          .fact("凭证号", m.paymentReference() == null ? "—" : m.paymentReference())
          .fact("开具日期", Evaluations.today().toString())
          .gap(24)
          .fact("经办人（签字）", "________________")
          .gap(10)
          .fact("审核人（签字）", "________________")
          .gap(10)
          .fact("单位（盖章）", "________________")
          .finish(out);
    }
    audit.record(caller.userId(), "PAYMENT_NOTICE_PRINTED", "payment_milestone", m.id(),
        project.contractNumber() + " " + m.label() + " " + amount.toPlainString());
    byte[] bytes = out.toByteArray();
    return ExportsResource.file(o -> o.write(bytes), ExportFormat.PDF,
        "付款通知书-" + project.contractNumber() + "-" + m.label(),
        "payment-notice-" + project.contractNumber() + "-" + m.kind().name().toLowerCase());
  }

  /** An amount in Chinese capitals (人民币大写), as vouchers state it so a figure cannot be altered. */
  static final class Capitals {
    private static final String DIGITS = "零壹贰叁肆伍陆柒捌玖";
    private static final String[] SMALL = {"", "拾", "佰", "仟"};
    private static final String[] BIG = {"", "万", "亿", "万亿"};

    private Capitals() {}

    static String of(BigDecimal amount) {
      BigDecimal fen = amount.setScale(2, java.math.RoundingMode.HALF_UP).movePointRight(2);
      long all = fen.longValueExact();
      long yuan = all / 100;
      int jiao = (int) (all / 10 % 10);
      int cents = (int) (all % 10);
      StringBuilder s = new StringBuilder("人民币");
      if (yuan == 0) {
        s.append("零元");
      } else {
        s.append(integer(yuan)).append("元");
      }
      if (jiao == 0 && cents == 0) {
        return s.append("整").toString();
      }
      if (jiao > 0) {
        s.append(DIGITS.charAt(jiao)).append("角");
      } else if (yuan > 0) {
        s.append("零");
      }
      if (cents > 0) {
        s.append(DIGITS.charAt(cents)).append("分");
      } else {
        s.append("整");
      }
      return s.toString();
    }

    private static String integer(long n) {
      StringBuilder out = new StringBuilder();
      int group = 0;
      boolean zeroPending = false;
      while (n > 0) {
        int part = (int) (n % 10000);
        StringBuilder g = new StringBuilder();
        if (part > 0) {
          boolean zero = false;
          for (int i = 3; i >= 0; i--) {
            int d = part / (int) Math.pow(10, i) % 10;
            if (d == 0) {
              zero = g.length() > 0;
            } else {
              if (zero) {
                g.append('零');
                zero = false;
              }
              g.append(DIGITS.charAt(d)).append(SMALL[i]);
            }
          }
          g.append(BIG[group]);
          if (zeroPending) {
            g.append('零');
          }
          out.insert(0, g);
          zeroPending = part < 1000;
        } else if (out.length() > 0) {
          zeroPending = true;
        }
        n /= 10000;
        group++;
      }
      String s = out.toString();
      return s.startsWith("零") ? s.substring(1) : s;
    }
  }
}
