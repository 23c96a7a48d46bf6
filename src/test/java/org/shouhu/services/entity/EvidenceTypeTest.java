package org.shouhu.services.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EvidenceTypeTest {

  static byte[] bytes(int... values) {
    byte[] b = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      b[i] = (byte) values[i];
    }
    return b;
  }

  static byte[] ftyp(String major, String... compatible) {
    StringBuilder box = new StringBuilder("ftyp").append(major).append("\0\0\0\0");
    for (String c : compatible) {
      box.append(c);
    }
    byte[] body = box.toString().getBytes(StandardCharsets.ISO_8859_1);
    byte[] b = new byte[body.length + 4 + 8];
    int size = body.length + 4;
    b[3] = (byte) size;
    System.arraycopy(body, 0, b, 4, body.length);
    return b;
  }

  @Test
  void recognizesEachAcceptedTypeByItsMagicBytes() {
    assertEquals(Optional.of(EvidenceType.JPEG), EvidenceType.sniff(bytes(0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10)));
    assertEquals(Optional.of(EvidenceType.PNG), EvidenceType.sniff(bytes(0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0)));
    assertEquals(Optional.of(EvidenceType.WEBP), EvidenceType.sniff("RIFF\u0024\0\0\0WEBPVP8 ".getBytes(StandardCharsets.ISO_8859_1)));
    assertEquals(Optional.of(EvidenceType.PDF), EvidenceType.sniff("%PDF-1.7\n".getBytes(StandardCharsets.ISO_8859_1)));
    assertEquals(Optional.of(EvidenceType.HEIC), EvidenceType.sniff(ftyp("heic", "mif1", "heic")));
    assertEquals(Optional.of(EvidenceType.HEIC), EvidenceType.sniff(ftyp("mif1", "mif1", "heic")), "generic HEIF brand naming HEVC");
    assertEquals("image/heic", EvidenceType.HEIC.mediaType());
  }

  @Test
  void refusesWhatIsNotAnAcceptedTypeWhateverItIsCalled() {
    assertTrue(EvidenceType.sniff("<!DOCTYPE html><script>alert(1)</script>".getBytes(StandardCharsets.UTF_8)).isEmpty());
    assertTrue(EvidenceType.sniff(bytes('M', 'Z', 0x90, 0, 3, 0, 0, 0)).isEmpty(), "a Windows program");
    assertTrue(EvidenceType.sniff(bytes(0x7F, 'E', 'L', 'F', 2, 1, 1, 0)).isEmpty(), "a Linux program");
    assertTrue(EvidenceType.sniff(bytes('P', 'K', 3, 4, 0x14, 0)).isEmpty(), "a ZIP (or an office file)");
    assertTrue(EvidenceType.sniff("GIF89a".getBytes(StandardCharsets.US_ASCII)).isEmpty(), "GIF is not on the list");
    assertTrue(EvidenceType.sniff(ftyp("avif", "mif1", "avif")).isEmpty(), "AVIF is HEIF but not HEIC");
    assertTrue(EvidenceType.sniff(ftyp("isom", "mp41")).isEmpty(), "a video");
    assertTrue(EvidenceType.sniff(bytes(0xFF, 0xD8)).isEmpty(), "too short to be a JPEG");
    assertTrue(EvidenceType.sniff(new byte[0]).isEmpty());
    assertTrue(EvidenceType.sniff(null).isEmpty());
  }
}
