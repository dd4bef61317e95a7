/**
 * One pass over the buffer finds every run of string characters in five readings at once: 8-bit (ASCII and UTF-8)
 * and UTF-16 little- and big-endian at even and odd offsets. Runs of different readings that cover the same bytes
 * are then resolved to the one that explains most of them (a UTF-16LE "hello" also reads as UTF-16BE "ello" one
 * byte later, and ASCII text reads as CJK in UTF-16).
 */
import { CLASS16, PRINT8, U_ASCII, U_NONE, utf8Len } from './charclass.js';
import type { StringEncoding } from './types.js';

export interface Candidate {
  start: number;
  end: number; // exclusive byte offset
  encoding: StringEncoding;
}

/** Tie-break between readings of equal byte length: Windows strings are UTF-16LE, then plain 8-bit. */
const RANK: Record<StringEncoding, number> = { 'utf-16le': 0, ascii: 1, 'utf-8': 2, 'utf-16be': 3 };

/**
 * The buffer is walked once, in cache-sized chunks; within a chunk each reading runs its own tight loop (a branchy
 * five-way state machine per byte is several times slower in JavaScript), carrying its open run into the next chunk.
 */
const CHUNK = 1 << 18;

export function scanRuns(buf: Uint8Array, min8: number, min16: number): Candidate[] {
  const out: Candidate[] = [];
  const r8 = new Reader8(buf, min8, out);
  const r16 = [new Reader16(buf, min16, out, 0), new Reader16(buf, min16, out, 1)];
  for (let at = 0; at < buf.length; at += CHUNK) {
    const to = Math.min(buf.length, at + CHUNK);
    r8.scan(to);
    r16[0]!.scan(to);
    r16[1]!.scan(to);
  }
  r8.finish();
  for (const r of r16) r.finish();
  return resolveOverlaps(out);
}

/** ASCII and UTF-8 runs. */
class Reader8 {
  private pos = 0;
  private start = -1;
  private extra = 0; // bytes beyond one per character (multi-byte sequences)
  private multi = 0;
  private mbAt = 0;
  private mbLen = 0;
  constructor(private readonly buf: Uint8Array, private readonly min: number, private readonly out: Candidate[]) {}

  scan(to: number): void {
    const buf = this.buf;
    let i = this.pos;
    let start = this.start;
    while (i < to) {
      const b = buf[i]!;
      if (PRINT8[b] === 1) {
        if (start < 0) start = i;
        i++;
        while (i < to && PRINT8[buf[i]!] === 1) i++;
        continue;
      }
      // Cheap pre-test (a lead byte followed by a continuation byte) before the full UTF-8 check.
      const len = b >= 0xc2 && b <= 0xf4 && (buf[i + 1]! & 0xc0) === 0x80 ? utf8Len(buf, i) : 0;
      if (len > 0) {
        if (start < 0) start = i;
        if (this.multi === 0) {
          this.mbAt = i;
          this.mbLen = len;
        }
        this.multi++;
        this.extra += len - 1;
        i += len;
        continue;
      }
      if (start >= 0) {
        this.start = start;
        this.end(i);
        start = -1;
      }
      i++;
    }
    this.pos = i;
    this.start = start;
  }

  finish(): void {
    if (this.start >= 0) this.end(this.buf.length);
  }

  private end(at: number): void {
    const { start, min, out } = this;
    if (this.multi === 1) {
      // One lone multi-byte character inside ASCII is what random bytes look like: keep the ASCII either side.
      if (this.mbAt - start >= min) out.push({ start, end: this.mbAt, encoding: 'ascii' });
      if (at - this.mbAt - this.mbLen >= min) out.push({ start: this.mbAt + this.mbLen, end: at, encoding: 'ascii' });
    } else if (at - start - this.extra >= min) {
      out.push({ start, end: at, encoding: this.multi > 0 ? 'utf-8' : 'ascii' });
    }
    this.start = -1;
    this.extra = 0;
    this.multi = 0;
  }
}

/**
 * Validity of the two bytes (b0, b1) as one UTF-16 unit in both byte orders, from one lookup: bit 1 little-endian
 * (b1·256 + b0), bit 0 big-endian (b0·256 + b1).
 */
const PAIR = (() => {
  const t = new Uint8Array(65536);
  for (let b0 = 0; b0 < 256; b0++) {
    for (let b1 = 0; b1 < 256; b1++) {
      t[(b0 << 8) | b1] = (CLASS16[(b1 << 8) | b0] !== U_NONE ? 2 : 0) | (CLASS16[(b0 << 8) | b1] !== U_NONE ? 1 : 0);
    }
  }
  return t;
})();

