package org.shouhu.services.boundary;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.OffsetDateTime;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.shouhu.audit.control.AuditTrail;
import org.shouhu.beneficiaries.entity.BeneficiaryId;
import org.shouhu.contracts.entity.ProjectId;
import org.shouhu.problems.boundary.Fields;
import org.shouhu.problems.entity.InvalidValueException;
import org.shouhu.regions.entity.DivisionCode;
import org.shouhu.services.control.SchoolActivities;
import org.shouhu.services.control.SchoolActivities.Activity;
import org.shouhu.services.control.ServiceRecords.Actor;
import org.shouhu.services.entity.SchoolActivity;
import org.shouhu.services.entity.SchoolTopic;
import org.shouhu.services.entity.ServiceRecord;
import org.shouhu.tenancy.boundary.BindTenant;
import org.shouhu.tenancy.boundary.Caller;

/**
 * School activities (进校园活动) of the caller's organization: workers log and revise them. Everything else is the
 * common path of every service record in {@link ServicesResource} (read, submit, review, void) and evidence files in
 * {@link RecordEvidenceResource}. Every POST may carry an {@code Idempotency-Key}.
 */
@ApplicationScoped
@Path("v1/services/school-activities")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed("SOCIAL_WORKER")
@Transactional
@BindTenant
public class SchoolActivitiesResource {

  static final int MAX_LISTED = 50;

  @Inject SchoolActivities activities;
  @Inject Caller caller;
  @Inject AuditTrail audit;
  @Context UriInfo uri;

  public record SchoolActivityForm(String schoolName, String topic, String topicNote, Integer participantCount) {}

  public record NewSchoolActivity(
      String projectId, String deliverableId, String startedAt, String endedAt, String placeCode,
      List<String> participants, SchoolActivityForm schoolActivity, Boolean submit) {}

  public record Revision(
      String startedAt, String endedAt, String placeCode, List<String> participants,
      SchoolActivityForm schoolActivity) {}

  @POST
  public Response log(NewSchoolActivity request) {
    Fields check = Fields.of(request);
    UUID project = check.parse("projectId", () -> Fields.id(request.projectId()));
    UUID deliverable = check.parse("deliverableId", () -> Fields.id(request.deliverableId()));
    Activity activity = activity(check, request.startedAt(), request.endedAt(), request.placeCode(),
        request.participants(), request.schoolActivity());
    check.verify();
    boolean submit = Boolean.TRUE.equals(request.submit());
    ServiceRecord record = activities.log(new ProjectId(project), deliverable, activity, submit, caller.userId());
    audit.record(caller.userId(), "SERVICE_LOGGED", "service_record", record.id(), record.kind().name());
    if (submit) {
      audit.record(caller.userId(), "SERVICE_SUBMITTED", "service_record", record.id(), null);
    }
    // The record's home is /services/{id}, whatever its kind.
    return Response.created(uri.getBaseUriBuilder().path("v1/services").path(record.id().toString()).build())
        .entity(ServiceView.of(record))
        .build();
  }

  @POST
  @Path("{id}/revise")
  public ServiceView revise(@PathParam("id") String id, Revision request) {
    UUID recordId = Fields.pathId(id, "School activity");
    Fields check = Fields.of(request);
    Activity activity = activity(check, request.startedAt(), request.endedAt(), request.placeCode(),
        request.participants(), request.schoolActivity());
    check.verify();
    ServiceRecord record = activities.revise(recordId, activity,
        new Actor(caller.userId(), caller.hasRole("SUPERVISOR") || caller.hasRole("ORG_ADMIN"), caller.hasRole("ORG_ADMIN")));
    audit.record(caller.userId(), "SERVICE_REVISED", "service_record", record.id(), null);
    return ServiceView.of(record);
  }

  private static Activity activity(
      Fields check, String startedAt, String endedAt, String placeCode, List<String> participants,
      SchoolActivityForm form) {
    OffsetDateTime start = check.parse("startedAt", () -> ServicesResource.instant(startedAt));
    OffsetDateTime end = check.parse("endedAt", () -> ServicesResource.instant(endedAt));
    DivisionCode place = check.parse("placeCode", () -> place(placeCode));
    Set<BeneficiaryId> people = new LinkedHashSet<>();
    if (participants != null && participants.size() > MAX_LISTED) {
      check.add("participants", "TOO_LONG", "At most " + MAX_LISTED + " participants are listed; count the rest.");
    } else if (participants != null) {
      for (int i = 0; i < participants.size(); i++) {
        String raw = participants.get(i);
        UUID id = check.parse("participants[" + i + "]", () -> Fields.id(raw));
        if (id != null) {
          people.add(new BeneficiaryId(id));
        }
      }
    }
    SchoolActivity report = null;
    if (check.present("schoolActivity", form) != null) {
      String school = check.text("schoolActivity.schoolName", form.schoolName(), SchoolActivity.SCHOOL_MAX);
      SchoolTopic topic = check.parse("schoolActivity.topic",
          () -> Fields.constant(SchoolTopic.class, form.topic(), "SVC_SCHOOL_TOPIC_UNKNOWN"));
      String note = check.optionalText("schoolActivity.topicNote", form.topicNote(), SchoolActivity.TOPIC_NOTE_MAX);
      Integer count = check.present("schoolActivity.participantCount", form.participantCount());
      if (topic == SchoolTopic.OTHER && (form.topicNote() == null || form.topicNote().isBlank())) {
        check.add("schoolActivity.topicNote", "SVC_TOPIC_NOTE_REQUIRED", "Say what the topic was when it is OTHER.");
      }
      if (count != null && (count < 1 || count > SchoolActivity.MAX_COUNT)) {
        check.add("schoolActivity.participantCount", "SVC_PARTICIPANT_COUNT_RANGE",
            "Between 1 and " + SchoolActivity.MAX_COUNT + " people take part in an activity.");
      } else if (count != null && count < people.size()) {
        check.add("schoolActivity.participantCount", "SVC_PARTICIPANT_COUNT_BELOW_LIST",
            "The count (" + count + ") is smaller than the list of participants (" + people.size() + ").");
      }
      if (check.ok()) {
        report = check.parse("schoolActivity", () -> SchoolActivity.of(school, topic, note, count));
      }
    }
    return new Activity(start, end, place, people, report);
  }

  private static DivisionCode place(String raw) {
    DivisionCode code = DivisionCode.of(raw);
    if (code.level() != DivisionCode.Level.TOWN && code.level() != DivisionCode.Level.VILLAGE) {
      throw new InvalidValueException("SVC_PLACE_LEVEL", "A school's place is its village (12 digits) or town (9 digits).");
    }
    return code;
  }
}
