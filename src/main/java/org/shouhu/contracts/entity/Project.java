package org.shouhu.contracts.entity;

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
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.shouhu.problems.entity.InvalidValueException;
import org.shouhu.problems.entity.StateConflictException;
import org.shouhu.tenancy.entity.Timestamped;

/**
 * A purchased service project (政府购买服务项目): a bureau buys services for its towns from one organization, for a
 * budget and a period, in the form of deliverables with targets, paid in milestones.
 *
 * <p>The bureau drafts the project and awards it to the organization; while DRAFT it may add deliverables and
 * milestones. Activation fixes them: from then on the organization logs work against the deliverables and
 * nobody changes targets, budget or period. At the end the bureau closes the project, or terminates it early
 * with a reason. A project is never deleted.
 */
@Entity
@Table(name = "project")
public class Project extends Timestamped {

  @Id private UUID id;

  /** The awarded organization's tenant: the project's rows live in its tenant. */
  @Column(name = "tenant_id", nullable = false, updatable = false)
  private UUID organizationId;

  @Column(name = "bureau_id", nullable = false, updatable = false)
  private UUID bureauId;

  @Column(name = "contract_number", nullable = false, updatable = false)
  private String contractNumber;

  @Column(nullable = false)
  private String title;

  @Column(nullable = false)
  private BigDecimal budget;

  @Embedded private ContractPeriod period;

  @Convert(converter = CodeSetConverter.class)
  @Column(name = "covered_towns", nullable = false)
  private Set<String> coveredTowns;

  @Convert(converter = CodeSetConverter.class)
  @Column(name = "target_groups", nullable = false)
  private Set<String> targetGroups;

  /** Days after a month ends before that month's records lock (see service logging). */
  @Column(name = "lock_days", nullable = false)
  private int lockDays;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private ProjectStatus status;

  @Column(name = "status_reason")
  private String statusReason;

  @OneToMany(cascade = CascadeType.PERSIST)
  @JoinColumn(name = "project_id", referencedColumnName = "id", insertable = false, updatable = false)
  @OrderBy("position")
  private List<Deliverable> deliverables = new ArrayList<>();

  @OneToMany(cascade = CascadeType.PERSIST)
  @JoinColumn(name = "project_id", referencedColumnName = "id", insertable = false, updatable = false)
  @OrderBy("dueDate")
  private List<PaymentMilestone> milestones = new ArrayList<>();

  @Column(name = "created_by", updatable = false)
  private UUID createdBy;

  @Column(name = "updated_by")
  private UUID updatedBy;

  protected Project() {}

  private Project(
      UUID bureauId, UUID organizationId, String contractNumber, String title, BigDecimal budget,
      ContractPeriod period, Set<String> towns, Set<TargetGroup> groups, UUID actor) {
    this.id = UUID.randomUUID();
    this.bureauId = bureauId;
    this.organizationId = organizationId;
    this.contractNumber = requireText(contractNumber, "PROJECT_CONTRACT_NUMBER_REQUIRED", 64);
    this.title = requireText(title, "PROJECT_TITLE_REQUIRED", 200);
    this.budget = Budget.check(budget);
    this.period = period;
    this.coveredTowns = new TreeSet<>(towns);
    this.targetGroups = new TreeSet<>();
    groups.forEach(g -> targetGroups.add(g.name()));
    this.lockDays = 10;
    this.status = ProjectStatus.DRAFT;
    this.createdBy = actor;
    this.updatedBy = actor;
  }

  /** The bureau drafts a project awarded to an organization. Towns are checked by the caller against regions. */
  public static Project award(
      UUID bureauId, UUID organizationId, String contractNumber, String title, BigDecimal budget,
      ContractPeriod period, Set<String> coveredTowns, Set<TargetGroup> targetGroups, UUID actor) {
    if (coveredTowns == null || coveredTowns.isEmpty()) {
      throw new InvalidValueException("PROJECT_TOWNS_REQUIRED", "A project covers at least one town.");
    }
    return new Project(bureauId, organizationId, contractNumber, title, budget, period, coveredTowns,
        targetGroups == null ? EnumSet.noneOf(TargetGroup.class) : targetGroups, actor);
  }

