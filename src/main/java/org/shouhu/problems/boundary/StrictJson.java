package org.shouhu.problems.boundary;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.spi.JsonProvider;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.temporal.Temporal;
import java.time.temporal.TemporalAmount;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.shouhu.problems.entity.FieldError;
import org.shouhu.problems.entity.ProblemException;

/**
 * Reads every JSON body strictly, before the JSON-B binder sees it. The binder is lenient where a register of
 * children must not be: it decodes invalid UTF-8 as U+FFFD, turns a number into text ({@code "name":12345},
 * {@code "grade":1e400} were stored), and lets NUL through to PostgreSQL, which then fails the request with a 500.
 * Here the body must be UTF-8 ({@code MALFORMED_UTF8}), each value must have the JSON type of the request record's
 * component ({@code INVALID_TYPE} on that field), and no string may hold a NUL or another control character than
 * tab and line breaks ({@code CONTROL_CHARACTER}) or half a surrogate pair ({@code INVALID_ENCODING}).
 *
 * <p>A decimal amount may come as a number or as a string (the web application sends money as text so that no
 * binary fraction creeps in); whole numbers, booleans, arrays and objects must be what they are. Every error is
 * reported at once, by field path as elsewhere ({@code admin.password}, {@code roles[0]}). A body that is not JSON
 * at all is left to the binder, which answers {@code MALFORMED_JSON} as before.
 */
@ApplicationScoped
@Provider
// Inside BodySizeLimit (ENTITY_CODER), so the body read here is already capped.
@Priority(Priorities.ENTITY_CODER + 100)
public class StrictJson implements ReaderInterceptor {

  private static final JsonProvider JSON = JsonProvider.provider();

  /**
   * The body, read no further than its Content-Length header says. A request that also asks to upgrade the connection
   * (Java's HTTP client asks for {@code h2c} by default) gets from Grizzly, which serves HTTP/1.1 only here
   * (deploy/payara-preboot.asadmin), a stream that does not end with the body: read to its end, it would wait until
   * the client gave up.
   */
  static byte[] body(InputStream in, String contentLength) throws IOException {
    int declared = -1;
    try {
      declared = contentLength == null ? -1 : Integer.parseInt(contentLength.trim());
    } catch (NumberFormatException e) {
      // read to the end, as without the header
    }
    return declared < 0 ? in.readAllBytes() : in.readNBytes(declared);
  }

