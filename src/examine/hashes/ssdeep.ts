/**
 * ssdeep (context-triggered piecewise hashing, Kornblum 2006), written from the published algorithm and checked
 * against Debian's `ssdeep` 2.14.1 output. The npm port gets most real files wrong because it does not reproduce
 * 2.14's handling of the 64th digest character and of the truncated second signature; this file does.
 *
 * A 7-byte rolling hash marks piece boundaries ("triggers") where `roll % blocksize == blocksize - 1`; each piece
 * contributes one base64 character of its FNV hash. Block sizes 3·2^i run side by side in one pass (a trigger for a
 * block size is also one for every smaller one), and at the end the block size is chosen from the input length,
 * halved while its signature is shorter than 32 characters.
 */

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const SPAMSUM_LENGTH = 64;
const MIN_BLOCKSIZE = 3;
const NUM_BLOCKHASHES = 31;
/** FNV initial value and prime; only the low 6 bits survive into a base64 character, so state is kept mod 64. */
const HASH_INIT = 0x28021967 & 63;
const HASH_PRIME_LOW = 0x01000193 & 63;

const BLOCK_SIZES = Float64Array.from({ length: NUM_BLOCKHASHES + 1 }, (_, i) => MIN_BLOCKSIZE * 2 ** i);
const B64_CODES = Uint8Array.from(B64, (ch) => ch.charCodeAt(0));
/** FNV step on the 6-bit state: (h * prime) ^ c, both reduced mod 64. */
const SUM = Uint8Array.from({ length: 64 * 64 }, (_, k) => (((k >> 6) * HASH_PRIME_LOW) ^ (k & 63)) & 63);

/**
 * All block sizes' signatures under construction. For block size i: `h` is the FNV state since its last character,
 * `halfh` the state for the 32nd character of the truncated second signature, `digest` its characters (slot 63 is
 * rewritten by every later trigger once full) and `half` the 32nd character as of the last trigger (0 while fewer
 * than 32 were emitted). Only block sizes `start..end-1` are live: larger ones have not triggered yet (they would
 * equal block size `end-1`'s state), smaller ones can no longer be chosen.
 *
 * The FNV states are brought up to date lazily (`hPos`/`halfPos` say how far they have absorbed the input): the
 * per-byte loop then only rolls the trigger hash, and each state is advanced in a tight loop when a trigger reads it.
 */
class Blocks {
  readonly h = new Uint8Array(NUM_BLOCKHASHES + 1);
  readonly hPos = new Float64Array(NUM_BLOCKHASHES + 1);
  readonly halfh = new Uint8Array(NUM_BLOCKHASHES + 1);
  readonly halfPos = new Float64Array(NUM_BLOCKHASHES + 1);
  readonly dlen = new Int32Array(NUM_BLOCKHASHES);
  readonly half = new Uint8Array(NUM_BLOCKHASHES);
  readonly digest = new Uint8Array(NUM_BLOCKHASHES * SPAMSUM_LENGTH);
  start = 0;
  end = 1;
  constructor(readonly buf: Uint8Array) {}
  /** h[i] after absorbing the input up to and including byte `to - 1`. */
  hAt(i: number, to: number): number {
    let st = this.h[i]!;
    const buf = this.buf;
    for (let q = this.hPos[i]!; q < to; q++) st = SUM[(st << 6) | (buf[q]! & 63)]!;
    this.h[i] = st;
    this.hPos[i] = to;
    return st;
  }
  halfAt(i: number, to: number): number {
    let st = this.halfh[i]!;
    const buf = this.buf;
    for (let q = this.halfPos[i]!; q < to; q++) st = SUM[(st << 6) | (buf[q]! & 63)]!;
    this.halfh[i] = st;
    this.halfPos[i] = to;
    return st;
  }
  chars(i: number, n: number): string {
    return Buffer.from(this.digest.subarray(i * SPAMSUM_LENGTH, i * SPAMSUM_LENGTH + n)).toString('latin1');
  }
}

