package org.shouhu.services.entity;

/** What a school activity (进校园活动) was about: the topics purchased-service contracts name. */
public enum SchoolTopic {
  /** 政策宣讲 */
  POLICY_TALK,
  /** 防溺水 */
  ANTI_DROWNING,
  /** 防欺凌 */
  ANTI_BULLYING,
  /** 心理健康 */
  MENTAL_HEALTH,
  /** 法治教育 */
  LEGAL_EDUCATION,
  /** 防性侵 */
  SEXUAL_ABUSE_PREVENTION,
  /** 其他: says what in its note */
  OTHER
}
