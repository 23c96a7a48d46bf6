package org.shouhu.regions.control;

import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.shouhu.regions.entity.DivisionCode.Level;

/**
 * Fills the empty {@code region} table with provinces, cities, counties and towns as the application starts,
 * after the schema migration (priority 100) and before anything that validates division codes.
 *
 * <p>Runs as the application role, which may insert into {@code region} and nothing more: the load needs no
 * owner rights, so it gets none. One transaction and one {@code COPY}: a crash mid-load leaves the table
 * empty and the next start simply tries again, never a half tree. An advisory lock keeps two instances started
 * together against one database from both loading.
 *
 * <p>A table that already holds rows is left alone, even if the shipped files are newer: replacing divisions
 * that stored records point at is a decision for a migration, not for a restart.
 */
@ApplicationScoped
public class RegionSeed {

  private static final Logger LOG = Logger.getLogger(RegionSeed.class.getName());
  // pg_advisory_xact_lock(classid, objid): 2260 for GB/T 2260, 0 for "the whole table".
  static final int LOCK_CLASS = 2260;

  @Resource(lookup = "java:app/jdbc/shouhu")
  DataSource dataSource;

  void seed(@Observes @Priority(200) Startup startup) {
    long started = System.nanoTime();
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        lock(c);
        if (holdsRows(c)) {
          c.rollback();
          LOG.info("region table already loaded; left as it is");
          return;
        }
        DivisionTree tree = DivisionTree.shipped();
        long parsed = System.nanoTime();
        long copied = copy(c, tree.parentsFirst());
        c.commit();
        long done = System.nanoTime();
        LOG.info(
            () ->
                "region table loaded: " + copied + " divisions " + countByLevel(tree.parentsFirst())
                    + " in " + millis(started, done) + " ms (reading files " + millis(started, parsed)
                    + " ms, COPY and commit " + millis(parsed, done) + " ms)");
      } catch (SQLException | IOException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException | IOException e) {
      throw new IllegalStateException("could not load the region table", e);
    }
  }

  private static void lock(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("select pg_advisory_xact_lock(" + LOCK_CLASS + ", 0)");
    }
  }

  private static boolean holdsRows(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select exists (select 1 from region)")) {
      rs.next();
      return rs.getBoolean(1);
    }
  }

  private static long copy(Connection c, List<Division> rows) throws SQLException, IOException {
    return c.unwrap(PGConnection.class)
        .getCopyAPI()
        .copyIn(
            "copy region (code, name, level, parent_code) from stdin with (format csv)",
            new StringReader(csv(rows)));
  }

  /** CSV as COPY reads it: an unquoted empty field is NULL, which is what a province's parent is. */
  static String csv(List<Division> rows) {
    StringBuilder csv = new StringBuilder(rows.size() * 48);
    for (Division d : rows) {
      csv.append(d.code().value())
          .append(",\"")
          .append(d.name().replace("\"", "\"\""))
          .append("\",")
          .append(d.level().name())
          .append(',');
      if (d.parent() != null) {
        csv.append(d.parent().value());
      }
      csv.append('\n');
    }
    return csv.toString();
  }

  private static Map<Level, Integer> countByLevel(List<Division> rows) {
    Map<Level, Integer> counts = new EnumMap<>(Level.class);
    rows.forEach(d -> counts.merge(d.level(), 1, Integer::sum));
    return counts;
  }

  private static long millis(long from, long to) {
    return (to - from) / 1_000_000;
  }
}
