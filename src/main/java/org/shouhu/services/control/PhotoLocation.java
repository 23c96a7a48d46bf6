package org.shouhu.services.control;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Removes where a JPEG photo was taken before it is stored: photos of minors must not tell anyone who can
 * download them where the child lives (PIPL: location is sensitive personal information, and minors' data all
 * the more). Phones write the position into the EXIF GPS directory and sometimes into XMP.
 *
 * <p>The GPS directory is emptied in place (its entries and their values zeroed, its entry count set to 0), so
 * everything else in EXIF stays where it was, the orientation above all (without it a portrait photo shows on its
 * side). XMP segments are dropped whole. An EXIF block too malformed to edit safely is dropped whole. The image
 * data is copied untouched. PNG and WebP files lose their EXIF and XMP chunks whole: phones rarely take photos in
 * these formats, and editing their EXIF in place is not worth its risk. Deterministic: the same upload gives the same stored bytes, so a retried upload still
 * matches by checksum. HEIC and PDF are stored as they come: see docs/adr/0007.
 */
public final class PhotoLocation {

  private static final byte[] EXIF = "Exif\0\0".getBytes(StandardCharsets.ISO_8859_1);
  private static final byte[] XMP = "http://ns.adobe.com/xap/1.0/\0".getBytes(StandardCharsets.ISO_8859_1);
  private static final byte[] XMP_EXTENSION = "http://ns.adobe.com/xmp/extension/\0".getBytes(StandardCharsets.ISO_8859_1);
  private static final byte[] PNG_XMP_KEYWORD = "XML:com.adobe.xmp\0".getBytes(StandardCharsets.ISO_8859_1);
  private static final int WEBP_EXIF_FLAG = 0x08;
  private static final int WEBP_XMP_FLAG = 0x04;
  private static final int GPS_IFD_TAG = 0x8825;
  private static final int APP1 = 0xE1;
  private static final int SOS = 0xDA;

  /** The result: the bytes to store, and whether anything about the location was removed. */
  public record Stripped(byte[] bytes, boolean removed) {}

  private PhotoLocation() {}

  /** The file without its location, for the types that can carry one and that this class can edit. */
  public static Stripped from(org.shouhu.services.entity.EvidenceType type, byte[] file) {
    return switch (type) {
      case JPEG -> fromJpeg(file);
      case PNG -> fromPng(file);
      case WEBP -> fromWebp(file);
      default -> new Stripped(file, false);
    };
  }

