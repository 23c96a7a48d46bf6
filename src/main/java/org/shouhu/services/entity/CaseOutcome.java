package org.shouhu.services.entity;

/** How a counseling case ended (结案情况). */
public enum CaseOutcome {
  /** 目标达成 */
  GOALS_MET,
  /** 部分达成 */
  PARTLY_MET,
  /** 转介: handed to another service (hospital, school counsellor, another organization). */
  REFERRED,
  /** 案主退出 or moved away. */
  WITHDRAWN;

  /** Saying goals were (partly) met needs work to show for it: at least one approved session. */
  public boolean claimsWork() {
    return this == GOALS_MET || this == PARTLY_MET;
  }
}
