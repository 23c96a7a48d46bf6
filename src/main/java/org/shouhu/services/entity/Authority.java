package org.shouhu.services.entity;

/** To whom a mandatory report went (通报对象). */
public enum Authority {
  /** 公安机关. */
  POLICE,
  /** 民政部门. */
  CIVIL_AFFAIRS_BUREAU,
  /** 学校. */
  SCHOOL,
  /** 村（居）民委员会. */
  VILLAGE_COMMITTEE,
  /** 检察机关. */
  PROCURATORATE,
  OTHER
}
