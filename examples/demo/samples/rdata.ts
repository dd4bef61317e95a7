import { ByteWriter } from './bytes.js';

/**
 * `.rdata` as MSVC's linker lays it out: the import address table first, then read-only strings, the export
 * directory, the debug directory with its CodeView record, and the import descriptors with their lookup tables,
 * hint/name entries and DLL names.
 */

export interface ImportSpec {
  /** As the import library names it, e.g. `KERNEL32.dll`. */
  dll: string;
  functions: string[];
}

export interface RdataString {
  /** Symbol the code refers to (`str:<id>`). */
  id: string;
  text: string;
  encoding: 'ascii' | 'utf16le';
}

export interface PdbSpec {
  path: string;
  /** 16 bytes, stored as Windows does (first three fields little-endian). */
  guid: Buffer;
  age: number;
}

export interface RdataInput {
  rva: number;
  fileOffset: number;
  imageTime: number;
  debugTime: number;
  imports: ImportSpec[];
  strings: RdataString[];
  exports?: { dllName: string; functions: { name: string; rva: number }[] };
  pdb: PdbSpec;
}

export interface Directory { rva: number; size: number }

export interface RdataOutput {
  bytes: Buffer;
  /** `iat:DLL!Function` and `str:<id>` → RVA. */
  symbols: Map<string, number>;
  importDir: Directory;
  iatDir: Directory;
  debugDir: Directory;
  exportDir?: Directory;
}

/** The hint is the import's index in the DLL's export name table; a stable stand-in derived from the name. */
function hintOf(name: string): number {
  let h = 0;
  for (const c of name) h = (h * 31 + c.charCodeAt(0)) % 1499;
  return h;
}

export function buildRdata(input: RdataInput): RdataOutput {
  const w = new ByteWriter();
  const rva = (): number => input.rva + w.length;
  const symbols = new Map<string, number>();

  // Import address table: one 8-byte slot per function and a zero slot per DLL; patched to hint/name RVAs below.
  const iatSlots: { at: number; name: string }[] = [];
  const iatStart = rva();
  const firstThunks: number[] = [];
  for (const lib of input.imports) {
    firstThunks.push(rva());
    for (const fn of lib.functions) {
      symbols.set(`iat:${lib.dll}!${fn}`, rva());
      iatSlots.push({ at: w.length, name: `${lib.dll}!${fn}` });
      w.u64(0n);
    }
    w.u64(0n);
  }
  const iatDir = { rva: iatStart, size: rva() - iatStart };
  w.align(16);

  for (const s of input.strings) {
    w.align(s.encoding === 'utf16le' ? 8 : 4);
    symbols.set(`str:${s.id}`, rva());
    if (s.encoding === 'ascii') w.cstring(s.text);
    else w.wstring(s.text);
  }
  w.align(16);

  let exportDir: Directory | undefined;
  if (input.exports) {
    // Names must be sorted (the loader binary-searches them); ordinals follow that order.
    const fns = [...input.exports.functions].sort((a, b) => (a.name < b.name ? -1 : 1));
    const start = rva();
    const dirAt = w.length;
    w.zeros(40);
    const funcsRva = rva();
    for (const f of fns) w.u32(f.rva);
    const namesAt = w.length;
    const namesRva = rva();
    w.zeros(4 * fns.length);
    const ordsRva = rva();
    fns.forEach((_f, i) => w.u16(i));
    const dllNameRva = rva();
    w.cstring(input.exports.dllName);
    fns.forEach((f, i) => {
      w.patchU32(namesAt + 4 * i, rva());
      w.cstring(f.name);
    });
    w.patchU32(dirAt + 4, input.imageTime);
    w.patchU32(dirAt + 12, dllNameRva);
    w.patchU32(dirAt + 16, 1);
    w.patchU32(dirAt + 20, fns.length);
    w.patchU32(dirAt + 24, fns.length);
    w.patchU32(dirAt + 28, funcsRva);
    w.patchU32(dirAt + 32, namesRva);
    w.patchU32(dirAt + 36, ordsRva);
    exportDir = { rva: start, size: rva() - start };
    w.align(16);
  }

  // Debug directory: one CodeView entry, its RSDS record right after (as link.exe places it).
  const debugAt = w.length;
  const debugDir = { rva: rva(), size: 28 };
  w.zeros(28);
  w.align(4);
  const cvRva = rva();
  const cvOffset = input.fileOffset + w.length;
  w.bytes(Buffer.from('RSDS', 'latin1')).bytes(input.pdb.guid).u32(input.pdb.age).cstring(input.pdb.path);
  const cvSize = rva() - cvRva;
  w.patchU32(debugAt + 4, input.debugTime);
  w.patchU32(debugAt + 12, 2); // IMAGE_DEBUG_TYPE_CODEVIEW
  w.patchU32(debugAt + 16, cvSize);
  w.patchU32(debugAt + 20, cvRva);
  w.patchU32(debugAt + 24, cvOffset);
  w.align(16);

  // Import descriptors (20 bytes each, a zero one last), then the lookup tables, hint/names and DLL names.
  const importStart = rva();
  const descAt = w.length;
  w.zeros(20 * (input.imports.length + 1));
  const importDir = { rva: importStart, size: rva() - importStart };
  w.align(8);
  const iltAt: number[] = [];
  for (const lib of input.imports) {
    iltAt.push(w.length);
    w.zeros(8 * (lib.functions.length + 1));
  }
  const hintName = new Map<string, number>();
  for (const lib of input.imports) {
    for (const fn of lib.functions) {
      w.align(2);
      hintName.set(`${lib.dll}!${fn}`, rva());
      w.u16(hintOf(fn)).cstring(fn);
    }
  }
  input.imports.forEach((lib, i) => {
    w.align(2);
    const nameRva = rva();
    w.cstring(lib.dll);
    const iltRva = input.rva + iltAt[i]!;
    w.patchU32(descAt + 20 * i, iltRva);
    w.patchU32(descAt + 20 * i + 12, nameRva);
    w.patchU32(descAt + 20 * i + 16, firstThunks[i]!);
    lib.functions.forEach((fn, k) => w.patchU32(iltAt[i]! + 8 * k, hintName.get(`${lib.dll}!${fn}`)!));
  });
  // On disk the IAT holds the same hint/name RVAs as the lookup table; the loader overwrites it.
  for (const slot of iatSlots) w.patchU32(slot.at, hintName.get(slot.name)!);
  return { bytes: w.toBuffer(), symbols, importDir, iatDir, debugDir, ...(exportDir ? { exportDir } : {}) };
}
