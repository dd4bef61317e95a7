/**
 * Which characters may form a string. 8-bit: printable ASCII and tab, plus well-formed UTF-8 for non-ASCII.
 * 16-bit: a table over all 65,536 code units, because random bytes read as UTF-16 land somewhere valid half the
 * time; only the scripts that carry text in real binaries are admitted (Latin-1 letters, Latin extended, Greek,
 * Cyrillic, Armenian, Hebrew, Arabic, Devanagari, Thai, Georgian, punctuation, kana, CJK ideographs, Hangul,
 * full-width forms), which keeps noise out without losing the languages attribution cares about.
 */

/** 1 for printable ASCII bytes and tab. */
export const PRINT8 = (() => {
  const t = new Uint8Array(256);
  for (let b = 0x20; b <= 0x7e; b++) t[b] = 1;
  t[9] = 1;
  return t;
})();

/** 16-bit unit classes. */
export const U_NONE = 0;
export const U_ASCII = 1;
export const U_OTHER = 2;

const RANGES16: [number, number][] = [
  [0x00c0, 0x00d6], [0x00d8, 0x00f6], [0x00f8, 0x024f], // Latin-1 letters, Latin extended
  [0x0370, 0x03ff], [0x0400, 0x04ff], [0x0531, 0x0587], [0x05d0, 0x05ea], // Greek, Cyrillic, Armenian, Hebrew
  [0x0600, 0x06ff], [0x0900, 0x097f], [0x0e00, 0x0e7f], [0x10a0, 0x10ff], // Arabic, Devanagari, Thai, Georgian
  [0x2010, 0x2027], [0x2030, 0x205e], // general punctuation
  [0x3000, 0x303f], [0x3040, 0x30ff], [0x4e00, 0x9fff], [0xac00, 0xd7a3], // CJK punctuation, kana, ideographs, Hangul
  [0xff01, 0xff5e], [0xff61, 0xff9f], // full-width ASCII, half-width katakana
];

/** Class of each UTF-16 code unit (index = code unit value). */
export const CLASS16 = (() => {
  const t = new Uint8Array(65536);
  for (let c = 0x20; c <= 0x7e; c++) t[c] = U_ASCII;
  t[9] = U_ASCII;
  for (const [a, b] of RANGES16) for (let c = a; c <= b; c++) t[c] = U_OTHER;
  return t;
})();

/**
 * Length of the well-formed UTF-8 sequence at `i` encoding a printable non-ASCII character, or 0. C1 controls,
 * surrogates, private use and non-characters are refused: they are what random bytes decode to.
 */
export function utf8Len(buf: Uint8Array, i: number): number {
  const b0 = buf[i]!;
  const n = buf.length;
  let cp: number, len: number;
  if (b0 >= 0xc2 && b0 <= 0xdf) {
    len = 2;
    cp = b0 & 0x1f;
  } else if (b0 >= 0xe0 && b0 <= 0xef) {
    len = 3;
    cp = b0 & 0x0f;
  } else if (b0 >= 0xf0 && b0 <= 0xf4) {
    len = 4;
    cp = b0 & 0x07;
  } else return 0;
  if (i + len > n) return 0;
  for (let k = 1; k < len; k++) {
    const b = buf[i + k]!;
    if ((b & 0xc0) !== 0x80) return 0;
    cp = (cp << 6) | (b & 0x3f);
  }
  // Overlong forms, C1 controls, surrogates, private use, non-characters, beyond Unicode.
  if (len === 3 && cp < 0x800) return 0;
  if (len === 4 && (cp < 0x10000 || cp > 0x10ffff)) return 0;
  if (cp < 0xa0) return 0;
  if (cp >= 0xd800 && cp <= 0xf8ff) return 0;
  if ((cp & 0xfffe) === 0xfffe || (cp >= 0xfdd0 && cp <= 0xfdef)) return 0;
  return len;
}
