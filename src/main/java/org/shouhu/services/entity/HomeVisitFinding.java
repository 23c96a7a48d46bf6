package org.shouhu.services.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.UUID;
import org.eclipse.persistence.annotations.Multitenant;
import org.eclipse.persistence.annotations.MultitenantType;
import org.eclipse.persistence.annotations.TenantDiscriminatorColumn;
import org.shouhu.tenancy.entity.TenantOwned;

/**
 * One area's assessment inside a home-visit record; part of the {@link ServiceRecord} aggregate. Keyed by area,
 * so revising a returned visit updates the row instead of replacing it (the application role cannot delete).
 * Not a {@link TenantOwned} subclass only because a part carries no timestamps or version of its own.
 */
@Entity
@Table(name = "home_visit_finding")
@IdClass(HomeVisitFinding.Key.class)
@Multitenant(MultitenantType.SINGLE_TABLE)
@TenantDiscriminatorColumn(name = "tenant_id", contextProperty = TenantOwned.TENANT_PROPERTY, primaryKey = false)
public class HomeVisitFinding {

  /** The composite key inside the tenant (EclipseLink sets its fields reflectively, so not a record). */
  public static class Key implements Serializable {
    private UUID recordId;
    private Area area;

    public Key() {}

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && java.util.Objects.equals(k.recordId, recordId) && java.util.Objects.equals(k.area, area);
    }

    @Override
    public int hashCode() {
      return java.util.Objects.hash(recordId, area);
    }
  }

  @Id
  @Column(name = "record_id", updatable = false)
  private UUID recordId;

  @Id
  @Enumerated(EnumType.STRING)
  @Column(updatable = false)
  private Area area;

  @Column(nullable = false)
  private int rating;

  private String note;

  protected HomeVisitFinding() {}

  HomeVisitFinding(UUID recordId, Area area, Assessment assessment) {
    this.recordId = recordId;
    this.area = area;
    reassess(assessment);
  }

  void reassess(Assessment assessment) {
    this.rating = assessment.rating();
    this.note = assessment.note();
  }

  public Area area() {
    return area;
  }

  public Assessment assessment() {
    return new Assessment(rating, note);
  }
}
