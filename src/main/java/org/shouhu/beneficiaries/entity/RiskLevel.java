package org.shouhu.beneficiaries.entity;

/** A social worker's judgement of how urgently a person needs attention. Unset until someone assesses it. */
public enum RiskLevel {
  LOW,
  MEDIUM,
  HIGH
}