  /** Most days a month's service records stay open after the month ends before its period locks. */
  public static final int MAX_LOCK_DAYS = 90;

  /**
   * How many days after a month ends its service records stay open (0–90, 10 unless agreed otherwise); part of the
   * terms, so set while the project is a draft.
   */
  public void keepPeriodsOpenFor(int days) {
    requireDraft("change its lock days");
    if (days < 0 || days > MAX_LOCK_DAYS) {
      throw new InvalidValueException(
          "PROJECT_LOCK_DAYS_RANGE", "Periods lock between 0 and " + MAX_LOCK_DAYS + " days after the month ends.");
    }
    this.lockDays = days;
  }

  /**
   * The parties amend the lock days of a running contract (a draft just {@link #keepPeriodsOpenFor sets} them).
   * Allowed while DRAFT or ACTIVE: once the project has ended its periods stay as they were settled. A shorter
   * window locks past months at once, a longer one reopens them; either is an amendment the audit trail keeps.
   *
   * @return the lock days before the change
   */
  public int amendLockDays(int days, UUID actor) {
    if (status != ProjectStatus.DRAFT && status != ProjectStatus.ACTIVE) {
      throw new StateConflictException(
          "PROJECT_ALREADY_ENDED", "Cannot change the lock days: the project is " + status + ".");
    }
    if (days < 0 || days > MAX_LOCK_DAYS) {
      throw new InvalidValueException(
          "PROJECT_LOCK_DAYS_RANGE", "Periods lock between 0 and " + MAX_LOCK_DAYS + " days after the month ends.");
    }
    int before = lockDays;
    lockDays = days;
    updatedBy = actor;
    return before;
  }

  public Deliverable addDeliverable(
      ServiceKind kind, DeliveryUnit unit, int target, TargetGroup group, Integer minimum, Cadence cadence,
      String description) {
    requireDraft("add deliverables");
    Deliverable d = new Deliverable(this, deliverables.size() + 1, kind, unit, target, group, minimum, cadence, description);
    deliverables.add(d);
    return d;
  }

  public PaymentMilestone addMilestone(
      MilestoneKind kind, String label, BigDecimal sharePercent, LocalDate dueDate, boolean requiresEvaluation) {
    requireDraft("add payment milestones");
    PaymentMilestone m = new PaymentMilestone(this, kind, label, sharePercent, dueDate, requiresEvaluation);
    if (dueDate != null && !period.contains(dueDate) && dueDate.isBefore(period.start())) {
      throw new InvalidValueException("MILESTONE_DUE_BEFORE_PERIOD", "A milestone cannot fall due before the contract starts.");
    }
    if (milestoneShares().add(m.sharePercent()).compareTo(new BigDecimal("100")) > 0) {
      throw new InvalidValueException("MILESTONE_SHARES_EXCEED_BUDGET", "Milestone shares add up to more than 100%.");
    }
    milestones.add(m);
    return m;
  }

  /** DRAFT → ACTIVE. Needs at least one deliverable and, if there are milestones, shares adding up to 100%. */
  public void activate(UUID actor) {
    requireDraft("activate it");
    if (deliverables.isEmpty()) {
      throw new StateConflictException("PROJECT_HAS_NO_DELIVERABLES", "A project needs a deliverable before it starts.");
    }
    if (!milestones.isEmpty() && milestoneShares().compareTo(new BigDecimal("100")) != 0) {
      throw new StateConflictException(
          "PROJECT_MILESTONES_INCOMPLETE", "Milestone shares add up to " + milestoneShares() + "%, not 100%.");
    }
    status = ProjectStatus.ACTIVE;
    updatedBy = actor;
  }

