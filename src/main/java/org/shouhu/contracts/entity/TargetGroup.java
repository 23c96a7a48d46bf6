package org.shouhu.contracts.entity;

/** Who a project or deliverable is meant to serve. */
public enum TargetGroup {
  /** 农村留守儿童 */
  LEFT_BEHIND_CHILD,
  /** 困境儿童 */
  CHILD_IN_DIFFICULTY,
  /** 留守老人 */
  LEFT_BEHIND_ELDERLY,
  /** 留守妇女 */
  LEFT_BEHIND_WOMAN
}
