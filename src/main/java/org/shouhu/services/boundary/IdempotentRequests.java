package org.shouhu.services.boundary;

import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import jakarta.transaction.Status;
import jakarta.transaction.UserTransaction;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.shouhu.problems.boundary.Problems;
import org.shouhu.problems.boundary.UnexpectedFailureMapper;
import org.shouhu.problems.boundary.RequestId;
import org.shouhu.problems.control.DatabaseFailures;
import org.shouhu.problems.entity.Problem;
import org.shouhu.problems.entity.ProblemException;
import org.shouhu.services.control.IdempotencyLedger;
import org.shouhu.services.control.IdempotencyLedger.Claimed;
import org.shouhu.services.control.IdempotencyLedger.Completed;
import org.shouhu.services.control.IdempotencyLedger.InProgress;
import org.shouhu.services.control.IdempotencyLedger.Mismatch;
import org.shouhu.tenancy.boundary.Caller;
import org.shouhu.tenancy.control.TenantSession;
import org.shouhu.tenancy.entity.TenantId;

/**
 * {@code Idempotency-Key} on POST, PUT and PATCH (docs/api.md, "Idempotency"). The key, the request's effect and
 * the answer are written in <b>one transaction</b>, begun here before JAX-RS runs the request and committed here
 * after the answer is known but before a byte of it leaves: the resource's {@code @Transactional} joins it. So a
 * key is either done (its answer is replayed, with {@code Idempotent-Replayed: true}, and nothing runs) or absent
 * (the request runs); a copy arriving while the first runs waits for it; an answer lost on the way back is
 * replayed on retry; and a request that dies takes its reservation with it.
 *
 * <p>Only an answer below 400 is kept. A refusal rolls back with everything else, so the key stays free: the
 * refused request changed nothing, and running it again is exactly as safe as running it once.
 *
 * <p>Applies to authenticated requests whose token names a tenant, with a JSON body or none. The request hash
 * covers method, path, query and body, so reusing a key for anything else is a 422.
 */
@WebFilter(urlPatterns = "/api/*")
public class IdempotentRequests extends HttpFilter {

  public static final String HEADER = "Idempotency-Key";
  public static final String REPLAYED = "Idempotent-Replayed";
  private static final Pattern ACCEPTABLE = Pattern.compile("[A-Za-z0-9._:-]{8,100}");
  private static final int MAX_BODY = 1024 * 1024;
  private static final Logger LOG = Logger.getLogger(IdempotentRequests.class.getName());

  @Inject IdempotencyLedger ledger;
  @Inject TenantSession session;
  @Inject Caller caller;
  @Resource UserTransaction transaction;

