package org.shouhu.reporting.entity;

import org.shouhu.contracts.entity.DeliveryUnit;

/**
 * Approved work of a deliverable counted three ways: records, attendances (人次: one per person present on a
 * record) and distinct persons. The contract's unit says which one is the deliverable's quantity.
 */
public record Tally(long records, long attendances, long persons) {

  public static final Tally NONE = new Tally(0, 0, 0);

  /** VISIT (人次) counts attendances, PERSON (人) distinct people, SESSION, EVENT and CASE records. */
  public long in(DeliveryUnit unit) {
    return switch (unit) {
      case VISIT -> attendances;
      case PERSON -> persons;
      case SESSION, EVENT, CASE -> records;
    };
  }
}
