package org.shouhu.beneficiaries.entity;

import java.util.Arrays;
import java.util.Objects;

/**
 * A personal value as it is stored: encrypted and authenticated, with the id of the key that sealed it. The
 * aggregate keeps it as it is given; only the control layer's cipher can open it.
 *
 * @param keyId which key sealed the value, so a rotated-out key can still open old values
 * @param bytes the IV followed by the ciphertext and its authentication tag
 */
public record Sealed(String keyId, byte[] bytes) {

  public Sealed {
    Objects.requireNonNull(keyId, "key id");
    bytes = Objects.requireNonNull(bytes, "sealed bytes").clone();
  }

  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Sealed s && keyId.equals(s.keyId) && Arrays.equals(bytes, s.bytes);
  }

  @Override
  public int hashCode() {
    return 31 * keyId.hashCode() + Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return "Sealed[key=" + keyId + ", " + bytes.length + " bytes]";
  }
}
