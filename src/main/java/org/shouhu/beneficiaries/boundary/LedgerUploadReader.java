package org.shouhu.beneficiaries.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.shouhu.tenancy.control.ScratchSpace;
import org.shouhu.problems.entity.ProblemException;

/**
 * Streams the body into a sealed scratch file ({@link UploadedLedger}: never plaintext on disk), counting: a declared
 * length over the cap is refused before reading, a chunked body as soon as it passes the cap, and the partial file
 * is deleted either way.
 */
@ApplicationScoped
@Provider
public class LedgerUploadReader implements MessageBodyReader<UploadedLedger> {

  @Inject ScratchSpace scratch;

  @Inject
  @ConfigProperty(name = "shouhu.imports.max-bytes", defaultValue = "52428800")
  long maxBytes;

  @Override
  public boolean isReadable(Class<?> type, Type generic, Annotation[] annotations, MediaType mediaType) {
    return type == UploadedLedger.class;
  }

  @Override
  public UploadedLedger readFrom(
      Class<UploadedLedger> type,
      Type generic,
      Annotation[] annotations,
      MediaType mediaType,
      MultivaluedMap<String, String> headers,
      InputStream body)
      throws IOException {
    String declared = headers.getFirst(HttpHeaders.CONTENT_LENGTH);
    long declaredLength = declared != null && declared.matches("\\d{1,18}") ? Long.parseLong(declared) : -1;
    if (declaredLength > maxBytes) {
      throw tooLarge();
    }
    Path file = scratch.newFile("upload-");
    boolean kept = false;
    try {
      UploadedLedger upload = UploadedLedger.create(file);
      upload.write(body, declaredLength, maxBytes, () -> {
        throw tooLarge();
      });
      if (upload.size() == 0) {
        throw new ProblemException(400, "BODY_REQUIRED", "Body required", "Send the ledger file as the body.");
      }
      kept = true;
      return upload;
    } finally {
      if (!kept) {
        Files.deleteIfExists(file);
      }
    }
  }

  private ProblemException tooLarge() {
    return new ProblemException(
        413, "PAYLOAD_TOO_LARGE", "Payload too large", "A ledger file is at most " + maxBytes + " bytes.");
  }
}
