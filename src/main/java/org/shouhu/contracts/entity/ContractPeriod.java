package org.shouhu.contracts.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import org.shouhu.problems.entity.InvalidValueException;

/** The dates a contract runs, both inclusive. Immutable. */
@Embeddable
public class ContractPeriod {

  @Column(name = "period_start", nullable = false)
  private LocalDate start;

  @Column(name = "period_end", nullable = false)
  private LocalDate end;

  protected ContractPeriod() {}

  public ContractPeriod(LocalDate start, LocalDate end) {
    if (start == null || end == null) {
      throw new InvalidValueException("PERIOD_REQUIRED", "A contract period needs a start and an end date.");
    }
    if (end.isBefore(start)) {
      throw new InvalidValueException("PERIOD_END_BEFORE_START", "The period ends before it starts.");
    }
    if (ChronoUnit.YEARS.between(start, end) >= 5) {
      throw new InvalidValueException("PERIOD_TOO_LONG", "A purchase contract runs for less than five years.");
    }
    this.start = start;
    this.end = end;
  }

  public LocalDate start() {
    return start;
  }

  public LocalDate end() {
    return end;
  }

  public boolean contains(LocalDate day) {
    return !day.isBefore(start) && !day.isAfter(end);
  }

  /** Days in the period, both ends counted. */
  public long days() {
    return ChronoUnit.DAYS.between(start, end) + 1;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ContractPeriod p && p.start.equals(start) && p.end.equals(end);
  }

  @Override
  public int hashCode() {
    return start.hashCode() * 31 + end.hashCode();
  }
}
