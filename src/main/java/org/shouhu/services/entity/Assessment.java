package org.shouhu.services.entity;

import org.shouhu.problems.entity.InvalidValueException;

/** The worker's rating of one area, 1 (alarming) to 5 (good), with an optional note saying what was seen. */
public record Assessment(int rating, String note) {

  public static final int NOTE_MAX = 1000;

  public Assessment {
    if (rating < 1 || rating > 5) {
      throw new InvalidValueException("SVC_RATING_RANGE", "A rating is a whole number from 1 to 5.");
    }
    if (note != null && note.strip().length() > NOTE_MAX) {
      throw new InvalidValueException("TOO_LONG", "A note has at most " + NOTE_MAX + " characters.");
    }
    note = note == null || note.isBlank() ? null : note.strip();
  }
}
