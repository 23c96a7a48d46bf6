package org.shouhu.services.entity;

/** Whether a member came to a group session. Only PRESENT members are the session's participants. */
public enum Attendance {
  PRESENT,
  ABSENT,
  /** 请假: absent with a reason given beforehand. */
  EXCUSED
}
