package org.shouhu.regions.boundary;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Optional;
import org.shouhu.problems.entity.InvalidValueException;
import org.shouhu.problems.entity.ProblemException;
import org.shouhu.regions.control.Regions;
import org.shouhu.regions.control.VillageImport;
import org.shouhu.regions.entity.DivisionCode;
import org.shouhu.regions.entity.Region;

/**
 * Browsing and searching the divisions of China, for pickers and for checking a code by eye. Any signed-in
 * role may read; importing a county's villages is for the roles that set organizations and bureaus up.
 *
 * <p>Query parameters are taken as text and parsed here: a JAX-RS conversion failure of {@code limit=abc}
 * would answer 404, and a caller deserves a 400 naming the parameter.
 */
@Path("v1/regions")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"SOCIAL_WORKER", "SUPERVISOR", "ORG_ADMIN", "BUREAU_OFFICER", "PLATFORM_ADMIN"})
@ApplicationScoped
public class RegionsResource {

  /** Looked up once: each Json.create*() would search the class path for a provider again. */
  private static final JsonProvider JSON = JsonProvider.provider();

  static final int DEFAULT_LIMIT = 20;
  static final int MAX_LIMIT = 100;
  // Longer than any division name (the longest village name has 33 characters) and short enough to be cheap.
  static final int MAX_QUERY_LENGTH = 50;

  @Inject Regions regions;
  @Inject VillageImport villageImport;

  /**
   * Without {@code q}: the divisions directly below {@code parent}, or the provinces. With {@code q}: divisions
   * whose name contains it, optionally only {@code within} one division, at most {@code limit}.
   */
  @GET
  public JsonArray list(
      @QueryParam("parent") String parent,
      @QueryParam("q") String q,
      @QueryParam("within") String within,
      @QueryParam("limit") String limit) {
    if (q != null) {
      if (parent != null) {
        throw ProblemException.invalid(
            "parent", "PARENT_WITH_QUERY", "A name search is narrowed with 'within', not 'parent'.");
      }
      return array(search(q, within, limit));
    }
    if (within != null || limit != null) {
      throw ProblemException.invalid(
          within != null ? "within" : "limit",
          "QUERY_REQUIRED",
          "'within' and 'limit' narrow a name search; give the name to look for in 'q'.");
    }
    if (parent == null) {
      return array(regions.provinces());
    }
    DivisionCode code = code("parent", parent);
    if (!regions.exists(code)) {
      throw ProblemException.notFound("Division " + code);
    }
    return array(regions.children(code));
  }

  /** One division and the chain above it, province first and the division itself last. */
  @GET
  @Path("{code}")
  public JsonObject get(@PathParam("code") String raw) {
    DivisionCode code = code("code", raw);
    List<Region> path = regions.path(code);
    if (path.isEmpty()) {
      throw ProblemException.notFound("Division " + code);
    }
    return json(path.get(path.size() - 1)).add("path", array(path)).build();
  }

  /** Makes the villages of one county available; repeating it is harmless and answers the same count. */
  @POST
  @Path("{countyCode}/village-import")
  @Transactional
  @RolesAllowed({"PLATFORM_ADMIN", "BUREAU_OFFICER", "ORG_ADMIN"})
  public JsonObject importVillages(@PathParam("countyCode") String raw) {
    VillageImport.Imported imported = villageImport.importVillages(code("countyCode", raw), "countyCode");
    return JSON.createObjectBuilder()
        .add("countyCode", imported.county().value())
        .add("villages", imported.villages())
        .add("importedAt", imported.importedAt().toInstant().toString())
        .build();
  }

  private List<Region> search(String q, String within, String limit) {
    String text = q.strip();
    if (text.isEmpty()) {
      throw ProblemException.invalid("q", "QUERY_BLANK", "Give at least one character of the name to look for.");
    }
    if (text.length() > MAX_QUERY_LENGTH) {
      throw ProblemException.invalid(
          "q", "QUERY_TOO_LONG", "A name search is at most " + MAX_QUERY_LENGTH + " characters.");
    }
    Optional<DivisionCode> scope = Optional.ofNullable(within).map(w -> code("within", w));
    if (scope.isPresent() && !regions.exists(scope.get())) {
      throw ProblemException.notFound("Division " + scope.get());
    }
    return regions.search(text, scope, limit(limit));
  }

  private static int limit(String raw) {
    if (raw == null) {
      return DEFAULT_LIMIT;
    }
    try {
      int limit = Integer.parseInt(raw.strip());
      if (limit >= 1 && limit <= MAX_LIMIT) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // answered below, like any other value out of range
    }
    throw ProblemException.invalid("limit", "LIMIT_RANGE", "'limit' is a whole number from 1 to " + MAX_LIMIT + ".");
  }

  private static DivisionCode code(String field, String raw) {
    try {
      return DivisionCode.of(raw);
    } catch (InvalidValueException e) {
      throw ProblemException.invalid(field, e);
    }
  }

  private static JsonArray array(List<Region> regions) {
    JsonArrayBuilder array = JSON.createArrayBuilder();
    regions.forEach(r -> array.add(json(r)));
    return array.build();
  }

  private static JsonObjectBuilder json(Region r) {
    JsonObjectBuilder json =
        JSON.createObjectBuilder()
            .add("code", r.code().value())
            .add("name", r.name())
            .add("level", r.level().name());
    r.parentCode().ifPresentOrElse(p -> json.add("parentCode", p.value()), () -> json.addNull("parentCode"));
    return json;
  }
}
