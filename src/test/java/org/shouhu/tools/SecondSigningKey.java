package org.shouhu.tools;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;

/**
 * Writes a second RSA key pair before the integration tests start the application, which is told to accept the
 * public half ({@code shouhu.jwt.accepted-public-keys}) as a rotation would: AuthenticationIT then signs a token
 * with the private half and expects it verified by its {@code kid}. Generated per build, never stored in the tree.
 */
public final class SecondSigningKey {

  private SecondSigningKey() {}

  public static void main(String[] args) throws Exception {
    Path dir = Files.createDirectories(Path.of(args[0]));
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    KeyPair pair = generator.generateKeyPair();
    Files.writeString(dir.resolve("second.pem"), pem("PRIVATE" + " KEY", pair.getPrivate().getEncoded()));
    Files.writeString(dir.resolve("second.pub.pem"), pem("PUBLIC KEY", pair.getPublic().getEncoded()));
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }
}
