import { createHash } from 'node:crypto';
import { directory, mustOffset, rvaToOffset, stringAtRva, type Image } from './image.js';
import { ordinalName } from './ordinals.js';
import type { PeImport, PeImportLibrary } from './types.js';

/** Upper bounds that keep a corrupt table from running forever; real binaries stay far below them. */
const MAX_LIBRARIES = 4096;
const MAX_THUNKS = 65536;

/** Regular imports (IMAGE_IMPORT_DESCRIPTOR, 20 bytes each, ended by an all-zero one). */
export function parseImports(img: Image): PeImportLibrary[] {
  const dir = directory(img, 1);
  if (!dir) return [];
  const out: PeImportLibrary[] = [];
  let at = mustOffset(img, dir.rva, 'import directory', img.raw.directoriesOffset + 8);
  for (let n = 0; n < MAX_LIBRARIES; n++, at += 20) {
    img.b.need(at, 20, 'import descriptor');
    const originalFirstThunk = img.b.u32(at);
    const nameRva = img.b.u32(at + 12);
    const firstThunk = img.b.u32(at + 16);
    if (originalFirstThunk === 0 && nameRva === 0 && firstThunk === 0 && img.b.u32(at + 4) === 0) break;
    const dll = stringAtRva(img, nameRva, 256);
    if (dll === undefined) {
      img.anomalies.add(`import descriptor at ${at} names a DLL outside the file`);
      continue;
    }
    const thunks = originalFirstThunk !== 0 ? originalFirstThunk : firstThunk;
    out.push({ dll, delayLoad: false, functions: readThunks(img, thunks, 0n) });
  }
  return out;
}

/** Delay-load imports (ImgDelayDescr, 32 bytes). Old linkers stored VAs instead of RVAs (attribute bit 0 clear). */
export function parseDelayImports(img: Image): PeImportLibrary[] {
  const dir = directory(img, 13);
  if (!dir) return [];
  const out: PeImportLibrary[] = [];
  let at = mustOffset(img, dir.rva, 'delay import directory', img.raw.directoriesOffset + 13 * 8);
  for (let n = 0; n < MAX_LIBRARIES; n++, at += 32) {
    img.b.need(at, 32, 'delay import descriptor');
    const attrs = img.b.u32(at);
    const nameField = img.b.u32(at + 4);
    const intField = img.b.u32(at + 16);
    if (nameField === 0 && intField === 0) break;
    const base = (attrs & 1) === 0 ? img.raw.imageBase : 0n;
    const dll = stringAtRva(img, Number(BigInt(nameField) - base), 256);
    if (dll === undefined) {
      img.anomalies.add(`delay import descriptor at ${at} names a DLL outside the file`);
      continue;
    }
    out.push({ dll, delayLoad: true, functions: readThunks(img, Number(BigInt(intField) - base), base) });
  }
  return out;
}

function readThunks(img: Image, rva: number, vaBase: bigint): PeImport[] {
  const out: PeImport[] = [];
  const start = rvaToOffset(img, rva);
  if (start === undefined) {
    img.anomalies.add(`import thunks at RVA 0x${rva.toString(16)} are outside the file`);
    return out;
  }
  const width = img.raw.is64 ? 8 : 4;
  const ordinalBit = img.raw.is64 ? 1n << 63n : 0x80000000n;
  for (let i = 0; i < MAX_THUNKS; i++) {
    const at = start + i * width;
    if (!img.b.has(at, width)) {
      img.anomalies.add(`import thunks at ${start} run past the end`);
      break;
    }
    const v = img.raw.is64 ? img.b.u64(at) : BigInt(img.b.u32(at));
    if (v === 0n) break;
    if ((v & ordinalBit) !== 0n) {
      out.push({ ordinal: Number(v & 0xffffn) });
      continue;
    }
    const hintRva = Number((v - vaBase) & 0x7fffffffn);
    const off = rvaToOffset(img, hintRva);
    if (off === undefined || !img.b.has(off, 3)) {
      img.anomalies.add(`import name at RVA 0x${hintRva.toString(16)} is outside the file`);
      continue;
    }
    out.push({ hint: img.b.u16(off), name: img.b.cstring(off + 2, 4096) });
  }
  return out;
}

/**
 * imphash exactly as pefile's get_imphash: for each regular import in file order `lib.func`, lib lowercased with a
 * .dll/.ocx/.sys extension removed, ordinal-only functions named through ordlookup (`ord<N>` otherwise), joined with
 * ',' and md5-hashed. Delay-load imports are not part of it (pefile only walks DIRECTORY_ENTRY_IMPORT).
 */
export function imphash(libs: PeImportLibrary[]): string {
  const parts: string[] = [];
  let any = false;
  for (const lib of libs) {
    if (lib.delayLoad) continue;
    any = true;
    const lower = lib.dll.toLowerCase();
    const dot = lower.lastIndexOf('.');
    const ext = dot >= 0 ? lower.slice(dot + 1) : '';
    const base = ext === 'dll' || ext === 'ocx' || ext === 'sys' ? lower.slice(0, dot) : lower;
    for (const f of lib.functions) {
      const name = f.name ? f.name : ordinalName(lower, f.ordinal ?? 0);
      parts.push(`${base}.${name.toLowerCase()}`);
    }
  }
  return any ? createHash('md5').update(parts.join(','), 'utf8').digest('hex') : '';
}
