package org.shouhu.regions.control;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.shouhu.problems.entity.FieldError;
import org.shouhu.problems.entity.ProblemException;
import org.shouhu.regions.entity.DivisionCode;

class RegionsTest {

  private static final DivisionCode TIANMEN = DivisionCode.of("429006");
  private static final DivisionCode YUEKOU = DivisionCode.of("429006107");
  private static final DivisionCode XIANTAO = DivisionCode.of("429004");

  private static final List<DivisionCode> SAMPLES =
      List.of("420000", "429000", "429006", "429004", "420100", "429006107", "429006120", "429006107201",
              "441900", "441900003", "430000")
          .stream()
          .map(DivisionCode::of)
          .toList();

  /** A table holding only the given codes; the database is not needed to decide jurisdiction. */
  private static Regions holding(DivisionCode... codes) {
    Set<DivisionCode> known = Set.of(codes);
    return new Regions() {
      @Override
      public boolean exists(DivisionCode code) {
        return known.contains(code);
      }
    };
  }

  private static FieldError refusal(Runnable check) {
    ProblemException e = assertThrows(ProblemException.class, check::run);
    assertEquals(400, e.status());
    assertEquals(1, e.errors().size());
    return e.errors().get(0);
  }

  @Test
  void acceptsAKnownCodeInsideTheJurisdiction() {
    Regions regions = holding(TIANMEN, YUEKOU);
    assertDoesNotThrow(() -> regions.requireWithin(YUEKOU, TIANMEN, "divisionCode"));
    assertDoesNotThrow(() -> regions.requireWithin(TIANMEN, TIANMEN, "divisionCode"));
  }

  @Test
  void refusesACodeOutsideTheJurisdictionNamingTheField() {
    FieldError error = refusal(() -> holding(YUEKOU).requireWithin(YUEKOU, XIANTAO, "address.divisionCode"));
    assertEquals("address.divisionCode", error.field());
    assertEquals("REGION_OUTSIDE_JURISDICTION", error.code());
  }

  @Test
  void refusesAWellFormedCodeThatNamesNoDivision() {
    FieldError error =
        refusal(() -> holding(TIANMEN).requireWithin(DivisionCode.of("429006999"), TIANMEN, "divisionCode"));
    assertEquals("divisionCode", error.field());
    assertEquals("REGION_UNKNOWN", error.code());
  }

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
