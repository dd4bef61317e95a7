/**
 * Zeek's ASCII writer escapes every byte that is not printable ASCII (and the separators, and a leading `#`)
 * as `\xNN`, and a backslash as `\\`. Decoding turns the bytes back into text: valid UTF-8 becomes the
 * characters it encodes; bytes that are not valid UTF-8 (binary payloads, Latin-1 URIs) keep their escaped
 * spelling, so no byte of evidence is lost or replaced by U+FFFD.
 */

const utf8 = new TextDecoder('utf-8', { fatal: true });

function hexVal(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

/** The text behind one escaped Zeek value. Callers test `indexOf('\\')` first; this is the slow path. */
export function decodeZeekEscapes(s: string): string {
  let out = '';
  let last = 0;
  let i = s.indexOf('\\');
  while (i >= 0 && i < s.length - 1) {
    const next = s.charCodeAt(i + 1);
    if (next === 92) { // `\\` is one backslash
      out += s.slice(last, i) + '\\';
      last = i + 2;
      i = s.indexOf('\\', last);
      continue;
    }
    if (next === 120 && i + 3 < s.length) { // `\xNN`
      const hi = hexVal(s.charCodeAt(i + 2));
      const lo = hexVal(s.charCodeAt(i + 3));
      if (hi >= 0 && lo >= 0) {
        const b = hi * 16 + lo;
        if (b >= 0x80) return decodeBytes(s);
        out += s.slice(last, i) + String.fromCharCode(b);
        last = i + 4;
        i = s.indexOf('\\', last);
        continue;
      }
    }
    // A lone backslash is not an escape Zeek writes; keep it as it is.
    i = s.indexOf('\\', i + 1);
  }
  return out + s.slice(last);
}

/** Byte-level decoding for values with escaped high bytes: UTF-8 when the bytes form it, else the escaped original. */
function decodeBytes(s: string): string {
  const src = Buffer.from(s, 'utf8');
  const dst = Buffer.allocUnsafe(src.length);
  let n = 0;
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (c === 92 && i + 1 < src.length) {
      const next = src[i + 1]!;
      if (next === 92) { dst[n++] = 92; i++; continue; }
      if (next === 120 && i + 3 < src.length) {
        const hi = hexVal(src[i + 2]!);
        const lo = hexVal(src[i + 3]!);
        if (hi >= 0 && lo >= 0) { dst[n++] = hi * 16 + lo; i += 3; continue; }
      }
    }
    dst[n++] = c;
  }
  try {
    return utf8.decode(dst.subarray(0, n));
  } catch {
    return s;
  }
}
