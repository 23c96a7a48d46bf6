package org.shouhu.problems.entity;

/**
 * A value object refused its input. The code is stable and documented; the boundary turns it into a field error
 * once it knows which field carried the value.
 */
public class InvalidValueException extends RuntimeException {

  private final String code;

  public InvalidValueException(String code, String message) {
    super(message);
    this.code = code;
  }

  public String code() {
    return code;
  }
}
