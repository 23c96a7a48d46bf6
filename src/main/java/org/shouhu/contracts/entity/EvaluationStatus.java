package org.shouhu.contracts.entity;

/** DRAFT while the bureau fills the sheet in; SIGNED once its officer signs it, frozen from then on. */
public enum EvaluationStatus {
  DRAFT,
  SIGNED
}
