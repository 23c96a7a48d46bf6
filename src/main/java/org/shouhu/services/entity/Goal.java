package org.shouhu.services.entity;

import java.time.LocalDate;

/**
 * One goal of a service plan as the worker writes it: what should change, by when, and how it will be seen.
 * {@code dueOn} and {@code measure} are null only for goals written before plans asked for them (or through the
 * API's plain-text form).
 */
public record Goal(String goal, LocalDate dueOn, String measure) {

  public static Goal of(String text) {
    return new Goal(text, null, null);
  }
}
