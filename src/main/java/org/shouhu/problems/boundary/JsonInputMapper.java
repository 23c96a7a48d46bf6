package org.shouhu.problems.boundary;

import jakarta.json.bind.JsonbException;
import jakarta.json.stream.JsonParsingException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.NoContentException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.shouhu.problems.entity.FieldError;
import org.shouhu.problems.entity.InvalidValueException;
import org.shouhu.problems.entity.ProblemException;

/**
 * A body that is not JSON, or JSON whose values do not fit the expected types (text for a number, an enum
 * constant we do not know). The JSON-B provider reports these as processing failures wrapped at various depths;
 * we look for the root and answer 400 naming the property when the binder told us which one.
 */
@Provider
public class JsonInputMapper implements ExceptionMapper<ProcessingException> {

  private static final Logger LOG = Logger.getLogger(JsonInputMapper.class.getName());

  private static final Pattern PROPERTY = Pattern.compile("property '?([A-Za-z0-9_]+)'?");

  @Override
  public Response toResponse(ProcessingException e) {
    return describe(e);
  }

  static Response describe(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ProblemException problem) {
        return Problems.response(problem);
      }
      if (t instanceof InvalidValueException invalid) {
        return Problems.response(ProblemException.invalid("", invalid));
      }
      if (t instanceof NoContentException) {
        return Problems.response(Fields.bodyRequired());
      }
      if (t instanceof JsonParsingException) {
        return Problems.response(
            400, "MALFORMED_JSON", "Malformed JSON", "The request body is not well-formed JSON.");
      }
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof JsonbException && t.getMessage() != null) {
        Matcher m = PROPERTY.matcher(t.getMessage());
        String field = null;
        while (m.find()) {
          field = m.group(1);
        }
        if (field != null) {
          return Problems.response(
              ProblemException.invalid(
                  List.of(
                      new FieldError(
                          field,
                          "INVALID_TYPE",
                          "'" + field + "' has a value of the wrong type or an unknown constant."))));
        }
      }
    }
    // Nothing above named the cause. Jersey also wraps failures of writing an answer in ProcessingException, and
    // such a failure is ours, not the client's: the log keeps what happened (a GET once answered 400 here in CI).
    LOG.log(Level.WARNING, "answered 400 UNREADABLE_BODY for an unrecognised processing failure", e);
    return Problems.response(
        400, "UNREADABLE_BODY", "Unreadable body", "The request body could not be read as the expected JSON.");
  }
}
