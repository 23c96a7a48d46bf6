package org.shouhu.tenancy.control;

import java.util.UUID;

/**
 * This node no longer holds the job: its lease expired and another node claimed it (or the job ended). Whatever
 * the current transaction did for the job must roll back, and the run stops without touching the job again.
 */
public class LeaseLost extends RuntimeException {
  public LeaseLost(UUID job) {
    super("the lease on job " + job + " is no longer held by this node");
  }
}