/** UTF-16LE and UTF-16BE runs at one parity (even or odd offsets), both from the same byte pairs. */
class Reader16 {
  private pos: number;
  private le = -1; // start of the open little-endian run, -1 when none
  private be = -1;
  constructor(private readonly buf: Uint8Array, private readonly min: number, private readonly out: Candidate[], parity: number) {
    this.pos = parity;
  }

  scan(to: number): void {
    const buf = this.buf;
    const last = Math.min(to, buf.length - 1); // a unit needs its second byte
    let i = this.pos, le = this.le, be = this.be;
    const minBytes = this.min * 2; // runs shorter than this end without a call: most runs are one or two units
    while (i < last) {
      const v = PAIR[(buf[i]! << 8) | buf[i + 1]!]!;
      if (v === 0 && le < 0 && be < 0) {
        i += 2;
        continue;
      }
      if ((v & 2) !== 0) {
        if (le < 0) le = i;
      } else if (le >= 0) {
        if (i - le >= minBytes) this.end(le, i, true);
        le = -1;
      }
      if ((v & 1) !== 0) {
        if (be < 0) be = i;
      } else if (be >= 0) {
        if (i - be >= minBytes) this.end(be, i, false);
        be = -1;
      }
      i += 2;
    }
    this.pos = i;
    this.le = le;
    this.be = be;
  }

  finish(): void {
    // A run still open at the end stops at the last whole unit.
    const n = this.buf.length;
    if (this.le >= 0) this.end(this.le, this.le + ((n - this.le) >> 1) * 2, true);
    if (this.be >= 0) this.end(this.be, this.be + ((n - this.be) >> 1) * 2, false);
  }

  private end(start: number, at: number, le: boolean): void {
    if ((at - start) >> 1 >= this.min && plausible16(this.buf, start, at, le)) {
      this.out.push({ start, end: at, encoding: le ? 'utf-16le' : 'utf-16be' });
    }
  }
}

/** A byte that printable ASCII text never has but UTF-16 of other scripts nearly always does: 0x01-0x1F or ≥ 0x7F. */
const isStrongByte = (b: number): boolean => (b > 0 && b < 0x20) || b >= 0x7f;

/**
 * Reject 16-bit runs that are other data misread. Units outside ASCII must include one with a "strong" byte (else
 * this is ASCII text, possibly NUL-separated, read two bytes at a time), must not mostly end in a zero byte (UTF-16
 * of the other byte order or parity), and the run must end at a control unit such as the NUL terminator or a
 * length prefix (random bytes run on into a valid-looking unit a third of the time, but rarely stop at one).
 */
function plausible16(buf: Uint8Array, start: number, end: number, le: boolean): boolean {
  let other = 0, strong = 0, zeroLow = 0;
  for (let i = start; i < end; i += 2) {
    const u = le ? buf[i]! | (buf[i + 1]! << 8) : (buf[i]! << 8) | buf[i + 1]!;
    if (CLASS16[u] === U_ASCII) continue;
    other++;
    if (isStrongByte(buf[i]!) || isStrongByte(buf[i + 1]!)) strong++;
    if ((u & 0xff) === 0) zeroLow++;
  }
  if (other === 0) return true;
  if (strong === 0 || zeroLow * 2 >= other) return false;
  if (end + 1 >= buf.length) return true;
  const next = le ? buf[end]! | (buf[end + 1]! << 8) : (buf[end]! << 8) | buf[end + 1]!;
  return next < 0x20;
}

/** Keep, among runs covering the same bytes, the longest (ties by `RANK`); runs that overlap nothing pass through. */
function resolveOverlaps(cands: Candidate[]): Candidate[] {
  cands.sort((a, b) => a.start - b.start || a.end - b.end || RANK[a.encoding] - RANK[b.encoding]);
  const out: Candidate[] = [];
  let cluster: Candidate[] = [];
  let clusterEnd = -1;
  const flush = (): void => {
    if (cluster.length === 1) out.push(cluster[0]!);
    else if (cluster.length > 1) {
      const byQuality = [...cluster].sort(
        (a, b) => b.end - b.start - (a.end - a.start) || RANK[a.encoding] - RANK[b.encoding] || a.start - b.start,
      );
      const kept: Candidate[] = [];
      for (const c of byQuality) if (!kept.some((k) => c.start < k.end && k.start < c.end)) kept.push(c);
      kept.sort((a, b) => a.start - b.start);
      out.push(...kept);
    }
    cluster = [];
  };
  for (const c of cands) {
    if (c.start >= clusterEnd) {
      flush();
      clusterEnd = c.end;
    } else clusterEnd = Math.max(clusterEnd, c.end);
    cluster.push(c);
  }
  flush();
  return out;
}
