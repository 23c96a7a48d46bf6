package org.shouhu.beneficiaries.entity;

/** How soon the referring worker needs an answer. */
public enum Urgency {
  ROUTINE,
  URGENT,
  EMERGENCY
}
