package org.shouhu.identity.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.shouhu.audit.control.AuditTrail;
import org.shouhu.identity.entity.DeviceSession;
import org.shouhu.identity.entity.RefreshToken;
import org.shouhu.identity.entity.SessionEnd;
import org.shouhu.identity.entity.User;
import org.shouhu.problems.entity.ProblemException;
import org.shouhu.tenancy.control.TenantSession;
import org.shouhu.tenancy.control.Tenants;
import org.shouhu.tenancy.entity.Tenant;
import org.shouhu.tenancy.entity.TenantId;

/**
 * Device sessions and their refresh tokens. A login opens a session and hands out its first refresh token; each
 * refresh spends the token it is given and hands out the next, so a copy taken from the device is good for one use
 * at most, and its use is noticed: when the same token comes back a second time (from the thief or from the device)
 * the session is ended and the event audited, and both holders are back at the login screen.
 *
 * <p>A refresh token is {@code <tenant id>.<256 random bits>}: the tenant part lets an unauthenticated refresh bind
 * its transaction to the right tenant (the tables are under row-level security) before looking the token up by its
 * hash; it tells an attacker nothing they could use without the random part.
 */
@ApplicationScoped
public class DeviceSessions {

  private static final SecureRandom RANDOM = new SecureRandom();

  @PersistenceContext(unitName = "shouhu")
  EntityManager em;

  @Inject TenantSession session;
  @Inject Tenants tenants;
  @Inject TokenIssuer issuer;
  @Inject AuditTrail audit;

  @Inject
  @ConfigProperty(name = "shouhu.auth.session-days", defaultValue = "30")
  long sessionDays;

  /**
   * How long after its spending a refresh token may come back without counting as reuse, provided its successor
   * has not been used: the answer to a refresh lost on a weak mobile network must not end the worker's session.
   */
  @Inject
  @ConfigProperty(name = "shouhu.auth.refresh-retry-seconds", defaultValue = "30")
  long retrySeconds;

  /**
   * How long an ended session (logged out, revoked or expired) and its spent refresh tokens are kept. Past that
   * they answer nothing a live request needs: a token of a session ended that long ago is refused as unknown
   * just as it was refused as revoked, and the login history stays in the audit trail.
   */
  @Inject
  @ConfigProperty(name = "shouhu.auth.ended-session-days", defaultValue = "30")
  long endedSessionDays;

  Clock clock = Clock.systemUTC();

  /** What a login or refresh hands the device: the access token, the refresh token and the session's id. */
  public record Tokens(TokenIssuer.Issued access, String refreshToken, DeviceSession session, User user) {}

  public sealed interface Outcome {}

  public record Refreshed(Tokens tokens) implements Outcome {}

  /** Why a refresh was refused; the refusal is returned so the transaction commits a reuse's revocation. */
  public record Refused(Reason reason) implements Outcome {}

  public enum Reason {
    INVALID,
    REUSED,
    EXPIRED,
    REVOKED,
    ACCOUNT_DISABLED,
    TENANT_SUSPENDED
  }

  /** Opens a session for a user who has just proved who they are. The transaction is bound to their tenant. */
  public Tokens open(User user, Tenant tenant, String label) {
    session.require();
    Instant now = clock.instant();
    forgetEnded(user.id(), now.minus(Duration.ofDays(endedSessionDays)));
    DeviceSession device = new DeviceSession(user.id(), label, now, Duration.ofDays(sessionDays));
    em.persist(device);
    em.flush();
    return issue(device, user, tenant, now);
  }

  /**
   * Deletes the user's sessions that ended before the cutoff, with their refresh tokens. Done at login, under the
   * account's row lock, so what a user leaves behind is bounded by how often they log in, with no sweeper to run
   * on some node; the few rows of a user who never logs in again cost nothing. Each statement reads one user's
   * sessions by index, whatever the size of the table.
   */
  void forgetEnded(UUID userId, Instant cutoff) {
    em.createNativeQuery("delete from refresh_token where session_id in (select id from device_session"
            + " where user_id = ?1 and coalesce(revoked_at, expires_at) < ?2)")
        .setParameter(1, userId)
        .setParameter(2, OffsetDateTime.ofInstant(cutoff, ZoneOffset.UTC))
        .executeUpdate();
    em.createNativeQuery("delete from device_session where user_id = ?1 and coalesce(revoked_at, expires_at) < ?2")
        .setParameter(1, userId)
        .setParameter(2, OffsetDateTime.ofInstant(cutoff, ZoneOffset.UTC))
        .executeUpdate();
  }

