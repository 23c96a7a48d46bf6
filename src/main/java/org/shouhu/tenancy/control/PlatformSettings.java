package org.shouhu.tenancy.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.shouhu.audit.control.AuditTrail;

/**
 * What the platform allows every tenant, switched by the platform operator (V205 {@code platform_setting}). Read from
 * PostgreSQL on every use, never cached in a node: the database functions that act on a setting (a sender's
 * receivers) read the same row, so every node and the database agree the moment the operator's transaction commits.
 * Only the platform tenant's binding may change a row (policy {@code platform_setting_operator}).
 */
@ApplicationScoped
public class PlatformSettings {

  static final String PLATFORM_WIDE_REFERRALS = "referrals.platform-wide";

  @PersistenceContext(unitName = "shouhu")
  EntityManager em;

  @Inject TenantSession session;
  @Inject AuditTrail audit;

  /** The setting and who last changed it when. */
  public record Setting(String name, boolean enabled, OffsetDateTime changedAt, UUID changedBy) {}

  /** Whether an organization may refer to any active organization on the platform, not only its bureaus' ones. */
  public Setting platformWideReferrals() {
    Object[] row = (Object[]) em.createNativeQuery(
            "select value, changed_at, changed_by from platform_setting where name = ?1")
        .setParameter(1, PLATFORM_WIDE_REFERRALS)
        .getSingleResult();
    return new Setting(PLATFORM_WIDE_REFERRALS, "true".equals(row[0]), JobQueue.time(row[1]),
        row[2] == null ? null : UUID.fromString(row[2].toString()));
  }

  /**
   * The operator allows or stops referrals across the whole platform; audited in the platform's chain. Referrals
   * already sent are not touched: a receiver keeps answering what reached it.
   */
  public Setting allowPlatformWideReferrals(boolean enabled, UUID actor) {
    session.require();
    int changed = em.createNativeQuery("update platform_setting set value = ?1, changed_at = ?2, changed_by = ?3,"
            + " version = version + 1 where name = ?4")
        .setParameter(1, Boolean.toString(enabled))
        .setParameter(2, OffsetDateTime.now(ZoneOffset.UTC))
        .setParameter(3, actor)
        .setParameter(4, PLATFORM_WIDE_REFERRALS)
        .executeUpdate();
    if (changed != 1) {
      // Row-level security hides nothing from a reader, so 0 rows means the caller is not the platform.
      throw new IllegalStateException("only the platform tenant changes a platform setting");
    }
    audit.record(actor, enabled ? "PLATFORM_REFERRALS_WIDENED" : "PLATFORM_REFERRALS_NARROWED", "platform_setting",
        session.require().value(), PLATFORM_WIDE_REFERRALS + "=" + enabled);
    return platformWideReferrals();
  }
}
