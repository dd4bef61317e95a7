/**
 * The Rich header as Microsoft's linker writes it after the DOS stub: `DanS` and three zero dwords, one
 * (comp id, count) pair per tool that contributed objects, all XORed with a key, then `Rich` and the key in clear.
 * The key is the linker's checksum (computed here independently of src/examine/pe, which the tests check against).
 */

/** One `@comp.id` record: product (tool) id, its build number, and how many objects it produced. */
export interface CompId {
  productId: number;
  build: number;
  count: number;
}

const DANS = 0x536e6144;
const RICH = 0x68636952;

const rol32 = (v: number, n: number): number => {
  const s = n & 31;
  return s === 0 ? v >>> 0 : ((v << s) | (v >>> (32 - s))) >>> 0;
};

/**
 * The key: the offset of `DanS`, plus each byte before it rotated left by its offset (the four bytes of e_lfanew
 * skipped, because the linker writes them after the header), plus each comp id rotated left by its count.
 */
export function richKey(dosPrefix: Buffer, entries: readonly CompId[]): number {
  let key = dosPrefix.length >>> 0;
  for (let i = 0; i < dosPrefix.length; i++) {
    if (i >= 0x3c && i < 0x40) continue;
    key = (key + rol32(dosPrefix[i]!, i)) >>> 0;
  }
  for (const e of entries) key = (key + rol32(((e.productId << 16) | e.build) >>> 0, e.count)) >>> 0;
  return key;
}

/** The encoded header for a DOS header + stub of `dosPrefix.length` bytes (0x80 for the linker's stub). */
export function richHeader(dosPrefix: Buffer, entries: readonly CompId[]): Buffer {
  const key = richKey(dosPrefix, entries);
  const out = Buffer.alloc(16 + entries.length * 8 + 8);
  out.writeUInt32LE((DANS ^ key) >>> 0, 0);
  for (let i = 1; i < 4; i++) out.writeUInt32LE(key, i * 4);
  entries.forEach((e, i) => {
    out.writeUInt32LE((((e.productId << 16) | e.build) ^ key) >>> 0, 16 + i * 8);
    out.writeUInt32LE((e.count ^ key) >>> 0, 20 + i * 8);
  });
  out.writeUInt32LE(RICH, out.length - 8);
  out.writeUInt32LE(key, out.length - 4);
  return out;
}
