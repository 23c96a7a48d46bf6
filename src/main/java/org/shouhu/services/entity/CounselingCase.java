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
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.time.Period;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.shouhu.beneficiaries.entity.BeneficiaryId;
import org.shouhu.beneficiaries.entity.Consent;
import org.shouhu.beneficiaries.entity.ConsentMethod;
import org.shouhu.beneficiaries.entity.PersonName;
import org.shouhu.beneficiaries.entity.Relationship;
import org.shouhu.contracts.entity.ProjectId;
import org.shouhu.problems.entity.InvalidValueException;
import org.shouhu.problems.entity.StateConflictException;
import org.shouhu.tenancy.entity.TenantOwned;
import org.shouhu.tenancy.entity.Voiding;

/**
 * A counseling case (个案): one client, enrolled in one of the organization's projects, worked by one case worker
 * from intake to closure.
 *
 * <p>Lifecycle: {@link #open opened} at INTAKE with the presenting issue; {@link #assess assessed}; a
 * {@link #plan plan} of ordered goals makes it PLANNED, and only then are sessions logged
 * ({@link #numberNextSession}; each session is a {@link ServiceRecord} of kind COUNSELING_SESSION, reviewed like any
 * record). The worker {@link #proposeClosure proposes closure} with an outcome and a summary; a supervisor
 * {@link #confirmClosure confirms} it (CLOSED) or {@link #returnClosure returns} it with a comment to the state it
 * was proposed from. A case opened by mistake is {@link #voidBecause voided} with a reason. Nothing is deleted.
 *
 * <pre>
 *   INTAKE ──assess──► ASSESSED ──plan(goals)──► PLANNED ──┐ plan again, sessions
 *     │                  │ assess again             │ ◄────┘
 *     └──────────────────┴──── proposeClosure ──────┴──► CLOSING ──confirm (supervisor)──► CLOSED
 *                        ◄── returnClosure (supervisor): back where it was proposed from
 *   any state but VOIDED ──void(reason)──► VOIDED
 * </pre>
 *
 * <p>Intake says who referred the client and records consent to counseling; a client under {@link #AGE_OF_MAJORITY}
 * cannot be taken in without it, and under 14 it is the guardian's (the register's {@link Consent} rule). Each goal
 * of the plan says by when and how it is measured; the plan may say how often sessions are held, which is all
 * {@link #nextSessionDue} knows. A closure proposal rates every current goal ({@link GoalOutcome}); a returned
 * proposal leaves the supervisor's comment for the worker and clears the ratings with the rest of the proposal.
 *
 * <p>Closure is a two-person act, like a record's review: the case worker proposes, a supervisor other than the
 * worker confirms, because a confirmed closure is what counts toward the project's CASE deliverable. It counts only
 * if the case names that deliverable and had at least one approved session when closure was proposed: a client
 * who withdrew right after intake is closed, not delivered. An outcome of GOALS_MET or PARTLY_MET needs such a
 * session; no session of the case may still be open (DRAFT, SUBMITTED, RETURNED) when closure is proposed.
 */
@Entity
@Table(name = "counseling_case")
public class CounselingCase extends TenantOwned {

  public static final int ISSUE_MAX = 2000;
  public static final int ASSESSMENT_MAX = 4000;
  public static final int SUMMARY_MAX = 2000;
  public static final int COMMENT_MAX = 1000;
  public static final int MAX_GOALS = 10;
  public static final int AGE_OF_MAJORITY = 18;
  public static final int MAX_SESSION_EVERY_DAYS = 90;

  private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

  @Id private UUID id;

  @Column(name = "project_id", nullable = false, updatable = false)
  private UUID projectId;

  @Column(name = "deliverable_id", updatable = false)
  private UUID deliverableId;

  @Column(name = "beneficiary_id", nullable = false, updatable = false)
  private UUID beneficiaryId;

  @Column(name = "worker_id", nullable = false)
  private UUID workerId;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private CaseStatus status;

  @Column(name = "intake_on", nullable = false, updatable = false)
  private LocalDate intakeOn;

