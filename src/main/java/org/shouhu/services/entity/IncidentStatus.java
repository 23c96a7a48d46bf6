package org.shouhu.services.entity;

/** OPEN while the case is being handled; CLOSED with an outcome; VOIDED if it was raised by mistake. */
public enum IncidentStatus {
  OPEN,
  CLOSED,
  VOIDED
}
