package org.shouhu.services.entity;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.shouhu.beneficiaries.entity.BeneficiaryId;
import org.shouhu.contracts.entity.CodeSetConverter;
import org.shouhu.contracts.entity.ProjectId;
import org.shouhu.problems.entity.InvalidValueException;
import org.shouhu.problems.entity.StateConflictException;
import org.shouhu.regions.entity.DivisionCode;
import org.shouhu.tenancy.entity.Timestamped;
import org.shouhu.tenancy.entity.Voiding;

/**
 * A mandatory report (强制报告) and its handling, as the 通报处置卡 records it: a worker found something about a
 * child enrolled in one of the organization's projects (suspected abuse, neglect, a missing guardian, dropping out,
 * no household registration), reported it to the authorities, and the organization follows it to its end.
 *
 * <p>Lifecycle: {@link #raise raised} OPEN, already reported (the card is filled once the report is made); while
 * OPEN, handling {@link #appendStep steps} are appended in order, never edited or removed; it is
 * {@link #close closed} with a date and an outcome. An incident raised by mistake is {@link #voidBecause voided}
 * with a reason, from OPEN or CLOSED; nothing is deleted.
 *
 * <pre>
 *   OPEN ──close(on, outcome)──► CLOSED
 *    │ appendStep                  │
 *    └──────── void(reason) ───────┴──► VOIDED
 * </pre>
 *
 * <p>Shared by two tenants like a project: the row lives in the organization's tenant and names the project's
 * funding bureau, which reads it the same day. So that the bureau never needs the beneficiary's record, the row
 * keeps only the child's masked name and town, copied when the incident is raised.
 */
@Entity
@Table(name = "incident")
public class Incident extends Timestamped {

  public static final int FOUND_MAX = 4000;
  public static final int OUTCOME_MAX = 2000;
  public static final int REFERRED_TO_MAX = 200;
  /** An open report not closed this many days after it was found is overdue for the bureau's follow-up. */
  public static final int FOLLOW_UP_DAYS = 7;

  /** Which of the two parties wrote a step or closed the report. */
  public enum Party { ORGANIZATION, BUREAU }
  /** Days are reckoned in China time, as for service records. */
  public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
  /** Phones' clocks drift: a time up to this far ahead is not "in the future". */
  static final Duration SKEW = Duration.ofMinutes(10);

  @Id private UUID id;

  @Column(name = "tenant_id", nullable = false, updatable = false)
  private UUID organizationId;

  @Column(name = "bureau_id", nullable = false, updatable = false)
  private UUID bureauId;

  @Column(name = "project_id", nullable = false, updatable = false)
  private UUID projectId;

  @Column(name = "source_record_id", updatable = false)
  private UUID sourceRecordId;

  @Column(name = "beneficiary_id", nullable = false, updatable = false)
  private UUID beneficiaryId;

  @Column(name = "child_masked_name", nullable = false, updatable = false)
  private String childMaskedName;