  /** ACTIVE → CLOSED: the contract ran its course. */
  public void close(UUID actor) {
    if (status != ProjectStatus.ACTIVE) {
      throw new StateConflictException("PROJECT_NOT_ACTIVE", "Only an active project can be closed; this one is " + status + ".");
    }
    status = ProjectStatus.CLOSED;
    updatedBy = actor;
  }

  /** DRAFT or ACTIVE → TERMINATED, with the reason on record. */
  public void terminateBecause(String reason, UUID actor) {
    if (status == ProjectStatus.CLOSED || status == ProjectStatus.TERMINATED) {
      throw new StateConflictException("PROJECT_ALREADY_ENDED", "This project is already " + status + ".");
    }
    statusReason = requireText(reason, "PROJECT_TERMINATION_REASON_REQUIRED", 500);
    status = ProjectStatus.TERMINATED;
    updatedBy = actor;
  }

  /**
   * Revises a draft's terms before anyone is bound by them. The contract number stays: it is how the award is known
   * in the bureau's books. Deliverables and milestones are replaced as a whole: {@link #dropParts} first, then added
   * again.
   */
  public void revise(
      String title, BigDecimal budget, ContractPeriod period, Set<String> towns, Set<TargetGroup> groups, UUID actor) {
    requireDraft("revise it");
    if (towns == null || towns.isEmpty()) {
      throw new InvalidValueException("PROJECT_TOWNS_REQUIRED", "A project covers at least one town.");
    }
    this.title = requireText(title, "PROJECT_TITLE_REQUIRED", 200);
    this.budget = Budget.check(budget);
    this.period = period;
    this.coveredTowns = new TreeSet<>(towns);
    this.targetGroups = new TreeSet<>();
    if (groups != null) {
      groups.forEach(g -> targetGroups.add(g.name()));
    }
    this.updatedBy = actor;
  }

  /** Takes a draft's deliverables and milestones off it, for its revision; answers them, for the store to delete. */
  public List<Object> dropParts() {
    requireDraft("revise it");
    List<Object> gone = new ArrayList<>(deliverables);
    gone.addAll(milestones);
    deliverables.clear();
    milestones.clear();
    return gone;
  }

  /** Amends a deliverable's target (e.g. more children registered than planned), from {@code effectiveOn}. */
  public ProjectAmendment amendTarget(UUID deliverableId, int target, String reason, LocalDate effectiveOn, UUID actor) {
    String why = requireAmendable(reason, effectiveOn, period);
    Deliverable d = deliverables.stream().filter(x -> x.id().equals(deliverableId)).findFirst()
        .orElseThrow(() -> new InvalidValueException("DELIVERABLE_UNKNOWN", "This project has no such deliverable."));
    if (target <= 0) {
      throw new InvalidValueException("DELIVERABLE_TARGET_NOT_POSITIVE", "A deliverable's target is a positive number.");
    }
    int before = d.target();
    if (before == target) {
      throw new InvalidValueException("AMENDMENT_CHANGES_NOTHING", "The target is already " + target + ".");
    }
    d.retarget(target);
    updatedBy = actor;
    return new ProjectAmendment(this, ProjectAmendment.Kind.TARGET, d.id(), Integer.toString(before),
        Integer.toString(target), why, effectiveOn, actor);
  }

  /**
   * Amends the contract period (an extension, or an early end agreed by both). Milestones keep their due dates, so
   * none may then fall before the start.
   */
  public ProjectAmendment amendPeriod(ContractPeriod newPeriod, String reason, LocalDate effectiveOn, UUID actor) {
    String why = requireAmendable(reason, effectiveOn, newPeriod);
    if (newPeriod.equals(period)) {
      throw new InvalidValueException("AMENDMENT_CHANGES_NOTHING", "The period is already " + period.start() + " – " + period.end() + ".");
    }
    if (milestones.stream().anyMatch(m -> m.dueDate().isBefore(newPeriod.start()))) {
      throw new InvalidValueException("MILESTONE_DUE_BEFORE_PERIOD", "A milestone would fall due before the contract starts.");
    }
    String before = period.start() + "/" + period.end();
    period = newPeriod;
    updatedBy = actor;
    return new ProjectAmendment(this, ProjectAmendment.Kind.PERIOD, null, before,
        newPeriod.start() + "/" + newPeriod.end(), why, effectiveOn, actor);
  }

