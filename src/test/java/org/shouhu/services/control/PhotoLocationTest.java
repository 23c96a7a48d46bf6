package org.shouhu.services.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** Also used by SchoolActivitiesIT for a phone photo with its location in it. */
public class PhotoLocationTest {

  static final int GPS_AT = 38;
  static final int LATITUDE_AT = 68;

  /** A real (decodable) 8×8 JPEG, as ImageIO writes it: no EXIF of its own. */
  public static byte[] plainJpeg() throws Exception {
    BufferedImage image = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
    image.setRGB(3, 3, 0xFF0000);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, "jpg", out);
    return out.toByteArray();
  }

  /** Little-endian EXIF: IFD0 with Orientation 6 and a GPS pointer; GPS with latitude ref N and 30°39'12.34". */
  static byte[] exifTiff(ByteOrder order) {
    ByteBuffer t = ByteBuffer.allocate(92).order(order);
    t.put(order == ByteOrder.LITTLE_ENDIAN ? new byte[] {'I', 'I'} : new byte[] {'M', 'M'}).putShort((short) 42).putInt(8);
    t.putShort((short) 2);
    t.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) 6).putShort((short) 0);
    t.putShort((short) 0x8825).putShort((short) 4).putInt(1).putInt(GPS_AT);
    t.putInt(0);
    t.putShort((short) 2);
    t.putShort((short) 1).putShort((short) 2).putInt(2).put(new byte[] {'N', 0, 0, 0});
    t.putShort((short) 2).putShort((short) 5).putInt(3).putInt(LATITUDE_AT);
    t.putInt(0);
    t.putInt(30).putInt(1).putInt(39).putInt(1).putInt(1234).putInt(100);
    return t.array();
  }

  static byte[] segment(int marker, byte[] payload) {
    ByteBuffer s = ByteBuffer.allocate(4 + payload.length);
    s.put((byte) 0xFF).put((byte) marker).putShort((short) (payload.length + 2)).put(payload);
    return s.array();
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  static final byte[] XMP = segment(0xE1, concat("http://ns.adobe.com/xap/1.0/\0".getBytes(StandardCharsets.ISO_8859_1),
      "<x:xmpmeta><exif:GPSLatitude>30,39.2N</exif:GPSLatitude></x:xmpmeta>".getBytes(StandardCharsets.UTF_8)));

  public static byte[] photoWithLocation(ByteOrder order) throws Exception {
    byte[] jpeg = plainJpeg();
    byte[] exif = segment(0xE1, concat("Exif\0\0".getBytes(StandardCharsets.ISO_8859_1), exifTiff(order)));
    return concat(Arrays.copyOf(jpeg, 2), exif, XMP, Arrays.copyOfRange(jpeg, 2, jpeg.length));
  }

  static int indexOf(byte[] in, byte[] what) {
    outer:
    for (int i = 0; i + what.length <= in.length; i++) {
      for (int j = 0; j < what.length; j++) {
        if (in[i + j] != what[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  @Test
  void removesTheGpsDirectoryAndXmpButKeepsOrientationAndTheImage() throws Exception {
    for (ByteOrder order : new ByteOrder[] {ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN}) {
      byte[] photo = photoWithLocation(order);
      PhotoLocation.Stripped stripped = PhotoLocation.fromJpeg(photo);

      assertTrue(stripped.removed());
      byte[] out = stripped.bytes();
      assertEquals(-1, indexOf(out, "GPSLatitude".getBytes(StandardCharsets.US_ASCII)), "XMP dropped");
      int tiff = indexOf(out, "Exif\0\0".getBytes(StandardCharsets.ISO_8859_1)) + 6;
      ByteBuffer t = ByteBuffer.wrap(out, tiff, 92).slice().order(order);
      assertEquals(0x0112, t.getShort(10) & 0xFFFF);
      assertEquals(6, t.getShort(18), "orientation kept");
      assertEquals(0, t.getShort(GPS_AT), "GPS directory empty");
      for (int i = GPS_AT; i < LATITUDE_AT + 24; i++) {
        assertEquals(0, t.get(i), "GPS byte " + i + " zeroed");
      }
      assertEquals(photo.length - XMP.length, out.length, "only the XMP segment is gone");
      BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(out));
      assertNotNull(decoded, "still a JPEG");
      assertEquals(8, decoded.getWidth());
    }
  }

  @Test
  void strippingIsDeterministicSoARetriedUploadMatchesByChecksum() throws Exception {
    byte[] photo = photoWithLocation(ByteOrder.LITTLE_ENDIAN);
    assertArrayEquals(PhotoLocation.fromJpeg(photo).bytes(), PhotoLocation.fromJpeg(photo.clone()).bytes());
    byte[] once = PhotoLocation.fromJpeg(photo).bytes();
    assertFalse(PhotoLocation.fromJpeg(once).removed(), "nothing left to remove");
  }

  @Test
  void aPhotoWithoutLocationIsStoredAsItCame() throws Exception {
    byte[] jpeg = plainJpeg();
    PhotoLocation.Stripped stripped = PhotoLocation.fromJpeg(jpeg);
    assertFalse(stripped.removed());
    assertSame(jpeg, stripped.bytes());
  }

  @Test
  void anExifBlockThatCannotBeFollowedIsDroppedWhole() throws Exception {
    byte[] tiff = exifTiff(ByteOrder.LITTLE_ENDIAN);
    ByteBuffer.wrap(tiff).order(ByteOrder.LITTLE_ENDIAN).putInt(30, 5000);
    byte[] jpeg = plainJpeg();
    byte[] photo = concat(Arrays.copyOf(jpeg, 2),
        segment(0xE1, concat("Exif\0\0".getBytes(StandardCharsets.ISO_8859_1), tiff)), Arrays.copyOfRange(jpeg, 2, jpeg.length));

    PhotoLocation.Stripped stripped = PhotoLocation.fromJpeg(photo);

    assertTrue(stripped.removed());
    assertEquals(-1, indexOf(stripped.bytes(), "Exif\0\0".getBytes(StandardCharsets.ISO_8859_1)));
    assertArrayEquals(jpeg, stripped.bytes());
  }

  static byte[] pngChunk(String type, byte[] data) {
    ByteBuffer c = ByteBuffer.allocate(12 + data.length);
    c.putInt(data.length).put(type.getBytes(StandardCharsets.ISO_8859_1)).put(data).putInt(0);
    return c.array();
  }

  @Test
  void aPngLosesItsExifAndXmpChunksAndStillDecodes() throws Exception {
    BufferedImage image = new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB);
    ByteArrayOutputStream written = new ByteArrayOutputStream();
    ImageIO.write(image, "png", written);
    byte[] png = written.toByteArray();
    int afterHeader = 8 + 25;
    byte[] exif = pngChunk("eXIf", exifTiff(ByteOrder.BIG_ENDIAN));
    byte[] xmp = pngChunk("iTXt", concat("XML:com.adobe.xmp\0\0\0\0\0".getBytes(StandardCharsets.ISO_8859_1),
        "<exif:GPSLatitude>30,39.2N</exif:GPSLatitude>".getBytes(StandardCharsets.UTF_8)));
    byte[] photo = concat(Arrays.copyOf(png, afterHeader), exif, xmp, Arrays.copyOfRange(png, afterHeader, png.length));

    PhotoLocation.Stripped stripped = PhotoLocation.from(org.shouhu.services.entity.EvidenceType.PNG, photo);

    assertTrue(stripped.removed());
    assertArrayEquals(png, stripped.bytes());
    assertNotNull(ImageIO.read(new ByteArrayInputStream(stripped.bytes())));
    assertSame(png, PhotoLocation.fromPng(png).bytes(), "nothing to remove");
  }

  @Test
  void aWebpLosesItsExifAndXmpChunksWithItsSizeAndFlagsCorrected() {
    byte[] vp8x = concat("VP8X".getBytes(StandardCharsets.ISO_8859_1), new byte[] {10, 0, 0, 0},
        new byte[] {0x0C, 0, 0, 0, 3, 0, 0, 3, 0, 0});
    byte[] image = concat("VP8L".getBytes(StandardCharsets.ISO_8859_1), new byte[] {5, 0, 0, 0}, new byte[] {0x2F, 1, 2, 3, 4, 0});
    byte[] exif = concat("EXIF".getBytes(StandardCharsets.ISO_8859_1), new byte[] {92, 0, 0, 0}, exifTiff(ByteOrder.LITTLE_ENDIAN));
    byte[] xmp = concat("XMP ".getBytes(StandardCharsets.ISO_8859_1), new byte[] {3, 0, 0, 0}, new byte[] {'<', 'x', '>', 0});
    byte[] body = concat("WEBP".getBytes(StandardCharsets.ISO_8859_1), vp8x, image, exif, xmp);
    byte[] webp = concat("RIFF".getBytes(StandardCharsets.ISO_8859_1),
        ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(body.length).array(), body);

    PhotoLocation.Stripped stripped = PhotoLocation.from(org.shouhu.services.entity.EvidenceType.WEBP, webp);

    assertTrue(stripped.removed());
    byte[] out = stripped.bytes();
    assertEquals(12 + vp8x.length + image.length, out.length);
    assertEquals(out.length - 8, ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN).getInt(4), "RIFF size");
    assertEquals(0, out[20] & 0x0C, "no EXIF or XMP flag left");
    assertArrayEquals(image, Arrays.copyOfRange(out, 12 + vp8x.length, out.length));
  }

  @Test
  void aDamagedFileComesBackUntouched() {
    byte[] truncated = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE1, 0x7F, 0x00, 'E'};
    assertSame(truncated, PhotoLocation.fromJpeg(truncated).bytes());
  }
}