  @Column(name = "presenting_issue", nullable = false, updatable = false)
  private String presentingIssue;

  private String assessment;

  @Column(name = "assessed_at")
  private OffsetDateTime assessedAt;

  @Column(name = "planned_at")
  private OffsetDateTime plannedAt;

  @Column(name = "session_count", nullable = false)
  private int sessionCount;

  @Enumerated(EnumType.STRING)
  private CaseOutcome outcome;

  @Column(name = "closure_summary")
  private String closureSummary;

  @Column(name = "closure_proposed_at")
  private OffsetDateTime closureProposedAt;

  @Column(name = "approved_sessions")
  private Integer approvedSessions;

  @Column(name = "closure_comment")
  private String closureComment;

  @Column(name = "closed_by")
  private UUID closedBy;

  @Column(name = "closed_at")
  private OffsetDateTime closedAt;

  @Embedded private Voiding voiding;

  @Column(name = "created_by", nullable = false, updatable = false)
  private UUID createdBy;

  @Enumerated(EnumType.STRING)
  @Column(name = "referral_source", updatable = false)
  private ReferralSource referralSource;

  @Column(name = "consent_given_on", updatable = false)
  private LocalDate consentGivenOn;

  @Column(name = "consent_given_by", updatable = false)
  private String consentGivenBy;

  @Enumerated(EnumType.STRING)
  @Column(name = "consent_relationship", updatable = false)
  private Relationship consentRelationship;

  @Enumerated(EnumType.STRING)
  @Column(name = "consent_method", updatable = false)
  private ConsentMethod consentMethod;

  @Column(name = "session_every_days")
  private Integer sessionEveryDays;

  @OneToMany(cascade = {CascadeType.PERSIST, CascadeType.MERGE})
  @JoinColumn(name = "case_id", referencedColumnName = "id", insertable = false, updatable = false)
  @OrderBy("position")
  private List<CounselingGoal> goals = new ArrayList<>();

  protected CounselingCase() {}

  /**
   * The worker takes a client in (接案). The control layer has checked the project, the enrolment and the
   * deliverable.
   *
   * @param deliverableId the project's CASE deliverable this case counts toward, or null
   * @param consent consent to counseling; required when the client is a minor on {@code intakeOn}
   * @param clientBornOn the client's birth date as registered (null when unknown: consent is then not demanded)
   */
  public static CounselingCase open(
      ProjectId project, UUID deliverableId, BeneficiaryId client, UUID worker, LocalDate intakeOn,
      String presentingIssue, ReferralSource referral, Consent consent, LocalDate clientBornOn) {
    CounselingCase c = new CounselingCase();
    c.id = UUID.randomUUID();
    c.projectId = project.value();
    c.deliverableId = deliverableId;
    c.beneficiaryId = Objects.requireNonNull(client, "client").value();
    c.workerId = Objects.requireNonNull(worker, "worker");
    c.createdBy = worker;
    c.intakeOn = Objects.requireNonNull(intakeOn, "intake date");
    c.presentingIssue = text(presentingIssue, ISSUE_MAX, "REQUIRED", "Say why the case is opened.");
    if (referral == null) {
      throw new InvalidValueException("CASE_REFERRAL_REQUIRED", "Say who referred the client.");
    }
    c.referralSource = referral;
    if (consent == null) {
      if (clientBornOn != null && Period.between(clientBornOn, intakeOn).getYears() < AGE_OF_MAJORITY) {
        throw new InvalidValueException("CASE_CONSENT_REQUIRED", "A minor is taken in with recorded consent to counseling.");
      }
    } else {
      if (clientBornOn != null) {
        consent.requireValidFor(clientBornOn);
      }
      c.consentGivenOn = consent.givenOn();
      c.consentGivenBy = consent.givenBy().value();
      c.consentRelationship = consent.relationship();
      c.consentMethod = consent.method();
    }
    c.status = CaseStatus.INTAKE;
    return c;
  }

