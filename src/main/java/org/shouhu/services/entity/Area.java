package org.shouhu.services.entity;

/** The areas every home visit assesses (探视记录表 sections). */
public enum Area {
  LIVING_CONDITIONS,
  SAFETY,
  SCHOOLING,
  HEALTH,
  GUARDIANSHIP
}
