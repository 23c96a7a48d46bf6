package org.shouhu.regions.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.shouhu.regions.entity.DivisionCode;

class RegionsTest {

  private static final List<DivisionCode> SAMPLES =
      List.of("420000", "429000", "429006", "429004", "420100", "429006107", "429006120", "429006107201",
              "441900", "441900003", "430000")
          .stream()
          .map(DivisionCode::of)
          .toList();

  /** The search's "within" prefix must agree with DivisionCode.isWithin, or a filter would drop or leak rows. */
  @Test
  void narrowsSearchesWithThePrefixThatIsWithinUses() {
    for (DivisionCode scope : SAMPLES) {
      String prefix = Regions.codePrefix(scope);
      for (DivisionCode code : SAMPLES) {
        assertEquals(code.isWithin(scope), code.value().startsWith(prefix), code + " within " + scope);
      }
    }
  }
}
