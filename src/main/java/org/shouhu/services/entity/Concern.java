package org.shouhu.services.entity;

/** What a worker found that obliges a mandatory report (强制报告). */
public enum Concern {
  /** 疑似遭受侵害 (abuse, including sexual abuse and violence). */
  SUSPECTED_ABUSE,
  /** 疑似遭受遗弃、虐待、疏于照料. */
  NEGLECT,
  /** 监护缺失: no guardian present or able to care. */
  MISSING_GUARDIAN,
  /** 辍学. */
  SCHOOL_DROPOUT,
  /** 无户籍. */
  NO_HOUSEHOLD_REGISTRATION,
  OTHER
}
