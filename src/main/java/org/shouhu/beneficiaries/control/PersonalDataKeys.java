package org.shouhu.beneficiaries.control;

import jakarta.annotation.Priority;
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

  private Keyring keyring;

  PersonalDataKeys() {}

  /** A fixed ring, for tests. */
  PersonalDataKeys(Keyring keyring) {
    this.keyring = keyring;
  }

  /** Fails the deployment, not the first registration, when the keys are missing or malformed. */
  void load(@Observes @Priority(160) Startup startup) {
    keyring();
  }

  public synchronized Keyring keyring() {
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
