package org.shouhu.contracts.entity;

/** How a deliverable is counted, as written in the contract. */
public enum DeliveryUnit {
  /** 人次: one per beneficiary served per occasion */
  VISIT,
  /** 节 */
  SESSION,
  /** 场 */
  EVENT,
  /** 个 */
  CASE,
  /** 人: distinct people reached */
  PERSON
}
