package org.shouhu.problems.boundary;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Comparator;
import java.util.List;
import org.shouhu.problems.entity.FieldError;
import org.shouhu.problems.entity.ProblemException;

/**
 * Bean Validation on request bodies and parameters. The field is the property path without the method and
 * parameter prefix Jersey adds, so clients see {@code username}, not {@code create.arg0.username}. The code is the
 * constraint's simple name in upper case ({@code NOT_BLANK}, {@code SIZE}, {@code PATTERN}).
 */
@Provider
public class ConstraintViolationMapper implements ExceptionMapper<ConstraintViolationException> {

  @Override
  public Response toResponse(ConstraintViolationException e) {
    List<FieldError> errors =
        e.getConstraintViolations().stream()
            .map(ConstraintViolationMapper::fieldError)
            .sorted(Comparator.comparing(FieldError::field))
            .toList();
    return Problems.response(ProblemException.invalid(errors));
  }

  private static FieldError fieldError(ConstraintViolation<?> v) {
    return new FieldError(field(v.getPropertyPath()), code(v), v.getMessage());
  }

  static String field(Path path) {
    StringBuilder field = new StringBuilder();
    for (Path.Node node : path) {
      switch (node.getKind()) {
        case METHOD, CONSTRUCTOR, CROSS_PARAMETER, RETURN_VALUE -> {}
        case PARAMETER -> {}
        default -> {
          if (node.getIndex() != null) {
            field.append('[').append(node.getIndex()).append(']');
          }
          if (node.getName() != null) {
            if (!field.isEmpty()) {
              field.append('.');
            }
            field.append(node.getName());
          }
        }
      }
    }
    return field.toString();
  }

  private static String code(ConstraintViolation<?> v) {
    String name = v.getConstraintDescriptor().getAnnotation().annotationType().getSimpleName();
    return name.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase();
  }
}
