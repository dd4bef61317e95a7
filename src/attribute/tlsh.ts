/**
 * TLSH distance between two digests (Trend Micro's locality-sensitive hash, version 4 strings "T1" + 70 hex),
 * following the reference `totalDiff`: header (length, quartile ratios, checksum) plus the bucket distance.
 * Written here because veritrace only needs the distance, not digest computation, and the reference is small.
 */

interface Parsed { checksum: number; lvalue: number; q1: number; q2: number; body: Uint8Array }

const swap = (b: number): number => ((b & 0x0f) << 4) | ((b & 0xf0) >> 4);

export function parseTlsh(digest: string): Parsed | undefined {
  const s = digest.startsWith('T1') || digest.startsWith('t1') ? digest.slice(2) : digest;
  if (!/^[0-9a-fA-F]{70}$/.test(s)) return undefined;
  const bytes = Uint8Array.from({ length: 35 }, (_, i) => parseInt(s.slice(2 * i, 2 * i + 2), 16));
  const q = swap(bytes[2] ?? 0);
  return { checksum: swap(bytes[0] ?? 0), lvalue: swap(bytes[1] ?? 0), q1: q & 0x0f, q2: q >> 4, body: bytes.subarray(3) };
}

function modDiff(x: number, y: number, range: number): number {
  const d = Math.abs(x - y);
  return Math.min(d, range - d);
}

function bitPairsDiff(a: number, b: number): number {
  let diff = 0;
  for (let k = 0; k < 4; k++) {
    const d = Math.abs(((a >> (2 * k)) & 3) - ((b >> (2 * k)) & 3));
    diff += d === 3 ? 6 : d;
  }
  return diff;
}

/** Distance between two TLSH digests (0 = identical; below ~50 usually the same family), or undefined if either is malformed. */
export function tlshDistance(a: string, b: string): number | undefined {
  const x = parseTlsh(a);
  const y = parseTlsh(b);
  if (!x || !y) return undefined;
  let diff = 0;
  const ldiff = modDiff(x.lvalue, y.lvalue, 256);
  diff += ldiff <= 1 ? ldiff : ldiff * 12;
  const q1 = modDiff(x.q1, y.q1, 16);
  diff += q1 <= 1 ? q1 : (q1 - 1) * 12;
  const q2 = modDiff(x.q2, y.q2, 16);
  diff += q2 <= 1 ? q2 : (q2 - 1) * 12;
  if (x.checksum !== y.checksum) diff += 1;
  for (let i = 0; i < 32; i++) diff += bitPairsDiff(x.body[i] ?? 0, y.body[i] ?? 0);
  return diff;
}
