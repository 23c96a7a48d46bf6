package org.shouhu.beneficiaries.control;

import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Properties;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.shouhu.tenancy.control.DatabaseBootstrap;

/**
 * Where the personal-data keys come from. In production, from configuration (mounted secrets):
 * {@code shouhu.crypto.keys} ({@code id1:base64,id2:base64}), {@code shouhu.crypto.active-key} and
 * {@code shouhu.crypto.index-key}, all three or none. A development run with none generates a ring once under
 * {@code ${shouhu.data.dir}/keys/}, outside the repository, and reuses it after, as {@code SigningKey} does for
 * the token key.
 *
 * <p>Unlike a lost signing key (everybody logs in again), a lost data key makes every value it sealed unreadable
 * for good. So a key is generated only next to the embedded development database, whose data lives in the same
 * folder; with an external database and no configured keys, the application refuses to start.
 */
@ApplicationScoped
public class PersonalDataKeys {

  private static final Logger LOG = Logger.getLogger(PersonalDataKeys.class.getName());
  private static final SecureRandom RANDOM = new SecureRandom();
  static final String KEYS = "shouhu.crypto.keys";
  static final String ACTIVE = "shouhu.crypto.active-key";
  static final String INDEX = "shouhu.crypto.index-key";
  static final String DEV_FILE = "personal-data.properties";

  @Inject
  @ConfigProperty(name = KEYS)
  Optional<String> configuredKeys;

  @Inject
  @ConfigProperty(name = ACTIVE)
  Optional<String> configuredActive;

  @Inject
  @ConfigProperty(name = INDEX)
  Optional<String> configuredIndexKey;

  @Inject
  @ConfigProperty(name = "shouhu.data.dir")
  String dataDir;

  @Inject Config config;

  @PersistenceContext(unitName = "shouhu")
  EntityManager em;

  @Resource TransactionSynchronizationRegistry transactions;

  /** How long a node seals with a key version before it looks for a newer one (a rotation on another node). */
  @Inject
  @ConfigProperty(name = "shouhu.crypto.refresh-seconds", defaultValue = "5")
  int refreshSeconds;

  private Keyring keyring;
  private Keyring effective;
  private long loadedAt;

  PersonalDataKeys() {}

  /** A fixed ring, for tests: no database, no versions. */
  PersonalDataKeys(Keyring keyring) {
    this.keyring = keyring;
    this.effective = keyring;
  }

  /** Fails the deployment, not the first registration, when the keys are missing or malformed. */
  void load(@Observes @Priority(160) Startup startup) {
    configured();
  }

  /**
   * The ring in force: the configured keys with the versions in the database (rotations, retirements), read at
   * first use and again once it is {@code shouhu.crypto.refresh-seconds} old.
   */
  public synchronized Keyring keyring() {
    if (effective == null || (em != null && System.currentTimeMillis() - loadedAt > refreshSeconds * 1000L)) {
      reload();
    }
    return effective;
  }

  /** Reads the versions again now, e.g. on meeting a value sealed with a key this node has not heard of. */
  public synchronized Keyring reload() {
    Keyring ring = configured();
    if (em == null) {
      effective = ring;
      return ring;
    }
    @SuppressWarnings("unchecked")
    List<Object[]> rows = em.createNativeQuery("select key_id, state, wrapped, wrapped_by from data_key_version")
        .getResultList();
    Map<String, byte[]> generated = new LinkedHashMap<>();
    List<String> retired = new ArrayList<>();
    String current = null;
    for (Object[] row : rows) {
      String id = (String) row[0];
      String state = (String) row[1];
      if (state.equals("RETIRED")) {
        retired.add(id);
        continue;
      }
      if (state.equals("CURRENT")) {
        current = id;
      }
      if (row[2] != null) {
        generated.put(id, unwrap(ring, id, (byte[]) row[2], (String) row[3]));
      }
    }
    effective = ring.withVersions(generated, retired, current);
    loadedAt = System.currentTimeMillis();
    return effective;
  }

