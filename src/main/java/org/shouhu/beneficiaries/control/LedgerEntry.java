package org.shouhu.beneficiaries.control;

import java.util.Objects;
import org.shouhu.beneficiaries.entity.CitizenId;
import org.shouhu.beneficiaries.entity.Consent;
import org.shouhu.beneficiaries.entity.GuardianDetails;
import org.shouhu.beneficiaries.entity.Particulars;
import org.shouhu.beneficiaries.entity.RiskLevel;

/**
 * One valid row of a ledger, checked exactly as a registration through the API is: the particulars (always with a
 * citizen identity number, which is what makes a re-import idempotent), the consent, and optionally one guardian
 * and a risk assessment.
 *
 * @param guardian null when the row names none
 * @param riskLevel null when the row carries no assessment; then {@code riskReason} is null too
 */
public record LedgerEntry(
    Particulars particulars, Consent consent, GuardianDetails guardian, RiskLevel riskLevel, String riskReason) {

  public LedgerEntry {
    Objects.requireNonNull(particulars, "particulars");
    Objects.requireNonNull(consent, "consent");
    if (particulars.citizenId() == null) {
      throw new IllegalArgumentException("a ledger entry is matched by its citizen identity number");
    }
    if ((riskLevel == null) != (riskReason == null)) {
      throw new IllegalArgumentException("a risk level goes with its reason");
    }
  }

  public CitizenId citizenId() {
    return particulars.citizenId();
  }
}
