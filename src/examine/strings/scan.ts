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
  const r16 = [
    new Reader16(buf, min16, out, true, 0), new Reader16(buf, min16, out, true, 1),
    new Reader16(buf, min16, out, false, 0), new Reader16(buf, min16, out, false, 1),
  ];
  for (let at = 0; at < buf.length; at += CHUNK) {
    const to = Math.min(buf.length, at + CHUNK);
    r8.scan(to);
    for (const r of r16) r.scan(to);
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
    while (i < to) {
      if (PRINT8[buf[i]!] === 1) {
        if (this.start < 0) this.start = i;
        i++;
        while (i < to && PRINT8[buf[i]!] === 1) i++;
        continue;
      }
      const len = buf[i]! >= 0xc2 ? utf8Len(buf, i) : 0;
      if (len > 0) {
        if (this.start < 0) this.start = i;
        if (this.multi === 0) {
          this.mbAt = i;
          this.mbLen = len;
        }
        this.multi++;
        this.extra += len - 1;
        i += len;
        continue;
      }
      if (this.start >= 0) this.end(i);
      i++;
    }
    this.pos = i;
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

/** UTF-16 runs of one byte order at one parity (even or odd offsets). */
class Reader16 {
  private pos: number;
  private start = -1;
  private readonly encoding: 'utf-16le' | 'utf-16be';
  constructor(
    private readonly buf: Uint8Array,
    private readonly min: number,
    private readonly out: Candidate[],
    private readonly le: boolean,
    parity: number,
  ) {
    this.pos = parity;
    this.encoding = le ? 'utf-16le' : 'utf-16be';
  }

  scan(to: number): void {
    const buf = this.buf;
    const last = Math.min(to, buf.length - 1); // a unit needs its second byte
    const hiOff = this.le ? 1 : 0, loOff = this.le ? 0 : 1;
    let i = this.pos;
    while (i < last) {
      if (CLASS16[(buf[i + hiOff]! << 8) | buf[i + loOff]!] !== U_NONE) {
        if (this.start < 0) this.start = i;
        i += 2;
        while (i < last && CLASS16[(buf[i + hiOff]! << 8) | buf[i + loOff]!] !== U_NONE) i += 2;
        continue;
      }
      if (this.start >= 0) this.end(i);
      i += 2;
    }
    this.pos = i;
  }

  finish(): void {
    // A run still open at the end stops at the last whole unit.
    if (this.start >= 0) this.end(Math.min(this.pos, this.start + ((this.buf.length - this.start) >> 1) * 2));
  }

  private end(at: number): void {
    if ((at - this.start) >> 1 >= this.min && plausible16(this.buf, this.start, at, this.le)) {
      this.out.push({ start: this.start, end: at, encoding: this.encoding });
    }
    this.start = -1;
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
