package org.shouhu.problems.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.shouhu.problems.entity.FieldError;

class StrictUrlTest {

  @Test
  void letsOrdinarySearchesThrough() {
    assertEquals(Map.of(), errors("/api/v1/beneficiaries", "q=%E6%9D%8E%E9%9B%B7&limit=20&offset=0"));
    assertEquals(Map.of(), errors("/api/v1/regions", "q=%E5%A4%9A%E5%AE%9D+%E9%95%87&flag&empty="));
    assertEquals(Map.of(), errors("/api/v1/beneficiaries/3f2a9c1e-0000-4000-8000-000000000001", null));
    assertEquals(Map.of(), errors("/api/v1/exports/projects/x/deliverables", "format=pdf%20"));
  }

  @Test
  void refusesNulAndOtherControlCharactersInAQueryParameter() {
    assertEquals(Map.of("q", "CONTROL_CHARACTER"), errors("/api/v1/beneficiaries", "q=%00"));
    assertEquals(Map.of("q", "CONTROL_CHARACTER", "town", "CONTROL_CHARACTER"),
        errors("/api/v1/regions", "q=a%0Ab&limit=5&town=%7F"));
    assertEquals(Map.of("q", "CONTROL_CHARACTER"), errors("/x", "q=%C2%85"), "C1 controls too (NEL)");
    assertEquals(Map.of("q", "CONTROL_CHARACTER"), errors("/x", "q=%09"), "no tab in a search either");
  }

  @Test
  void refusesAControlCharacterInThePath() {
    assertEquals(Map.of("path", "CONTROL_CHARACTER"), errors("/api/v1/beneficiaries/%00", null));
    assertEquals(Map.of("path", "CONTROL_CHARACTER"), errors("/api/v1/users/a%0Db", null));
  }

  @Test
  void refusesEscapesThatAreNotUtf8() {
    assertEquals(Map.of("q", "INVALID_ENCODING"), errors("/x", "q=%C3%28"));
    assertEquals(Map.of("q", "INVALID_ENCODING"), errors("/x", "q=%ZZ"));
    assertEquals(Map.of("q", "INVALID_ENCODING"), errors("/x", "q=abc%"));
    assertEquals(Map.of("q", "INVALID_ENCODING"), errors("/x", "q=%ED%A0%80"), "an encoded surrogate");
    assertEquals(Map.of("path", "INVALID_ENCODING"), errors("/api/v1/users/%FF", null));
  }

  @Test
  void namesOneErrorPerParameterAndNeverEchoesAControlCharacter() {
    assertEquals(Map.of("q", "CONTROL_CHARACTER"), errors("/x", "q=%00&q=%01"));
    assertEquals(Map.of("query", "CONTROL_CHARACTER"), errors("/x", "a%00b=1"));
  }

  @Test
  void decodesStrictly() {
    assertEquals("多宝 镇", StrictUrl.decode("%E5%A4%9A%E5%AE%9D+%E9%95%87", true));
    assertEquals("a+b", StrictUrl.decode("a+b", false));
    assertNull(StrictUrl.decode("%E5%A4", true));
  }

  private static Map<String, String> errors(String path, String query) {
    List<FieldError> errors = StrictUrl.check(path, query);
    Map<String, String> byField = new LinkedHashMap<>();
    errors.forEach(e -> byField.put(e.field(), e.code()));
    return byField;
  }
}
