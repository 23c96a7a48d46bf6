package org.shouhu.services.entity;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/**
 * The kinds of file accepted as evidence, each recognized by its magic bytes, never by the name or the declared
 * Content-Type: a page of HTML or a program labelled {@code image/jpeg} is neither, and would be served back to a
 * browser. What a file is decides the Content-Type it is stored and served with.
 */
public enum EvidenceType {
  JPEG("image/jpeg"),
  PNG("image/png"),
  WEBP("image/webp"),
  /** HEIF with HEVC images, as iPhones take photos. */
  HEIC("image/heic"),
  PDF("application/pdf");

  private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
  /** ISO BMFF brands of HEIC still images and sequences; AVIF (also HEIF) is not among them. */
  private static final Set<String> HEIC_BRANDS = Set.of("heic", "heix", "heim", "heis", "hevc", "hevx");
  private static final Set<String> HEIF_GENERIC_BRANDS = Set.of("mif1", "msf1");

  private final String mediaType;

  EvidenceType(String mediaType) {
    this.mediaType = mediaType;
  }

  public String mediaType() {
    return mediaType;
  }

  public static Optional<EvidenceType> ofMediaType(String mediaType) {
    return Arrays.stream(values()).filter(t -> t.mediaType.equals(mediaType)).findFirst();
  }

  /** What the bytes are, if they are one of the accepted kinds. */
  public static Optional<EvidenceType> sniff(byte[] b) {
    if (b == null) {
      return Optional.empty();
    }
    if (b.length >= 3 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xD8 && (b[2] & 0xFF) == 0xFF) {
      return Optional.of(JPEG);
    }
    if (b.length >= 8 && Arrays.equals(Arrays.copyOf(b, 8), PNG_SIGNATURE)) {
      return Optional.of(PNG);
    }
    if (b.length >= 12 && ascii(b, 0, 4).equals("RIFF") && ascii(b, 8, 4).equals("WEBP")) {
      return Optional.of(WEBP);
    }
    if (b.length >= 5 && ascii(b, 0, 5).equals("%PDF-")) {
      return Optional.of(PDF);
    }
    if (isHeic(b)) {
      return Optional.of(HEIC);
    }
    return Optional.empty();
  }

  /** An ISO BMFF file whose first box is {@code ftyp} naming an HEVC brand, as major or compatible brand. */
  private static boolean isHeic(byte[] b) {
    if (b.length < 16 || !ascii(b, 4, 4).equals("ftyp")) {
      return false;
    }
    long boxSize = ((b[0] & 0xFFL) << 24) | ((b[1] & 0xFF) << 16) | ((b[2] & 0xFF) << 8) | (b[3] & 0xFF);
    if (boxSize < 16 || boxSize > b.length || boxSize > 4096) {
      return false;
    }
    String major = ascii(b, 8, 4);
    if (HEIC_BRANDS.contains(major)) {
      return true;
    }
    if (!HEIF_GENERIC_BRANDS.contains(major)) {
      return false;
    }
    for (int at = 16; at + 4 <= boxSize; at += 4) {
      if (HEIC_BRANDS.contains(ascii(b, at, 4))) {
        return true;
      }
    }
    return false;
  }

  private static String ascii(byte[] b, int from, int length) {
    return new String(b, from, length, StandardCharsets.ISO_8859_1);
  }
}