  @Override
  public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
    if (context.getMediaType() == null || !context.getMediaType().getSubtype().endsWith("json")) {
      return context.proceed();
    }
    byte[] body = body(context.getInputStream(), context.getHeaders().getFirst("Content-Length"));
    String text = utf8(body);
    Type target = context.getGenericType();
    if (!isRaw(context.getType()) && !text.isBlank()) {
      JsonValue value;
      try {
        value = JSON.createReader(new StringReader(text)).readValue();
      } catch (JsonException notJson) {
        value = null; // the binder refuses it with its own, established answer
      }
      if (value != null) {
        verify(value, target);
      }
    }
    context.setInputStream(new ByteArrayInputStream(body));
    return context.proceed();
  }

  /** Bodies read as they are (text, bytes, a stream): only their encoding is checked. */
  private static boolean isRaw(Class<?> type) {
    return type == String.class || type == byte[].class || java.io.InputStream.class.isAssignableFrom(type)
        || java.io.Reader.class.isAssignableFrom(type);
  }

  /** The body as text, refusing any byte sequence that is not UTF-8 (RFC 8259 §8.1) instead of replacing it. */
  static String utf8(byte[] body) {
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(body))
          .toString();
    } catch (CharacterCodingException e) {
      throw new ProblemException(400, "MALFORMED_UTF8", "Malformed UTF-8",
          "The request body is not valid UTF-8 text.");
    }
  }

  /** Refuses the value unless it fits the type, naming every offending field. */
  static void verify(JsonValue value, Type type) {
    if (value.getValueType() == JsonValue.ValueType.NULL) {
      return; // "no body": Fields.of answers BODY_REQUIRED
    }
    List<FieldError> errors = new ArrayList<>();
    if (!fits(value, raw(type))) {
      throw new ProblemException(400, "UNREADABLE_BODY", "Unreadable body",
          "The request body could not be read as the expected JSON.");
    }
    check(value, type, "", errors);
    if (!errors.isEmpty()) {
      throw ProblemException.invalid(errors);
    }
  }

  /** Checks one value against one type, adding at most one error per path; descends only into what fits. */
  static void check(JsonValue value, Type type, String path, List<FieldError> errors) {
    if (value.getValueType() == JsonValue.ValueType.NULL) {
      return; // absent and null are the boundary's to judge (REQUIRED)
    }
    Class<?> raw = raw(type);
    if (!fits(value, raw)) {
      errors.add(new FieldError(field(path), "INVALID_TYPE", "'" + field(path) + "' " + expected(raw) + "."));
      return;
    }
    switch (value.getValueType()) {
      case STRING -> text(((JsonString) value).getString(), path, errors);
      case ARRAY -> {
        Type element = elementType(type);
        JsonArray array = value.asJsonArray();
        for (int i = 0; i < array.size(); i++) {
          check(array.get(i), element, path + "[" + i + "]", errors);
        }
      }
      case OBJECT -> {
        JsonObject object = value.asJsonObject();
        if (raw.isRecord()) {
          for (RecordComponent c : raw.getRecordComponents()) {
            JsonValue member = object.get(propertyName(c));
            if (member != null) {
              check(member, c.getGenericType(), join(path, propertyName(c)), errors);
            }
          }
        } else {
          // A map or a free JSON object (JsonValue, Object): its keys are data, its strings still text.
          Type values = Map.class.isAssignableFrom(raw) ? typeArgument(type, 1) : Object.class;
          object.forEach((key, member) -> check(member, values, join(path, key), errors));
        }
      }
      default -> {}
    }
  }

  /** Whether a JSON value can stand for the Java type at all (its content is checked elsewhere). */
  static boolean fits(JsonValue value, Class<?> raw) {
    try {
      return fitsKind(value, raw);
    } catch (ArithmeticException | NumberFormatException | UnsupportedOperationException tooBig) {
      return false; // a number beyond what the JSON provider will convert (Parsson caps the scale it accepts)
    }
  }

  private static boolean fitsKind(JsonValue value, Class<?> raw) {
    JsonValue.ValueType kind = value.getValueType();
    if (raw == Object.class || raw == JsonValue.class) {
      return true;
    }
    if (JsonValue.class.isAssignableFrom(raw)) {
      return (raw == JsonObject.class && kind == JsonValue.ValueType.OBJECT)
          || (raw == JsonArray.class && kind == JsonValue.ValueType.ARRAY)
          || (raw == JsonString.class && kind == JsonValue.ValueType.STRING)
          || (raw == JsonNumber.class && kind == JsonValue.ValueType.NUMBER)
          || raw == JsonValue.class;
    }
    if (raw == boolean.class || raw == Boolean.class) {
      return kind == JsonValue.ValueType.TRUE || kind == JsonValue.ValueType.FALSE;
    }
    if (isWhole(raw)) {
      return kind == JsonValue.ValueType.NUMBER && wholeFits(((JsonNumber) value).bigDecimalValue(), raw);
    }
    if (raw == double.class || raw == Double.class || raw == float.class || raw == Float.class) {
      return kind == JsonValue.ValueType.NUMBER && Double.isFinite(((JsonNumber) value).doubleValue());
    }
    if (raw == BigDecimal.class || raw == Number.class) {
      return kind == JsonValue.ValueType.NUMBER || kind == JsonValue.ValueType.STRING;
    }
    if (raw.isArray() || Collection.class.isAssignableFrom(raw)) {
      return kind == JsonValue.ValueType.ARRAY;
    }
    if (isText(raw)) {
      return kind == JsonValue.ValueType.STRING;
    }
    // A record, a map or another bean: a JSON object.
    return kind == JsonValue.ValueType.OBJECT;
  }

  private static boolean isText(Class<?> raw) {
    return raw == String.class || CharSequence.class.isAssignableFrom(raw) || raw == char.class
        || raw == Character.class || raw.isEnum() || raw == UUID.class || Temporal.class.isAssignableFrom(raw)
        || TemporalAmount.class.isAssignableFrom(raw) || java.time.ZoneId.class.isAssignableFrom(raw)
        || raw == java.time.MonthDay.class || raw == java.net.URI.class;
  }

  private static boolean isWhole(Class<?> raw) {
    return raw == int.class || raw == Integer.class || raw == long.class || raw == Long.class
        || raw == short.class || raw == Short.class || raw == byte.class || raw == Byte.class
        || raw == BigInteger.class;
  }

  /**
   * A whole number within the type's range. Judged on scale and precision first: turning {@code 1e999999999} into
   * an integer to compare it would take the server's memory.
   */
  static boolean wholeFits(BigDecimal number, Class<?> raw) {
    BigDecimal n = number.stripTrailingZeros();
    if (n.scale() > 0) {
      return false;
    }
    int digits = n.precision() - n.scale();
    if (raw == BigInteger.class) {
      return digits <= 1000;
    }
    if (digits > 19) {
      return false;
    }
    long max = raw == long.class || raw == Long.class ? Long.MAX_VALUE
        : raw == int.class || raw == Integer.class ? Integer.MAX_VALUE
        : raw == short.class || raw == Short.class ? Short.MAX_VALUE
        : Byte.MAX_VALUE;
    BigInteger whole = n.toBigIntegerExact();
    return whole.compareTo(BigInteger.valueOf(max)) <= 0 && whole.compareTo(BigInteger.valueOf(-max - 1)) >= 0;
  }

  /** NUL and the other control characters have no place in a record's text; tab and line breaks do. */
  static void text(String s, String path, List<FieldError> errors) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        errors.add(new FieldError(field(path), "INVALID_ENCODING",
            "'" + field(path) + "' holds half of a surrogate pair, which is not a character."));
        return;
      } else if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f) {
        errors.add(new FieldError(field(path), "CONTROL_CHARACTER",
            "'" + field(path) + "' holds a control character (U+" + String.format("%04X", (int) c) + ")."));
        return;
      }
    }
  }

  private static String expected(Class<?> raw) {
    if (raw == boolean.class || raw == Boolean.class) {
      return "must be true or false";
    }
    if (isWhole(raw)) {
      return "must be a whole number in range";
    }
    if (raw == double.class || raw == Double.class || raw == float.class || raw == Float.class) {
      return "must be a finite number";
    }
    if (raw == BigDecimal.class || raw == Number.class) {
      return "must be a number";
    }
    if (raw.isArray() || Collection.class.isAssignableFrom(raw) || raw == JsonArray.class) {
      return "must be a list";
    }
    if (isText(raw) || raw == JsonString.class) {
      return "must be text";
    }
    return "must be an object";
  }

  private static String propertyName(RecordComponent c) {
    JsonbProperty renamed = c.getAccessor().getAnnotation(JsonbProperty.class);
    return renamed != null && !renamed.value().isEmpty() ? renamed.value() : c.getName();
  }

  private static String join(String path, String name) {
    // A key is the client's text: keep what is echoed back in a field name short and printable.
    String safe = name.length() > 64 ? name.substring(0, 64) : name;
    safe = safe.codePoints().map(c -> Character.isISOControl(c) ? '?' : c)
        .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    return path.isEmpty() ? safe : path + "." + safe;
  }

  /** The request body itself has no name; its errors are filed under "body". */
  private static String field(String path) {
    return path.isEmpty() ? "body" : path;
  }

  static Class<?> raw(Type type) {
    if (type instanceof Class<?> c) {
      return c;
    }
    if (type instanceof ParameterizedType p) {
      return raw(p.getRawType());
    }
    if (type instanceof GenericArrayType a) {
      return java.lang.reflect.Array.newInstance(raw(a.getGenericComponentType()), 0).getClass();
    }
    if (type instanceof WildcardType w) {
      return raw(w.getUpperBounds()[0]);
    }
    return Object.class;
  }

  private static Type elementType(Type type) {
    if (type instanceof GenericArrayType a) {
      return a.getGenericComponentType();
    }
    Class<?> raw = raw(type);
    if (raw.isArray()) {
      return raw.getComponentType();
    }
    return Collection.class.isAssignableFrom(raw) ? typeArgument(type, 0) : Object.class;
  }

  private static Type typeArgument(Type type, int index) {
    return type instanceof ParameterizedType p && p.getActualTypeArguments().length > index
        ? p.getActualTypeArguments()[index]
        : Object.class;
  }
}
