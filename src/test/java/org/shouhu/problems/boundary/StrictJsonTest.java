package org.shouhu.problems.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.json.Json;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.shouhu.problems.entity.FieldError;
import org.shouhu.problems.entity.ProblemException;

class StrictJsonTest {

  record Finding(String area, Integer rating, String note) {}

  record Visit(String name, String grade, Integer count, Long version, Boolean submit, BigDecimal budget,
      LocalDate bornOn, List<String> roles, List<Finding> findings, JsonValue anything, Admin admin) {}

  record Admin(String username, String password) {}

  /** A stream that serves its bytes, then blocks as an unending upgraded connection would: here, it fails. */
  private static java.io.InputStream neverEnding(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    return new java.io.InputStream() {
      private int next;

      @Override
      public int read() {
        if (next < bytes.length) {
          return bytes[next++] & 0xff;
        }
        throw new AssertionError("read past the declared length");
      }
    };
  }

  @Test
  void readsTheBodyNoFurtherThanItsDeclaredLength() throws Exception {
    String json = "{\"name\":\"李华\"}";
    int length = json.getBytes(StandardCharsets.UTF_8).length;
    assertEquals(json, new String(StrictJson.body(neverEnding(json), String.valueOf(length)), StandardCharsets.UTF_8));
    assertEquals(json, new String(StrictJson.body(new java.io.ByteArrayInputStream(
        json.getBytes(StandardCharsets.UTF_8)), null), StandardCharsets.UTF_8), "without the header: to the end");
    assertEquals(json, new String(StrictJson.body(new java.io.ByteArrayInputStream(
        json.getBytes(StandardCharsets.UTF_8)), "not a number"), StandardCharsets.UTF_8));
  }

  @Test
  void acceptsValuesOfTheRightTypesAndNulls() {
    assertEquals(Map.of(), errors("""
        {"name":"李雷","grade":"三年级","count":3,"version":12,"submit":true,"budget":90000.50,"bornOn":"2014-03-01",
         "roles":["SOCIAL_WORKER"],"findings":[{"area":"SAFETY","rating":4,"note":"门锁坏了\\n已报修\\t"}],
         "anything":{"x":[1,"y",null]},"admin":{"username":"a","password":null}}"""));
    assertEquals(Map.of(), errors("{\"name\":null,\"count\":null,\"roles\":null,\"admin\":null}"));
  }

  @Test
  void refusesANumberWhereTextIsExpected() {
    assertEquals(Map.of("name", "INVALID_TYPE", "grade", "INVALID_TYPE"),
        errors("{\"name\":12345,\"grade\":1e400}"));
  }

  @Test
  void refusesAnObjectOrAListWhereAScalarIsExpectedAndTheReverse() {
    assertEquals(Map.of("name", "INVALID_TYPE", "count", "INVALID_TYPE", "roles", "INVALID_TYPE", "admin", "INVALID_TYPE"),
        errors("{\"name\":{\"first\":\"li\"},\"count\":[3],\"roles\":\"ORG_ADMIN\",\"admin\":\"admin\"}"));
  }

  @Test
  void refusesTextTrueOrFractionsForWholeNumbers() {
    assertEquals(Map.of("count", "INVALID_TYPE", "version", "INVALID_TYPE", "findings[1].rating", "INVALID_TYPE"),
        errors("{\"count\":\"3\",\"version\":1.5,\"findings\":[{\"rating\":4},{\"rating\":true}]}"));
  }

  @Test
  void refusesWholeNumbersOutOfRangeWithoutExpandingThem() {
    assertEquals(Map.of("count", "INVALID_TYPE", "version", "INVALID_TYPE"),
        errors("{\"count\":2147483648,\"version\":1e999999999}"));
    assertEquals(Map.of(), errors("{\"count\":2147483647,\"version\":-9223372036854775808}"));
    assertEquals(Map.of(), errors("{\"count\":3.0,\"version\":1E+3}"), "whole numbers written with a fraction or exponent");
  }

  @Test
  void refusesTextForABooleanAndANumberForADate() {
    assertEquals(Map.of("submit", "INVALID_TYPE", "bornOn", "INVALID_TYPE"), errors("{\"submit\":\"yes\",\"bornOn\":20140301}"));
  }

  @Test
  void acceptsADecimalAmountAsANumberOrAsText() {
    assertEquals(Map.of(), errors("{\"budget\":\"90000.50\"}"));
    assertEquals(Map.of("budget", "INVALID_TYPE"), errors("{\"budget\":[1]}"));
  }

  @Test
  void refusesNulAndOtherControlCharactersInTextButKeepsTabsAndLineBreaks() {
    assertEquals(Map.of("name", "CONTROL_CHARACTER", "findings[0].note", "CONTROL_CHARACTER", "roles[1]", "CONTROL_CHARACTER",
            "anything.k", "CONTROL_CHARACTER"),
        errors("{\"name\":\"li\\u0000lei\",\"findings\":[{\"note\":\"a\\u001bb\"}],\"roles\":[\"A\",\"B\\u0007\"],"
            + "\"anything\":{\"k\":\"\\u007f\"},\"grade\":\"一\\r\\n二\\t三\"}"));
  }

  @Test
  void refusesHalfASurrogatePair() {
    assertEquals(Map.of("name", "INVALID_ENCODING", "grade", "INVALID_ENCODING"),
        errors("{\"name\":\"\\ud800x\",\"grade\":\"x\\udc00\",\"admin\":{\"username\":\"\\ud83d\\ude00\"}}"));
  }

  @Test
  void refusesABodyOfTheWrongShapeAsUnreadable() {
    ProblemException e = assertThrows(ProblemException.class, () -> StrictJson.verify(parse("[1,2]"), Visit.class));
    assertEquals("UNREADABLE_BODY", e.code());
    StrictJson.verify(parse("null"), Visit.class); // no body: the boundary answers BODY_REQUIRED
  }

  @Test
  void refusesBytesThatAreNotUtf8() {
    byte[] latin1 = "{\"name\":\"Jos\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1);
    ProblemException e = assertThrows(ProblemException.class, () -> StrictJson.utf8(latin1));
    assertEquals(400, e.status());
    assertEquals("MALFORMED_UTF8", e.code());
    byte[] surrogate = {'"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"'}; // CESU-style encoded surrogate
    assertEquals("MALFORMED_UTF8", assertThrows(ProblemException.class, () -> StrictJson.utf8(surrogate)).code());
    assertEquals("{\"name\":\"José 守护\"}", StrictJson.utf8("{\"name\":\"José 守护\"}".getBytes(StandardCharsets.UTF_8)));
  }

  private static Map<String, String> errors(String json) {
    try {
      StrictJson.verify(parse(json), Visit.class);
      return Map.of();
    } catch (ProblemException e) {
      assertEquals("VALIDATION_FAILED", e.code(), e.getMessage());
      Map<String, String> byField = new LinkedHashMap<>();
      for (FieldError error : e.errors()) {
        assertEquals(null, byField.put(error.field(), error.code()), "one error per field");
      }
      return byField;
    }
  }

  private static JsonValue parse(String json) {
    return Json.createReader(new StringReader(json)).readValue();
  }
}
