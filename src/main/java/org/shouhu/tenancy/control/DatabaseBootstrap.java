package org.shouhu.tenancy.control;

import java.nio.file.Path;
import java.util.Map;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.flywaydb.core.Flyway;

/**
 * Brings the database to the current schema version exactly once per JVM, connected as the schema owner, before
 * anything connects as the application. The application's own pool uses a different, non-owner role, which is
 * what makes row-level security binding (an owner bypasses RLS unless FORCE is set; a superuser always does).
 *
 * <p>When no database URL has been configured explicitly, an embedded PostgreSQL is started first: the real
 * server, from Maven-shipped binaries, with its data under {@code shouhu.data.dir} so a restart keeps it.
 *
 * <p>It is static because the first caller is EclipseLink logging in while the application is still being
 * deployed (see {@link SchemaBeforeLogin}), before CDI exists.
 */
public final class DatabaseBootstrap {

  private static final Logger LOG = Logger.getLogger(DatabaseBootstrap.class.getName());
  /** Sources with an ordinal above the application's own defaults (100) were set by an operator. */
  private static final int APPLICATION_DEFAULTS_ORDINAL = 100;

  private static AutoCloseable embedded;
  private static volatile boolean ready;

  private DatabaseBootstrap() {}

  public static synchronized void ensureReady(Config config) {
    if (ready) {
      return;
    }
    String url = config.getValue("shouhu.db.url", String.class);
    String owner = config.getValue("shouhu.db.user", String.class);
    String ownerPassword = config.getValue("shouhu.db.password", String.class);
    String appRole = config.getValue("shouhu.db.app-user", String.class);
    if (isEmbedded(config)) {
      int port = config.getValue("shouhu.db.embedded.port", Integer.class);
      Path dir = Path.of(config.getValue("shouhu.data.dir", String.class), "pgdata");
      embedded = EmbeddedServer.start(dir, port);
      Runtime.getRuntime().addShutdownHook(new Thread(DatabaseBootstrap::stop, "embedded-postgres-stop"));
      EmbeddedServer.ensureRolesAndDatabase(port, owner, appRole, "shouhu");
      LOG.info(() -> "embedded PostgreSQL ready on 127.0.0.1:" + port + ", data in " + dir);
    }
    var result =
        Flyway.configure(DatabaseBootstrap.class.getClassLoader())
            .dataSource(url, owner, ownerPassword)
            .locations("classpath:db/migration")
            .placeholders(Map.of("appRole", appRole))
            .failOnMissingLocations(true)
            .load()
            .migrate();
    LOG.info(
        () ->
            "schema at version "
                + (result.targetSchemaVersion != null ? result.targetSchemaVersion : "(unchanged)")
                + ", "
                + result.migrationsExecuted
                + " migration(s) applied");
    ready = true;
  }

  public static boolean isEmbedded(Config config) {
    return config.getConfigValue("shouhu.db.url").getSourceOrdinal() <= APPLICATION_DEFAULTS_ORDINAL;
  }

  public static boolean isReady() {
    return ready;
  }

  static synchronized void stop() {
    if (embedded != null) {
      try {
        embedded.close();
      } catch (Exception e) {
        LOG.warning("embedded PostgreSQL did not stop cleanly: " + e);
      }
      embedded = null;
      ready = false;
    }
  }
}
