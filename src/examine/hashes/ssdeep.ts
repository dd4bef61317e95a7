/**
 * ssdeep (context-triggered piecewise hashing, Kornblum 2006), written from the published algorithm and checked
 * against Debian's `ssdeep` 2.14.1 output. The npm port gets most real files wrong because it does not reproduce
 * 2.14's handling of the 64th digest character and of the truncated second signature; this file does.
 *
 * A 7-byte rolling hash marks piece boundaries ("triggers") where `roll % blocksize == blocksize - 1`; each piece
 * contributes one base64 character of the FNV hash of its bytes. Block sizes are 3·2^i; at the end the block size
 * is chosen from the input length and halved while its signature is shorter than 32 characters.
 *
 * 2.14 hashes every candidate block size while reading. Since the whole input is at hand, this pass only records
 * where each block size triggers (a trigger for one block size is also one for every smaller one), and the FNV
 * hashes are computed afterwards for the two block sizes the digest shows: same output, a fraction of the work.
 */

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const SPAMSUM_LENGTH = 64;
const HALF = SPAMSUM_LENGTH / 2;
const MIN_BLOCKSIZE = 3;
const NUM_BLOCKHASHES = 31;
/** FNV initial value and prime; only the low 6 bits survive into a base64 character, so state is kept mod 64. */
const HASH_INIT = 0x28021967 & 63;
const HASH_PRIME_LOW = 0x01000193 & 63;

const BLOCK_SIZES = Float64Array.from({ length: NUM_BLOCKHASHES + 1 }, (_, i) => MIN_BLOCKSIZE * 2 ** i);
/** FNV step on the 6-bit state: (h * prime) ^ c, both reduced mod 64. */
const SUM = Uint8Array.from({ length: 64 * 64 }, (_, k) => (((k >> 6) * HASH_PRIME_LOW) ^ (k & 63)) & 63);
/** Two FNV steps at once (state, byte, byte), halving the lookups of the absorb loop. */
const SUM2 = Uint8Array.from({ length: 64 * 64 * 64 }, (_, k) => SUM[(SUM[k >> 6]! << 6) | (k & 63)]!);

/** Base64 character of the FNV hash of buf[from..to). */
function fnvChar(buf: Uint8Array, from: number, to: number): string {
  let st = HASH_INIT;
  let q = from;
  for (; q + 1 < to; q += 2) st = SUM2[(st << 12) | ((buf[q]! & 63) << 6) | (buf[q + 1]! & 63)]!;
  if (q < to) st = SUM[(st << 6) | (buf[q]! & 63)]!;
  return B64[st]!;
}

/**
 * Trigger positions per block size: `count[i]` triggers in all, `at[i*64 + m]` the end (exclusive) of the piece
 * closed by trigger m+1 for the first 63, `last[i]` the latest trigger's end.
 */
interface Triggers {
  count: Float64Array;
  at: Float64Array;
  last: Float64Array;
}

/** The ssdeep digest `blocksize:sig1:sig2` of `buf`, as `ssdeep` 2.14 prints it (without the file name). */
export function ssdeep(buf: Uint8Array): string {
  const total = buf.length;
  const tr: Triggers = {
    count: new Float64Array(NUM_BLOCKHASHES + 1),
    at: new Float64Array((NUM_BLOCKHASHES + 1) * SPAMSUM_LENGTH),
    last: new Float64Array(NUM_BLOCKHASHES + 1),
  };
  // Rolling hash over a 7-byte window: plain sum, position-weighted sum, shift-xor. int32 arithmetic wraps exactly
  // like the reference's uint32 and keeps V8 on small integers.
  const { count, at, last } = tr;
  const win = new Uint8Array(7);
  let h1 = 0, h2 = 0, h3 = 0, n = 0;
  let floor = 0, floorMask = 0;
  for (let p = 0; p < total; p++) {
    const c = buf[p]!;
    h2 = (h2 - h1 + 7 * c) | 0;
    h1 = (h1 + c - win[n]!) | 0;
    win[n] = c;
    n = n === 6 ? 0 : n + 1;
    h3 = (h3 << 5) ^ c;
    const roll = (h1 + h2 + h3) | 0;
    // roll % (3·2^i) == 3·2^i - 1  ⇔  the low i bits are all ones and (roll >>> i) % 3 == 2: a direct test for
    // any block size, so block sizes below `floor` are never looked at. The bit test rejects most bytes at once.
    if ((roll & floorMask) !== floorMask) continue;
    for (let i = floor, mask = floorMask; i < NUM_BLOCKHASHES; i++, mask = mask * 2 + 1) {
      if ((roll & mask) !== mask) break;
      // For block size 3 roll is a full uint32: split in 16-bit halves (65536 ≡ 1 mod 3) to stay in small integers.
      const q = i === 0 ? (roll >>> 16) + (roll & 0xffff) : roll >>> i;
      if (q % 3 !== 2) break;
      const m = count[i]!;
      if (m < SPAMSUM_LENGTH - 1) at[i * SPAMSUM_LENGTH + m] = p + 1;
      last[i] = p + 1;
      count[i] = m + 1;
    }
    // Once the next block size has 32 pieces and the length alone rules this one out, the final choice can be
    // neither it nor (as the second signature) anything below: stop looking at it (2.14 drops it likewise).
    while (floor < NUM_BLOCKHASHES - 2 && count[floor + 1]! >= HALF && BLOCK_SIZES[floor]! * SPAMSUM_LENGTH < total) {
      floor++;
      floorMask = floorMask * 2 + 1;
    }
  }
  const roll = (h1 + h2 + h3) >>> 0;
  // Block sizes that exist in 2.14's terms: the first, and each one above a block size that has triggered.
  let end = 1;
  while (end < NUM_BLOCKHASHES && (end - 1 < floor || count[end - 1]! > 0)) end++;
  let bi = 0;
  while (BLOCK_SIZES[bi]! * SPAMSUM_LENGTH < total) bi++;
  while (bi >= end) bi--;
  while (bi > floor && Math.min(count[bi]!, SPAMSUM_LENGTH - 1) < HALF) bi--;
  return `${BLOCK_SIZES[bi]}:${signature(buf, tr, bi, roll, SPAMSUM_LENGTH - 1)}:${signature(buf, tr, bi + 1, roll, HALF - 1)}`;
}

/**
 * One block size's signature: a character per piece up to `keep`, then one for the rest. With a non-zero final roll
 * that last character covers everything after the kept pieces (the input ended inside a piece); otherwise it is
 * the one the reference last stored, covering the pieces after the kept ones up to the latest trigger.
 */
function signature(buf: Uint8Array, tr: Triggers, i: number, roll: number, keep: number): string {
  const m = tr.count[i]!;
  const kept = Math.min(m, keep);
  let s = '';
  let from = 0;
  for (let k = 0; k < kept; k++) {
    const to = tr.at[i * SPAMSUM_LENGTH + k]!;
    s += fnvChar(buf, from, to);
    from = to;
  }
  if (roll !== 0) s += fnvChar(buf, from, buf.length);
  else if (m > keep) s += fnvChar(buf, from, tr.last[i]!);
  return s;
}
