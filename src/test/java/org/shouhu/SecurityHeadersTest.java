package org.shouhu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SecurityHeadersTest {

  private final Set<InetAddress> proxies = SecurityHeaders.addresses("127.0.0.1, ::1, 10.0.0.5");

  @Test
  void aDirectTlsConnectionIsHttpsWhateverTheHeadersSay() {
    assertTrue(SecurityHeaders.servedOverHttps(true, "203.0.113.9", null, proxies));
    assertTrue(SecurityHeaders.servedOverHttps(true, "203.0.113.9", "http", proxies));
  }

  @Test
  void forwardedProtoIsBelievedFromATrustedProxy() {
    assertTrue(SecurityHeaders.servedOverHttps(false, "10.0.0.5", "https", proxies));
    assertTrue(SecurityHeaders.servedOverHttps(false, "127.0.0.1", "HTTPS", proxies));
    assertTrue(SecurityHeaders.servedOverHttps(false, "0:0:0:0:0:0:0:1", "https", proxies), "the servlet's form of ::1");
    assertTrue(SecurityHeaders.servedOverHttps(false, "10.0.0.5", "https, http", proxies), "the client's own leg first");
  }

  @Test
  void forwardedProtoFromAnyoneElseIsIgnored() {
    assertFalse(SecurityHeaders.servedOverHttps(false, "203.0.113.9", "https", proxies));
    assertFalse(SecurityHeaders.servedOverHttps(false, "10.0.0.6", "https", proxies));
    assertFalse(SecurityHeaders.servedOverHttps(false, "10.0.0.5", "http", proxies));
    assertFalse(SecurityHeaders.servedOverHttps(false, "10.0.0.5", null, proxies));
    assertFalse(SecurityHeaders.servedOverHttps(false, "10.0.0.5", "https", Set.of()), "no proxy configured");
  }

  @Test
  void trustedProxiesAreAddressesNeverNames() {
    assertEquals(3, proxies.size());
    assertTrue(SecurityHeaders.addresses("").isEmpty());
    assertThrows(IllegalArgumentException.class, () -> SecurityHeaders.addresses("proxy.example"));
  }
}
