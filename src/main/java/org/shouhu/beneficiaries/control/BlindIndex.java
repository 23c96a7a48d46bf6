package org.shouhu.beneficiaries.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import org.shouhu.beneficiaries.entity.CitizenId;
import org.shouhu.tenancy.entity.TenantId;

/**
 * A keyed blind index of citizen identity numbers: HMAC-SHA256 under its own key (never a data key) over the
 * tenant and the normalised number. Equal numbers give equal indexes, so the database can find a duplicate and
 * enforce uniqueness without anything being decrypted; without the key, an index cannot be tested against the
 * small space of plausible numbers.
 *
 * <p>The tenant is part of the input, so the same person registered by two organizations has unrelated indexes:
 * nobody holding the database can link records across tenants by it. Changing the index key means recomputing
 * every index from the opened numbers.
 */
@ApplicationScoped
public class BlindIndex {

  /**
   * One HMAC instance per thread ({@code Mac} is not thread-safe; finding one among the providers cost more than the
   * hash), initialised with the index key at every use, so nothing depends on which key it saw before.
   */
  private static final ThreadLocal<Mac> HMAC = ThreadLocal.withInitial(() -> {
    try {
      return Mac.getInstance("HmacSHA256");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is not available for the citizen id index", e);
    }
  });

  private final PersonalDataKeys keys;

  @Inject
  public BlindIndex(PersonalDataKeys keys) {
    this.keys = keys;
  }

  /** For the CDI proxy only. */
  protected BlindIndex() {
    this.keys = null;
  }

  /** 32 bytes. */
  public byte[] of(CitizenId citizenId, TenantId tenant) {
    try {
      Mac hmac = HMAC.get();
      hmac.init(keys.configured().indexKey());
      hmac.update(("shouhu.citizen-id/v1|" + tenant + "|").getBytes(StandardCharsets.UTF_8));
      return hmac.doFinal(citizenId.value().getBytes(StandardCharsets.US_ASCII));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is not available for the citizen id index", e);
    }
  }
}
