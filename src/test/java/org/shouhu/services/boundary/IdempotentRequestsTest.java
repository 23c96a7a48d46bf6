package org.shouhu.services.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import jakarta.servlet.http.HttpServletResponse;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The held-back answer: what is stored for a replay is the text the client would have read. */
class IdempotentRequestsTest {

  /** A servlet response that remembers its content type and, like the container, defaults to ISO-8859-1. */
  private static HttpServletResponse response(String contentType) {
    Map<String, Object> state = new HashMap<>();
    state.put("type", contentType);
    return (HttpServletResponse) Proxy.newProxyInstance(HttpServletResponse.class.getClassLoader(),
        new Class<?>[] {HttpServletResponse.class}, (proxy, method, args) -> switch (method.getName()) {
          case "getContentType" -> state.get("type");
          case "getCharacterEncoding" -> "ISO-8859-1";
          case "isCommitted" -> false;
          default -> null;
        });
  }

  @Test
  void keepsAJsonAnswerAsUtf8WhateverTheServletDefaultSays() throws Exception {
    var held = new IdempotentRequests.Buffered(response("application/json"));
    held.getOutputStream().write("{\"title\":\"重试测试\"}".getBytes(StandardCharsets.UTF_8));
    assertEquals("{\"title\":\"重试测试\"}", held.text());
  }

  @Test
  void aDeclaredCharsetWins() throws Exception {
    var held = new IdempotentRequests.Buffered(response("text/plain; charset=GB18030"));
    held.getOutputStream().write("社工".getBytes("GB18030"));
    assertEquals("社工", held.text());
  }

  @Test
  void keepsNoTextOfABinaryAnswerAndNeverCommitsEarly() throws Exception {
    var held = new IdempotentRequests.Buffered(response("application/pdf"));
    held.getOutputStream().write(new byte[] {0x25, 0x50, 0x44, 0x46});
    held.flushBuffer();
    assertFalse(held.isCommitted(), "nothing reaches the client before the commit");
    assertNull(held.text());
  }
}