  /** INTAKE or ASSESSED → ASSESSED: the worker's assessment (预估), which a later one replaces. */
  public void assess(String text) {
    if (status != CaseStatus.INTAKE && status != CaseStatus.ASSESSED) {
      throw new StateConflictException(
          "CASE_NOT_ASSESSABLE", "Only a case at intake or assessed is assessed; this one is " + status + ".");
    }
    assessment = text(text, ASSESSMENT_MAX, "REQUIRED", "Write the assessment.");
    assessedAt = now();
    status = CaseStatus.ASSESSED;
  }

  /**
   * ASSESSED or PLANNED → PLANNED: the goals of the service plan (服务计划), in order, and how many days apart
   * sessions are meant to be (null: not said). A revised plan rewrites the goals by position; positions beyond the
   * new plan are dropped.
   */
  public void plan(List<Goal> newGoals, Integer sessionEveryDays) {
    if (status != CaseStatus.ASSESSED && status != CaseStatus.PLANNED) {
      throw new StateConflictException(
          "CASE_NOT_PLANNABLE", "A plan follows the assessment and precedes closure; this case is " + status + ".");
    }
    if (newGoals == null || newGoals.isEmpty()) {
      throw new InvalidValueException("CASE_GOALS_REQUIRED", "A plan has at least one goal.");
    }
    if (newGoals.size() > MAX_GOALS) {
      throw new InvalidValueException("CASE_TOO_MANY_GOALS", "A plan has at most " + MAX_GOALS + " goals.");
    }
    if (sessionEveryDays != null && (sessionEveryDays < 1 || sessionEveryDays > MAX_SESSION_EVERY_DAYS)) {
      throw new InvalidValueException(
          "CASE_SESSION_EVERY_RANGE", "Sessions are planned 1 to " + MAX_SESSION_EVERY_DAYS + " days apart.");
    }
    List<Goal> checked = newGoals.stream().map(this::checked).toList();
    for (int position = 1; position <= Math.max(checked.size(), goals.size()); position++) {
      CounselingGoal existing = position <= goals.size() ? goals.get(position - 1) : null;
      if (position > checked.size()) {
        existing.drop();
      } else if (existing != null) {
        existing.rewrite(checked.get(position - 1));
      } else {
        goals.add(new CounselingGoal(id, position, checked.get(position - 1)));
      }
    }
    this.sessionEveryDays = sessionEveryDays;
    plannedAt = now();
    status = CaseStatus.PLANNED;
  }

  private Goal checked(Goal g) {
    if (g == null) {
      throw new InvalidValueException("REQUIRED", "A goal says what should change.");
    }
    String what = text(g.goal(), CounselingGoal.MAX_LENGTH, "REQUIRED", "A goal says what should change.");
    String measure = g.measure() == null || g.measure().isBlank() ? null : text(g.measure(), CounselingGoal.MAX_LENGTH, "REQUIRED", "");
    if (g.dueOn() != null && g.dueOn().isBefore(intakeOn)) {
      throw new InvalidValueException("CASE_GOAL_DUE_BEFORE_INTAKE", "A goal is due after the intake.");
    }
    return new Goal(what, g.dueOn(), measure);
  }

  /** The current goal at {@code position} (1 first), if the plan has one there. */
  public Optional<CounselingGoal> goalAt(int position) {
    return goals.stream().filter(g -> g.position() == position && g.isCurrent()).findFirst();
  }

  /**
   * When the next session is due: the last session's day (or the plan's, before any session) plus the plan's
   * interval. Null when the plan names no interval or the case takes no sessions.
   *
   * @param lastSessionOn the day of the case's latest session that is not voided, or null
   */
  public LocalDate nextSessionDue(LocalDate lastSessionOn) {
    if (status != CaseStatus.PLANNED || sessionEveryDays == null) {
      return null;
    }
    LocalDate from = lastSessionOn != null ? lastSessionOn : plannedAt.atZoneSameInstant(CHINA).toLocalDate();
    return from.plusDays(sessionEveryDays);
  }

