package org.shouhu.services.entity;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.shouhu.beneficiaries.entity.BeneficiaryId;
import org.shouhu.contracts.entity.ProjectId;
import org.shouhu.problems.entity.InvalidValueException;
import org.shouhu.problems.entity.StateConflictException;
import org.shouhu.tenancy.entity.TenantOwned;
import org.shouhu.tenancy.entity.Voiding;

/**
 * A group (小组) of one of the organization's projects: a name, a purpose, a planned number of sessions, its
 * facilitator and its members, beneficiaries enrolled in the project who {@link #join join} and {@link #leave leave}
 * on dates. Each session is a {@link ServiceRecord} of kind GROUP_SESSION, numbered in the group
 * ({@link #numberNextSession}), with an attendance line for every member of that day
 * ({@link #takeAttendance}); its participants are the members present.
 *
 * <pre>
 *   OPEN ──close(on, summary)──► CLOSED
 *    │ join, leave, sessions
 *   OPEN or CLOSED ──void(reason)──► VOIDED
 * </pre>
 *
 * Memberships are ended, never deleted, so attendance of past sessions keeps making sense.
 */
@Entity
@Table(name = "service_group")
public class ServiceGroup extends TenantOwned {

  public static final int NAME_MAX = 100;
  public static final int PURPOSE_MAX = 2000;
  public static final int SUMMARY_MAX = 2000;
  public static final int MAX_PLANNED_SESSIONS = 100;
  public static final int MAX_MEMBERS = 50;
  public static final int SCHEDULE_MAX = 200;

  @Id private UUID id;

  @Column(name = "project_id", nullable = false, updatable = false)
  private UUID projectId;

  @Column(nullable = false)
  private String name;

  @Column(nullable = false)
  private String purpose;

  @Column(name = "planned_sessions", nullable = false)
  private int plannedSessions;

  @Column(name = "facilitator_id", nullable = false)
  private UUID facilitatorId;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private GroupStatus status;

  @Column(name = "session_count", nullable = false)
  private int sessionCount;

  @Column(name = "member_count", nullable = false)
  private int memberCount;

  @Column(name = "closed_on")
  private LocalDate closedOn;

  @Column(name = "closure_summary")
  private String closureSummary;

  @Column(name = "closed_by")
  private UUID closedBy;

  /** When the group meets, as whoever set it up wrote it ("每周三 16:00"). */
  @Column
  private String schedule;

  @Embedded private Voiding voiding;

  @Column(name = "created_by", nullable = false, updatable = false)
  private UUID createdBy;

  @OneToMany(cascade = {CascadeType.PERSIST, CascadeType.MERGE})
  @JoinColumn(name = "group_id", referencedColumnName = "id", insertable = false, updatable = false)
  @OrderBy("position")
  private List<GroupMember> members = new ArrayList<>();

  protected ServiceGroup() {}

  /** The facilitator sets the group up, OPEN and without members yet. */
  public static ServiceGroup open(ProjectId project, String name, String purpose, int plannedSessions, UUID facilitator) {
    return open(project, name, purpose, plannedSessions, null, facilitator, facilitator);
  }

  /**
   * A group set up OPEN and without members yet, by its facilitator or by a supervisor naming the facilitator.
   *
   * @param schedule when it meets, in the words of whoever set it up ("每周三 16:00"); optional
   */
  public static ServiceGroup open(
      ProjectId project, String name, String purpose, int plannedSessions, String schedule, UUID facilitator,
      UUID createdBy) {
    if (plannedSessions < 1 || plannedSessions > MAX_PLANNED_SESSIONS) {
      throw new InvalidValueException("GRP_PLANNED_SESSIONS_RANGE", "A group plans 1 to " + MAX_PLANNED_SESSIONS + " sessions.");
    }
    ServiceGroup g = new ServiceGroup();
    g.id = UUID.randomUUID();
    g.projectId = project.value();
    g.name = text(name, NAME_MAX, "Name the group.");
    g.purpose = text(purpose, PURPOSE_MAX, "Say what the group is for.");
    g.plannedSessions = plannedSessions;
    g.schedule = schedule == null || schedule.isBlank() ? null : text(schedule, SCHEDULE_MAX, null);
    g.facilitatorId = Objects.requireNonNull(facilitator, "facilitator");
    g.createdBy = Objects.requireNonNull(createdBy, "created by");
    g.status = GroupStatus.OPEN;
    return g;
  }

