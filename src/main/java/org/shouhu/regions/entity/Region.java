package org.shouhu.regions.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.Optional;
import org.eclipse.persistence.annotations.ReadOnly;
import org.shouhu.regions.entity.DivisionCode.Level;

/**
 * A division as stored: a code, the name people use for it, and the division directly above it. Read-only to
 * JPA because the table is written in bulk (COPY at startup, batched inserts for villages) and never changed
 * afterwards; an accidental {@code persist} or dirty field must not reach it.
 */
@Entity
@ReadOnly
@Table(name = "region")
public class Region {

  @Id
  @Column(name = "code", length = 12)
  private String code;

  @Column(name = "name", nullable = false, length = 100)
  private String name;

  @Enumerated(EnumType.STRING)
  @Column(name = "level", nullable = false, length = 8)
  private Level level;

  @Column(name = "parent_code", length = 12)
  private String parentCode;

  protected Region() {}

  public DivisionCode code() {
    return DivisionCode.of(code);
  }

  public String name() {
    return name;
  }

  public Level level() {
    return level;
  }

  /** Empty for a province only. */
  public Optional<DivisionCode> parentCode() {
    return Optional.ofNullable(parentCode).map(DivisionCode::of);
  }
}
