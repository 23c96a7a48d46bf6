package org.shouhu.beneficiaries.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.logging.Logger;
import org.shouhu.audit.control.AuditTrail;
import org.shouhu.beneficiaries.entity.Beneficiary;
import org.shouhu.beneficiaries.entity.BeneficiaryConflict;
import org.shouhu.beneficiaries.entity.CitizenId;
import org.shouhu.beneficiaries.entity.GuardianDetails;
import org.shouhu.beneficiaries.entity.Particulars;
import org.shouhu.beneficiaries.entity.RiskAssessment;
import org.shouhu.problems.entity.FieldError;
import org.shouhu.problems.entity.ProblemException;
import org.shouhu.problems.entity.StateConflictException;
import org.shouhu.tenancy.control.TenantSession;
import org.shouhu.tenancy.entity.TenantId;

/**
 * Applies one ledger row to the register of the tenant bound to the transaction, so that importing the same file
 * twice changes nothing the second time: the row's citizen identity number finds the active record (blind index);
 * none → the person is <b>registered</b>; one that differs → it is <b>revised</b>, a new guardian added, the risk
 * re-assessed; one that matches → nothing is written.
 *
 * <p>Everything a row could be refused for is decided before the first write, so a refused row leaves nothing
 * half-done in the batch's transaction.
 */
@ApplicationScoped
public class LedgerImport {

  private static final Logger LOG = Logger.getLogger(LedgerImport.class.getName());

  public enum Outcome {
    CREATED,
    UPDATED,
    UNCHANGED,
    REFUSED
  }

  /**
   * @param refusal why the row was not applied, with the field named as in the API ({@code guardian.relationship});
   *     null unless refused
   */
  public record Applied(Outcome outcome, FieldError refusal) {
    static Applied of(Outcome outcome) {
      return new Applied(outcome, null);
    }
  }

  @Inject Beneficiaries beneficiaries;
  @Inject BlindIndex blindIndex;
  @Inject TenantSession session;
  @Inject AuditTrail audit;

  /**
   * What a run remembers of a number it has already seen in the same file: its blind index in this tenant, never
   * the number itself.
   */
  public ByteBuffer fingerprint(CitizenId citizenId) {
    return fingerprint(citizenId, session.require());
  }

  /** The same, outside a transaction: a resumed run re-reads the rows it already committed. */
  public ByteBuffer fingerprint(CitizenId citizenId, TenantId tenant) {
    return ByteBuffer.wrap(blindIndex.of(citizenId, tenant));
  }

  /**
   * The register's side of one batch of rows, inside the batch's transaction: the active records its numbers
   * found, and the new records it will write when it {@linkplain #finish finishes}.
   */
  public static final class Batch {
    private final TenantId tenant;
    private final Map<ByteBuffer, Beneficiaries.Opened> found;
    private final List<Beneficiary> registered = new ArrayList<>();

    private Batch(TenantId tenant, Map<ByteBuffer, Beneficiaries.Opened> found) {
      this.tenant = tenant;
      this.found = found;
    }
  }

  /**
   * Starts a batch of rows whose numbers are all different: one lock statement and one lookup for all of them, in
   * place of a lookup, a lock and a duplicate check per row.
   *
   * @param indexes the entries' {@linkplain #fingerprint fingerprints}, computed once per row by the caller
   */
  public Batch begin(List<ByteBuffer> indexes) {
    TenantId tenant = session.require();
    return new Batch(tenant, beneficiaries.lockAndFindActiveForComparison(indexes.stream().map(ByteBuffer::array).toList()));
  }

  /**
   * One row made ready before its batch's transaction: its entry, its fingerprint and, should the register not
   * know its number, the new record, checked and sealed (or why it would be refused). Whether the number is known
   * is only decided in the batch's transaction ({@link #begin}, under the numbers' locks), so the record is built
   * on speculation and dropped when the number turns out to have an active record: nothing of it is written.
   *
   * @param registration null when {@code refusal} is not
   * @param refusal what registering the row would throw ({@link ProblemException}, {@link StateConflictException})
   */
  public record Prepared(LedgerEntry entry, ByteBuffer index, Beneficiary registration, RuntimeException refusal) {}

  /**
   * Prepares one row in a transaction bound to the batch's tenant, on any thread: the sealing (AES-GCM with the
   * key in force, each value bound to its new record's id) is the costliest Java work of a row, and doing it here
   * lets a run prepare the next batch while the database writes this one.
   *
   * @param index the row's {@linkplain #fingerprint fingerprint}
   */
  public Prepared prepare(LedgerEntry entry, ByteBuffer index, UUID actor) {
    try {
      return new Prepared(entry, index, beneficiaries.prepareRegistration(
          entry.particulars(), index.array(), entry.consent(), entry.guardian(), entry.riskLevel(), entry.riskReason(),
          actor), null);
    } catch (ProblemException | StateConflictException e) {
      return new Prepared(entry, index, null, e);
    }
  }

