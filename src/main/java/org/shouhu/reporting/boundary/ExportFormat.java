package org.shouhu.reporting.boundary;

import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.shouhu.problems.entity.ProblemException;
import org.shouhu.reporting.control.CsvWriter;
import org.shouhu.reporting.control.PdfReport;
import org.shouhu.reporting.control.XlsxWorkbook;

/** The file formats of exports, chosen by {@code ?format=} or, without it, by the Accept header. */
public enum ExportFormat {
  XLSX(XlsxWorkbook.MEDIA_TYPE, new MediaType("application", "vnd.openxmlformats-officedocument.spreadsheetml.sheet"), "xlsx"),
  PDF(PdfReport.MEDIA_TYPE, new MediaType("application", "pdf"), "pdf"),
  CSV(CsvWriter.MEDIA_TYPE, new MediaType("text", "csv"), "csv");

  private final String mediaType;
  /** Built from its parts: parsing a media type needs a JAX-RS runtime, which plain unit tests do not have. */
  private final MediaType type;
  private final String extension;

  ExportFormat(String mediaType, MediaType type, String extension) {
    this.mediaType = mediaType;
    this.type = type;
    this.extension = extension;
  }

  public String mediaType() {
    return mediaType;
  }

  public String extension() {
    return extension;
  }

  /**
   * The format asked for: the query parameter wins; otherwise the first acceptable media type this export offers;
   * a wildcard or no Accept header gets the export's default.
   */
  static ExportFormat choose(String format, List<MediaType> accepted, Set<ExportFormat> offered, ExportFormat fallback) {
    if (format != null && !format.isBlank()) {
      ExportFormat wanted;
      try {
        wanted = valueOf(format.strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw ProblemException.invalid("format", "EXPORT_FORMAT_UNKNOWN", "Formats are xlsx, pdf and csv.");
      }
      if (!offered.contains(wanted)) {
        throw ProblemException.invalid(
            "format", "EXPORT_FORMAT_UNSUPPORTED", "This export is offered as " + names(offered) + ".");
      }
      return wanted;
    }
    if (accepted == null || accepted.isEmpty()) {
      return fallback;
    }
    for (MediaType m : accepted) {
      if (m.isWildcardType() || (m.isWildcardSubtype() && m.getType().equals("application"))) {
        return fallback;
      }
      for (ExportFormat f : values()) {
        if (offered.contains(f) && m.isCompatible(f.type)) {
          return f;
        }
      }
    }
    throw new ProblemException(406, "EXPORT_NOT_ACCEPTABLE", "Not acceptable",
        "This export is offered as " + names(offered) + "; ask with ?format= or an Accept header naming one.");
  }

  private static String names(Set<ExportFormat> offered) {
    return offered.stream().map(f -> f.extension).sorted().toList().toString();
  }
}
