package org.shouhu.services.entity;

/** How a counseling session was held. */
public enum SessionMethod {
  /** 面谈 at the organization's office or another agreed place. */
  FACE_TO_FACE,
  PHONE,
  VIDEO,
  /** At the client's home. */
  HOME_VISIT,
  /** At the client's school. */
  SCHOOL,
  OTHER
}
