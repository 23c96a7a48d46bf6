package org.shouhu.problems.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class DatabaseUnavailableProblemTest {

  @Test
  void saysWhenToRetryAndNamesTheRequest() {
    var json = Problems.databaseUnavailable("req-12345678").toJson();
    assertEquals(503, json.getInt("status"));
    assertEquals("DATABASE_UNAVAILABLE", json.getString("code"));
    assertEquals("req-12345678", json.getString("requestId"));
    assertEquals(Problems.DATABASE_RETRY_SECONDS, json.getInt(Problems.RETRY_AFTER));
  }
}
