package org.shouhu.services.boundary;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.WriterInterceptor;
import jakarta.ws.rs.ext.WriterInterceptorContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;
import org.shouhu.problems.boundary.Problems;
import org.shouhu.problems.entity.ProblemException;
import org.shouhu.services.control.IdempotencyLedger;
import org.shouhu.services.control.IdempotencyLedger.Completed;
import org.shouhu.services.control.IdempotencyLedger.InProgress;
import org.shouhu.services.control.IdempotencyLedger.Mismatch;
import org.shouhu.tenancy.boundary.Caller;

/**
 * {@code Idempotency-Key} on POST: the first request with a key runs and its answer is kept; a retry with the same
 * key and body gets that answer replayed (with {@code Idempotent-Replayed: true}) and runs nothing. The key is
 * reserved before the work in its own transaction, so even two copies arriving at once run once.
 *
 * <p>Applies to authenticated POSTs with a JSON body or none. The request hash covers method, path and body, so
 * reusing a key for anything else is a 422. A 5xx answer is not kept: the retry runs again.
 */
@Provider
@ApplicationScoped
@Priority(Priorities.AUTHORIZATION + 100)
public class IdempotentRequests implements ContainerRequestFilter, ContainerResponseFilter, WriterInterceptor {

  public static final String HEADER = "Idempotency-Key";
  private static final String KEY = IdempotentRequests.class.getName() + ".key";
  private static final String WRITTEN = IdempotentRequests.class.getName() + ".written";
  private static final Pattern ACCEPTABLE = Pattern.compile("[A-Za-z0-9._:-]{8,100}");
  private static final int MAX_BODY = 1024 * 1024;

  @Inject IdempotencyLedger ledger;
  @Inject Caller caller;

  @Override
  public void filter(ContainerRequestContext request) throws IOException {
    String key = request.getHeaderString(HEADER);
    if (key == null || !"POST".equals(request.getMethod()) || !caller.isAuthenticated()) {
      return;
    }
    if (!ACCEPTABLE.matcher(key).matches()) {
      throw ProblemException.invalid(HEADER, "IDEMPOTENCY_KEY_FORMAT",
          "An Idempotency-Key is 8 to 100 letters, digits, '.', '_', ':' or '-' (a UUID is ideal).");
    }
    if (request.getMediaType() != null && !request.getMediaType().getSubtype().endsWith("json")) {
      return;
    }
    byte[] body = request.getEntityStream().readNBytes(MAX_BODY + 1);
    request.setEntityStream(new ByteArrayInputStream(body));
    String hash = hash(request.getMethod() + " " + request.getUriInfo().getRequestUri().getRawPath() + "\n", body);
    var reservation = ledger.reserve(caller.tenant(), caller.userId(), key, hash);
    if (reservation instanceof Completed done) {
      var replay = Response.status(done.status()).header("Idempotent-Replayed", "true");
      if (done.body() != null) {
        replay.entity(done.body()).type(done.contentType());
      }
      if (done.location() != null) {
        replay.header("Location", done.location());
      }
      request.abortWith(replay.build());
    } else if (reservation instanceof Mismatch) {
      request.abortWith(Problems.response(new ProblemException(422, "IDEMPOTENCY_KEY_REUSED", "Key reused",
          "This Idempotency-Key was used for a different request. Use a new key for a new request.")));
    } else if (reservation instanceof InProgress) {
      request.abortWith(Problems.response(new ProblemException(409, "IDEMPOTENCY_KEY_IN_PROGRESS", "Still running",
          "The first request with this Idempotency-Key has not finished. Retry in a moment.")));
    } else {
      request.setProperty(KEY, key);
    }
  }

  /** Keeps exactly the bytes the client receives, so a replay is indistinguishable from the original. */
  @Override
  public void aroundWriteTo(WriterInterceptorContext context) throws IOException {
    if (context.getProperty(KEY) == null) {
      context.proceed();
      return;
    }
    OutputStream original = context.getOutputStream();
    ByteArrayOutputStream copy = new ByteArrayOutputStream();
    context.setOutputStream(new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        original.write(b);
        copy.write(b);
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        original.write(b, off, len);
        copy.write(b, off, len);
      }
    });
    context.proceed();
    context.setProperty(WRITTEN, copy.toString(StandardCharsets.UTF_8));
    record(context.getProperty(KEY), (String) context.getProperty(WRITTEN), context);
  }

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    if (request.getProperty(KEY) != null && !response.hasEntity()) {
      ledger.complete(caller.tenant(), caller.userId(), (String) request.getProperty(KEY), response.getStatus(),
          null, location(response), null);
      request.removeProperty(KEY);
    } else if (request.getProperty(KEY) != null) {
      request.setProperty(STATUS, response.getStatus());
      request.setProperty(LOCATION, location(response));
    }
  }

  private static final String STATUS = IdempotentRequests.class.getName() + ".status";
  private static final String LOCATION = IdempotentRequests.class.getName() + ".location";

  private void record(Object key, String body, WriterInterceptorContext context) {
    Object status = context.getProperty(STATUS);
    Object location = context.getProperty(LOCATION);
    ledger.complete(caller.tenant(), caller.userId(), (String) key, status instanceof Integer s ? s : 200,
        context.getMediaType() == null ? null : context.getMediaType().toString(),
        location == null ? null : location.toString(), body);
  }

  private static String location(ContainerResponseContext response) {
    return response.getLocation() == null ? null : response.getLocation().toString();
  }

  private static String hash(String prefix, byte[] body) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(prefix.getBytes(StandardCharsets.UTF_8));
      sha.update(body);
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
