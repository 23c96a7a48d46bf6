package org.shouhu.problems.entity;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;
import java.util.List;
import java.util.Map;

/**
 * An RFC 9457 problem document. {@code type} is a stable URN built from the code so clients can switch on either.
 */
public record Problem(
    int status,
    String code,
    String title,
    String detail,
    String requestId,
    List<FieldError> errors,
    Map<String, Object> extensions) {

  /** Looked up once: each Json.create*() would search the class path for a provider again. */
  private static final JsonProvider JSON = JsonProvider.provider();

  public static final String MEDIA_TYPE = "application/problem+json";

  public Problem {
    errors = errors == null ? List.of() : List.copyOf(errors);
    extensions = extensions == null ? Map.of() : Map.copyOf(extensions);
  }

  public static Problem of(ProblemException e, String requestId) {
    return new Problem(
        e.status(), e.code(), e.title(), e.getMessage(), requestId, e.errors(), e.extensions());
  }

  public static Problem of(int status, String code, String title, String detail, String requestId) {
    return new Problem(status, code, title, detail, requestId, List.of(), Map.of());
  }

  public String type() {
    return "urn:shouhu:problem:" + code.toLowerCase().replace('_', '-');
  }

  public JsonObject toJson() {
    JsonObjectBuilder json =
        JSON.createObjectBuilder()
            .add("type", type())
            .add("title", title)
            .add("status", status)
            .add("code", code);
    if (detail != null) {
      json.add("detail", detail);
    }
    if (requestId != null) {
      json.add("requestId", requestId);
    }
    if (!errors.isEmpty()) {
      var list = JSON.createArrayBuilder();
      for (FieldError e : errors) {
        list.add(
            JSON.createObjectBuilder()
                .add("field", e.field())
                .add("code", e.code())
                .add("message", e.message()));
      }
      json.add("errors", list);
    }
    extensions.forEach(
        (k, v) -> {
          if (v instanceof Number n) {
            json.add(k, n.longValue());
          } else if (v != null) {
            json.add(k, v.toString());
          }
        });
    return json.build();
  }
}
