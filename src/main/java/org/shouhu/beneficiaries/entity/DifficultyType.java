package org.shouhu.beneficiaries.entity;

/** The kind of difficulty of a 困境儿童, as the civil affairs classification names them. */
public enum DifficultyType {
  /** 孤儿. */
  ORPHAN,
  /** 事实无人抚养儿童: parents alive but in fact not raising the child (prison, missing, severe illness…). */
  DE_FACTO_UNSUPPORTED,
  /** 低保 / 经济困难. */
  LOW_INCOME,
  /** 残疾. */
  DISABLED,
  /** 监护缺失 / 人身安全缺失: neglect, abuse, no one fit to look after the child. */
  UNSAFE_GUARDIANSHIP
}
