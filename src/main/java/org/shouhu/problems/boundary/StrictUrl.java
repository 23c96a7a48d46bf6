package org.shouhu.problems.boundary;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.shouhu.problems.entity.FieldError;
import org.shouhu.problems.entity.ProblemException;

/**
 * One check of the URL for every API request, before any resource is matched: a path or query parameter that
 * decodes to a control character ({@code ?q=%00} used to reach PostgreSQL, which refuses NUL in text, and answer
 * 500) or is not percent-encoded UTF-8 is refused with 400 {@code VALIDATION_FAILED}, the query parameter's name as
 * the field ({@code path} for the path) and the code {@code CONTROL_CHARACTER} or {@code INVALID_ENCODING}. No
 * resource has to remember it, and none can forget.
 */
@ApplicationScoped
@Provider
@PreMatching
// After RequestId (AUTHENTICATION - 100), so the refusal carries the request's id.
@Priority(Priorities.AUTHENTICATION - 50)
public class StrictUrl implements ContainerRequestFilter {

  static final String PATH = "path";

  @Override
  public void filter(ContainerRequestContext request) {
    URI uri = request.getUriInfo().getRequestUri();
    List<FieldError> errors = check(uri.getRawPath(), uri.getRawQuery());
    if (!errors.isEmpty()) {
      request.abortWith(Problems.response(ProblemException.invalid(errors)));
    }
  }

  /** The errors of a raw (still percent-encoded) path and query; empty when both are clean. */
  static List<FieldError> check(String rawPath, String rawQuery) {
    Map<String, FieldError> errors = new LinkedHashMap<>();
    if (rawPath != null) {
      problem(PATH, rawPath, false).ifPresent(e -> errors.put(PATH, e));
    }
    if (rawQuery != null && !rawQuery.isEmpty()) {
      for (String pair : rawQuery.split("&")) {
        int eq = pair.indexOf('=');
        String rawName = eq < 0 ? pair : pair.substring(0, eq);
        String rawValue = eq < 0 ? "" : pair.substring(eq + 1);
        String name = printableName(rawName);
        if (errors.containsKey(name)) {
          continue;
        }
        problem(name, rawName, true).or(() -> problem(name, rawValue, true)).ifPresent(e -> errors.put(name, e));
      }
    }
    return new ArrayList<>(errors.values());
  }

  private static java.util.Optional<FieldError> problem(String field, String raw, boolean query) {
    String text = decode(raw, query);
    if (text == null) {
      return java.util.Optional.of(new FieldError(field, "INVALID_ENCODING",
          "'" + field + "' is not percent-encoded UTF-8."));
    }
    for (int i = 0; i < text.length(); i++) {
      if (Character.isISOControl(text.charAt(i))) {
        return java.util.Optional.of(new FieldError(field, "CONTROL_CHARACTER",
            "'" + field + "' holds a control character (U+" + String.format("%04X", (int) text.charAt(i)) + ")."));
      }
    }
    return java.util.Optional.empty();
  }

  /** Percent-decodes strictly: a broken escape or a byte sequence that is not UTF-8 gives null, never U+FFFD. */
  static String decode(String raw, boolean query) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '%') {
        if (i + 2 >= raw.length()) {
          return null;
        }
        int hi = Character.digit(raw.charAt(i + 1), 16);
        int lo = Character.digit(raw.charAt(i + 2), 16);
        if (hi < 0 || lo < 0) {
          return null;
        }
        bytes.write(hi << 4 | lo);
        i += 2;
      } else if (c == '+' && query) {
        bytes.write(' ');
      } else if (c < 0x80) {
        bytes.write(c);
      } else {
        // Not legal unescaped in a URI, but a lenient client may send it: judge it as the UTF-8 it stands for.
        int cp = raw.codePointAt(i);
        if (Character.isSurrogate(c) && Character.charCount(cp) == 1) {
          return null;
        }
        byte[] utf8 = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
        bytes.write(utf8, 0, utf8.length);
        i += Character.charCount(cp) - 1;
      }
    }
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes.toByteArray()))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  /** A parameter's name as it may be echoed in a field: decoded, printable, short. */
  private static String printableName(String rawName) {
    String name = decode(rawName, true);
    if (name == null || name.isEmpty() || name.codePoints().anyMatch(Character::isISOControl) || name.length() > 64) {
      return "query";
    }
    return name;
  }
}
