package org.shouhu.services.entity;

/** What became of one goal of the plan, as the worker proposes at closure. */
public enum GoalOutcome {
  ACHIEVED,
  PARTLY,
  NOT_ACHIEVED
}
