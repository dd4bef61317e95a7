import { directory, rvaToOffset, stringAtRva, type Image } from './image.js';
import type { PeExport, PeExports } from './types.js';

const MAX_EXPORTS = 1 << 17;

/** The export directory: named exports via the name/ordinal tables, then ordinal-only ones; sorted by ordinal. */
export function parseExports(img: Image): PeExports | undefined {
  const dir = directory(img, 0);
  if (!dir) return undefined;
  const at = rvaToOffset(img, dir.rva);
  if (at === undefined || !img.b.has(at, 40)) {
    img.anomalies.add('export directory is outside the file');
    return undefined;
  }
  const b = img.b;
  const base = b.u32(at + 16);
  const nFunctions = Math.min(b.u32(at + 20), MAX_EXPORTS);
  const nNames = Math.min(b.u32(at + 24), MAX_EXPORTS);
  const functions = rvaToOffset(img, b.u32(at + 28));
  const names = rvaToOffset(img, b.u32(at + 32));
  const ordinals = rvaToOffset(img, b.u32(at + 36));
  const byOrdinal = new Map<number, PeExport>();
  const address = (index: number): number | undefined =>
    functions !== undefined && index < nFunctions && b.has(functions + index * 4, 4) ? b.u32(functions + index * 4) : undefined;
  const symbol = (addr: number, ordinal: number, name?: string): PeExport => {
    const e: PeExport = { ordinal, address: addr };
    if (name !== undefined) e.name = name;
    // An address inside the export directory is a forwarder string ('OTHER.Func'), not code.
    if (addr >= dir.rva && addr < dir.rva + dir.size) {
      const fwd = stringAtRva(img, addr, 512);
      if (fwd !== undefined) e.forwarder = fwd;
    }
    return e;
  };
  if (names !== undefined && ordinals !== undefined) {
    for (let i = 0; i < nNames; i++) {
      if (!b.has(names + i * 4, 4) || !b.has(ordinals + i * 2, 2)) break;
      const index = b.u16(ordinals + i * 2);
      const addr = address(index);
      if (addr === undefined || addr === 0) continue;
      const name = stringAtRva(img, b.u32(names + i * 4), 4096);
      if (name === undefined) continue;
      byOrdinal.set(index + base, symbol(addr, index + base, name));
    }
  }
  for (let index = 0; index < nFunctions; index++) {
    if (byOrdinal.has(index + base)) continue;
    const addr = address(index);
    if (addr === undefined) break;
    if (addr === 0) continue;
    byOrdinal.set(index + base, symbol(addr, index + base));
  }
  return {
    dllName: stringAtRva(img, b.u32(at + 12), 512) ?? '',
    timeDateStamp: b.u32(at + 4),
    base,
    symbols: [...byOrdinal.values()].sort((x, y) => x.ordinal - y.ordinal),
  };
}
