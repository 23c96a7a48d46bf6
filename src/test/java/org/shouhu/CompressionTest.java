package org.shouhu;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CompressionTest {

  @Test
  void gzipIsAcceptedUnlessRefusedWithQualityZero() {
    assertTrue(Compression.acceptsGzip("gzip, deflate, br"));
    assertTrue(Compression.acceptsGzip("br;q=1.0, gzip;q=0.8"));
    assertTrue(Compression.acceptsGzip("*"));
    assertFalse(Compression.acceptsGzip("gzip;q=0"));
    assertFalse(Compression.acceptsGzip("identity"));
    assertFalse(Compression.acceptsGzip(null));
  }

  @Test
  void textTypesAreCompressedAndFilesAreNot() {
    assertTrue(Compression.compressible("text/html;charset=UTF-8"));
    assertTrue(Compression.compressible("application/javascript"));
    assertTrue(Compression.compressible("application/json"));
    assertTrue(Compression.compressible("application/problem+json; charset=utf-8"));
    assertTrue(Compression.compressible("text/csv; charset=UTF-8"));
    assertFalse(Compression.compressible("application/pdf"));
    assertFalse(Compression.compressible("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"));
    assertFalse(Compression.compressible("image/png"));
    assertFalse(Compression.compressible(null));
  }
}
