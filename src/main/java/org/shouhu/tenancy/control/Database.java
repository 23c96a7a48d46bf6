package org.shouhu.tenancy.control;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.flywaydb.core.Flyway;

/**
 * Brings the schema to the current version before the application serves anything, connected as the schema
 * owner. The application's own pool uses a different, non-owner role, which is what makes row-level security
 * binding (an owner bypasses RLS unless FORCE is set; a superuser always does).
 *
 * <p>When no database URL has been configured explicitly, an embedded PostgreSQL is started first: the real
 * server, from Maven-shipped binaries, with its data kept under {@code shouhu.data.dir} so a restart keeps it.
 */
@ApplicationScoped
public class Database {

  private static final Logger LOG = Logger.getLogger(Database.class.getName());
  /** Sources with an ordinal above the application's own defaults (100) were set by an operator. */
  private static final int APPLICATION_DEFAULTS_ORDINAL = 100;

  @Inject Config config;

  private AutoCloseable embedded;
  private volatile boolean migrated;

  /** Runs before anything else observes startup: provisioning and key loading need the schema. */
  void start(@Observes @jakarta.annotation.Priority(100) Startup startup) {
    String url = config.getValue("shouhu.db.url", String.class);
    String owner = config.getValue("shouhu.db.user", String.class);
    String ownerPassword = config.getValue("shouhu.db.password", String.class);
    String appRole = config.getValue("shouhu.db.app-user", String.class);
    if (isEmbedded()) {
      int port = config.getValue("shouhu.db.embedded.port", Integer.class);
      Path dir = Path.of(config.getValue("shouhu.data.dir", String.class), "pgdata");
      embedded = EmbeddedServer.start(dir, port);
      EmbeddedServer.ensureRolesAndDatabase(port, owner, appRole, "shouhu");
      LOG.info(() -> "embedded PostgreSQL ready on 127.0.0.1:" + port + ", data in " + dir);
    }
    migrate(url, owner, ownerPassword, appRole);
  }

  public boolean isEmbedded() {
    return config.getConfigValue("shouhu.db.url").getSourceOrdinal() <= APPLICATION_DEFAULTS_ORDINAL;
  }

  public boolean isMigrated() {
    return migrated;
  }

  private void migrate(String url, String owner, String password, String appRole) {
    var result =
        Flyway.configure(Database.class.getClassLoader())
            .dataSource(url, owner, password)
            .locations("classpath:db/migration")
            .placeholders(Map.of("appRole", appRole))
            .failOnMissingLocations(true)
            .load()
            .migrate();
    migrated = true;
    LOG.info(
        () ->
            "schema at version "
                + (result.targetSchemaVersion != null ? result.targetSchemaVersion : "(unchanged)")
                + ", "
                + result.migrationsExecuted
                + " migration(s) applied");
  }

  /** A plain connection as the schema owner, for maintenance the application role may not do. */
  public Connection ownerConnection() throws SQLException {
    return DriverManager.getConnection(
        config.getValue("shouhu.db.url", String.class),
        config.getValue("shouhu.db.user", String.class),
        config.getValue("shouhu.db.password", String.class));
  }

  @PreDestroy
  void stop() {
    if (embedded != null) {
      try {
        embedded.close();
      } catch (Exception e) {
        LOG.warning("embedded PostgreSQL did not stop cleanly: " + e);
      }
    }
  }

  static void execute(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