  /**
   * Applies one prepared row to the batch. A new person (no active record found by {@link #begin}) is written with
   * the others at {@link #finish}, as prepared; an existing record is revised at once (rare in a ledger, and each
   * revision is checked against its version).
   *
   * @throws ProblemException as registering or revising the record through the API would
   * @throws StateConflictException as registering or revising the record through the API would
   */
  public Applied apply(Prepared row, UUID actor, Batch batch) {
    Beneficiaries.Opened existing = batch.found.get(row.index());
    if (existing == null) {
      if (row.refusal() != null) {
        throw row.refusal();
      }
      batch.registered.add(row.registration());
      return Applied.of(Outcome.CREATED);
    }
    return applyTo(existing, row.entry(), actor);
  }

  /**
   * Writes the batch's new records, one statement per table, and the one audit event that names them with the
   * rows they came from (revisions of existing records have their own events, as through the API).
   */
  public void finish(Batch batch, UUID actor, UUID jobId, int firstRow, int lastRow) {
    beneficiaries.writeRegistrations(batch.registered);
    if (!batch.registered.isEmpty()) {
      List<String> analysed = beneficiaries.analyseIfGrown();
      if (!analysed.isEmpty()) {
        LOG.info(() -> "ledger import " + jobId + ": statistics of " + analysed + " brought up to date at row "
            + lastRow);
      }
    }
    StringBuilder detail = new StringBuilder("rows ").append(firstRow).append('-').append(lastRow)
        .append(": registered ").append(batch.registered.size());
    String separator = " ";
    for (Beneficiary b : batch.registered) {
      detail.append(separator).append(b.id());
      separator = ",";
    }
    audit.record(actor, "LEDGER_ROWS_IMPORTED", "import_job", jobId, detail.toString());
  }

  private Applied applyTo(Beneficiaries.Opened existing, LedgerEntry entry, UUID actor) {
    Beneficiary record = existing.beneficiary();

    boolean addGuardian = false;
    GuardianDetails guardian = entry.guardian();
    if (guardian != null && !hasGuardian(record, guardian)) {
      if (guardian.isParent()
          && record.guardians().stream().anyMatch(g -> g.relationship() == guardian.relationship())) {
        return new Applied(
            Outcome.REFUSED,
            new FieldError(
                "guardian.relationship",
                BeneficiaryConflict.PARENT_TWICE,
                "The record already has a guardian with this relationship under another name; guardians are not"
                    + " replaced by an import. Correct the record in the register, or the row."));
      }
      addGuardian = true;
    }
    boolean revise = !sameParticulars(existing, entry.particulars()) || !record.consent().equals(entry.consent());
    boolean assess = entry.riskLevel() != null && !sameRisk(record.risk(), entry);

    if (revise) {
      beneficiaries.revise(record.id(), entry.particulars(), entry.consent(), record.version(), actor);
    }
    if (addGuardian) {
      beneficiaries.addGuardian(record.id(), guardian, actor);
    }
    if (assess) {
      beneficiaries.assessRisk(record.id(), entry.riskLevel(), entry.riskReason(), actor);
    }
    return Applied.of(revise || addGuardian || assess ? Outcome.UPDATED : Outcome.UNCHANGED);
  }

  /** A guardian is the same person when relationship and name agree; an import adds guardians, never edits them. */
  private static boolean hasGuardian(Beneficiary record, GuardianDetails guardian) {
    return record.guardians().stream()
        .anyMatch(g -> g.relationship() == guardian.relationship() && g.name().equals(guardian.name()));
  }

  static boolean sameParticulars(Beneficiaries.Opened existing, Particulars row) {
    Beneficiary b = existing.beneficiary();
    return b.name().equals(row.name())
        && b.gender() == row.gender()
        && b.birthDate().equals(row.birthDate())
        && Objects.equals(existing.citizenId(), row.citizenId())
        && Objects.equals(existing.phone(), row.phone())
        && b.village().equals(row.village())
        && Objects.equals(b.school(), row.school())
        && Objects.equals(b.grade(), row.grade())
        && b.categories().equals(row.categories())
        && b.difficultyType() == row.difficultyType();
  }

  private static boolean sameRisk(RiskAssessment risk, LedgerEntry entry) {
    return risk != null && risk.level() == entry.riskLevel() && risk.reason().equals(entry.riskReason());
  }
}
