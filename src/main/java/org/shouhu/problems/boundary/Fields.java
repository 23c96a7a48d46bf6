package org.shouhu.problems.boundary;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.shouhu.problems.entity.FieldError;
import org.shouhu.problems.entity.InvalidValueException;
import org.shouhu.problems.entity.ProblemException;

/**
 * Collects every problem with a request body before answering, so a client learns about all of its mistakes in
 * one round trip. Request records carry no Bean Validation annotations: Payara's OpenAPI generator fails on
 * constraints that record components copy onto constructor parameters (payara/Payara#7649), and explicit
 * checks give us our own stable codes ({@code REQUIRED}, {@code TOO_LONG}, and each value object's code).
 */
public final class Fields {

  private final List<FieldError> errors = new ArrayList<>();

  private Fields() {}

  /** Starts checking a body; a missing body is refused at once. */
  public static Fields of(Object body) {
    if (body == null) {
      throw bodyRequired();
    }
    return new Fields();
  }

  /** Starts checking query parameters, which may all be absent. */
  public static Fields query() {
    return new Fields();
  }

  static ProblemException bodyRequired() {
    return new ProblemException(400, "BODY_REQUIRED", "Body required", "This request needs a JSON body.");
  }

  public String text(String field, String value, int maxLength) {
    if (value == null || value.isBlank()) {
      add(field, "REQUIRED", "'" + field + "' is required.");
      return null;
    }
    return optionalText(field, value, maxLength);
  }

  public String optionalText(String field, String value, int maxLength) {
    if (value != null && value.length() > maxLength) {
      add(field, "TOO_LONG", "'" + field + "' has at most " + maxLength + " characters.");
      return null;
    }
    return value == null || value.isBlank() ? null : value.strip();
  }

  public <T> T present(String field, T value) {
    if (value == null) {
      add(field, "REQUIRED", "'" + field + "' is required.");
    }
    return value;
  }

  /** Builds a value object, recording its refusal against the field instead of failing at the first one. */
  public <T> T parse(String field, Supplier<T> parser) {
    try {
      return parser.get();
    } catch (InvalidValueException e) {
      add(field, e.code(), e.getMessage());
      return null;
    }
  }

  /** Runs a check that reports its own field errors as a problem (another context's validator, say). */
  public Fields check(Runnable validation) {
    try {
      validation.run();
    } catch (ProblemException e) {
      if (e.errors().isEmpty()) {
        throw e;
      }
      errors.addAll(e.errors());
    }
    return this;
  }

  /**
   * An id from the path. A malformed one cannot name anything, so it answers the same 404 as a well-formed id of
   * nothing (or of another tenant's record).
   */
  public static UUID pathId(String raw, String what) {
    try {
      return UUID.fromString(raw);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw ProblemException.notFound(what);
    }
  }

  /** An id in a body or query; use with {@link #parse} so a bad one becomes a field error. */
  public static UUID id(String raw) {
    if (raw == null || raw.isBlank()) {
      throw new InvalidValueException("REQUIRED", "An id is required.");
    }
    try {
      return UUID.fromString(raw.strip());
    } catch (IllegalArgumentException e) {
      throw new InvalidValueException("ID_FORMAT", "Not an id.");
    }
  }

  /** An ISO date (YYYY-MM-DD); use with {@link #parse}. */
  public static LocalDate date(String raw) {
    if (raw == null || raw.isBlank()) {
      throw new InvalidValueException("REQUIRED", "A date (YYYY-MM-DD) is required.");
    }
    try {
      return LocalDate.parse(raw.strip());
    } catch (DateTimeParseException e) {
      throw new InvalidValueException("DATE_FORMAT", "Dates are written YYYY-MM-DD.");
    }
  }

  /** One of an enum's constants by name, refused with the given code and the list of accepted names. */
  public static <E extends Enum<E>> E constant(Class<E> type, String raw, String code) {
    if (raw == null || raw.isBlank()) {
      throw new InvalidValueException("REQUIRED", "A value is required.");
    }
    try {
      return Enum.valueOf(type, raw.strip());
    } catch (IllegalArgumentException e) {
      throw new InvalidValueException(code, "'" + raw + "' is not one of " + Arrays.toString(type.getEnumConstants()) + ".");
    }
  }

  public Fields add(String field, String code, String message) {
    errors.add(new FieldError(field, code, message));
    return this;
  }

  public boolean ok() {
    return errors.isEmpty();
  }

  /** Refuses the request with every error found so far, if any. */
  public void verify() {
    if (!errors.isEmpty()) {
      throw ProblemException.invalid(errors);
    }
  }
}
