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
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.shouhu.problems.entity.ProblemException;

/**
 * Streams the body to disk, counting: a declared length over the cap is refused before reading, a chunked body
 * as soon as it passes the cap, and the partial file is deleted either way (it may hold personal data).
 */
@ApplicationScoped
@Provider
public class LedgerUploadReader implements MessageBodyReader<UploadedLedger> {

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
    if (declared != null && declared.matches("\\d{1,18}") && Long.parseLong(declared) > maxBytes) {
      throw tooLarge();
    }
    Path file = Files.createTempFile(
        "shouhu-ledger-", ".upload", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    boolean kept = false;
    try (OutputStream out = Files.newOutputStream(file)) {
      byte[] buffer = new byte[64 * 1024];
      long total = 0;
      int n;
      while ((n = body.read(buffer)) != -1) {
        total += n;
        if (total > maxBytes) {
          throw tooLarge();
        }
        out.write(buffer, 0, n);
      }
      if (total == 0) {
        throw new ProblemException(400, "BODY_REQUIRED", "Body required", "Send the ledger file as the body.");
      }
      kept = true;
      return new UploadedLedger(file, total);
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
