package org.shouhu.problems.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import jakarta.inject.Inject;
import org.shouhu.problems.entity.ProblemException;

/**
 * Caps JSON bodies (other media types, such as ledger uploads, are capped where they are read). A declared length over the cap is refused before anything is read; a chunked body is
 * counted while it is read, so a client cannot get round the cap by omitting Content-Length.
 */
@ApplicationScoped
@Provider
@Priority(Priorities.ENTITY_CODER)
public class BodySizeLimit implements ContainerRequestFilter, ReaderInterceptor {

  @Inject
  @ConfigProperty(name = "shouhu.http.max-json-bytes", defaultValue = "1048576")
  long maxBytes;

  @Override
  public void filter(ContainerRequestContext request) {
    // Only JSON (or an undeclared type) is capped here: uploads such as ledger spreadsheets have their own, larger
    // cap where they are read (UploadedLedger).
    if (isJsonOrUndeclared(request.getMediaType()) && request.getLength() > maxBytes) {
      throw tooLarge();
    }
  }

  @Override
  public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
    if (context.getMediaType() != null && context.getMediaType().getSubtype().endsWith("json")) {
      context.setInputStream(new Capped(context.getInputStream(), maxBytes));
    }
    return context.proceed();
  }

  private static boolean isJsonOrUndeclared(jakarta.ws.rs.core.MediaType type) {
    return type == null || type.getSubtype().endsWith("json");
  }

  private ProblemException tooLarge() {
    return new ProblemException(
        413,
        "PAYLOAD_TOO_LARGE",
        "Payload too large",
        "The request body is larger than " + maxBytes + " bytes.");
  }

  private final class Capped extends FilterInputStream {
    private final long limit;
    private long count;

    Capped(InputStream in, long limit) {
      super(in);
      this.limit = limit;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count(1);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = super.read(buffer, offset, length);
      if (n > 0) {
        count(n);
      }
      return n;
    }

    private void count(int n) {
      count += n;
      if (count > limit) {
        throw tooLarge();
      }
    }
  }
}
