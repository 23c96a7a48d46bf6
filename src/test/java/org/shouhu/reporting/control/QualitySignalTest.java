package org.shouhu.reporting.control;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.shouhu.reporting.control.BureauReports.QualitySignal;

/**
 * A partial index serves a query only when the query's predicate implies the index's: each quality signal's list is
 * fast only while its predicate is the one of its index, word for word. This holds them together.
 */
class QualitySignalTest {

  private static final Pattern PARTIAL = Pattern.compile("create index report_record_\\w+ on report_record \\([^)]*\\)\\s+where (.+?);",
      Pattern.DOTALL);

  @Test
  void everySignalsPredicateIsThatOfAPartialIndex() throws IOException {
    List<String> indexed = new ArrayList<>();
    for (String migration : List.of("V81__quality_signals.sql", "V115__reporting_drill_down.sql")) {
      Matcher m = PARTIAL.matcher(read("db/migration/" + migration));
      while (m.find()) {
        indexed.add(normal(m.group(1)));
      }
    }
    for (QualitySignal signal : QualitySignal.values()) {
      String predicate = normal(signal.predicate.replaceAll("\\br\\.", ""));
      assertTrue(indexed.contains(predicate), signal + ": no partial index with " + predicate + " in " + indexed);
    }
  }

  private static String normal(String sql) {
    return sql.replaceAll("\\s+", " ").strip();
  }

  private static String read(String resource) throws IOException {
    try (InputStream in = QualitySignalTest.class.getClassLoader().getResourceAsStream(resource)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
