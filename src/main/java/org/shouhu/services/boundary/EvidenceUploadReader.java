package org.shouhu.services.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.Provider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import org.shouhu.problems.entity.ProblemException;
import org.shouhu.services.entity.Evidence;

/**
 * Reads an evidence file sent as the raw request body, whatever Content-Type it declares (the bytes decide the
 * type later). A declared length over the cap is refused before reading, a chunked body as soon as it passes the
 * cap: 413 {@code EVIDENCE_TOO_LARGE}. An empty body is 400 {@code BODY_REQUIRED}.
 */
@ApplicationScoped
@Provider
public class EvidenceUploadReader implements MessageBodyReader<UploadedEvidence> {

  @Override
  public boolean isReadable(Class<?> type, Type generic, Annotation[] annotations, MediaType mediaType) {
    return type == UploadedEvidence.class;
  }

  @Override
  public UploadedEvidence readFrom(
      Class<UploadedEvidence> type, Type generic, Annotation[] annotations, MediaType mediaType,
      MultivaluedMap<String, String> headers, InputStream body) throws IOException {
    return new UploadedEvidence(read(headers.getFirst(HttpHeaders.CONTENT_LENGTH), body, Evidence.MAX_BYTES));
  }

  /** The whole body if it is 1 to {@code max} bytes long. */
  static byte[] read(String declaredLength, InputStream body, int max) throws IOException {
    if (declaredLength != null && declaredLength.matches("\\d{1,18}") && Long.parseLong(declaredLength) > max) {
      throw tooLarge(max);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[64 * 1024];
    long total = 0;
    int n;
    while ((n = body.read(buffer)) != -1) {
      total += n;
      if (total > max) {
        throw tooLarge(max);
      }
      out.write(buffer, 0, n);
    }
    if (total == 0) {
      throw new ProblemException(400, "BODY_REQUIRED", "Body required", "Send the file as the body.");
    }
    return out.toByteArray();
  }

  private static ProblemException tooLarge(int max) {
    return new ProblemException(413, "EVIDENCE_TOO_LARGE", "Payload too large", "A file is at most " + max + " bytes.");
  }
}
