package org.shouhu.contracts.entity;

/** Who answered a satisfaction survey, by kind only: 服务对象, 监护人, 学校. */
public enum RespondentType {
  BENEFICIARY("服务对象"),
  GUARDIAN("监护人"),
  SCHOOL("学校");

  private final String label;

  RespondentType(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