  /** PLANNED only: the number of the session about to be logged (1 for the first), counted once taken. */
  public int numberNextSession() {
    requirePlanned();
    sessionCount++;
    return sessionCount;
  }

  /** Sessions are logged and revised only while the case is PLANNED. */
  public void requirePlanned() {
    if (status != CaseStatus.PLANNED) {
      throw new StateConflictException(
          "CASE_NOT_PLANNED", "Sessions are held once the case has a plan and until closure; this case is " + status + ".");
    }
  }

  /**
   * INTAKE, ASSESSED or PLANNED → CLOSING: the worker proposes closure with an outcome, a summary and, once there is
   * a plan, the outcome of every current goal.
   *
   * @param goalOutcomes goal position → its outcome
   * @param approved the case's sessions approved so far
   * @param open its sessions still DRAFT, SUBMITTED or RETURNED
   */
  public void proposeClosure(CaseOutcome how, String summary, Map<Integer, GoalOutcome> goalOutcomes, int approved, int open) {
    if (status != CaseStatus.INTAKE && status != CaseStatus.ASSESSED && status != CaseStatus.PLANNED) {
      throw new StateConflictException("CASE_NOT_CLOSABLE", "Only an open case is proposed for closure; this one is " + status + ".");
    }
    if (open > 0) {
      throw new StateConflictException(
          "CASE_SESSIONS_PENDING", open + " session(s) of this case are not settled yet: have them approved or voided first.");
    }
    if (how == null) {
      throw new InvalidValueException("CASE_OUTCOME_UNKNOWN", "Say how the case ended.");
    }
    if (how.claimsWork() && approved == 0) {
      throw new StateConflictException(
          "CASE_NO_APPROVED_SESSION", "Goals are met through sessions: this case has no approved session.");
    }
    Map<Integer, GoalOutcome> rated = goalOutcomes == null ? Map.of() : goalOutcomes;
    for (Integer position : rated.keySet()) {
      if (position == null || goalAt(position).isEmpty()) {
        throw new InvalidValueException("CASE_GOAL_UNKNOWN", "The plan has no goal " + position + ".");
      }
    }
    List<CounselingGoal> current = goals.stream().filter(CounselingGoal::isCurrent).toList();
    for (CounselingGoal g : current) {
      if (rated.get(g.position()) == null) {
        throw new InvalidValueException("CASE_GOAL_OUTCOME_REQUIRED", "Say what became of goal " + g.position() + ".");
      }
    }
    closureSummary = text(summary, SUMMARY_MAX, "REQUIRED", "Summarize the case at closure.");
    current.forEach(g -> g.conclude(rated.get(g.position())));
    outcome = how;
    approvedSessions = approved;
    closureProposedAt = now();
    status = CaseStatus.CLOSING;
  }

  /** CLOSING → CLOSED by a supervisor other than the case worker. */
  public void confirmClosure(UUID by) {
    requireClosing(by);
    closedBy = by;
    closedAt = now();
    status = CaseStatus.CLOSED;
  }

  /** CLOSING → back where closure was proposed from, with the supervisor's comment saying what is missing. */
  public void returnClosure(String comment, UUID by) {
    requireClosing(by);
    closureComment = text(comment, COMMENT_MAX, "CASE_CLOSURE_COMMENT_REQUIRED", "Say why the case is not closed yet.");
    outcome = null;
    closureSummary = null;
    approvedSessions = null;
    closureProposedAt = null;
    goals.forEach(g -> g.conclude(null));
    status = plannedAt != null ? CaseStatus.PLANNED : assessedAt != null ? CaseStatus.ASSESSED : CaseStatus.INTAKE;
  }

  /**
   * Any state but VOIDED → VOIDED, with the reason on record.
   *
   * @param open the case's sessions still DRAFT, SUBMITTED or RETURNED: they are settled first, so no session of a
   *     voided case is still waiting for review
   */
  public void voidBecause(String reason, UUID by, int open) {
    if (status == CaseStatus.VOIDED) {
      throw new StateConflictException("CASE_ALREADY_VOIDED", "This case is already voided.");
    }
    if (open > 0) {
      throw new StateConflictException(
          "CASE_SESSIONS_PENDING", open + " session(s) of this case are not settled yet: have them approved or voided first.");
    }
    voiding = Voiding.because(reason, by, "CASE_VOID_REASON_REQUIRED", "Say why the case is voided.");
    status = CaseStatus.VOIDED;
  }