  /** Spends a refresh token and issues its successor with a fresh access token. Binds the token's tenant. */
  public Outcome refresh(String presented) {
    Optional<TenantId> tenantId = tenantOf(presented);
    if (tenantId.isEmpty()) {
      return new Refused(Reason.INVALID);
    }
    Optional<Tenant> tenant = tenants.find(tenantId.get());
    if (tenant.isEmpty()) {
      return new Refused(Reason.INVALID);
    }
    session.bind(tenantId.get());
    // Locked, so two refreshes racing with the same token are serialized: the second one sees it spent.
    RefreshToken token = em.find(RefreshToken.class, hash(presented), LockModeType.PESSIMISTIC_WRITE);
    if (token == null) {
      return new Refused(Reason.INVALID);
    }
    DeviceSession device = em.find(DeviceSession.class, token.sessionId(), LockModeType.PESSIMISTIC_WRITE);
    Instant now = clock.instant();
    if (device.isRevoked()) {
      return new Refused(Reason.REVOKED);
    }
    if (!device.isLiveAt(now)) {
      return new Refused(Reason.EXPIRED);
    }
    if (token.isSpent()) {
      RefreshToken successor =
          token.replacedBy() == null ? null : em.find(RefreshToken.class, token.replacedBy(), LockModeType.PESSIMISTIC_WRITE);
      boolean lostAnswer = successor != null && !successor.isSpent() && token.isRetryWithin(Duration.ofSeconds(retrySeconds), now);
      if (!lostAnswer) {
        device.revoke(SessionEnd.REFRESH_REUSED, null, now);
        audit.record(device.userId(), "SESSION_REFRESH_REUSED", "session", device.id(), "label=" + device.label());
        return new Refused(Reason.REUSED);
      }
      token = successor;
    }
    if (!tenant.get().isActive()) {
      return new Refused(Reason.TENANT_SUSPENDED);
    }
    User user = em.find(User.class, device.userId());
    if (user == null || !user.isActive()) {
      return new Refused(Reason.ACCOUNT_DISABLED);
    }
    device.usedAt(now);
    Tokens next = issue(device, user, tenant.get(), now);
    token.spendFor(hash(next.refreshToken()), now);
    return new Refreshed(next);
  }

  /**
   * A new access and refresh token for a session that stays: after the user changed their password on this device,
   * which cut every token issued before.
   */
  public Tokens reissue(UUID sessionId, User user) {
    Instant now = clock.instant();
    DeviceSession device = find(sessionId, user.id());
    if (!device.isLiveAt(now)) {
      throw new ProblemException(401, "SESSION_ENDED", "Session ended", "This device's session has ended. Log in again.");
    }
    em.createQuery("select r from RefreshToken r where r.sessionId = :s and r.spentAt is null", RefreshToken.class)
        .setParameter("s", sessionId)
        .getResultStream()
        .forEach(r -> r.spendFor(null, now));
    return issue(device, user, tenants.get(session.require()), now);
  }

  /** The user's live sessions, most recently used first. */
  public List<DeviceSession> liveOf(UUID userId) {
    session.require();
    return em.createQuery("select s from DeviceSession s where s.userId = :u and s.revokedAt is null"
            + " and s.expiresAt > :now order by s.lastUsedAt desc, s.id", DeviceSession.class)
        .setParameter("u", userId)
        .setParameter("now", OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC))
        .getResultList();
  }

  /** Ends one of the user's sessions; another user's (or tenant's) session id is not found. */
  public void revoke(UUID sessionId, UUID userId, SessionEnd reason, UUID actor) {
    DeviceSession device = find(sessionId, userId);
    if (device.revoke(reason, actor, clock.instant())) {
      audit.record(actor, "SESSION_REVOKED", "session", sessionId, "user=" + userId + " reason=" + reason);
    }
  }

  /** Ends every live session of the user but {@code keep} (null: all of them); answers how many ended. */
  public int revokeAll(UUID userId, UUID keep, SessionEnd reason, UUID actor) {
    Instant now = clock.instant();
    int ended = 0;
    for (DeviceSession device : liveOf(userId)) {
      if (!device.id().equals(keep) && device.revoke(reason, actor, now)) {
        ended++;
      }
    }
    if (ended > 0) {
      audit.record(actor, "SESSIONS_REVOKED", "user", userId, "count=" + ended + " reason=" + reason);
    }
    return ended;
  }

  private DeviceSession find(UUID sessionId, UUID userId) {
    session.require();
    DeviceSession device = em.find(DeviceSession.class, sessionId);
    if (device == null || !device.userId().equals(userId)) {
      throw ProblemException.notFound("Session");
    }
    return device;
  }

  private Tokens issue(DeviceSession device, User user, Tenant tenant, Instant now) {
    String refresh = tenant.id() + "." + secret();
    em.persist(new RefreshToken(hash(refresh), device.id(), now));
    return new Tokens(issuer.issue(user, tenant, device.id()), refresh, device, user);
  }

  private static Optional<TenantId> tenantOf(String presented) {
    if (presented == null || presented.length() > 200 || presented.indexOf('.') != 36) {
      return Optional.empty();
    }
    try {
      return Optional.of(TenantId.of(presented.substring(0, 36)));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  private static String secret() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** SHA-256 without salt is enough here: the token holds 256 random bits, nothing a dictionary could guess. */
  static String hash(String token) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
