package org.shouhu.contracts.entity;

/** The period of a per-beneficiary minimum, as in "每名困境儿童每月至少探视一次". */
public enum Cadence {
  MONTH,
  QUARTER,
  YEAR
}