  /** Amends the covered towns (checked against the bureau's county by the caller). */
  public ProjectAmendment amendTowns(Set<String> towns, String reason, LocalDate effectiveOn, UUID actor) {
    String why = requireAmendable(reason, effectiveOn, period);
    if (towns == null || towns.isEmpty()) {
      throw new InvalidValueException("PROJECT_TOWNS_REQUIRED", "A project covers at least one town.");
    }
    Set<String> after = new TreeSet<>(towns);
    if (after.equals(new TreeSet<>(coveredTowns))) {
      throw new InvalidValueException("AMENDMENT_CHANGES_NOTHING", "The project covers these towns already.");
    }
    String before = String.join(",", new TreeSet<>(coveredTowns));
    coveredTowns = after;
    updatedBy = actor;
    return new ProjectAmendment(this, ProjectAmendment.Kind.TOWNS, null, before, String.join(",", after), why,
        effectiveOn, actor);
  }

  /** Only a running contract is amended: a draft is simply revised, an ended one stays as it was settled. */
  private String requireAmendable(String reason, LocalDate effectiveOn, ContractPeriod within) {
    if (status != ProjectStatus.ACTIVE) {
      throw new StateConflictException(
          "PROJECT_NOT_ACTIVE", "Only an active project is amended; this one is " + status + ".");
    }
    String why = ProjectAmendment.requireReason(reason);
    if (effectiveOn == null) {
      throw new InvalidValueException("AMENDMENT_EFFECTIVE_DATE_REQUIRED", "Say from which day the change applies.");
    }
    if (!within.contains(effectiveOn)) {
      throw new InvalidValueException(
          "AMENDMENT_EFFECTIVE_OUTSIDE_PERIOD", "A change takes effect within the contract period.");
    }
    return why;
  }

  public boolean isVisibleTo(UUID tenant) {
    return organizationId.equals(tenant) || bureauId.equals(tenant);
  }

  private BigDecimal milestoneShares() {
    return milestones.stream().map(PaymentMilestone::sharePercent).reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  private void requireDraft(String action) {
    if (status != ProjectStatus.DRAFT) {
      throw new StateConflictException(
          "PROJECT_NOT_DRAFT", "Cannot " + action + ": the project is " + status + " and its terms are fixed.");
    }
  }

  private static String requireText(String value, String code, int max) {
    if (value == null || value.isBlank()) {
      throw new InvalidValueException(code, "This field is required.");
    }
    if (value.strip().length() > max) {
      throw new InvalidValueException(code.replace("_REQUIRED", "_TOO_LONG"), "At most " + max + " characters.");
    }
    return value.strip();
  }

  public ProjectId id() {
    return new ProjectId(id);
  }

  public UUID organizationId() {
    return organizationId;
  }

  public UUID bureauId() {
    return bureauId;
  }

  public String contractNumber() {
    return contractNumber;
  }

  public String title() {
    return title;
  }

  public BigDecimal budget() {
    return budget;
  }

  public ContractPeriod period() {
    return period;
  }

  public Set<String> coveredTowns() {
    return Set.copyOf(coveredTowns);
  }

  public Set<String> targetGroups() {
    return Set.copyOf(targetGroups);
  }

  public int lockDays() {
    return lockDays;
  }

  public ProjectStatus status() {
    return status;
  }

  public String statusReason() {
    return statusReason;
  }

  public List<Deliverable> deliverables() {
    return List.copyOf(deliverables);
  }

  public List<PaymentMilestone> milestones() {
    return List.copyOf(milestones);
  }

}
