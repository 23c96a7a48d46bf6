package org.shouhu;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;

/**
 * Gzip for text answers (the app's HTML, CSS and modules, JSON, CSV) when the client accepts it: the first screen on a
 * phone's slow connection is a third of its size (docs/web.md, "Size and speed"). Payara Micro's HTTP listener has a
 * {@code compression} attribute, but Micro sets it only through a post-boot command file given at every launch;
 * compressing here travels with the WAR and is the same in the tests, on a developer's machine and behind any proxy.
 * Binary answers (XLSX, PDF, images, ECharts' already small download aside) are passed through untouched.
 *
 * <p>Whether to compress is decided at the first byte, when the content type is known; a declared length is held back
 * until then, because a compressed body has another length.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class Compression extends HttpFilter {

  /** Below this a gzip header and trailer (18 bytes) and the CPU cost outweigh the gain. */
  static final int MIN_LENGTH = 512;

  static final Pattern TEXT = Pattern.compile(
      "(text/.*|application/(javascript|json|problem\\+json|xml)|image/svg\\+xml)(;.*)?", Pattern.CASE_INSENSITIVE);

  @Override
  protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (!acceptsGzip(request.getHeader("Accept-Encoding")) || "HEAD".equals(request.getMethod())) {
      chain.doFilter(request, response);
      return;
    }
    Gzipped wrapped = new Gzipped(response);
    try {
      chain.doFilter(request, wrapped);
    } finally {
      wrapped.finish();
    }
  }

  /** True when the header lists gzip with a quality above zero. */
  static boolean acceptsGzip(String acceptEncoding) {
    if (acceptEncoding == null) {
      return false;
    }
    for (String part : acceptEncoding.split(",")) {
      String[] pieces = part.trim().split(";");
      String coding = pieces[0].trim().toLowerCase(Locale.ROOT);
      if (coding.equals("gzip") || coding.equals("*")) {
        for (int i = 1; i < pieces.length; i++) {
          String p = pieces[i].trim().replace(" ", "");
          if (p.startsWith("q=")) {
            try {
              return Double.parseDouble(p.substring(2)) > 0;
            } catch (NumberFormatException e) {
              return false;
            }
          }
        }
        return true;
      }
    }
    return false;
  }

  static boolean compressible(String contentType) {
    return contentType != null && TEXT.matcher(contentType.trim()).matches();
  }

  /** The response with its body possibly gzipped; headers about length wait for the decision. */
  static final class Gzipped extends HttpServletResponseWrapper {

    private final HttpServletResponse response;
    private long declaredLength = -1;
    private Body body;
    private PrintWriter writer;

    Gzipped(HttpServletResponse response) {
      super(response);
      this.response = response;
    }

    @Override
    public void setContentLength(int len) {
      setContentLengthLong(len);
    }

    @Override
    public void setContentLengthLong(long len) {
      if (body != null && body.decided) {
        if (!body.gzip) {
          response.setContentLengthLong(len);
        }
      } else {
        declaredLength = len;
      }
    }

    @Override
    public void setHeader(String name, String value) {
      if ("Content-Length".equalsIgnoreCase(name)) {
        lengthHeader(value);
      } else {
        super.setHeader(name, value);
      }
    }

    @Override
    public void addHeader(String name, String value) {
      if ("Content-Length".equalsIgnoreCase(name)) {
        lengthHeader(value);
      } else {
        super.addHeader(name, value);
      }
    }

    @Override
    public void setIntHeader(String name, int value) {
      if ("Content-Length".equalsIgnoreCase(name)) {
        setContentLengthLong(value);
      } else {
        super.setIntHeader(name, value);
      }
    }

    @Override
    public void addIntHeader(String name, int value) {
      setIntHeader(name, value);
    }

    private void lengthHeader(String value) {
      try {
        setContentLengthLong(Long.parseLong(value.trim()));
      } catch (NumberFormatException e) {
        response.setHeader("Content-Length", value);
      }
    }

    @Override
    public ServletOutputStream getOutputStream() throws IOException {
      if (writer != null) {
        throw new IllegalStateException("getWriter() was called");
      }
      if (body == null) {
        body = new Body(this);
      }
      return body;
    }

    @Override
    public PrintWriter getWriter() throws IOException {
      if (writer == null) {
        if (body != null) {
          throw new IllegalStateException("getOutputStream() was called");
        }
        body = new Body(this);
        String encoding = getCharacterEncoding();
        Charset charset = encoding == null ? StandardCharsets.ISO_8859_1 : Charset.forName(encoding);
        writer = new PrintWriter(new OutputStreamWriter(body, charset));
      }
      return writer;
    }

    @Override
    public void flushBuffer() throws IOException {
      if (writer != null) {
        writer.flush();
      } else if (body != null) {
        body.flush();
      }
      super.flushBuffer();
    }

    @Override
    public void resetBuffer() {
      if (body != null && body.decided) {
        throw new IllegalStateException("the response is committed");
      }
      super.resetBuffer();
    }

    /** Writes what is left: the gzip trailer, or the held-back length of an answer with no body. */
    void finish() throws IOException {
      if (writer != null) {
        writer.flush();
      }
      if (body != null) {
        body.finish();
      } else if (declaredLength >= 0 && !response.isCommitted()) {
        response.setContentLengthLong(declaredLength);
      }
    }

    /** Decides at the first byte whether to compress. */
    boolean gzipWanted() {
      int status = response.getStatus();
      return status != HttpServletResponse.SC_NO_CONTENT && status != HttpServletResponse.SC_NOT_MODIFIED
          && compressible(response.getContentType()) && response.getHeader("Content-Encoding") == null
          && (declaredLength < 0 || declaredLength >= MIN_LENGTH);
    }
  }

  /** The body stream: plain or gzip, chosen once. */
  static final class Body extends ServletOutputStream {

    private final Gzipped owner;
    private OutputStream target;
    boolean decided;
    boolean gzip;
    private boolean finished;

    Body(Gzipped owner) {
      this.owner = owner;
    }

    private OutputStream target() throws IOException {
      if (!decided) {
        decided = true;
        HttpServletResponse response = owner.response;
        gzip = owner.gzipWanted();
        if (gzip) {
          response.setHeader("Content-Encoding", "gzip");
          response.addHeader("Vary", "Accept-Encoding");
          // The ETag stays as the default servlet made it: it compares If-None-Match literally, and a changed tag
          // would turn every revalidation (304, almost nothing sent) into a full download.
          // Sync flush: a streamed answer (an export) reaches the client as it is written, not at the end.
          target = new GZIPOutputStream(response.getOutputStream(), 8192, true);
        } else {
          if (owner.declaredLength >= 0) {
            response.setContentLengthLong(owner.declaredLength);
          }
          target = response.getOutputStream();
        }
      }
      return target;
    }

    @Override
    public void write(int b) throws IOException {
      target().write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      if (len > 0) {
        target().write(b, off, len);
      }
    }

    @Override
    public void flush() throws IOException {
      if (decided) {
        target.flush();
      }
    }

    @Override
    public void close() throws IOException {
      finish();
    }

    void finish() throws IOException {
      if (finished) {
        return;
      }
      finished = true;
      if (!decided) {
        // Nothing was written: no body to compress, only the length to pass on.
        decided = true;
        if (owner.declaredLength >= 0 && !owner.response.isCommitted()) {
          owner.response.setContentLengthLong(owner.declaredLength);
        }
        return;
      }
      if (gzip) {
        ((GZIPOutputStream) target).finish();
      }
      target.flush();
    }

    @Override
    public boolean isReady() {
      return true;
    }

    @Override
    public void setWriteListener(WriteListener listener) {
      throw new UnsupportedOperationException("blocking output only");
    }
  }
}
