package org.shouhu.reporting.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.shouhu.contracts.entity.DeliveryUnit;

class TallyTest {

  /** Three approved visits to one family of two children, then to one of them twice: 3 records, 4 人次, 2 people. */
  static final Tally VISITS = new Tally(3, 4, 2);

  @Test
  void theContractsUnitChoosesTheCount() {
    assertEquals(4, VISITS.in(DeliveryUnit.VISIT), "人次: one per person per occasion");
    assertEquals(2, VISITS.in(DeliveryUnit.PERSON), "人: distinct people");
    assertEquals(3, VISITS.in(DeliveryUnit.SESSION));
    assertEquals(3, VISITS.in(DeliveryUnit.EVENT));
    assertEquals(3, VISITS.in(DeliveryUnit.CASE));
    assertEquals(0, Tally.NONE.in(DeliveryUnit.VISIT));
  }
}
