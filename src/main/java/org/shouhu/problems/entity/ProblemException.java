package org.shouhu.problems.entity;

import java.util.List;
import java.util.Map;

/**
 * A failure the caller can understand and act on. Thrown anywhere below the boundary; mapped once to
 * problem+json. Being a runtime exception it also rolls back the surrounding transaction, which is what makes
 * "nothing is half-written" hold for every refused request.
 */
public class ProblemException extends RuntimeException {

  private final int status;
  private final String code;
  private final String title;
  private final List<FieldError> errors;
  private final Map<String, Object> extensions;

  public ProblemException(int status, String code, String title, String detail) {
    this(status, code, title, detail, List.of(), Map.of());
  }

  public ProblemException(
      int status,
      String code,
      String title,
      String detail,
      List<FieldError> errors,
      Map<String, Object> extensions) {
    super(detail);
    this.status = status;
    this.code = code;
    this.title = title;
    this.errors = List.copyOf(errors);
    this.extensions = Map.copyOf(extensions);
  }

  /** The id names nothing this caller may see; deliberately identical for "absent" and "another tenant's". */
  public static ProblemException notFound(String what) {
    return new ProblemException(404, "NOT_FOUND", "Not found", what + " was not found.");
  }

  public static ProblemException invalid(List<FieldError> errors) {
    return new ProblemException(
        400,
        "VALIDATION_FAILED",
        "Invalid input",
        errors.size() == 1 ? errors.get(0).message() : errors.size() + " fields are invalid.",
        errors,
        Map.of());
  }

  public static ProblemException invalid(String field, String code, String message) {
    return invalid(List.of(new FieldError(field, code, message)));
  }

  public static ProblemException invalid(String field, InvalidValueException cause) {
    return invalid(field, cause.code(), cause.getMessage());
  }

  public static ProblemException conflict(String code, String detail) {
    return new ProblemException(409, code, "Conflict", detail);
  }

  public static ProblemException forbidden(String code, String detail) {
    return new ProblemException(403, code, "Forbidden", detail);
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  public String title() {
    return title;
  }

  public List<FieldError> errors() {
    return errors;
  }

  public Map<String, Object> extensions() {
    return extensions;
  }
}