  /** A PNG without its {@code eXIf} chunk and XMP ({@code iTXt} keyword {@code XML:com.adobe.xmp}). */
  public static Stripped fromPng(byte[] png) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(png.length);
    out.write(png, 0, Math.min(8, png.length));
    boolean removed = false;
    int at = 8;
    while (at + 12 <= png.length) {
      long length = ((png[at] & 0xFFL) << 24) | ((png[at + 1] & 0xFF) << 16) | ((png[at + 2] & 0xFF) << 8) | (png[at + 3] & 0xFF);
      if (length > png.length - at - 12L) {
        return new Stripped(png, false);
      }
      int end = at + 12 + (int) length;
      String type = new String(png, at + 4, 4, StandardCharsets.ISO_8859_1);
      boolean xmp = type.equals("iTXt") && startsWith(png, at + 8, end, PNG_XMP_KEYWORD);
      if (type.equals("eXIf") || xmp) {
        removed = true;
      } else {
        out.write(png, at, end - at);
      }
      at = end;
      if (type.equals("IEND")) {
        break;
      }
    }
    if (!removed) {
      return new Stripped(png, false);
    }
    out.write(png, at, png.length - at);
    return new Stripped(out.toByteArray(), true);
  }

  /**
   * A WebP without its {@code EXIF} and {@code XMP } chunks; the RIFF size and the extended header's flags are
   * corrected to match.
   */
  public static Stripped fromWebp(byte[] webp) {
    if (webp.length < 12) {
      return new Stripped(webp, false);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(webp.length);
    out.write(webp, 0, 12);
    boolean removed = false;
    int vp8xFlags = -1;
    int at = 12;
    while (at + 8 <= webp.length) {
      long size = (webp[at + 4] & 0xFFL) | ((webp[at + 5] & 0xFF) << 8) | ((webp[at + 6] & 0xFF) << 16) | ((webp[at + 7] & 0xFFL) << 24);
      long padded = size + (size & 1);
      if (padded > webp.length - at - 8L) {
        return new Stripped(webp, false);
      }
      int end = at + 8 + (int) padded;
      String fourcc = new String(webp, at, 4, StandardCharsets.ISO_8859_1);
      if (fourcc.equals("EXIF") || fourcc.equals("XMP ")) {
        removed = true;
      } else {
        if (fourcc.equals("VP8X") && size > 0) {
          vp8xFlags = out.size() + 8;
        }
        out.write(webp, at, end - at);
      }
      at = end;
    }
    if (!removed || at != webp.length) {
      return new Stripped(webp, false);
    }
    byte[] result = out.toByteArray();
    int riff = result.length - 8;
    result[4] = (byte) riff;
    result[5] = (byte) (riff >>> 8);
    result[6] = (byte) (riff >>> 16);
    result[7] = (byte) (riff >>> 24);
    if (vp8xFlags >= 0) {
      result[vp8xFlags] &= (byte) ~(WEBP_EXIF_FLAG | WEBP_XMP_FLAG);
    }
    return new Stripped(result, true);
  }

  /**
   * The JPEG without its location; a file that is not a well-formed JPEG up to its image data comes back as it is
   * (the type check already decided what it is; a damaged photo is still evidence).
   */
  public static Stripped fromJpeg(byte[] jpeg) {
    if (jpeg.length < 4 || (jpeg[0] & 0xFF) != 0xFF || (jpeg[1] & 0xFF) != 0xD8) {
      return new Stripped(jpeg, false);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(jpeg.length);
    out.write(jpeg, 0, 2);
    boolean removed = false;
    int at = 2;
    while (at + 4 <= jpeg.length) {
      if ((jpeg[at] & 0xFF) != 0xFF) {
        return new Stripped(jpeg, false);
      }
      int marker = jpeg[at + 1] & 0xFF;
      if (marker == 0xFF) {
        // Fill byte before a marker.
        out.write(0xFF);
        at++;
        continue;
      }
      if (marker == SOS) {
        break;
      }
      int length = ((jpeg[at + 2] & 0xFF) << 8) | (jpeg[at + 3] & 0xFF);
      int end = at + 2 + length;
      if (length < 2 || end > jpeg.length) {
        return new Stripped(jpeg, false);
      }
      int data = at + 4;
      if (marker == APP1 && startsWith(jpeg, data, end, XMP) || marker == APP1 && startsWith(jpeg, data, end, XMP_EXTENSION)) {
        removed = true;
      } else if (marker == APP1 && startsWith(jpeg, data, end, EXIF)) {
        byte[] segment = Arrays.copyOfRange(jpeg, at, end);
        int tiff = 4 + EXIF.length;
        Boolean emptied = emptyGps(segment, tiff);
        if (emptied == null) {
          removed = true;
        } else {
          removed |= emptied;
          out.write(segment, 0, segment.length);
        }
      } else {
        out.write(jpeg, at, end - at);
      }
      at = end;
    }
    if (!removed) {
      return new Stripped(jpeg, false);
    }
    out.write(jpeg, at, jpeg.length - at);
    return new Stripped(out.toByteArray(), true);
  }

  /**
   * Empties the GPS directory of the TIFF structure starting at {@code tiff} inside {@code s}, in place. True if
   * there was one with entries, false if there was none, null if the structure cannot be followed safely.
   */
  private static Boolean emptyGps(byte[] s, int tiff) {
    int size = s.length - tiff;
    if (size < 8) {
      return null;
    }
    boolean little;
    if (s[tiff] == 'I' && s[tiff + 1] == 'I') {
      little = true;
    } else if (s[tiff] == 'M' && s[tiff + 1] == 'M') {
      little = false;
    } else {
      return null;
    }
    Tiff t = new Tiff(s, tiff, size, little);
    long ifd0 = t.u32(4);
    if (ifd0 < 8 || ifd0 + 2 > size) {
      return null;
    }
    int entries = t.u16((int) ifd0);
    if (ifd0 + 2 + 12L * entries + 4 > size) {
      return null;
    }
    long gps = -1;
    for (int i = 0; i < entries; i++) {
      int entry = (int) ifd0 + 2 + 12 * i;
      if (t.u16(entry) == GPS_IFD_TAG) {
        gps = t.u32(entry + 8);
      }
    }
    if (gps < 0) {
      return false;
    }
    if (gps < 8 || gps + 2 > size) {
      return null;
    }
    int count = t.u16((int) gps);
    if (gps + 2 + 12L * count + 4 > size) {
      return null;
    }
    for (int i = 0; i < count; i++) {
      int entry = (int) gps + 2 + 12 * i;
      long bytes = (long) width(t.u16(entry + 2)) * t.u32(entry + 4);
      if (bytes > 4) {
        long value = t.u32(entry + 8);
        if (value < 8 || value + bytes > size) {
          return null;
        }
        Arrays.fill(s, tiff + (int) value, tiff + (int) (value + bytes), (byte) 0);
      }
    }
    // Zero count, entries and the following next-directory offset: an empty directory with nothing after it.
    Arrays.fill(s, tiff + (int) gps, tiff + (int) gps + 2 + 12 * count, (byte) 0);
    return count > 0;
  }

  /** Bytes per value of a TIFF field type; unknown types are treated as the widest, so their values are zeroed. */
  private static int width(int type) {
    return switch (type) {
      case 1, 2, 6, 7 -> 1;
      case 3, 8 -> 2;
      case 4, 9, 11 -> 4;
      default -> 8;
    };
  }

  private static boolean startsWith(byte[] b, int from, int end, byte[] prefix) {
    if (end - from < prefix.length) {
      return false;
    }
    return Arrays.equals(b, from, from + prefix.length, prefix, 0, prefix.length);
  }

  private record Tiff(byte[] s, int base, int size, boolean little) {
    int u16(int at) {
      int a = s[base + at] & 0xFF;
      int b = s[base + at + 1] & 0xFF;
      return little ? a | (b << 8) : (a << 8) | b;
    }

    long u32(int at) {
      long a = s[base + at] & 0xFF;
      long b = s[base + at + 1] & 0xFF;
      long c = s[base + at + 2] & 0xFF;
      long d = s[base + at + 3] & 0xFF;
      return little ? a | (b << 8) | (c << 16) | (d << 24) : (a << 24) | (b << 16) | (c << 8) | d;
    }
  }
}
