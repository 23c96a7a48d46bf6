package org.shouhu.contracts.entity;

/** 首付款, 中期款, 尾款. */
public enum MilestoneKind {
  FIRST,
  INTERIM,
  FINAL
}
