/**
 * TLSH distance (the reference's `totalDiff` with the length term on, as `tlsh -c A -f B` prints it). 0 means the
 * same digest; ≤ 100 is commonly read as "likely related"; it is unbounded above.
 */

/** Distance between two 2-bit quartile codes packed four to a byte: |a-b|, with 3 (opposite quartiles) costing 6. */
const PAIR_DIFF = (() => {
  const t = new Uint8Array(65536);
  for (let x = 0; x < 256; x++) {
    for (let y = 0; y < 256; y++) {
      let d = 0;
      for (let s = 0; s < 8; s += 2) {
        const e = Math.abs(((x >> s) & 3) - ((y >> s) & 3));
        d += e === 3 ? 6 : e;
      }
      t[(x << 8) | y] = d;
    }
  }
  return t;
})();

interface TlshParts {
  checksum: number;
  lvalue: number;
  q1: number;
  q2: number;
  code: Uint8Array;
}

/** Parse a digest in either Debian's form (70 hex digits) or the newer `T1`-prefixed one. */
function parse(digest: string): TlshParts {
  const hex = /^T1/i.test(digest) ? digest.slice(2) : digest;
  if (!/^[0-9A-Fa-f]{70}$/.test(hex)) throw new TypeError(`not a TLSH digest: ${JSON.stringify(digest)}`);
  const b = Buffer.from(hex, 'hex');
  const swap = (v: number): number => ((v & 0x0f) << 4) | (v >> 4);
  // The header bytes are stored nibble-swapped; the quartile byte holds Q1 in its high nibble after swapping back.
  const q = b[2]!;
  return { checksum: swap(b[0]!), lvalue: swap(b[1]!), q1: q >> 4, q2: q & 0x0f, code: b.subarray(3) };
}

function modDiff(x: number, y: number, r: number): number {
  const d = Math.abs(x - y);
  return Math.min(d, r - d);
}

/** TLSH distance between two digests. Throws TypeError when either is not a TLSH digest. */
export function tlshDiff(a: string, b: string): number {
  const x = parse(a);
  const y = parse(b);
  let diff = 0;
  const ldiff = modDiff(x.lvalue, y.lvalue, 256);
  diff += ldiff <= 1 ? ldiff : ldiff * 12;
  const q1 = modDiff(x.q1, y.q1, 16);
  diff += q1 <= 1 ? q1 : (q1 - 1) * 12;
  const q2 = modDiff(x.q2, y.q2, 16);
  diff += q2 <= 1 ? q2 : (q2 - 1) * 12;
  if (x.checksum !== y.checksum) diff += 1;
  for (let i = 0; i < 32; i++) diff += PAIR_DIFF[(x.code[i]! << 8) | y.code[i]!]!;
  return diff;
}