  @Column(name = "town_code", updatable = false)
  private String townCode;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, updatable = false)
  private Concern concern;

  @Column(name = "found_text", nullable = false, updatable = false)
  private String found;

  @Column(name = "found_at", nullable = false, updatable = false)
  private OffsetDateTime foundAt;

  @Convert(converter = CodeSetConverter.class)
  @Column(name = "reported_to", nullable = false, updatable = false)
  private Set<String> reportedTo = new TreeSet<>();

  @Column(name = "reported_at", nullable = false, updatable = false)
  private OffsetDateTime reportedAt;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private IncidentStatus status;

  /** Bumped with every step, so two workers appending at once meet the optimistic lock, not a duplicate key. */
  @Column(name = "step_count", nullable = false)
  private int stepCount;

  @Column(name = "closed_on")
  private LocalDate closedOn;

  private String outcome;

  @Column(name = "closed_by")
  private UUID closedBy;

  @Enumerated(EnumType.STRING)
  @Column(name = "closed_by_party")
  private Party closedByParty;

  @Column(name = "acknowledged_on")
  private LocalDate acknowledgedOn;

  @Column(name = "acknowledged_by")
  private UUID acknowledgedBy;

  @Embedded private Voiding voiding;

  @Column(name = "raised_by", nullable = false, updatable = false)
  private UUID raisedBy;

  @OneToMany(cascade = CascadeType.PERSIST)
  @JoinColumn(name = "incident_id", referencedColumnName = "id", insertable = false, updatable = false)
  @OrderBy("position")
  private List<IncidentStep> steps = new ArrayList<>();

  protected Incident() {}

  /** The parties and the child, as the control layer found them: the project's two tenants and the masked child. */
  public record Subject(
      UUID organizationId, UUID bureauId, ProjectId project, UUID sourceRecordId, BeneficiaryId child,
      String childMaskedName, DivisionCode village) {}

  /** A worker raises the incident once the concern has been reported. */
  public static Incident raise(
      Subject subject, Concern concern, String found, OffsetDateTime foundAt, Report report, UUID by,
      OffsetDateTime now) {
    if (concern == null) {
      throw new InvalidValueException("INC_CONCERN_UNKNOWN", "Say what the concern is.");
    }
    String what = text(found, FOUND_MAX, "REQUIRED", "Say what was found.");
    if (foundAt == null) {
      throw new InvalidValueException("REQUIRED", "Say when it was found.");
    }
    if (foundAt.isAfter(now.plus(SKEW))) {
      throw new InvalidValueException("INC_FOUND_IN_FUTURE", "It cannot have been found in the future.");
    }
    if (report == null) {
      throw new InvalidValueException("INC_REPORTED_TO_REQUIRED", "Say to whom and when it was reported.");
    }
    if (report.at().isAfter(now.plus(SKEW))) {
      throw new InvalidValueException("INC_REPORT_IN_FUTURE", "It cannot have been reported in the future.");
    }
    if (report.at().isBefore(foundAt)) {
      throw new InvalidValueException("INC_REPORT_BEFORE_FOUND", "It was reported before it was found.");
    }
    Incident incident = new Incident();
    incident.id = UUID.randomUUID();
    incident.organizationId = subject.organizationId();
    incident.bureauId = subject.bureauId();
    incident.projectId = subject.project().value();
    incident.sourceRecordId = subject.sourceRecordId();
    incident.beneficiaryId = subject.child().value();
    incident.childMaskedName = subject.childMaskedName();
    incident.townCode = subject.village() == null ? null : subject.village().value().substring(0, 9);
    incident.concern = concern;
    incident.found = what;
    incident.foundAt = foundAt;
    report.to().forEach(a -> incident.reportedTo.add(a.name()));
    incident.reportedAt = report.at();
    incident.status = IncidentStatus.OPEN;
    incident.raisedBy = by;
    return incident;
  }

  /** OPEN only: one more handling step, numbered after the last. Earlier steps stay as they were written. */
  public IncidentStep appendStep(LocalDate takenOn, String action, String doneBy, UUID by, LocalDate today) {
    return appendStep(Party.ORGANIZATION, null, takenOn, action, doneBy, by, today);
  }

  /**
   * OPEN only: the organization's step that referred the child (#17); the caller has checked that {@code referral}
   * is the organization's own referral of this child.
   */
  public IncidentStep appendReferralStep(
      UUID referral, LocalDate takenOn, String action, String doneBy, UUID by, LocalDate today) {
    IncidentStep step = appendStep(Party.ORGANIZATION, null, takenOn, action, doneBy, by, today);
    step.referral(referral);
    return step;
  }

  /**
   * OPEN only: a step by either party; a referral names the department the report was handed to (the step's
   * action says what was asked of it).
   */
  public IncidentStep appendStep(
      Party party, String referredTo, LocalDate takenOn, String action, String doneBy, UUID by, LocalDate today) {
    requireOpen("take handling steps");
    requireDay(takenOn, today, "INC_STEP");
    String what = text(action, IncidentStep.ACTION_MAX, "REQUIRED", "Say what was done.");
    String who = text(doneBy, IncidentStep.DONE_BY_MAX, "REQUIRED", "Say who did it.");
    String to = referredTo == null ? null : text(referredTo, REFERRED_TO_MAX, "INC_REFERRED_TO_REQUIRED", "Name the department.");
    stepCount++;
    IncidentStep step = new IncidentStep(this, stepCount, party, to, takenOn, what, who, by);
    steps.add(step);
    return step;
  }

  /**
   * The bureau has read the report and follows it (once, while OPEN). Until then the report counts on the
   * officer's menu badge.
   */
  public void acknowledge(UUID by, LocalDate today) {
    requireOpen("be acknowledged");
    if (acknowledgedOn != null) {
      throw new StateConflictException("INC_ALREADY_ACKNOWLEDGED", "This report was acknowledged on " + acknowledgedOn + ".");
    }
    this.acknowledgedOn = today;
    this.acknowledgedBy = by;
  }

  /** OPEN → CLOSED, on a day and with the outcome of the handling (结案情况). */
  public void close(LocalDate on, String outcome, UUID by, LocalDate today) {
    close(Party.ORGANIZATION, on, outcome, by, today);
  }

  /** OPEN → CLOSED by either party: the organization ends its handling, or the bureau ends its follow-up. */
  public void close(Party party, LocalDate on, String outcome, UUID by, LocalDate today) {
    requireOpen("be closed");
    requireDay(on, today, "INC_CLOSED");
    this.outcome = text(outcome, OUTCOME_MAX, "INC_OUTCOME_REQUIRED", "Say how the incident ended.");
    this.closedOn = on;
    this.closedBy = by;
    this.closedByParty = party;
    this.status = IncidentStatus.CLOSED;
  }

  /** Whole days since the concern was found (China time): the clock of a mandatory report. */
  public long daysSinceFound(LocalDate today) {
    LocalDate end = status == IncidentStatus.CLOSED ? closedOn : today;
    return Math.max(0, ChronoUnit.DAYS.between(foundAt.atZoneSameInstant(ZONE).toLocalDate(), end));
  }

  /** Open longer than {@link #FOLLOW_UP_DAYS} after it was found. */
  public boolean overdue(LocalDate today) {
    return status == IncidentStatus.OPEN && daysSinceFound(today) > FOLLOW_UP_DAYS;
  }

  /** OPEN or CLOSED → VOIDED: raised by mistake. The incident stays, marked, with the reason. */
  public void voidBecause(String reason, UUID by) {
    if (status == IncidentStatus.VOIDED) {
      throw new StateConflictException("INC_ALREADY_VOIDED", "This incident is already voided.");
    }
    this.voiding = Voiding.because(reason, by, "INC_VOID_REASON_REQUIRED", "Say why the incident is voided.");
    this.status = IncidentStatus.VOIDED;
  }

  /** When the incident was opened here (raised), as a day in China time. */
  public LocalDate openedOn() {
    OffsetDateTime raised = createdAt() == null ? OffsetDateTime.now(ZoneOffset.UTC) : createdAt();
    return raised.atZoneSameInstant(ZONE).toLocalDate();
  }

  /** Whole days the incident has been (or was) open: until today, its closing day, or the day it was voided. */
  public long ageDays(LocalDate today) {
    LocalDate end = switch (status) {
      case OPEN -> today;
      case CLOSED -> closedOn;
      case VOIDED -> voiding.at().atZoneSameInstant(ZONE).toLocalDate();
    };
    return Math.max(0, ChronoUnit.DAYS.between(openedOn(), end));
  }

  public boolean isFundedBy(UUID tenant) {
    return bureauId.equals(tenant);
  }

  private void requireOpen(String what) {
    if (status != IncidentStatus.OPEN) {
      throw new StateConflictException("INC_NOT_OPEN", "Only an open incident can " + what + "; this one is " + status + ".");
    }
  }

  private void requireDay(LocalDate day, LocalDate today, String prefix) {
    if (day == null) {
      throw new InvalidValueException("REQUIRED", "A date (YYYY-MM-DD) is required.");
    }
    if (day.isAfter(today)) {
      throw new InvalidValueException(prefix + "_IN_FUTURE", "The date lies in the future.");
    }
    if (day.isBefore(foundAt.atZoneSameInstant(ZONE).toLocalDate())) {
      throw new InvalidValueException(prefix + "_BEFORE_FOUND", "The date lies before the concern was found.");
    }
  }

  private static String text(String value, int max, String code, String message) {
    if (value == null || value.isBlank()) {
      throw new InvalidValueException(code, message);
    }
    if (value.strip().length() > max) {
      throw new InvalidValueException("TOO_LONG", "At most " + max + " characters.");
    }
    return value.strip();
  }

  public UUID id() {
    return id;
  }

  public UUID organizationId() {
    return organizationId;
  }

  public UUID bureauId() {
    return bureauId;
  }

  public ProjectId projectId() {
    return new ProjectId(projectId);
  }

  public UUID sourceRecordId() {
    return sourceRecordId;
  }

  public BeneficiaryId beneficiaryId() {
    return new BeneficiaryId(beneficiaryId);
  }

  public String childMaskedName() {
    return childMaskedName;
  }

  public String townCode() {
    return townCode;
  }

  public Concern concern() {
    return concern;
  }

  public String found() {
    return found;
  }

  public OffsetDateTime foundAt() {
    return foundAt;
  }

  public Set<Authority> reportedTo() {
    Set<Authority> to = EnumSet.noneOf(Authority.class);
    reportedTo.forEach(a -> to.add(Authority.valueOf(a)));
    return to;
  }

  public OffsetDateTime reportedAt() {
    return reportedAt;
  }

  public IncidentStatus status() {
    return status;
  }

  public List<IncidentStep> steps() {
    return Collections.unmodifiableList(steps);
  }

  public LocalDate closedOn() {
    return closedOn;
  }

  public String outcome() {
    return outcome;
  }

  public UUID closedBy() {
    return closedBy;
  }

  public Party closedByParty() {
    return closedByParty;
  }

  public LocalDate acknowledgedOn() {
    return acknowledgedOn;
  }

  public UUID acknowledgedBy() {
    return acknowledgedBy;
  }

  public String voidReason() {
    return voiding == null ? null : voiding.reason();
  }

  public UUID voidedBy() {
    return voiding == null ? null : voiding.by();
  }

  public OffsetDateTime voidedAt() {
    return voiding == null ? null : voiding.at();
  }

  public UUID raisedBy() {
    return raisedBy;
  }
}
