package org.shouhu.reporting.entity;

/**
 * Where a deliverable stands against what was expected by now, from best to worst. The thresholds are in
 * {@link Progress}; a project's status is the worst of its deliverables'.
 */
public enum ProgressStatus {
  /** More than 110% of expected: ahead of the contract's even pace. */
  AHEAD,
  /** From 90% to 110% of expected (or nothing whole expected yet). */
  ON_TRACK,
  /** Below 90% of expected. */
  BEHIND,
  /** Below 70% of expected, or the target cannot be reached by the end at the last 30 days' pace. */
  AT_RISK;

  public static ProgressStatus worst(ProgressStatus a, ProgressStatus b) {
    return a.ordinal() >= b.ordinal() ? a : b;
  }
}
