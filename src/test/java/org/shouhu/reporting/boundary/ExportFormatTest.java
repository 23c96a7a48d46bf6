package org.shouhu.reporting.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.ws.rs.core.MediaType;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.shouhu.problems.entity.ProblemException;

class ExportFormatTest {

  static final EnumSet<ExportFormat> SHEET = EnumSet.of(ExportFormat.PDF, ExportFormat.XLSX);

  @Test
  void theQueryParameterWinsOverTheAcceptHeader() {
    assertEquals(ExportFormat.XLSX,
        ExportFormat.choose("XLSX", List.of(new MediaType("application", "pdf")), SHEET, ExportFormat.PDF));
    assertEquals("EXPORT_FORMAT_UNSUPPORTED", assertThrows(ProblemException.class,
        () -> ExportFormat.choose("csv", List.of(), SHEET, ExportFormat.PDF)).errors().get(0).code());
    assertEquals("EXPORT_FORMAT_UNKNOWN", assertThrows(ProblemException.class,
        () -> ExportFormat.choose("docx", List.of(), SHEET, ExportFormat.PDF)).errors().get(0).code());
  }

  @Test
  void theAcceptHeaderChoosesInItsOrderAndWildcardsGetTheDefault() {
    assertEquals(ExportFormat.CSV, ExportFormat.choose(null,
        List.of(new MediaType("text", "csv"), new MediaType("application", "pdf")), EnumSet.allOf(ExportFormat.class),
        ExportFormat.XLSX));
    assertEquals(ExportFormat.PDF, ExportFormat.choose(null,
        List.of(new MediaType("text", "csv"), new MediaType("application", "pdf")), SHEET, ExportFormat.XLSX),
        "an offered type later in the list");
    assertEquals(ExportFormat.XLSX, ExportFormat.choose(null, List.of(MediaType.WILDCARD_TYPE), EnumSet.allOf(ExportFormat.class), ExportFormat.XLSX));
    assertEquals(ExportFormat.PDF, ExportFormat.choose(" ", List.of(), SHEET, ExportFormat.PDF));
    ProblemException refused = assertThrows(ProblemException.class, () -> ExportFormat.choose(null,
        List.of(MediaType.APPLICATION_JSON_TYPE), SHEET, ExportFormat.PDF));
    assertEquals(406, refused.status());
    assertEquals("EXPORT_NOT_ACCEPTABLE", refused.code());
  }
}
