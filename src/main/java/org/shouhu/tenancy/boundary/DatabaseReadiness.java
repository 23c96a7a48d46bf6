package org.shouhu.tenancy.boundary;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.shouhu.tenancy.control.Database;

/** Ready only when the schema is migrated and the application role can reach the database. */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements HealthCheck {

  @Resource(lookup = "java:app/jdbc/shouhu")
  DataSource dataSource;

  @Inject Database database;

  @Override
  public HealthCheckResponse call() {
    var response = HealthCheckResponse.named("database");
    if (!database.isMigrated()) {
      return response.down().withData("reason", "schema not migrated yet").build();
    }
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select 1")) {
      rs.next();
      return response.up().build();
    } catch (Exception e) {
      return response.down().withData("reason", e.getClass().getSimpleName()).build();
    }
  }
}
