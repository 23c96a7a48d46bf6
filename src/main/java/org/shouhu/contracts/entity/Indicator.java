package org.shouhu.contracts.entity;

/**
 * The four indicators of an evaluation sheet, in the order they are printed. Completion and compliance are
 * prefilled from the service records, satisfaction from the surveys; quality is the officer's own judgement.
 */
public enum Indicator {
  COMPLETION("项目完成度"),
  QUALITY("服务质量"),
  SATISFACTION("服务对象满意度"),
  COMPLIANCE("规范管理"),
  ;

  private final String label;

  Indicator(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
