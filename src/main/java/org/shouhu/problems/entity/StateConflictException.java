package org.shouhu.problems.entity;

/**
 * An action that is valid in itself but not in the record's current state: activating a closed project,
 * approving a voided record. Answered 409 with the code, so clients can tell "fix your input" (400) from "the
 * record has moved on" (409).
 */
public class StateConflictException extends RuntimeException {

  private final String code;

  public StateConflictException(String code, String message) {
    super(message);
    this.code = code;
  }

  public String code() {
    return code;
  }
}