  @Override
  protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    String key = request.getHeader(HEADER);
    String method = request.getMethod();
    if (key == null || !("POST".equals(method) || "PUT".equals(method) || "PATCH".equals(method))
        || !caller.isAuthenticated()) {
      chain.doFilter(request, response);
      return;
    }
    String requestId = RequestId.accept(request.getHeader(RequestId.HEADER));
    if (!ACCEPTABLE.matcher(key).matches()) {
      refuse(response, requestId, ProblemException.invalid(HEADER, "IDEMPOTENCY_KEY_FORMAT",
          "An Idempotency-Key is 8 to 100 letters, digits, '.', '_', ':' or '-' (a UUID is ideal)."));
      return;
    }
    String type = request.getContentType();
    if (type != null && !type.toLowerCase().split(";")[0].trim().endsWith("json")) {
      chain.doFilter(request, response);
      return;
    }
    // No further than the declared length: StrictJson.body says which stream would not end.
    int declared = request.getContentLength();
    byte[] body = request.getInputStream().readNBytes(declared >= 0 ? Math.min(declared, MAX_BODY + 1) : MAX_BODY + 1);
    Body replayable = new Body(request, body, requestId);
    if (body.length > MAX_BODY) {
      chain.doFilter(replayable, response); // refused as too large further in: nothing to protect
      return;
    }
    TenantId tenant;
    UUID user;
    try {
      tenant = caller.tenant();
      user = caller.userId();
    } catch (ProblemException e) {
      chain.doFilter(replayable, response); // a platform token (no tenant), or one the resource refuses itself
      return;
    }
    if (caller.hasRole("PLATFORM_ADMIN")) {
      // The operator's writes act on another tenant (provisioning binds the new tenant, suspension the suspended
      // one), and a transaction binds one tenant only; they are rare, made by hand, and idempotent by their own
      // keys (a slug is taken once, suspending twice changes nothing), so they run outside the ledger.
      chain.doFilter(replayable, response);
      return;
    }
    String query = request.getQueryString() == null ? "" : "?" + request.getQueryString();
    String hash = hash(method + " " + request.getRequestURI() + query + "\n", body);
    try {
      run(replayable, response, chain, tenant, user, key, hash, requestId);
    } finally {
      // Whatever went wrong above, no transaction may stay on this pooled thread for the next request.
      abandon();
    }
  }

  private void run(Body request, HttpServletResponse response, FilterChain chain, TenantId tenant, UUID user,
      String key, String hash, String requestId) throws IOException, ServletException {
    IdempotencyLedger.Claim claim;
    try {
      transaction.begin();
      session.bind(tenant);
      claim = ledger.claim(tenant, user, key, hash);
    } catch (Exception e) {
      abandon();
      if (DatabaseFailures.unavailable(e)) {
        unavailable(response, requestId, e);
        return;
      }
      throw new ServletException(e);
    }
    if (!(claim instanceof Claimed)) {
      abandon();
      if (claim instanceof Completed done) {
        replay(response, done, requestId);
      } else if (claim instanceof Mismatch) {
        refuse(response, requestId, new ProblemException(422, "IDEMPOTENCY_KEY_REUSED", "Key reused",
            "This Idempotency-Key was used for a different request. Use a new key for a new request."));
      } else if (claim instanceof InProgress) {
        response.setHeader("Retry-After", "1");
        refuse(response, requestId, new ProblemException(409, "IDEMPOTENCY_KEY_IN_PROGRESS", "Still running",
            "The first request with this Idempotency-Key has not finished. Retry in a moment."));
      }
      return;
    }
    Buffered answer = new Buffered(response);
    try {
      chain.doFilter(request, answer);
    } catch (IOException | ServletException | RuntimeException e) {
      abandon();
      throw e;
    }
    if (answer.errorSent) {
      abandon();
      return;
    }
    int status = answer.getStatus();
    try {
      if (status >= 400) {
        abandon();
      } else if (transaction.getStatus() != Status.STATUS_ACTIVE) {
        // A success answered over a transaction something marked for rollback: it would not be true.
        throw new IllegalStateException("the answer is " + status + " but its transaction cannot commit");
      } else {
        ledger.complete(tenant, user, key, status, answer.getContentType(), answer.getHeader("Location"),
            answer.text());
        transaction.commit();
      }
    } catch (Exception e) {
      // The answer was ready but could not be made durable: it must not be sent, since the client would take it
      // for done. Whether the commit reached the database is unknown; a retry with the key finds out.
      // Rolled back either way, so the key stays free: 503 and 409 tell the client to send the same request again.
      abandon();
      response.reset();
      Problems.send(response, UnexpectedFailureMapper.answer(e, requestId));
      return;
    }
    answer.sendTo(response);
  }

  private void abandon() {
    try {
      if (transaction.getStatus() != Status.STATUS_NO_TRANSACTION) {
        transaction.rollback();
      }
    } catch (Exception e) {
      LOG.log(Level.WARNING, "rolling back an idempotent request's transaction failed", e);
    }
  }

  private static void replay(HttpServletResponse response, Completed done, String requestId) throws IOException {
    response.setStatus(done.status());
    response.setHeader(REPLAYED, "true");
    response.setHeader(RequestId.HEADER, requestId);
    if (done.location() != null) {
      response.setHeader("Location", done.location());
    }
    if (done.body() != null) {
      byte[] bytes = done.body().getBytes(StandardCharsets.UTF_8);
      response.setContentType(done.contentType());
      response.setCharacterEncoding(StandardCharsets.UTF_8.name());
      response.setContentLength(bytes.length);
      response.getOutputStream().write(bytes);
    }
  }

  private static void refuse(HttpServletResponse response, String requestId, ProblemException problem) throws IOException {
    Problems.send(response, Problems.response(Problem.of(problem, requestId)));
  }

  private static void unavailable(HttpServletResponse response, String requestId, Exception e) throws IOException {
    LOG.warning(() -> "request " + requestId + ": database unavailable ("
        + DatabaseFailures.sqlState(e).orElse(e.getClass().getSimpleName()) + ")");
    Problems.send(response, Problems.response(Problems.databaseUnavailable(requestId)));
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

  /**
   * The request with its body read once (to hash it) and offered again. It also carries this request's id (so the
   * problem, the header and the log line agree) and hides Accept-Encoding: the answer is kept as the client's own
   * text, and compression, if any, is applied to it on the way out.
   */
  static final class Body extends HttpServletRequestWrapper {
    private final byte[] body;
    private final String requestId;

    Body(HttpServletRequest request, byte[] body, String requestId) {
      super(request);
      this.body = body;
      this.requestId = requestId;
    }

    @Override
    public ServletInputStream getInputStream() {
      ByteArrayInputStream in = new ByteArrayInputStream(body);
      return new ServletInputStream() {
        @Override
        public int read() {
          return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
          return in.read(b, off, len);
        }

        @Override
        public boolean isFinished() {
          return in.available() == 0;
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
          throw new IllegalStateException("not asynchronous");
        }
      };
    }

    @Override
    public BufferedReader getReader() {
      String encoding = getCharacterEncoding();
      return new BufferedReader(new InputStreamReader(getInputStream(),
          encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding)));
    }

    @Override
    public String getHeader(String name) {
      if ("Accept-Encoding".equalsIgnoreCase(name)) {
        return null;
      }
      if (RequestId.HEADER.equalsIgnoreCase(name)) {
        return requestId;
      }
      return super.getHeader(name);
    }

    @Override
    public Enumeration<String> getHeaders(String name) {
      if ("Accept-Encoding".equalsIgnoreCase(name)) {
        return Collections.emptyEnumeration();
      }
      if (RequestId.HEADER.equalsIgnoreCase(name)) {
        return Collections.enumeration(java.util.List.of(requestId));
      }
      return super.getHeaders(name);
    }

    @Override
    public Enumeration<String> getHeaderNames() {
      var names = new java.util.LinkedHashSet<String>();
      for (Enumeration<String> e = super.getHeaderNames(); e.hasMoreElements(); ) {
        String n = e.nextElement();
        if (!"Accept-Encoding".equalsIgnoreCase(n)) {
          names.add(n);
        }
      }
      names.add(RequestId.HEADER);
      return Collections.enumeration(names);
    }
  }

  /**
   * Holds the answer back until the transaction has committed: nothing reaches the client before the effect is
   * durable. Headers go through to the real response (it stays uncommitted until the body is written).
   */
  static final class Buffered extends HttpServletResponseWrapper {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private ServletOutputStream stream;
    private PrintWriter writer;
    boolean errorSent;

    Buffered(HttpServletResponse response) {
      super(response);
    }

    @Override
    public ServletOutputStream getOutputStream() {
      if (stream == null) {
        stream = new ServletOutputStream() {
          @Override
          public void write(int b) {
            bytes.write(b);
          }

          @Override
          public void write(byte[] b, int off, int len) {
            bytes.write(b, off, len);
          }

          @Override
          public boolean isReady() {
            return true;
          }

          @Override
          public void setWriteListener(WriteListener listener) {
            throw new IllegalStateException("not asynchronous");
          }
        };
      }
      return stream;
    }

    @Override
    public PrintWriter getWriter() {
      if (writer == null) {
        String encoding = getCharacterEncoding();
        writer = new PrintWriter(new OutputStreamWriter(getOutputStream(),
            encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding)));
      }
      return writer;
    }

    @Override
    public void sendError(int sc, String msg) throws IOException {
      errorSent = true;
      super.sendError(sc, msg);
    }

    @Override
    public void sendError(int sc) throws IOException {
      errorSent = true;
      super.sendError(sc);
    }

    @Override
    public void setContentLength(int len) {}

    @Override
    public void setContentLengthLong(long len) {}

    @Override
    public void flushBuffer() {}

    @Override
    public boolean isCommitted() {
      return errorSent;
    }

    @Override
    public void resetBuffer() {
      bytes.reset();
    }

    @Override
    public void reset() {
      bytes.reset();
      super.reset();
    }

    /** The body as text, or null when it is not text (a replay then repeats status and headers only). */
    String text() {
      finish();
      String type = getContentType();
      if (bytes.size() == 0 || type == null || !Pattern.compile("(?i)(text/.*|application/.*json.*)").matcher(type).matches()) {
        return null;
      }
      // JSON is UTF-8 (RFC 8259) whatever the servlet's default encoding says; a declared charset wins.
      Matcher charset = CHARSET.matcher(type);
      return bytes.toString(charset.find() ? Charset.forName(charset.group(1)) : StandardCharsets.UTF_8);
    }

    private static final Pattern CHARSET = Pattern.compile("(?i)charset=\"?([A-Za-z0-9._:-]+)");

    void sendTo(HttpServletResponse target) throws IOException {
      finish();
      target.setContentLength(bytes.size());
      if (bytes.size() > 0) {
        target.getOutputStream().write(bytes.toByteArray());
      }
    }

    private void finish() {
      if (writer != null) {
        writer.flush();
      }
    }
  }
}
