package org.shouhu.tenancy.control;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The embedded PostgreSQL of the dev run and the integration tests. Its classes are not in the WAR: the run
 * profile and the tests add them to Payara Micro's classpath, so a production deployment cannot start one by
 * accident and fails loudly instead when no database is configured.
 */
final class EmbeddedServer {

  private EmbeddedServer() {}

  static AutoCloseable start(Path dataDir, int port) {
    try {
      Class.forName("io.zonky.test.db.postgres.embedded.EmbeddedPostgres");
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(
          "No database configured (set SHOUHU_DB_URL) and embedded PostgreSQL is not on the classpath", e);
    }
    try {
      Files.createDirectories(dataDir);
      EmbeddedPostgres pg =
          EmbeddedPostgres.builder()
              .setDataDirectory(dataDir)
              .setCleanDataDirectory(false)
              .setPort(port)
              .setPGStartupWait(Duration.ofSeconds(60))
              .setServerConfig("listen_addresses", "127.0.0.1")
              .setServerConfig("max_connections", "100")
              .setServerConfig("timezone", "UTC")
              .start();
      Optional<ProcessHandle> postmaster = postmaster(dataDir);
      return () -> {
        try {
          pg.close();
        } finally {
          postmaster.ifPresent(EmbeddedServer::stopIfStillRunning);
        }
      };
    } catch (IOException e) {
      throw new IllegalStateException("embedded PostgreSQL did not start in " + dataDir, e);
    }
  }

  /** The server's process, as its data directory names it while it runs (first line of postmaster.pid). */
  private static Optional<ProcessHandle> postmaster(Path dataDir) {
    try (var lines = Files.lines(dataDir.resolve("postmaster.pid"))) {
      return lines.findFirst().map(String::strip).map(Long::parseLong).flatMap(ProcessHandle::of);
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /**
   * The library stops the server with {@code pg_ctl -D <data dir>}, which cannot find a server whose data directory
   * was deleted while it ran (a developer clearing ~/.shouhu): that server would outlive the JVM. Stopped by its
   * process id instead: SIGINT, PostgreSQL's fast shutdown, which does not wait for the pool's sessions (they may
   * still be open while the container stops beside this hook), and SIGKILL if it is still there 10 s later.
   */
  private static void stopIfStillRunning(ProcessHandle server) {
    if (!server.isAlive() || server.info().command().map(c -> !c.contains("postgres")).orElse(true)) {
      return;
    }
    try {
      new ProcessBuilder("kill", "-INT", Long.toString(server.pid())).inheritIO().start().waitFor(5, TimeUnit.SECONDS);
    } catch (IOException e) {
      server.destroy(); // no kill(1): SIGTERM, a smart shutdown, is the next best
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      server.onExit().get(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      server.destroyForcibly();
    } catch (ExecutionException | TimeoutException e) {
      server.destroyForcibly();
    }
  }

  /**
   * Creates the owner and application roles and the database, as the embedded superuser. Idempotent. The
   * application role is a plain login role: not superuser, not BYPASSRLS, owner of nothing.
   */
  static void ensureRolesAndDatabase(int port, String owner, String appRole, String database) {
    String url = "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    try (Connection c = java.sql.DriverManager.getConnection(url, "postgres", "")) {
      if (!exists(c, "select 1 from pg_roles where rolname = ?", owner)) {
        Database.execute(c, "create role " + identifier(owner) + " login");
      }
      if (!exists(c, "select 1 from pg_roles where rolname = ?", appRole)) {
        Database.execute(
            c, "create role " + identifier(appRole) + " login nosuperuser nobypassrls nocreatedb nocreaterole");
      }
      if (!exists(c, "select 1 from pg_database where datname = ?", database)) {
        Database.execute(
            c,
            "create database " + identifier(database) + " owner " + identifier(owner)
                + " encoding 'UTF8' template template0");
      }
    } catch (SQLException e) {
      throw new IllegalStateException("could not prepare roles in embedded PostgreSQL", e);
    }
  }

  private static boolean exists(Connection c, String sql, String name) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, name);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next();
      }
    }
  }

  private static String identifier(String name) {
    if (!name.matches("[a-z_][a-z0-9_]{0,62}")) {
      throw new IllegalArgumentException("not a plain SQL identifier: " + name);
    }
    return name;
  }
}
