package org.shouhu.services.control;

import org.shouhu.services.entity.ServiceFlag;

/**
 * What a rule found: a refusal of a field (400), a conflict with another stored record (409), or a flag stored on
 * the record for its reviewer.
 */
public record Breach(Severity severity, String code, String field, String message) {

  public enum Severity {
    REFUSAL,
    CONFLICT,
    FLAG
  }

  public static Breach refusal(String code, String field, String message) {
    return new Breach(Severity.REFUSAL, code, field, message);
  }

  public static Breach conflict(String code, String message) {
    return new Breach(Severity.CONFLICT, code, null, message);
  }

  public static Breach flag(ServiceFlag flag, String message) {
    return new Breach(Severity.FLAG, flag.name(), null, message);
  }
}
