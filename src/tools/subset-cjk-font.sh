#!/usr/bin/env bash
# Rebuilds src/main/resources/fonts/NotoSansSC-Regular-GB2312.ttf, the CJK font of PDF exports (ADR 0009).
# Source: Noto Sans SC Regular (static TrueType) from the npm package @expo-google-fonts/noto-sans-sc, licensed
# under the SIL Open Font License 1.1 (LICENSE-NotoSansSC-OFL.txt beside the font). Kept: GB 2312 (6,763 hanzi and
# its symbols), ASCII, Latin-1, general and CJK punctuation, full-width forms. Needs npm and Debian's fonttools.
set -euo pipefail
here="$(cd "$(dirname "$0")/../.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
npm pack --silent @expo-google-fonts/noto-sans-sc@0.4.3 >/dev/null
tar xzf expo-google-fonts-noto-sans-sc-0.4.3.tgz
/usr/bin/python3 - <<'PY'
chars = set()
for b1 in range(0xA1, 0xF8):
    for b2 in range(0xA1, 0xFF):
        try:
            chars.add(bytes([b1, b2]).decode('gb2312'))
        except UnicodeDecodeError:
            pass
for lo, hi in [(0x20, 0x7F), (0xA0, 0x100), (0x2010, 0x2070), (0x3000, 0x3040), (0xFF00, 0xFFF0)]:
    chars.update(chr(c) for c in range(lo, hi))
chars.update('\u2103\u00b7\u25a1')
open('chars.txt', 'w', encoding='utf-8').write(''.join(sorted(chars)))
PY
pyftsubset package/400Regular/NotoSansSC_400Regular.ttf --text-file=chars.txt \
  --output-file=subset.ttf --layout-features='*' --no-hinting --desubroutinize
# PDFBox ignores (and warns about) the Unicode variation-sequence cmap; drop it.
/usr/bin/python3 - <<'PY'
from fontTools.ttLib import TTFont
f = TTFont('subset.ttf')
f['cmap'].tables = [t for t in f['cmap'].tables if t.format != 14]
f.save('subset.ttf')
PY
cp subset.ttf "$here/src/main/resources/fonts/NotoSansSC-Regular-GB2312.ttf"
cp package/LICENSE_FONT "$here/src/main/resources/fonts/LICENSE-NotoSansSC-OFL.txt"