  /**
   * OPEN only: {@code person} (whom the control layer found enrolled in the project) joins on {@code on}. Someone
   * already a member, or who left on or after that day, cannot join again on it.
   */
  public void join(BeneficiaryId person, LocalDate on, LocalDate today) {
    requireOpen("take members");
    requireNotFuture(on, today);
    boolean overlapping = members.stream()
        .filter(m -> m.beneficiaryId().equals(person))
        .anyMatch(m -> m.isCurrent() || !m.leftOn().isBefore(on));
    if (overlapping) {
      throw new StateConflictException("GRP_ALREADY_MEMBER", "This person is already a member of the group on that day.");
    }
    if (current().size() >= MAX_MEMBERS) {
      throw new StateConflictException("GRP_FULL", "A group has at most " + MAX_MEMBERS + " members at a time.");
    }
    members.add(new GroupMember(id, members.size() + 1, person, on));
    memberCount = current().size();
  }

  /** OPEN only: a current member leaves on {@code on} (the last day they belong). */
  public void leave(BeneficiaryId person, LocalDate on, LocalDate today) {
    requireOpen("change members");
    requireNotFuture(on, today);
    GroupMember member = members.stream()
        .filter(m -> m.isCurrent() && m.beneficiaryId().equals(person))
        .findFirst()
        .orElseThrow(() -> new StateConflictException("GRP_NOT_A_MEMBER", "This person is not a current member of the group."));
    if (on.isBefore(member.joinedOn())) {
      throw new InvalidValueException("GRP_LEFT_BEFORE_JOINED", "A member leaves on or after the day they joined (" + member.joinedOn() + ").");
    }
    member.leave(on);
    memberCount = current().size();
  }

  /** OPEN only: the number of the session about to be logged (1 for the first). */
  public int numberNextSession() {
    requireOpen("hold sessions");
    sessionCount++;
    return sessionCount;
  }

  /** Sessions are logged and revised while the group is OPEN. */
  public void requireOpenForSessions() {
    requireOpen("hold sessions");
  }

  /**
   * Checks a session's attendance against the members of {@code day}: every member has a line, nobody else does,
   * and someone came. Answers those present, the session's participants.
   */
  public Set<BeneficiaryId> takeAttendance(LocalDate day, Map<BeneficiaryId, Attendance> lines) {
    Set<BeneficiaryId> expected = membersOn(day);
    String strangers = lines.keySet().stream().filter(b -> !expected.contains(b)).map(Object::toString)
        .collect(Collectors.joining(", "));
    if (!strangers.isEmpty()) {
      throw new InvalidValueException("GRP_NOT_A_MEMBER", "Not members of the group on " + day + ": " + strangers + ".");
    }
    String missing = expected.stream().filter(b -> !lines.containsKey(b)).map(Object::toString)
        .collect(Collectors.joining(", "));
    if (!missing.isEmpty()) {
      throw new InvalidValueException("GRP_ATTENDANCE_INCOMPLETE", "Say whether these members came: " + missing + ".");
    }
    Set<BeneficiaryId> present = new LinkedHashSet<>();
    lines.forEach((b, a) -> {
      if (a == Attendance.PRESENT) {
        present.add(b);
      }
    });
    if (present.isEmpty()) {
      throw new InvalidValueException("GRP_NOBODY_PRESENT", "A session nobody came to is not a session.");
    }
    return present;
  }

