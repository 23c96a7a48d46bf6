package org.shouhu.services.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.UUID;
import org.shouhu.beneficiaries.control.Enrolments;
import org.shouhu.beneficiaries.entity.BeneficiaryId;
import org.shouhu.contracts.entity.Project;
import org.shouhu.contracts.entity.ProjectId;
import org.shouhu.contracts.entity.ProjectStatus;
import org.shouhu.contracts.entity.ServiceKind;
import org.shouhu.problems.entity.InvalidValueException;
import org.shouhu.problems.entity.ProblemException;
import org.shouhu.problems.entity.StateConflictException;
import org.shouhu.regions.control.Regions;
import org.shouhu.regions.entity.DivisionCode;
import org.shouhu.services.control.ServiceRecords.Actor;
import org.shouhu.services.control.ServiceRecords.Visit;
import org.shouhu.services.entity.SchoolActivity;
import org.shouhu.services.entity.ServiceFlag;
import org.shouhu.services.entity.ServiceRecord;

/**
 * Logging and revising school activities (进校园活动). The same path as a home visit: the same rules
 * ({@link ServiceRules}: time order, duration, period, area, deliverable kind, enrolled participants,
 * double-booking, late entry), the worker's advisory lock and the period lock, all borrowed from
 * {@link ServiceRecords}; submitting, review and voiding are the record's common verbs there.
 */
@ApplicationScoped
public class SchoolActivities {

  @PersistenceContext(unitName = "shouhu")
  EntityManager em;

  @Inject ServiceRecords records;
  @Inject Enrolments enrolments;
  @Inject Regions regions;

  /** The content of a school activity as the worker writes it; the participants may be none. */
  public record Activity(
      OffsetDateTime startedAt, OffsetDateTime endedAt, DivisionCode place, Set<BeneficiaryId> participants,
      SchoolActivity report) {

    Visit asVisit() {
      return new Visit(startedAt, endedAt, place, participants, null);
    }
  }

  public ServiceRecord log(ProjectId projectId, UUID deliverableId, Activity activity, boolean submit, UUID worker) {
    Project project = enrolments.ownProject(projectId);
    if (project.status() != ProjectStatus.ACTIVE) {
      throw new StateConflictException("SVC_PROJECT_NOT_ACTIVE", "Work is logged against active projects only.");
    }
    regions.requireKnown(activity.place(), "placeCode");
    records.lockWorker(worker);
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    Set<ServiceFlag> flags = ServiceRules.judge(
        records.candidate(project, deliverableId, ServiceKind.SCHOOL_ACTIVITY, null, worker, activity.asVisit(), now));
    records.guardLock(activity.startedAt(), project, records.zone(), null);
    ServiceRecord record;
    try {
      record = ServiceRecord.schoolActivity(projectId, deliverableId, worker, activity.startedAt(), activity.endedAt(),
          activity.place(), activity.participants(), activity.report(), flags);
    } catch (InvalidValueException e) {
      throw ProblemException.invalid(fieldOf(e), e);
    }
    if (submit) {
      record.submit();
    }
    em.persist(record);
    return record;
  }

  public ServiceRecord revise(UUID id, Activity activity, Actor actor) {
    ServiceRecord record = records.owned(id, actor);
    if (record.kind() != ServiceKind.SCHOOL_ACTIVITY) {
      // As if there were no such school activity: the id names a record of another kind.
      throw ProblemException.notFound("School activity");
    }
    Project project = enrolments.ownProject(record.projectId());
    regions.requireKnown(activity.place(), "placeCode");
    ZoneId zone = records.zone();
    PeriodLockRule.Lock was = records.guardLock(record.startedAt(), project, zone, actor);
    records.lockWorker(record.workerId());
    Set<ServiceFlag> flags = ServiceRules.judge(records.candidate(project, record.deliverableId(), record.kind(),
        record.id(), record.workerId(), activity.asVisit(), record.createdAt()));
    PeriodLockRule.Lock becomes = records.guardLock(activity.startedAt(), project, zone, actor);
    try {
      record.reviseSchoolActivity(activity.startedAt(), activity.endedAt(), activity.place(), activity.participants(),
          activity.report(), flags);
    } catch (InvalidValueException e) {
      throw ProblemException.invalid(fieldOf(e), e);
    }
    records.auditLockedChange(record, "REVISE", was != null ? was : becomes, actor);
    return record;
  }

  private static String fieldOf(InvalidValueException e) {
    return "SVC_PARTICIPANT_COUNT_BELOW_LIST".equals(e.code()) ? "schoolActivity.participantCount" : "";
  }
}
