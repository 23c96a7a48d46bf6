package org.shouhu.contracts.entity;

/** The kinds of work a deliverable counts. */
public enum ServiceKind {
  /** 入户探视 */
  HOME_VISIT,
  /** 心理辅导 / individual counseling session */
  COUNSELING_SESSION,
  /** 小组 session */
  GROUP_SESSION,
  /** 进校园 activity */
  SCHOOL_ACTIVITY,
  /** 个案 opened and worked to closure */
  CASE,
  /** 社区活动 */
  COMMUNITY_EVENT,
  /** 培训 of guardians, child-welfare directors or volunteers */
  TRAINING
}