  /** Forgets the versions once the current transaction (a rotation, a retirement) commits. */
  public void reloadAfterCommit() {
    transactions.registerInterposedSynchronization(new Synchronization() {
      @Override
      public void beforeCompletion() {}

      @Override
      public void afterCompletion(int status) {
        synchronized (PersonalDataKeys.this) {
          loadedAt = 0;
        }
      }
    });
  }

  /** A new 256-bit data key, wrapped under the configured active key: what a rotation stores. */
  public Wrapped generateWrapped(String id) {
    Keyring ring = configured();
    byte[] key = Keyring.randomKey();
    try {
      byte[] iv = new byte[12];
      RANDOM.nextBytes(iv);
      Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
      aes.init(Cipher.ENCRYPT_MODE, ring.masterKey(ring.masterId()), new GCMParameterSpec(128, iv));
      aes.updateAAD(wrapContext(id));
      byte[] sealed = aes.doFinal(key);
      return new Wrapped(id, ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array(), ring.masterId());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available to wrap a data key", e);
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }

  /** A generated key version as stored: never the key itself. */
  public record Wrapped(String id, byte[] wrapped, String wrappedBy) {}

  private static byte[] unwrap(Keyring ring, String id, byte[] wrapped, String wrappedBy) {
    try {
      Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
      aes.init(Cipher.DECRYPT_MODE, ring.masterKey(wrappedBy), new GCMParameterSpec(128, wrapped, 0, 12));
      aes.updateAAD(wrapContext(id));
      return aes.doFinal(wrapped, 12, wrapped.length - 12);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("personal-data key version '" + id + "' cannot be unwrapped with configured key '"
          + wrappedBy + "': the configuration does not hold the key it was wrapped with");
    }
  }

  private static byte[] wrapContext(String id) {
    return ("shouhu.data-key/v1|" + id).getBytes(StandardCharsets.UTF_8);
  }

  /** The keys in configuration (or the development file), checked once. */
  public synchronized Keyring configured() {
    if (keyring == null) {
      keyring =
          resolve(
              configuredKeys,
              configuredActive,
              configuredIndexKey,
              Path.of(dataDir, "keys"),
              DatabaseBootstrap.isEmbedded(config));
      LOG.info(() -> "personal-data keys loaded: " + keyring);
    }
    return keyring;
  }

  static Keyring resolve(
      Optional<String> keys,
      Optional<String> active,
      Optional<String> indexKey,
      Path keyDir,
      boolean developmentDatabase) {
    if (keys.isPresent() && active.isPresent() && indexKey.isPresent()) {
      return Keyring.parse(keys.get(), active.get(), indexKey.get());
    }
    if (keys.isPresent() || active.isPresent() || indexKey.isPresent()) {
      throw new IllegalStateException(
          "set all of " + KEYS + ", " + ACTIVE + " and " + INDEX + ", or none of them (development only)");
    }
    if (!developmentDatabase) {
      throw new IllegalStateException(
          "no personal-data keys configured (" + KEYS + ", " + ACTIVE + ", " + INDEX + "): refusing to generate"
              + " one for an external database, since data sealed with a lost key can never be read again");
    }
    return developmentKeyring(keyDir.resolve(DEV_FILE));
  }

  private static Keyring developmentKeyring(Path file) {
    try {
      if (Files.exists(file)) {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
          p.load(in);
        }
        return Keyring.parse(p.getProperty(KEYS, ""), p.getProperty(ACTIVE), p.getProperty(INDEX));
      }
      Keyring generated = Keyring.generate("dev1");
      Properties p = new Properties();
      p.setProperty(KEYS, generated.keysProperty());
      p.setProperty(ACTIVE, generated.activeId());
      p.setProperty(INDEX, generated.indexKeyProperty());
      Files.createDirectories(file.getParent());
      try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW)) {
        restrict(file);
        p.store(out, "Development keys for personal data. Never commit them, never use them in production."
            + " To rotate, add a key to " + KEYS + " and make it the " + ACTIVE + "; keep the old one.");
      }
      LOG.info("generated development personal-data keys in " + file);
      return generated;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or write the development personal-data keys in " + file, e);
    }
  }

  private static void restrict(Path file) {
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (IOException | UnsupportedOperationException e) {
      LOG.warning("could not restrict permissions of " + file);
    }
  }
}
