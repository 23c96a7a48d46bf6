package org.shouhu.services.entity;

/** How far a session found the client toward one goal of the plan. */
public enum GoalProgress {
  NOT_STARTED,
  SOME_PROGRESS,
  ACHIEVED
}
