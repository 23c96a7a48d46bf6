package org.shouhu.services.entity;

/** Who brought the client to the organization (转介来源), asked at intake. */
public enum ReferralSource {
  /** The child or client came on their own. */
  SELF,
  GUARDIAN,
  SCHOOL,
  /** 儿童主任: the village's child director. */
  CHILD_DIRECTOR,
  /** 儿童督导员: the township's child-welfare supervisor. */
  TOWN_SUPERVISOR,
  /** Another social-work organization, a hospital, a counsellor. */
  OTHER_ORGANIZATION,
  POLICE,
  OTHER
}
