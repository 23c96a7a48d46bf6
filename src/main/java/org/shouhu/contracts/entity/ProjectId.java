package org.shouhu.contracts.entity;

import java.util.Objects;
import java.util.UUID;

/** Identity of a purchased service project, as other contexts (service logging, reporting) refer to it. */
public record ProjectId(UUID value) {

  public ProjectId {
    Objects.requireNonNull(value, "project id");
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