/** The ssdeep digest `blocksize:sig1:sig2` of `buf`, as `ssdeep` 2.14 prints it (without the file name). */
export function ssdeep(buf: Uint8Array): string {
  const total = buf.length;
  const b = new Blocks(buf);
  const { h, hPos, halfh, halfPos, dlen, half, digest } = b;
  h[0] = HASH_INIT;
  halfh[0] = HASH_INIT;
  // Rolling hash over a 7-byte window: plain sum, position-weighted sum, shift-xor.
  const win = new Uint8Array(7);
  let h1 = 0, h2 = 0, h3 = 0, n = 0;
  let mask0 = 0;
  for (let p = 0; p < total; p++) {
    const c = buf[p]!;
    // int32 arithmetic wraps exactly like the reference's uint32 and keeps V8 on small integers.
    h2 = (h2 - h1 + 7 * c) | 0;
    h1 = (h1 + c - win[n]!) | 0;
    win[n] = c;
    n = n === 6 ? 0 : n + 1;
    h3 = (h3 << 5) ^ c;
    const roll = (h1 + h2 + h3) | 0;
    // roll % (3·2^k) == 3·2^k - 1  ⇔  the low k bits are all ones and (roll >>> k) % 3 == 2; the bit test is cheap
    // and rejects almost every byte.
    if ((roll & mask0) !== mask0) continue;
    for (let i = b.start; i < b.end; i++) {
      // Block sizes double, so the first one that does not trigger ends the loop.
      if (!triggers(roll, i)) break;
      const hi = b.hAt(i, p + 1);
      const fi = b.halfAt(i, p + 1);
      if (dlen[i] === 0) {
        // First trigger of the largest live block size: the next one starts from the same state. Past the last
        // block size the same state continues as the reference's "last hash" (kept in slot NUM_BLOCKHASHES).
        h[b.end] = hi;
        hPos[b.end] = p + 1;
        halfh[b.end] = fi;
        halfPos[b.end] = p + 1;
        if (b.end < NUM_BLOCKHASHES) b.end++;
      }
      const d = Math.min(dlen[i]!, SPAMSUM_LENGTH - 1);
      digest[i * SPAMSUM_LENGTH + d] = B64_CODES[hi]!;
      dlen[i] = d + 1;
      half[i] = B64_CODES[fi]!;
      if (d < SPAMSUM_LENGTH - 1) {
        h[i] = HASH_INIT;
        if (d + 1 < SPAMSUM_LENGTH / 2) {
          halfh[i] = HASH_INIT;
          half[i] = 0;
        }
      } else if (b.end - b.start >= 2 && BLOCK_SIZES[b.start]! * SPAMSUM_LENGTH < total &&
        dlen[b.start + 1]! >= SPAMSUM_LENGTH / 2) {
        // The smallest block size can no longer be chosen: stop computing it.
        b.start++;
        mask0 = 2 ** b.start - 1;
      }
    }
  }
  return finish(b, total, (h1 + h2 + h3) >>> 0);
}

/** Whether the rolling hash marks a piece boundary for block size 3·2^i. */
function triggers(roll: number, i: number): boolean {
  const mask = 2 ** i - 1;
  return (roll & mask) === mask && ((roll >>> i) % 3) === 2;
}

/** Length of a signature excluding a full one's rewritable last slot. */
const dlenOf = (b: Blocks, i: number): number => Math.min(b.dlen[i]!, SPAMSUM_LENGTH - 1);

function finish(b: Blocks, total: number, roll: number): string {
  let bi = b.start;
  while (BLOCK_SIZES[bi]! * SPAMSUM_LENGTH < total) bi++;
  while (bi >= b.end) bi--;
  while (bi > b.start && dlenOf(b, bi) < SPAMSUM_LENGTH / 2) bi--;
  let sig1 = b.chars(bi, dlenOf(b, bi));
  // A non-zero final roll means the input ended inside a piece: that tail adds one more character.
  if (roll !== 0) sig1 += B64[b.hAt(bi, total)];
  else if (b.dlen[bi] === SPAMSUM_LENGTH) sig1 += b.chars(bi, SPAMSUM_LENGTH).slice(-1);
  let sig2 = '';
  if (bi < b.end - 1) {
    const j = bi + 1;
    sig2 = b.chars(j, Math.min(dlenOf(b, j), SPAMSUM_LENGTH / 2 - 1));
    if (roll !== 0) sig2 += B64[b.halfAt(j, total)];
    else if (b.half[j] !== 0) sig2 += String.fromCharCode(b.half[j]!);
  } else if (roll !== 0) {
    // Only block size 0 (tiny input) or the last one get here; the slot after the last holds the last hash.
    sig2 = B64[b.hAt(bi === 0 ? 0 : NUM_BLOCKHASHES, total)]!;
  }
  return `${BLOCK_SIZES[bi]}:${sig1}:${sig2}`;
}
