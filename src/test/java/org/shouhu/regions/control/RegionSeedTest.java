package org.shouhu.regions.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.shouhu.regions.entity.DivisionCode;

class RegionSeedTest {

  @Test
  void writesAProvincesParentAsCopyNull() {
    String csv = RegionSeed.csv(List.of(new Division(DivisionCode.of("420000"), "湖北省", null)));
    assertEquals("420000,\"湖北省\",PROVINCE,\n", csv);
  }

  @Test
  void quotesNamesSoCommasAndQuotesSurvive() {
    String csv =
        RegionSeed.csv(
            List.of(new Division(DivisionCode.of("429006107"), "岳口,\"镇\"", DivisionCode.of("429006"))));
    assertEquals("429006107,\"岳口,\"\"镇\"\"\",TOWN,429006\n", csv);
  }
}
