package org.shouhu.regions.control;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.shouhu.problems.entity.ProblemException;
import org.shouhu.regions.control.ChinaDivisionCsv.Table;
import org.shouhu.regions.entity.DivisionCode;
import org.shouhu.regions.entity.DivisionCode.Level;
import org.shouhu.regions.entity.Region;

/**
 * Adds the villages (村/社区) of one county to the region table, from the shipped file, on request. Villages are
 * imported per county rather than at startup because there are 620,000 of them and an organization works in a
 * handful of counties.
 *
 * <p>Idempotent: the import is recorded in {@code region_village_import} in the same transaction as the rows,
 * and a recorded county is answered from the record without touching the file. Concurrent imports of one
 * county queue on an advisory lock, so the second finds the first one's record. Must run inside the caller's
 * transaction (the boundary's {@code @Transactional}); runs as the application role.
 */
@ApplicationScoped
public class VillageImport {

  private static final Logger LOG = Logger.getLogger(VillageImport.class.getName());
  private static final int BATCH = 500;

  @Resource(lookup = "java:app/jdbc/shouhu")
  DataSource dataSource;

  @Inject Regions regions;

  /** What a county holds after an import, whether this call did it or an earlier one. */
  public record Imported(DivisionCode county, int villages, OffsetDateTime importedAt) {}

  /**
   * @param county a county, or a city without counties whose towns hang directly below it (东莞市 441900)
   * @param field the request field that carried the code, for the 400
   * @throws ProblemException 404 when the county is not in the table, 400 {@code NOT_A_COUNTY} for any other
   *     level
   */
  public Imported importVillages(DivisionCode county, String field) {
    // The digits alone rule out provinces, towns and villages, known or not.
    if (county.level() != Level.COUNTY && county.level() != Level.CITY) {
      throw notACounty(county, field, "a " + county.level());
    }
    Region region = regions.find(county).orElseThrow(() -> ProblemException.notFound("Division " + county));
    try (Connection c = dataSource.getConnection()) {
      if (!holdsTowns(c, region)) {
        throw notACounty(county, field, region.name() + ", a " + region.level());
      }
      lock(c, county);
      Optional<Imported> earlier = recorded(c, county);
      if (earlier.isPresent()) {
        return earlier.get();
      }
      long started = System.nanoTime();
      int villages = insertVillages(c, county);
      Imported imported = record(c, county, villages);
      LOG.info(
          () ->
              "imported " + villages + " villages of " + county + " " + region.name() + " in "
                  + (System.nanoTime() - started) / 1_000_000 + " ms");
      return imported;
    } catch (SQLException e) {
      throw new IllegalStateException("village import of " + county + " failed", e);
    }
  }

  private static ProblemException notACounty(DivisionCode code, String field, String what) {
    return ProblemException.invalid(
        field, "NOT_A_COUNTY", "Villages are imported per county; " + code + " is " + what + ".");
  }

  /** A county always does; a city only when it has no counties and its towns sit directly below it. */
  private static boolean holdsTowns(Connection c, Region region) throws SQLException {
    if (region.level() == Level.COUNTY) {
      return true;
    }
    if (region.level() != Level.CITY) {
      return false;
    }
    try (PreparedStatement s =
        c.prepareStatement("select exists (select 1 from region where parent_code = ? and level = 'TOWN')")) {
      s.setString(1, region.code().value());
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getBoolean(1);
      }
    }
  }

  private static void lock(Connection c, DivisionCode county) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("select pg_advisory_xact_lock(?, ?)")) {
      s.setInt(1, RegionSeed.LOCK_CLASS);
      s.setInt(2, Integer.parseInt(county.value()));
      s.execute();
    }
  }

  private static Optional<Imported> recorded(Connection c, DivisionCode county) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "select village_count, imported_at from region_village_import where county_code = ?")) {
      s.setString(1, county.value());
      try (ResultSet rs = s.executeQuery()) {
        return rs.next()
            ? Optional.of(new Imported(county, rs.getInt(1), rs.getObject(2, OffsetDateTime.class)))
            : Optional.empty();
      }
    }
  }

  private static int insertVillages(Connection c, DivisionCode county) throws SQLException {
    // "do nothing" only guards against a village that reached the table some other way; the record written
    // in this transaction is what makes the import as a whole happen once.
    try (InputStream villages = ChinaDivisionCsv.open(Table.VILLAGES);
        PreparedStatement insert =
            c.prepareStatement(
                "insert into region (code, name, level, parent_code) values (?, ?, 'VILLAGE', ?)"
                    + " on conflict (code) do nothing")) {
      int[] pending = {0};
      int count =
          ChinaDivisionCsv.read(
              Table.VILLAGES,
              villages,
              county.value(),
              village -> {
                try {
                  insert.setString(1, village.code().value());
                  insert.setString(2, village.name());
                  insert.setString(3, village.parent().value());
                  insert.addBatch();
                  if (++pending[0] == BATCH) {
                    insert.executeBatch();
                    pending[0] = 0;
                  }
                } catch (SQLException e) {
                  throw new IllegalStateException("could not insert village " + village.code(), e);
                }
              });
      if (pending[0] > 0) {
        insert.executeBatch();
      }
      return count;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Imported record(Connection c, DivisionCode county, int villages) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "insert into region_village_import (county_code, imported_at, village_count)"
                + " values (?, now(), ?) returning imported_at")) {
      s.setString(1, county.value());
      s.setInt(2, villages);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return new Imported(county, villages, rs.getObject(1, OffsetDateTime.class));
      }
    }
  }
}
