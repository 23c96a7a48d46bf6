package org.shouhu.reporting.control;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * The Chinese font of PDF exports: Noto Sans SC Regular (SIL Open Font License 1.1), cut down to GB 2312 (6,763
 * hanzi), ASCII, Latin-1 and CJK/full-width punctuation — see src/main/resources/fonts and ADR 0009. Each PDF
 * embeds the subset of glyphs it uses, so a reader needs no font of its own. A character outside the font is
 * printed as "?" instead of failing the export.
 */
public final class CjkFont {

  static final String RESOURCE = "/fonts/NotoSansSC-Regular-GB2312.ttf";
  private static final byte[] BYTES = load();

  private final PDType0Font font;
  private final Map<Integer, Boolean> known = new HashMap<>();

  private CjkFont(PDType0Font font) {
    this.font = font;
  }

  /** Loads the font into a document, to be embedded as a subset when the document is saved. */
  public static CjkFont embedIn(PDDocument document) {
    try {
      return new CjkFont(PDType0Font.load(document, new ByteArrayInputStream(BYTES), true));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public PDType0Font font() {
    return font;
  }

  /** The text with every character the font lacks replaced by "?"; control characters become spaces. */
  public String printable(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length());
    text.codePoints().forEach(cp -> {
      if (Character.isISOControl(cp)) {
        out.append(' ');
      } else if (known.computeIfAbsent(cp, this::hasGlyph)) {
        out.appendCodePoint(cp);
      } else {
        out.append('?');
      }
    });
    return out.toString();
  }

  /** Width of the text in points at the given size. */
  public float width(String printable, float size) {
    try {
      return font.getStringWidth(printable) / 1000f * size;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private boolean hasGlyph(int codePoint) {
    try {
      font.encode(new String(Character.toChars(codePoint)));
      return true;
    } catch (IllegalArgumentException | IOException e) {
      return false;
    }
  }

  private static byte[] load() {
    try (InputStream in = CjkFont.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("font missing from the application: " + RESOURCE);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
