package org.shouhu.reporting.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.shouhu.contracts.control.DeliveryCounts;
import org.shouhu.contracts.control.Projects;
import org.shouhu.contracts.entity.Deliverable;
import org.shouhu.contracts.entity.Project;
import org.shouhu.contracts.entity.ProjectId;
import org.shouhu.tenancy.control.TenantSession;

/**
 * A project's deliverables with their targets and approved counts, as an export table and as chart bars. Rows are
 * read from the database in pages while the writer consumes them, inside the caller's tenant transaction; approved
 * counts come from {@link DeliveryCounts}, the one source evaluations use too.
 */
@ApplicationScoped
public class DeliverableExport {

  static final int PAGE = 500;

  @PersistenceContext(unitName = "shouhu")
  EntityManager em;

  @Inject TenantSession session;
  @Inject Projects projects;
  @Inject DeliveryCounts counts;

  public static final List<ExportTable.Column> COLUMNS = List.of(
      new ExportTable.Column("序号", ExportTable.Kind.INTEGER, 0.7f),
      new ExportTable.Column("服务内容", ExportTable.Kind.TEXT, 1.6f),
      new ExportTable.Column("计量单位", ExportTable.Kind.TEXT, 1f),
      new ExportTable.Column("目标数", ExportTable.Kind.INTEGER, 1f),
      new ExportTable.Column("已审核通过", ExportTable.Kind.INTEGER, 1.2f),
      new ExportTable.Column("完成率(%)", ExportTable.Kind.PERCENT, 1.2f),
      new ExportTable.Column("说明", ExportTable.Kind.TEXT, 2.5f));

  /** The table of a project the bound tenant is party to; its rows are read when the writer asks for them. */
  public ExportTable table(Project project) {
    ProjectId id = project.id();
    return new ExportTable("项目交付进度 · " + project.title(), "交付进度", COLUMNS, sink -> {
      Map<UUID, DeliveryCounts.Tally> tallies = counts.of(id);
      for (int first = 0; ; first += PAGE) {
        List<Deliverable> page = page(id, first);
        for (Deliverable d : page) {
          DeliveryCounts.Tally t = tallies.get(d.id());
          long approved = t == null ? 0 : t.approved();
          List<Object> row = new ArrayList<>();
          row.add(d.position());
          row.add(ChineseLabels.of(d.kind()));
          row.add(ChineseLabels.of(d.unit()));
          row.add(d.target());
          row.add(approved);
          row.add(rate(approved, d.target()));
          row.add(d.description());
          sink.accept(row);
        }
        if (page.size() < PAGE) {
          return;
        }
        em.clear();
      }
    });
  }

  /** Target against approved, one bar pair per deliverable. */
  public List<PdfReport.Bar> bars(Project project) {
    Map<UUID, DeliveryCounts.Tally> tallies = counts.of(project.id());
    return project.deliverables().stream()
        .map(d -> new PdfReport.Bar(d.position() + ". " + ChineseLabels.of(d.kind()) + "（" + ChineseLabels.of(d.unit()) + "）",
            d.target(), tallies.containsKey(d.id()) ? tallies.get(d.id()).approved() : 0))
        .toList();
  }

  /** approved ÷ target as a percentage to two decimals (not capped: over-delivery shows). */
  public static BigDecimal rate(long approved, int target) {
    return BigDecimal.valueOf(approved).multiply(BigDecimal.valueOf(100)).divide(BigDecimal.valueOf(target), 2, RoundingMode.HALF_UP);
  }

  private List<Deliverable> page(ProjectId project, int first) {
    UUID tenant = session.require().value();
    return em.createQuery("select d from Deliverable d where d.projectId = :p"
            + " and exists (select p from Project p where p.id = d.projectId and (p.organizationId = :t or p.bureauId = :t))"
            + " order by d.position", Deliverable.class)
        .setParameter("p", project.value())
        .setParameter("t", tenant)
        .setFirstResult(first)
        .setMaxResults(PAGE)
        .getResultList();
  }
}
