package org.shouhu.identity.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class DeviceLabelTest {

  @Test
  void namesBrowserAndSystemFromTheUserAgent() {
    assertEquals("Chrome · Android", DeviceLabel.of(null,
        "Mozilla/5.0 (Linux; Android 13; M2102J2SC) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36"));
    assertEquals("WeChat · iOS", DeviceLabel.of("",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148 MicroMessenger/8.0.40"));
    assertEquals("Edge · Windows", DeviceLabel.of(" ",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/120.0 Safari/537.36 Edg/120.0"));
  }

  @Test
  void prefersWhatTheClientCallsItselfCleanedAndCut() {
    assertEquals("王芳的手机", DeviceLabel.of("  王芳的手机\n", "Chrome/1"));
    assertEquals(100, DeviceLabel.of("x".repeat(300), null).length());
  }

  @Test
  void fallsBackToTheRawAgentOrUnknown() {
    assertEquals("curl/8.5.0", DeviceLabel.of(null, "curl/8.5.0"));
    assertEquals("Unknown device", DeviceLabel.of(null, null));
  }
}
