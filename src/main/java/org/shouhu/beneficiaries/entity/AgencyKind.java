package org.shouhu.beneficiaries.entity;

/** The outside agencies of the 六位一体 protection network a child can be referred to. */
public enum AgencyKind {
  SCHOOL,
  POLICE,
  HOSPITAL,
  /** 民政所: the town's civil-affairs office. */
  CIVIL_AFFAIRS_OFFICE,
  COURT,
  /** 妇联. */
  WOMENS_FEDERATION
}
