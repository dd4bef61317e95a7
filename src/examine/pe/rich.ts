import { createHash } from 'node:crypto';
import { Bytes } from './bytes.js';
import { toolName, visualStudioOf } from './rich-tools.js';
import type { RichEntry, RichHeader } from './types.js';

const DANS = 0x536e6144;
const RICH = 0x68636952;

/**
 * The Rich header MSVC's linker writes between the DOS stub and the PE header: `DanS`, three padding dwords and
 * (comp id, count) pairs, all XORed with a key that is a checksum over the DOS header and the entries, then
 * `Rich` and the key in clear. Located and hashed as pefile's parse_rich_header / get_rich_header_hash do
 * (search `Rich` from 0x80 to the optional header, data from 0x80), so the rich hash equals pefile's.
 */
export function parseRich(b: Bytes, optionalOffset: number): RichHeader | undefined {
  const richAt = b.buf.subarray(0, optionalOffset).indexOf('Rich', 0x80, 'latin1');
  if (richAt < 0 || !b.has(richAt, 8)) return undefined;
  const start = 0x80;
  const dwords = Math.floor((richAt + 8 - start) / 4);
  if (dwords < 6) return undefined;
  const data: number[] = [];
  for (let i = 0; i < dwords; i++) data.push(b.u32(start + i * 4));
  const richIndex = data.indexOf(RICH);
  if (richIndex < 0 || richIndex + 1 >= data.length) return undefined;
  const key = data[richIndex + 1]!;
  if ((data[0]! ^ key) >>> 0 !== DANS || data[1] !== key || data[2] !== key || data[3] !== key) return undefined;

  const rawLength = richAt - start;
  const clear = Buffer.alloc(rawLength);
  for (let i = 0; i < rawLength; i++) clear[i] = b.buf[start + i]! ^ ((key >>> (8 * (i % 4))) & 0xff);

  const entries: RichEntry[] = [];
  for (let i = 4; i + 1 < data.length && data[i] !== RICH; i += 2) {
    const compId = (data[i]! ^ key) >>> 0;
    const count = (data[i + 1]! ^ key) >>> 0;
    const productId = compId >>> 16;
    const build = compId & 0xffff;
    const e: RichEntry = { productId, build, count, tool: toolName(productId) };
    const vs = visualStudioOf(productId, build);
    if (vs !== undefined) e.visualStudio = vs;
    entries.push(e);
  }
  const computed = richChecksum(b.buf, start, entries);
  return {
    offset: start,
    key: key.toString(16).padStart(8, '0'),
    computedKey: computed.toString(16).padStart(8, '0'),
    keyValid: computed === key,
    entries,
    richHash: createHash('md5').update(clear).digest('hex'),
  };
}

function rol32(v: number, n: number): number {
  const s = n & 31;
  return s === 0 ? v >>> 0 : ((v << s) | (v >>> (32 - s))) >>> 0;
}

/**
 * The linker's key: the offset of `DanS`, plus every DOS-header/stub byte before it rotated left by its offset
 * (e_lfanew excluded, as it is written later), plus each comp id rotated left by its count. A header pasted from
 * another binary keeps the donor's key, which no longer matches this file's DOS stub or the edited entries.
 */
export function richChecksum(buf: Buffer, dansOffset: number, entries: RichEntry[]): number {
  let sum = dansOffset >>> 0;
  for (let i = 0; i < dansOffset; i++) {
    if (i >= 0x3c && i < 0x40) continue;
    sum = (sum + rol32(buf[i]!, i)) >>> 0;
  }
  for (const e of entries) sum = (sum + rol32(((e.productId << 16) | e.build) >>> 0, e.count)) >>> 0;
  return sum;
}
