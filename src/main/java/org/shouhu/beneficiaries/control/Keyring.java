package org.shouhu.beneficiaries.control;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The keys that protect personal data: any number of AES-256 data keys by id, one of them active for sealing new
 * values, and a separate HMAC key for the blind index. Old data keys stay on the ring after a rotation so that
 * values sealed with them can still be opened.
 *
 * <p>Nothing here ever puts key material in a message or {@link #toString()}: only key ids.
 */
public final class Keyring {

  static final int KEY_BYTES = 32;
  private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9_.-]{1,32}");
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Map<String, SecretKey> dataKeys;
  private final String activeId;
  private final SecretKey indexKey;

  private Keyring(Map<String, byte[]> dataKeys, String activeId, byte[] indexKey) {
    if (dataKeys.isEmpty()) {
      throw new IllegalStateException("shouhu.crypto.keys names no key");
    }
    Map<String, SecretKey> keys = new LinkedHashMap<>();
    dataKeys.forEach(
        (id, bytes) -> {
          if (!KEY_ID.matcher(id).matches()) {
            throw new IllegalStateException(
                "a key id in shouhu.crypto.keys is not 1 to 32 letters, digits, '.', '_' or '-'");
          }
          requireLength(bytes, "data key '" + id + "'");
          if (Arrays.equals(bytes, indexKey)) {
            throw new IllegalStateException("the index key must differ from data key '" + id + "'");
          }
          keys.put(id, new SecretKeySpec(bytes, "AES"));
        });
    if (activeId == null || !keys.containsKey(activeId)) {
      throw new IllegalStateException(
          "shouhu.crypto.active-key must name one of the configured keys " + keys.keySet());
    }
    requireLength(indexKey, "index key (shouhu.crypto.index-key)");
    this.dataKeys = Collections.unmodifiableMap(keys);
    this.activeId = activeId;
    this.indexKey = new SecretKeySpec(indexKey, "HmacSHA256");
  }

  public static Keyring of(Map<String, byte[]> dataKeys, String activeId, byte[] indexKey) {
    return new Keyring(dataKeys, activeId, indexKey);
  }

  /**
   * Reads the configured form: {@code keys} as {@code id1:base64,id2:base64}, the id of the active key, and the
   * index key in base64. Every key is 32 random bytes.
   */
  public static Keyring parse(String keys, String activeId, String indexKey) {
    Map<String, byte[]> parsed = new LinkedHashMap<>();
    String[] entries = keys.split(",");
    for (int i = 0; i < entries.length; i++) {
      String entry = entries[i].strip();
      int colon = entry.indexOf(':');
      if (colon <= 0) {
        throw new IllegalStateException("shouhu.crypto.keys entry " + (i + 1) + " is not 'id:base64'");
      }
      String id = entry.substring(0, colon).strip();
      if (parsed.containsKey(id)) {
        throw new IllegalStateException("shouhu.crypto.keys names key '" + id + "' twice");
      }
      parsed.put(id, decode(entry.substring(colon + 1), "data key '" + id + "'"));
    }
    return new Keyring(parsed, activeId == null ? null : activeId.strip(), decode(indexKey, "index key"));
  }

  /** A fresh ring with one data key: the development default, never for production. */
  public static Keyring generate(String keyId) {
    return new Keyring(Map.of(keyId, randomKey()), keyId, randomKey());
  }

  static byte[] randomKey() {
    byte[] key = new byte[KEY_BYTES];
    RANDOM.nextBytes(key);
    return key;
  }

  public String activeId() {
    return activeId;
  }

  public Set<String> keyIds() {
    return dataKeys.keySet();
  }

  SecretKey dataKey(String id) {
    SecretKey key = dataKeys.get(id);
    if (key == null) {
      throw new IllegalStateException(
          "personal data sealed with key '" + id + "', which is not configured (shouhu.crypto.keys); a retired key"
              + " must stay on the ring until every value it sealed has been re-sealed");
    }
    return key;
  }

  SecretKey activeKey() {
    return dataKeys.get(activeId);
  }

  SecretKey indexKey() {
    return indexKey;
  }

  /** The configured form, for writing the development key file. */
  String keysProperty() {
    StringBuilder out = new StringBuilder();
    dataKeys.forEach(
        (id, key) ->
            out.append(out.isEmpty() ? "" : ",")
                .append(id)
                .append(':')
                .append(Base64.getEncoder().encodeToString(key.getEncoded())));
    return out.toString();
  }

  String indexKeyProperty() {
    return Base64.getEncoder().encodeToString(indexKey.getEncoded());
  }

  @Override
  public String toString() {
    return "Keyring[active=" + activeId + ", keys=" + dataKeys.keySet() + "]";
  }

  private static byte[] decode(String base64, String what) {
    if (base64 == null || base64.isBlank()) {
      throw new IllegalStateException("the " + what + " is empty");
    }
    try {
      return Base64.getDecoder().decode(base64.strip());
    } catch (IllegalArgumentException e) {
      // Not chained: the decoder's message can quote the offending input, which is key material.
      throw new IllegalStateException("the " + what + " is not valid base64");
    }
  }

  private static void requireLength(byte[] key, String what) {
    if (key == null || key.length != KEY_BYTES) {
      throw new IllegalStateException("the " + what + " must be " + KEY_BYTES + " bytes (AES-256 / HMAC-SHA256)");
    }
  }
}
