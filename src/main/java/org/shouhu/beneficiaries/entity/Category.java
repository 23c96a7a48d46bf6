package org.shouhu.beneficiaries.entity;

/** Why a person is in the register: the groups the civil affairs bureaus buy services for. A person may be in several. */
public enum Category {
  /** 留守儿童: a child whose parents both work away, or one does and the other cannot look after the child. */
  LEFT_BEHIND_CHILD,
  /** 困境儿童: a child in difficulty; which difficulty is recorded as a {@link DifficultyType}. */
  CHILD_IN_DIFFICULTY,
  /** 留守老人. */
  LEFT_BEHIND_ELDERLY,
  /** 留守妇女. */
  LEFT_BEHIND_WOMAN,
  OTHER
}
