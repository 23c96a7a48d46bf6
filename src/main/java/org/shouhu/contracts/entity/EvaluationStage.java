package org.shouhu.contracts.entity;

/** 中期评估 part-way through the contract, 末期评估 at its end. */
public enum EvaluationStage {
  MID_TERM("中期评估", MilestoneKind.INTERIM),
  FINAL("末期评估", MilestoneKind.FINAL);

  private final String label;
  private final MilestoneKind releases;

  EvaluationStage(String label, MilestoneKind releases) {
    this.label = label;
    this.releases = releases;
  }

  public String label() {
    return label;
  }

  /** The kind of payment milestone a passed evaluation of this stage releases. */
  public MilestoneKind releases() {
    return releases;
  }
}
