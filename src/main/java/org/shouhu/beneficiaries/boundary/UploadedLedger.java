package org.shouhu.beneficiaries.boundary;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.function.Consumer;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * An uploaded ledger spreadsheet while the request that received it runs: streamed before the resource method and
 * its transaction begin (a slow upload never holds a database connection) into a scratch file, in chunks sealed
 * with AES-256-GCM under a key that exists only in this object. The plaintext never touches the disk, and a file a
 * killed process leaves behind can never be read by anyone (its key died with the process) before the start-up
 * sweep deletes it. The resource copies the chunks into the database, sealed with the personal-data key, and
 * deletes the file in the same request. Whoever receives one owns the file and must delete it.
 */
public final class UploadedLedger {

  public static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  /** Plaintext bytes per sealed chunk: memory held per upload, here and in the database copy. */
  public static final int CHUNK = 1024 * 1024;

  private static final int IV_BYTES = 12;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Path file;
  private final SecretKey key;
  private long size;
  private int chunks;

  private UploadedLedger(Path file, SecretKey key) {
    this.file = file;
    this.key = key;
  }

  /** A writer of a new sealed file at {@code file} (created empty by the caller, mode 600). */
  static UploadedLedger create(Path file) {
    try {
      KeyGenerator generator = KeyGenerator.getInstance("AES");
      generator.init(256, RANDOM);
      return new UploadedLedger(file, generator.generateKey());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES is not available to seal an upload", e);
    }
  }

  /**
   * Reads {@code body} into the file, to its end or to its {@code declaredLength} (-1: not declared), whichever comes
   * first, and at most {@code maxBytes} (else {@code tooLarge} is thrown). The declared length ends the read because a
   * request that also asks to upgrade the connection gets a stream that does not end with its body (ADR 0021).
   */
  void write(InputStream body, long declaredLength, long maxBytes, Runnable tooLarge) throws IOException {
    try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(file))) {
      byte[] chunk = new byte[CHUNK];
      int n;
      while ((n = body.readNBytes(chunk, 0,
          declaredLength < 0 ? CHUNK : (int) Math.min(CHUNK, declaredLength - size))) > 0) {
        size += n;
        if (size > maxBytes) {
          tooLarge.run();
        }
        byte[] sealed = crypt(Cipher.ENCRYPT_MODE, chunks, chunk, n);
        out.writeInt(sealed.length);
        out.write(sealed);
        chunks++;
      }
    }
  }

  public long size() {
    return size;
  }

  /** The plaintext chunks in order, one in memory at a time. */
  public void forEachChunk(Consumer<byte[]> consumer) throws IOException {
    try (DataInputStream in = new DataInputStream(Files.newInputStream(file))) {
      for (int i = 0; i < chunks; i++) {
        int length = in.readInt();
        byte[] sealed = in.readNBytes(length);
        if (sealed.length != length) {
          throw new EOFException("the sealed upload is truncated");
        }
        consumer.accept(crypt(Cipher.DECRYPT_MODE, i, sealed, length));
      }
    }
  }

  /** The first bytes of the file, decrypted (to tell a workbook from a CSV). */
  public byte[] head(int bytes) throws IOException {
    if (chunks == 0) {
      return new byte[0];
    }
    try (DataInputStream in = new DataInputStream(Files.newInputStream(file))) {
      int length = in.readInt();
      byte[] plain = crypt(Cipher.DECRYPT_MODE, 0, in.readNBytes(length), length);
      return Arrays.copyOf(plain, Math.min(bytes, plain.length));
    }
  }

  public void delete() {
    try {
      Files.deleteIfExists(file);
    } catch (IOException ignored) {
      // In the private scratch folder, whose leftovers the next start-up deletes; sealed under a lost key anyway.
    }
  }

  private byte[] crypt(int mode, int index, byte[] data, int length) {
    try {
      Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
      if (mode == Cipher.ENCRYPT_MODE) {
        byte[] iv = new byte[IV_BYTES];
        RANDOM.nextBytes(iv);
        aes.init(mode, key, new GCMParameterSpec(128, iv));
        aes.updateAAD(ByteBuffer.allocate(4).putInt(index).array());
        byte[] ciphertext = aes.doFinal(data, 0, length);
        return ByteBuffer.allocate(IV_BYTES + ciphertext.length).put(iv).put(ciphertext).array();
      }
      aes.init(mode, key, new GCMParameterSpec(128, data, 0, IV_BYTES));
      aes.updateAAD(ByteBuffer.allocate(4).putInt(index).array());
      return aes.doFinal(data, IV_BYTES, length - IV_BYTES);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the sealed upload could not be " + (mode == Cipher.ENCRYPT_MODE ? "written" : "read"), e);
    }
  }
}
