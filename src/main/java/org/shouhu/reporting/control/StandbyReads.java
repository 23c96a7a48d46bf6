package org.shouhu.reporting.control;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceUnit;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.shouhu.tenancy.control.TenantSession;
import org.shouhu.tenancy.entity.TenantId;
import org.shouhu.tenancy.entity.TenantOwned;

/**
 * Reads from a streaming standby for the bureau's reports (#16), optional per deployment
 * ({@code shouhu.db.standby.url}). A routed report gets its own entity manager of the {@code shouhu-standby} unit,
 * in a local read-only transaction that lives exactly as long as the request's JTA transaction and never joins it:
 * one transactional resource per request, no two-phase commit. The standby transaction is bound to the same tenant
 * at both levels (EclipseLink's discriminator and {@code set_config('app.tenant_id', …, true)}), as the same
 * application role, so row-level security holds there exactly as on the primary.
 *
 * <p>Read-your-writes: after a write by a caller who reads routed reports, {@link #wrote} records on the primary the
 * WAL position the write ended before; such a caller's reports come from the primary until the standby has replayed
 * past it (docs/adr/0015-reads-from-a-standby.md).
 */
@ApplicationScoped
public class StandbyReads {

  private static final Logger LOG = Logger.getLogger(StandbyReads.class.getName());
  private static final Object KEY = StandbyReads.class.getName() + ".standby";

  @Inject Config config;
  @Inject TenantSession session;

  @PersistenceContext(unitName = "shouhu")
  EntityManager primary;

  @PersistenceUnit(unitName = "shouhu-standby")
  EntityManagerFactory standbyUnit;

  @Resource TransactionSynchronizationRegistry transactions;

  /** A standby is configured when its URL is set and is not the primary's own. */
  public boolean configured() {
    String standby = config.getOptionalValue("shouhu.db.standby.url", String.class).orElse("").strip();
    return !standby.isEmpty() && !standby.equals(config.getValue("shouhu.db.url", String.class).strip());
  }

  Duration maxLag() {
    return Duration.ofSeconds(config.getOptionalValue("shouhu.db.standby.max-lag-seconds", Long.class).orElse(300L));
  }

  /**
   * Chooses where this transaction's reports are read, inside the request's transaction already bound to the
   * caller's tenant. A standby that cannot be reached is not an error: the report is read from the primary.
   */
  public ReadRoute route(UUID user) {
    if (!configured()) {
      return ReadRoute.primary("no standby configured");
    }
    TenantId tenant = session.require();
    Long lastWrite = lastWrite(user);
    EntityManager em = null;
    try {
      em = standbyUnit.createEntityManager(Map.of(TenantOwned.TENANT_PROPERTY, tenant.toString()));
      em.getTransaction().begin();
      ReadRoute route = ReadRoute.decide(position(em), lastWrite, maxLag());
      if (route.source() == ReadRoute.Source.STANDBY) {
        em.createNativeQuery("select set_config('app.tenant_id', ?1, true)")
            .setParameter(1, tenant.toString())
            .getSingleResult();
        EntityManager opened = em;
        transactions.putResource(KEY, opened);
        transactions.registerInterposedSynchronization(new Synchronization() {
          @Override
          public void beforeCompletion() {}

          @Override
          public void afterCompletion(int status) {
            close(opened);
          }
        });
        em = null;
      }
      return route;
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "standby not usable, reading the primary: {0}", String.valueOf(e));
      return ReadRoute.primary("standby unreachable");
    } finally {
      if (em != null) {
        close(em);
      }
    }
  }

  /** The entity manager reports read through: the standby's when this transaction was routed there. */
  public EntityManager em() {
    if (transactions.getTransactionStatus() == Status.STATUS_ACTIVE && transactions.getResource(KEY) instanceof EntityManager standby) {
      return standby;
    }
    return primary;
  }

  /**
   * Records that {@code user} has just committed a write: the primary's current WAL insert position is at or past
   * the end of that write's commit record. Runs in its own transaction after the write's, bound to the user's tenant.
   */
  public void wrote(UUID user) {
    primary.createNativeQuery("insert into user_last_write (tenant_id, user_id, wal_lsn, written_at)"
            + " values (?1, ?2, pg_current_wal_insert_lsn(), now())"
            + " on conflict (tenant_id, user_id) do update"
            + " set wal_lsn = greatest(user_last_write.wal_lsn, excluded.wal_lsn), written_at = excluded.written_at")
        .setParameter(1, session.require().toString())
        .setParameter(2, user.toString())
        .executeUpdate();
  }

  private Long lastWrite(UUID user) {
    @SuppressWarnings("unchecked")
    List<Object> found = primary.createNativeQuery("select wal_lsn::text from user_last_write where user_id = ?1")
        .setParameter(1, user.toString())
        .getResultList();
    return found.isEmpty() ? null : StandbyPosition.lsn(String.valueOf(found.get(0)));
  }

  private static StandbyPosition position(EntityManager em) {
    Object[] r = (Object[]) em.createNativeQuery("select pg_is_in_recovery(), pg_last_wal_receive_lsn()::text,"
            + " pg_last_wal_replay_lsn()::text,"
            + " extract(epoch from clock_timestamp() - pg_last_xact_replay_timestamp()),"
            + " exists (select 1 from pg_stat_wal_receiver)")
        .getSingleResult();
    Duration since = r[3] == null ? null
        : Duration.ofMillis(new BigDecimal(r[3].toString()).movePointRight(3).longValue());
    return new StandbyPosition(Boolean.TRUE.equals(r[0]), StandbyPosition.lsn((String) r[1]),
        StandbyPosition.lsn((String) r[2]), since, Boolean.TRUE.equals(r[4]));
  }

  private static void close(EntityManager em) {
    try {
      if (em.getTransaction().isActive()) {
        em.getTransaction().rollback();
      }
    } catch (RuntimeException e) {
      LOG.log(Level.FINE, "standby transaction rollback", e);
    } finally {
      em.close();
    }
  }
}