  /**
   * OPEN → CLOSED on a day with a summary, by the facilitator or a supervisor.
   *
   * @param open the group's sessions still DRAFT, SUBMITTED or RETURNED
   */
  public void close(LocalDate on, String summary, UUID by, LocalDate today, int open) {
    requireOpen("be closed");
    requireNotFuture(on, today);
    if (open > 0) {
      throw new StateConflictException(
          "GRP_SESSIONS_PENDING", open + " session(s) of this group are not settled yet: have them approved or voided first.");
    }
    closureSummary = text(summary, SUMMARY_MAX, "Summarize the group's work.");
    closedOn = on;
    closedBy = by;
    status = GroupStatus.CLOSED;
  }

  /** OPEN or CLOSED → VOIDED, with the reason; its sessions are settled first. */
  public void voidBecause(String reason, UUID by, int open) {
    if (status == GroupStatus.VOIDED) {
      throw new StateConflictException("GRP_ALREADY_VOIDED", "This group is already voided.");
    }
    if (open > 0) {
      throw new StateConflictException(
          "GRP_SESSIONS_PENDING", open + " session(s) of this group are not settled yet: have them approved or voided first.");
    }
    voiding = Voiding.because(reason, by, "GRP_VOID_REASON_REQUIRED", "Say why the group is voided.");
    status = GroupStatus.VOIDED;
  }

  /** The members on {@code day}, in the order they joined. */
  public Set<BeneficiaryId> membersOn(LocalDate day) {
    Set<BeneficiaryId> on = new LinkedHashSet<>();
    members.stream().filter(m -> m.isMemberOn(day)).forEach(m -> on.add(m.beneficiaryId()));
    return on;
  }

  /** An open group passes to another facilitator (caseload transfer); its sessions stay as logged. */
  public void reassignTo(UUID facilitator) {
    requireOpen("pass to another facilitator");
    facilitatorId = Objects.requireNonNull(facilitator, "facilitator");
  }

  public boolean isFacilitatedBy(UUID user) {
    return facilitatorId.equals(user);
  }

  private List<GroupMember> current() {
    return members.stream().filter(GroupMember::isCurrent).toList();
  }

  private void requireOpen(String what) {
    if (status != GroupStatus.OPEN) {
      throw new StateConflictException("GRP_NOT_OPEN", "Only an open group can " + what + "; this one is " + status + ".");
    }
  }

  private static void requireNotFuture(LocalDate on, LocalDate today) {
    if (on == null) {
      throw new InvalidValueException("REQUIRED", "A date is required.");
    }
    if (on.isAfter(today)) {
      throw new InvalidValueException("GRP_DATE_IN_FUTURE", "Record it once it has happened.");
    }
  }

  private static String text(String value, int max, String missing) {
    if (value == null || value.isBlank()) {
      throw new InvalidValueException("REQUIRED", missing);
    }
    if (value.strip().length() > max) {
      throw new InvalidValueException("TOO_LONG", "At most " + max + " characters.");
    }
    return value.strip();
  }

  public UUID id() {
    return id;
  }

  public ProjectId projectId() {
    return new ProjectId(projectId);
  }

  public String name() {
    return name;
  }

  public String purpose() {
    return purpose;
  }

  public int plannedSessions() {
    return plannedSessions;
  }

  public UUID facilitatorId() {
    return facilitatorId;
  }

  public String schedule() {
    return schedule;
  }

  public GroupStatus status() {
    return status;
  }

  public int sessionCount() {
    return sessionCount;
  }

  public int memberCount() {
    return memberCount;
  }

  /** Every membership, past and current, in the order they began. */
  public List<GroupMember> memberships() {
    return List.copyOf(members);
  }

  public LocalDate closedOn() {
    return closedOn;
  }

  public String closureSummary() {
    return closureSummary;
  }

  public UUID closedBy() {
    return closedBy;
  }

  public String voidReason() {
    return voiding == null ? null : voiding.reason();
  }
}