  /** A confirmed closure of a case that named its CASE deliverable and was worked (an approved session). */
  public boolean countsTowardDeliverable() {
    return status == CaseStatus.CLOSED && deliverableId != null && approvedSessions != null && approvedSessions > 0;
  }

  /**
   * An open case passes to another worker (caseload transfer): the history stays as logged, the new worker holds
   * the sessions from now on. Closed and voided cases keep the worker who held them.
   */
  public void reassignTo(UUID worker) {
    if (status == CaseStatus.CLOSED || status == CaseStatus.VOIDED) {
      throw new StateConflictException("CASE_NOT_OPEN", "Only an open case passes to another worker; this one is " + status + ".");
    }
    workerId = Objects.requireNonNull(worker, "worker");
  }

  public boolean isWorkedBy(UUID user) {
    return workerId.equals(user);
  }

  private void requireClosing(UUID by) {
    if (status != CaseStatus.CLOSING) {
      throw new StateConflictException("CASE_NOT_CLOSING", "Only a case proposed for closure is confirmed or returned; this one is " + status + ".");
    }
    if (workerId.equals(by)) {
      throw new StateConflictException("CASE_SELF_CONFIRM", "The case worker does not confirm their own closure.");
    }
  }

  private static String text(String value, int max, String missingCode, String missingMessage) {
    if (value == null || value.isBlank()) {
      throw new InvalidValueException(missingCode, missingMessage);
    }
    if (value.strip().length() > max) {
      throw new InvalidValueException("TOO_LONG", "At most " + max + " characters.");
    }
    return value.strip();
  }

  private static OffsetDateTime now() {
    return OffsetDateTime.now(ZoneOffset.UTC);
  }

  public UUID id() {
    return id;
  }

  public ProjectId projectId() {
    return new ProjectId(projectId);
  }

  public UUID deliverableId() {
    return deliverableId;
  }

  public BeneficiaryId client() {
    return new BeneficiaryId(beneficiaryId);
  }

  public UUID workerId() {
    return workerId;
  }

  public CaseStatus status() {
    return status;
  }

  public LocalDate intakeOn() {
    return intakeOn;
  }

  public String presentingIssue() {
    return presentingIssue;
  }

  public String assessment() {
    return assessment;
  }

  public OffsetDateTime assessedAt() {
    return assessedAt;
  }

  public OffsetDateTime plannedAt() {
    return plannedAt;
  }

  /** The goals of the current plan, in order. */
  public List<CounselingGoal> goals() {
    return goals.stream().filter(CounselingGoal::isCurrent).toList();
  }

  public ReferralSource referralSource() {
    return referralSource;
  }

  /** The consent to counseling recorded at intake; null when none was (an adult, or a case from before #12). */
  public Consent consent() {
    return consentGivenOn == null
        ? null
        : new Consent(consentGivenOn, new PersonName(consentGivenBy), consentRelationship, consentMethod);
  }

  public Integer sessionEveryDays() {
    return sessionEveryDays;
  }

  public int sessionCount() {
    return sessionCount;
  }

  public CaseOutcome outcome() {
    return outcome;
  }

  public String closureSummary() {
    return closureSummary;
  }

  public OffsetDateTime closureProposedAt() {
    return closureProposedAt;
  }

  public Integer approvedSessions() {
    return approvedSessions;
  }

  public String closureComment() {
    return closureComment;
  }

  public UUID closedBy() {
    return closedBy;
  }

  public OffsetDateTime closedAt() {
    return closedAt;
  }

  public String voidReason() {
    return voiding == null ? null : voiding.reason();
  }

  public OffsetDateTime voidedAt() {
    return voiding == null ? null : voiding.at();
  }
}
