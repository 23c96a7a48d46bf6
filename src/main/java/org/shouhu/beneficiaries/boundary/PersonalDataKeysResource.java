package org.shouhu.beneficiaries.boundary;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.shouhu.beneficiaries.control.KeyVersions;
import org.shouhu.tenancy.boundary.JobWorker;
import org.shouhu.tenancy.control.JobQueue;
import org.shouhu.tenancy.entity.JobKind;
import org.shouhu.problems.entity.ProblemException;

/**
 * The platform operator's view of the personal-data key versions: which one seals new values, how many sealed
 * values each version still holds (over every tenant), and the re-sealing job's progress. Rotating makes a new
 * version current and queues the re-sealing job; once no value uses an old version any more, it can be retired.
 * Key material never leaves the server: only ids, states and counts.
 */
@ApplicationScoped
@Path("v1/platform/keys")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("PLATFORM_ADMIN")
@Transactional
public class PersonalDataKeysResource {

  static final String KEY_UNKNOWN = "KEY_UNKNOWN";
  static final String KEY_IS_CURRENT = "KEY_IS_CURRENT";
  static final String KEY_STILL_IN_USE = "KEY_STILL_IN_USE";
  static final String KEY_ROTATION_SETTLING = "KEY_ROTATION_SETTLING";

  @Inject KeyVersions versions;
  @Inject KeyUsage usage;
  @Inject JobQueue queue;
  @Inject JobWorker worker;
  @Context UriInfo uri;

  @Inject
  @ConfigProperty(name = "shouhu.crypto.refresh-seconds", defaultValue = "5")
  int refreshSeconds;

  /** @param values how many sealed values (identifiers, phone numbers, notes, upload chunks) this version holds */
  public record VersionView(
      String id, String state, String source, long values, OffsetDateTime createdAt, OffsetDateTime retiredAt) {}

  /** @param resealed values the job has re-sealed so far (committed batches) */
  public record ResealingView(
      UUID id,
      String status,
      long resealed,
      int attempts,
      String leasedBy,
      OffsetDateTime leasedUntil,
      String failureCode,
      OffsetDateTime createdAt,
      OffsetDateTime finishedAt) {

    static ResealingView of(JobQueue.Status s) {
      return new ResealingView(s.id(), s.status(), s.progress(), s.attempts(), s.leasedBy(), s.leasedUntil(),
          s.failureCode(), s.createdAt(), s.finishedAt());
    }
  }

  /**
   * @param remaining sealed values under any version but the current one: what re-sealing has left to do
   * @param resealing the newest re-sealing job, or null
   */
  public record KeysView(String current, List<VersionView> versions, long remaining, ResealingView resealing) {}

  @GET
  public KeysView get() {
    Map<String, Long> counts = usage.countByKey();
    List<KeyVersions.Version> all = versions.list();
    String current = all.stream().filter(v -> v.state() == KeyVersions.State.CURRENT).findFirst().orElseThrow().id();
    List<VersionView> views = new ArrayList<>();
    for (KeyVersions.Version v : all) {
      views.add(new VersionView(v.id(), v.state().name(), v.source(), counts.getOrDefault(v.id(), 0L), v.createdAt(),
          v.retiredAt()));
    }
    // A key id found in the data but neither configured nor generated: those values cannot be opened.
    counts.forEach((id, n) -> {
      if (all.stream().noneMatch(v -> v.id().equals(id))) {
        views.add(new VersionView(id, "MISSING", "NONE", n, null, null));
      }
    });
    long remaining = counts.entrySet().stream().filter(e -> !e.getKey().equals(current)).mapToLong(Map.Entry::getValue).sum();
    ResealingView job = queue.newest(JobKind.RESEAL_PERSONAL_DATA, 1).stream().findFirst().map(ResealingView::of).orElse(null);
    return new KeysView(current, views, remaining, job);
  }

  /** A new version becomes current at once; the re-sealing job is queued (unless one is still unfinished). */
  @POST
  @Path("rotations")
  public Response rotate() {
    versions.rotate();
    queueResealing();
    return Response.accepted(get()).location(uri.getBaseUriBuilder().path("v1/platform/keys").build()).build();
  }

  /** Queues a re-sealing job by hand, e.g. when a retirement was refused because values were written meanwhile. */
  @POST
  @Path("resealing")
  public Response reseal() {
    queueResealing();
    return Response.accepted(get()).location(uri.getBaseUriBuilder().path("v1/platform/keys").build()).build();
  }

  /**
   * Retires a version that no sealed value uses any more. Refused for the current version, for one still holding
   * values, and until every node has had time to take up the current version (values a slow node sealed with the
   * old one would otherwise become unreadable). Retiring a retired version again changes nothing.
   */
  @POST
  @Path("{id}/retirement")
  public KeysView retire(@PathParam("id") String id) {
    KeyVersions.Version version = versions.find(id).orElseThrow(() -> new ProblemException(
        404, KEY_UNKNOWN, "Key unknown", "No personal-data key version '" + id + "' is configured or generated."));
    if (version.state() == KeyVersions.State.RETIRED) {
      return get();
    }
    if (version.state() == KeyVersions.State.CURRENT) {
      throw ProblemException.conflict(KEY_IS_CURRENT,
          "Key '" + id + "' seals every new value. Rotate first, let the re-sealing job finish, then retire it.");
    }
    long inUse = usage.countByKey().getOrDefault(id, 0L);
    if (inUse > 0) {
      throw ProblemException.conflict(KEY_STILL_IN_USE, inUse + " sealed values still use key '" + id + "'. Wait"
          + " for the re-sealing job to finish (GET /api/v1/platform/keys shows its progress), or queue one with"
          + " POST /api/v1/platform/keys/resealing, then retire the key.");
    }
    Long age = versions.currentAgeSeconds();
    if (age != null && age < 2L * refreshSeconds) {
      throw ProblemException.conflict(KEY_ROTATION_SETTLING, "The current key was made current " + age + " s ago;"
          + " other nodes may still seal with older keys for up to " + (2 * refreshSeconds) + " s. Try again then.");
    }
    versions.retire(id);
    return get();
  }

  private void queueResealing() {
    if (!queue.anyUnfinished(JobKind.RESEAL_PERSONAL_DATA)) {
      queue.enqueue(UUID.randomUUID(), JobKind.RESEAL_PERSONAL_DATA, null);
      worker.pollAfterCommit();
    }
  }
}
