package org.shouhu.beneficiaries.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import org.shouhu.beneficiaries.entity.Sealed;

/**
 * Seals personal values for storage with AES-256-GCM and opens them again. Each value gets a fresh random 96-bit
 * IV; the stored form is the key id (its own column) and IV || ciphertext || 128-bit tag.
 *
 * <p>The authenticated data binds the key id and a context naming the field and the record it belongs to, so a
 * value copied into another record, another field or another key id's column fails to open instead of turning up
 * as someone else's number. Values are opened with the key that sealed them, which is what lets keys rotate: a new
 * active key seals new and revised values, retired keys keep opening the old ones.
 *
 * <p>No plaintext ever appears in an exception or a log line here.
 */
@ApplicationScoped
public class PersonalDataCipher {

  static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final SecureRandom RANDOM = new SecureRandom();

  /**
   * One AES-GCM instance per thread (a {@code Cipher} is not thread-safe, and looking one up from the providers
   * cost more than sealing an identity number). Every use initialises it afresh with the key it needs and a new IV,
   * so a rotated key takes effect at the next value and nothing of one value carries over to the next. Only JDK
   * classes are held, so a redeployed application leaves nothing of its own behind in a pooled thread.
   */
  private static final ThreadLocal<Cipher> AES = ThreadLocal.withInitial(() -> {
    try {
      return Cipher.getInstance("AES/GCM/NoPadding");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available for personal data", e);
    }
  });

  private final PersonalDataKeys keys;

  @Inject
  public PersonalDataCipher(PersonalDataKeys keys) {
    this.keys = keys;
  }

  /** For the CDI proxy only. */
  protected PersonalDataCipher() {
    this.keys = null;
  }

  /**
   * @param context where the value lives, e.g. {@code beneficiary.citizen_id/<record id>}; the same context must
   *     be given to open it
   */
  public Sealed seal(String plaintext, String context) {
    return sealBytes(plaintext.getBytes(StandardCharsets.UTF_8), context);
  }

  /** Seals bytes (a chunk of an uploaded file) as {@link #seal} seals text. */
  public Sealed sealBytes(byte[] plaintext, String context) {
    Keyring ring = keys.keyring();
    String keyId = ring.activeId();
    byte[] iv = new byte[IV_BYTES];
    RANDOM.nextBytes(iv);
    try {
      Cipher aes = AES.get();
      aes.init(Cipher.ENCRYPT_MODE, ring.activeKey(), new GCMParameterSpec(TAG_BITS, iv));
      aes.updateAAD(associatedData(keyId, context));
      byte[] ciphertext = aes.doFinal(plaintext);
      return new Sealed(keyId, ByteBuffer.allocate(IV_BYTES + ciphertext.length).put(iv).put(ciphertext).array());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available to seal personal data", e);
    }
  }

  /**
   * @throws IllegalStateException when the value was tampered with, belongs to another context, or was sealed
   *     with a key that is no longer configured
   */
  public String open(Sealed sealed, String context) {
    return new String(openBytes(sealed, context), StandardCharsets.UTF_8);
  }

  /** Opens what {@link #sealBytes} sealed. */
  public byte[] openBytes(Sealed sealed, String context) {
    byte[] stored = sealed.bytes();
    if (stored.length <= IV_BYTES) {
      throw new IllegalStateException("a sealed value in " + context + " is truncated");
    }
    try {
      Cipher aes = AES.get();
      Keyring ring = keys.keyring();
      if (!ring.keyIds().contains(sealed.keyId())) {
        // Sealed by another node with a version rotated in since this node last looked.
        ring = keys.reload();
      }
      aes.init(
          Cipher.DECRYPT_MODE,
          ring.dataKey(sealed.keyId()),
          new GCMParameterSpec(TAG_BITS, Arrays.copyOfRange(stored, 0, IV_BYTES)));
      aes.updateAAD(associatedData(sealed.keyId(), context));
      return aes.doFinal(stored, IV_BYTES, stored.length - IV_BYTES);
    } catch (AEADBadTagException e) {
      throw new IllegalStateException(
          "a value sealed with key '" + sealed.keyId() + "' failed authentication in " + context
              + ": it was altered, or sealed for another record or field");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot open a sealed value in " + context, e);
    }
  }

  /** True when the value was sealed with an older key and should be re-sealed. */
  public boolean isSealedWithRetiredKey(Sealed sealed) {
    return !sealed.keyId().equals(keys.keyring().activeId());
  }

  private static byte[] associatedData(String keyId, String context) {
    return ("shouhu.personal-data/v1|" + keyId + "|" + context).getBytes(StandardCharsets.UTF_8);
  }
}
