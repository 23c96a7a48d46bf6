package org.shouhu.problems.boundary;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.shouhu.problems.entity.FieldError;
import org.shouhu.problems.entity.ProblemException;
import org.shouhu.tenancy.entity.CreditCode;

class FieldsTest {

  private static final Object BODY = new Object();

  private static List<FieldError> errorsOf(Fields check) {
    return assertThrows(ProblemException.class, check::verify).errors();
  }

  @Test
  void refusesAMissingBodyAtOnce() {
    ProblemException e = assertThrows(ProblemException.class, () -> Fields.of(null));
    assertEquals(400, e.status());
    assertEquals("BODY_REQUIRED", e.code());
    assertTrue(e.errors().isEmpty());
  }

  @Test
  void passesAValidBody() {
    Fields check = Fields.of(BODY);
    assertEquals("王芳", check.text("displayName", "王芳", 100));
    assertTrue(check.ok());
    assertDoesNotThrow(check::verify);
  }

  @Test
  void requiresTextThatIsNotBlank() {
    Fields check = Fields.of(BODY);
    assertNull(check.text("username", null, 64));
    assertNull(check.text("displayName", " \t ", 100));
    assertEquals(
        List.of(
            new FieldError("username", "REQUIRED", "'username' is required."),
            new FieldError("displayName", "REQUIRED", "'displayName' is required.")),
        errorsOf(check));
  }

  @Test
  void stripsAcceptedText() {
    assertEquals("王芳", Fields.of(BODY).text("displayName", "  王芳 ", 100));
    assertEquals("备注", Fields.of(BODY).optionalText("note", " 备注 ", 100));
  }

  @Test
  void refusesTextOverItsLimit() {
    Fields check = Fields.of(BODY);
    assertNull(check.text("displayName", "名".repeat(101), 100));
    assertEquals("名".repeat(100), check.optionalText("note", "名".repeat(100), 100));
    List<FieldError> errors = errorsOf(check);
    assertEquals(1, errors.size());
    assertEquals("displayName", errors.get(0).field());
    assertEquals("TOO_LONG", errors.get(0).code());
    assertTrue(errors.get(0).message().contains("100"), errors.get(0).message());
  }

  @Test
  void treatsMissingOrBlankOptionalTextAsAbsent() {
    Fields check = Fields.of(BODY);
    assertNull(check.optionalText("note", null, 10));
    assertNull(check.optionalText("note", "   ", 10));
    assertTrue(check.ok());
    assertNull(check.optionalText("note", "x".repeat(11), 10));
    assertEquals("TOO_LONG", errorsOf(check).get(0).code());
  }

  @Test
  void requiresPresentValues() {
    Fields check = Fields.of(BODY);
    assertNull(check.present("kind", null));
    Integer five = 5;
    assertSame(five, check.present("limit", five));
    assertEquals(List.of(new FieldError("kind", "REQUIRED", "'kind' is required.")), errorsOf(check));
  }

  @Test
  void recordsAValueObjectsRefusalAgainstTheField() {
    Fields check = Fields.of(BODY);
    assertNull(check.parse("creditCode", () -> CreditCode.of("91420000177570439J")));
    List<FieldError> errors = errorsOf(check);
    assertEquals("creditCode", errors.get(0).field());
    assertEquals("CREDIT_CODE_CHECK", errors.get(0).code());
    assertTrue(errors.get(0).message().contains("check character"), errors.get(0).message());
  }

  @Test
  void returnsTheParsedValue() {
    Fields check = Fields.of(BODY);
    CreditCode parsed = check.parse("creditCode", () -> CreditCode.of("91420000177570439L"));
    assertEquals(CreditCode.of("91420000177570439L"), parsed);
    assertTrue(check.ok());
  }

  @Test
  void letsOtherFailuresOfAParserThrough() {
    Fields check = Fields.of(BODY);
    assertThrows(IllegalStateException.class, () -> check.parse("x", () -> {
      throw new IllegalStateException("a bug, not bad input");
    }));
    assertTrue(check.ok());
  }

  @Test
  void collectsEveryErrorBeforeRefusing() {
    Fields check = Fields.of(BODY);
    check.text("username", "", 64);
    check.parse("creditCode", () -> CreditCode.of("123"));
    check.present("kind", null);
    check.add("roles[0]", "ROLE_UNKNOWN", "Unknown role 'CHIEF'.");
    assertFalse(check.ok());

    ProblemException e = assertThrows(ProblemException.class, check::verify);

    assertEquals(400, e.status());
    assertEquals("VALIDATION_FAILED", e.code());
    assertEquals(
        List.of("username", "creditCode", "kind", "roles[0]"), e.errors().stream().map(FieldError::field).toList());
    assertEquals(
        List.of("REQUIRED", "CREDIT_CODE_FORMAT", "REQUIRED", "ROLE_UNKNOWN"),
        e.errors().stream().map(FieldError::code).toList());
    assertEquals("4 fields are invalid.", e.getMessage());
  }

  @Test
  void describesASingleErrorByItsMessage() {
    Fields check = Fields.of(BODY);
    check.text("reason", null, 500);
    assertEquals("'reason' is required.", assertThrows(ProblemException.class, check::verify).getMessage());
  }
}
