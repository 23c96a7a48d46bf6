package org.shouhu.tenancy.control;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.eclipse.microprofile.config.Config;

/**
 * The database as the rest of the application sees it: ready (migrated) or not, and a connection as the schema
 * owner for the rare maintenance the application role may not do. Startup observers that need the schema run
 * after this one.
 */
@ApplicationScoped
public class Database {

  @Inject Config config;

  void start(@Observes @Priority(100) Startup startup) {
    DatabaseBootstrap.ensureReady(config);
  }

  public boolean isMigrated() {
    return DatabaseBootstrap.isReady();
  }

  public Connection ownerConnection() throws SQLException {
    return DriverManager.getConnection(
        config.getValue("shouhu.db.url", String.class),
        config.getValue("shouhu.db.user", String.class),
        config.getValue("shouhu.db.password", String.class));
  }

  @PreDestroy
  void stop() {
    DatabaseBootstrap.stop();
  }

  static void execute(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
