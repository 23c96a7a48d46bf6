package org.shouhu.services.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import org.junit.jupiter.api.Test;
import org.shouhu.problems.entity.ProblemException;
import org.shouhu.services.entity.Evidence;

class EvidenceUploadReaderTest {

  static final int CAP = 1000;

  @Test
  void readsABodyUpToTheCap() throws Exception {
    assertEquals(CAP, EvidenceUploadReader.read(null, new ByteArrayInputStream(new byte[CAP]), CAP).length);
    assertEquals(CAP, EvidenceUploadReader.read("1000", new ByteArrayInputStream(new byte[CAP]), CAP).length);
  }

  @Test
  void refusesADeclaredLengthOverTheCapWithoutReading() {
    InputStream untouchable = new InputStream() {
      @Override
      public int read() {
        throw new AssertionError("read although the declared length was too large");
      }
    };
    ProblemException e = assertThrows(ProblemException.class, () -> EvidenceUploadReader.read("1001", untouchable, CAP));
    assertEquals(413, e.status());
    assertEquals("EVIDENCE_TOO_LARGE", e.code());
  }

  @Test
  void refusesAChunkedBodyOnceItPassesTheCap() {
    ProblemException e = assertThrows(ProblemException.class,
        () -> EvidenceUploadReader.read(null, new ByteArrayInputStream(new byte[CAP + 1]), CAP));
    assertEquals(413, e.status());
    assertEquals("EVIDENCE_TOO_LARGE", e.code());
  }

  @Test
  void refusesAnEmptyBody() {
    assertEquals("BODY_REQUIRED",
        assertThrows(ProblemException.class, () -> EvidenceUploadReader.read("0", new ByteArrayInputStream(new byte[0]), CAP)).code());
  }

  @Test
  void theCapIsTenMebibytes() {
    assertEquals(10 * 1024 * 1024, Evidence.MAX_BYTES);
  }

  @Test
  void aDownloadKeepsItsUtf8NameAndCannotBreakTheHeader() {
    assertEquals("attachment; filename=\"___.jpg\"; filename*=UTF-8''%E7%AD%BE%E5%88%B0%E8%A1%A8.jpg",
        EvidenceResource.disposition("签到表.jpg"));
    assertEquals("attachment; filename=\"a_b;.pdf\"; filename*=UTF-8''a%22b%3B.pdf",
        EvidenceResource.disposition("a\"b;.pdf"));
  }
}
