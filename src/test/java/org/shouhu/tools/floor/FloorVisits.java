package org.shouhu.tools.floor;

import jakarta.annotation.Resource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.UUID;
import javax.sql.DataSource;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * A home visit as the stack alone would store it: Payara's HTTP, MicroProfile JWT's verification and role check,
 * JAX-RS with a JSON body, one pooled connection and one autocommitted insert of a row shaped like
 * {@code service_record}. No validation, no tenant binding, no row-level security, no idempotency, no audit, no
 * summaries: whatever Shouhu spends above this, it spends on what it promises.
 */
@ApplicationScoped
@Path("visits")
@RolesAllowed("SOCIAL_WORKER")
public class FloorVisits {

  private static final String INSERT =
      "insert into bench_floor_visit (tenant_id, id, project_id, deliverable_id, kind, worker_id, started_at,"
          + " ended_at, place_code, status, submitted_at, flags, present, risk_after, follow_up, created_by,"
          + " created_at, updated_at) values (?, ?, ?, ?, 'HOME_VISIT', ?, ?, ?, ?, 'SUBMITTED', now(), '',"
          + " 'GUARDIAN', 'LOW', ?, ?, now(), now())";

  @Resource(lookup = "java:app/jdbc/floor")
  DataSource db;

  @Inject JsonWebToken token;

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public Response log(JsonObject visit) throws SQLException {
    UUID id = UUID.randomUUID();
    UUID worker = UUID.fromString(token.getSubject());
    try (Connection c = db.getConnection();
        PreparedStatement s = c.prepareStatement(INSERT)) {
      s.setObject(1, UUID.fromString(visit.getString("tenantId")));
      s.setObject(2, id);
      s.setObject(3, UUID.fromString(visit.getString("projectId")));
      s.setObject(4, UUID.fromString(visit.getString("deliverableId")));
      s.setObject(5, worker);
      s.setObject(6, OffsetDateTime.parse(visit.getString("startedAt")));
      s.setObject(7, OffsetDateTime.parse(visit.getString("endedAt")));
      s.setString(8, visit.getString("placeCode"));
      s.setString(9, visit.getString("followUp"));
      s.setObject(10, worker);
      s.executeUpdate();
    }
    return Response.status(201).entity(Json.createObjectBuilder().add("id", id.toString()).build()).build();
  }
}
