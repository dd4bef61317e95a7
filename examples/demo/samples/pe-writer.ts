import { alignUp, ByteWriter } from './bytes.js';
import type { CodeBuilder } from './code.js';
import { buildRdata, type ImportSpec, type PdbSpec, type RdataString } from './rdata.js';
import { richHeader, type CompId } from './rich.js';
import { buildRsrc, type VersionSpec } from './rsrc.js';

/**
 * A small PE32+ (x64) writer for the demo's captured tools: DOS header and the linker's stub, a Rich header with
 * its checksum key, COFF and optional headers (linker version, subsystem, imagehlp checksum), and `.text`,
 * `.rdata` (imports, strings, exports, debug directory), `.data`, `.rsrc` and `.reloc` sections, laid out with
 * MSVC's alignments (file 0x200, sections 0x1000) so that every parser reads what a linker would have written.
 */

export interface PeSpec {
  kind: 'exe' | 'dll';
  /** 2 = Windows GUI, 3 = console. */
  subsystem: 2 | 3;
  /** COFF TimeDateStamp (seconds since 1970, UTC). */
  timeDateStamp: number;
  /** The CodeView entry's own stamp; the linker writes the same value. */
  debugTimeDateStamp: number;
  linker: { major: number; minor: number };
  rich: CompId[];
  /** `.text`: functions already emitted; the writer resolves their RIP-relative references. */
  code: CodeBuilder;
  entry: number;
  imports: ImportSpec[];
  strings: RdataString[];
  exports?: { dllName: string; functions: { name: string; codeOffset: number }[] };
  /** Initialised data; each pointer is a 64-bit VA of a symbol (gets a base relocation). */
  data: Buffer;
  dataPointers: { at: number; symbol: string }[];
  version: VersionSpec;
  pdb: PdbSpec;
}

const FILE_ALIGN = 0x200;
const SECTION_ALIGN = 0x1000;
const HEADERS_SIZE = 0x400;

/** The 64-byte DOS header and the 64-byte real-mode stub link.exe emits ("This program cannot be run…"). */
function dosPrefix(): Buffer {
  const w = new ByteWriter();
  w.u16(0x5a4d).u16(0x90).u16(3).u16(0).u16(4).u16(0).u16(0xffff).u16(0).u16(0xb8).u16(0).u16(0).u16(0).u16(0x40).u16(0);
  w.zeros(0x3c - w.length).u32(0); // e_lfanew, set once the Rich header's size is known
  w.bytes([0x0e, 0x1f, 0xba, 0x0e, 0x00, 0xb4, 0x09, 0xcd, 0x21, 0xb8, 0x01, 0x4c, 0xcd, 0x21]);
  w.bytes(Buffer.from('This program cannot be run in DOS mode.\r\r\n$', 'latin1')).zeros(0x80 - w.length - 0).align(8);
  return w.toBuffer().subarray(0, 0x80);
}

/** The PE checksum as imagehlp's CheckSumMappedFile: 16-bit folded sum of the words, checksum field skipped, plus the length. */
export function imagehlpChecksum(file: Buffer, checksumAt: number): number {
  let sum = 0;
  for (let i = 0; i + 1 < file.length + 1; i += 2) {
    if (i === checksumAt || i === checksumAt + 2) continue;
    const word = i + 1 < file.length ? file.readUInt16LE(i) : file[i]!;
    sum += word;
    sum = (sum & 0xffff) + (sum >>> 16);
  }
  sum = (sum & 0xffff) + (sum >>> 16);
  return (sum + file.length) >>> 0;
}

interface Section { name: string; rva: number; fileOffset: number; bytes: Buffer; characteristics: number }

export function writePe(spec: PeSpec): Buffer {
  const is64Base = spec.kind === 'dll' ? 0x180000000n : 0x140000000n;
  const sections: Section[] = [];
  let rva = SECTION_ALIGN;
  let fileOffset = HEADERS_SIZE;
  const place = (name: string, size: number, characteristics: number): Section => {
    const s = { name, rva, fileOffset, bytes: Buffer.alloc(0), characteristics };
    rva = alignUp(rva + Math.max(size, 1), SECTION_ALIGN);
    fileOffset += alignUp(size, FILE_ALIGN);
    sections.push(s);
    return s;
  };

  const text = place('.text', spec.code.length, 0x60000020);
  const rdataInput = {
    rva, fileOffset, imageTime: spec.timeDateStamp, debugTime: spec.debugTimeDateStamp, imports: spec.imports,
    strings: spec.strings, pdb: spec.pdb,
    ...(spec.exports ? { exports: { dllName: spec.exports.dllName, functions: spec.exports.functions.map((f) => ({ name: f.name, rva: text.rva + f.codeOffset })) } } : {}),
  };
  const rd = buildRdata(rdataInput);
  const rdata = place('.rdata', rd.bytes.length, 0x40000040);
  rdata.bytes = rd.bytes;
  const resolve = (symbol: string): number => {
    const v = rd.symbols.get(symbol);
    if (v === undefined) throw new Error(`unresolved symbol ${symbol}`);
    return v;
  };
  text.bytes = spec.code.link(text.rva, resolve);

  const data = place('.data', spec.data.length, 0xc0000040);
  data.bytes = Buffer.from(spec.data);
  for (const p of spec.dataPointers) data.bytes.writeBigUInt64LE(is64Base + BigInt(resolve(p.symbol)), p.at);

  const rsrc = place('.rsrc', 0, 0x40000040);
  rsrc.bytes = buildRsrc(rsrc.rva, spec.version, spec.kind === 'dll' ? 2 : 1);
  rva = alignUp(rsrc.rva + rsrc.bytes.length, SECTION_ALIGN);
  fileOffset = rsrc.fileOffset + alignUp(rsrc.bytes.length, FILE_ALIGN);

  // Base relocations: one block per 4 KiB page of .data, IMAGE_REL_BASED_DIR64 entries, padded to 4 bytes.
  const relocW = new ByteWriter();
  const pages = new Map<number, number[]>();
  for (const p of [...spec.dataPointers].sort((a, b) => a.at - b.at)) {
    const page = data.rva + (p.at & ~0xfff);
    pages.set(page, [...(pages.get(page) ?? []), (0xa << 12) | (p.at & 0xfff)]);
  }
  for (const [page, entries] of pages) {
    const padded = entries.length % 2 === 0 ? entries : [...entries, 0];
    relocW.u32(page).u32(8 + 2 * padded.length);
    for (const e of padded) relocW.u16(e);
  }
  const relocBytes = relocW.toBuffer();
  const reloc = place('.reloc', relocBytes.length, 0x42000040);
  reloc.bytes = relocBytes;
  const sizeOfImage = rva;

  // Headers.
  const dos = dosPrefix();
  const rich = richHeader(dos, spec.rich);
  const peOffset = alignUp(0x80 + rich.length, 8);
  const h = new ByteWriter();
  h.bytes(dos).bytes(rich).align(8);
  h.patchU32(0x3c, peOffset);
  h.bytes(Buffer.from('PE\0\0', 'latin1'));
  const characteristics = spec.kind === 'dll' ? 0x2022 : 0x0022; // EXECUTABLE_IMAGE | LARGE_ADDRESS_AWARE (| DLL)
  h.u16(0x8664).u16(sections.length).u32(spec.timeDateStamp).u32(0).u32(0).u16(240).u16(characteristics);
  const sizeOf = (names: string[]): number => sections.filter((s) => names.includes(s.name)).reduce((n, s) => n + alignUp(s.bytes.length, FILE_ALIGN), 0);
  h.u16(0x20b).u8(spec.linker.major).u8(spec.linker.minor)
    .u32(sizeOf(['.text'])).u32(sizeOf(['.rdata', '.data', '.rsrc', '.reloc'])).u32(0)
    .u32(text.rva + spec.entry).u32(text.rva).u64(is64Base)
    .u32(SECTION_ALIGN).u32(FILE_ALIGN).u16(6).u16(0).u16(0).u16(0).u16(6).u16(0).u32(0)
    .u32(sizeOfImage).u32(HEADERS_SIZE);
  const checksumAt = h.length;
  // HIGH_ENTROPY_VA | DYNAMIC_BASE | NX_COMPAT, and TERMINAL_SERVER_AWARE for executables, as link.exe defaults.
  h.u32(0).u16(spec.subsystem).u16(spec.kind === 'dll' ? 0x0160 : 0x8160)
    .u64(0x100000n).u64(0x1000n).u64(0x100000n).u64(0x1000n).u32(0).u32(16);
  const dirs: [number, number][] = Array.from({ length: 16 }, () => [0, 0]);
  if (rd.exportDir) dirs[0] = [rd.exportDir.rva, rd.exportDir.size];
  dirs[1] = [rd.importDir.rva, rd.importDir.size];
  dirs[2] = [rsrc.rva, rsrc.bytes.length];
  dirs[5] = [reloc.rva, reloc.bytes.length];
  dirs[6] = [rd.debugDir.rva, rd.debugDir.size];
  dirs[12] = [rd.iatDir.rva, rd.iatDir.size];
  for (const [a, s] of dirs) h.u32(a).u32(s);
  for (const s of sections) {
    const name = Buffer.alloc(8);
    name.write(s.name, 'latin1');
    h.bytes(name).u32(s.bytes.length).u32(s.rva).u32(alignUp(s.bytes.length, FILE_ALIGN)).u32(s.fileOffset)
      .u32(0).u32(0).u16(0).u16(0).u32(s.characteristics);
  }
  if (h.length > HEADERS_SIZE) throw new Error('headers do not fit in 0x400 bytes');
  h.zeros(HEADERS_SIZE - h.length);
  for (const s of sections) {
    if (h.length !== s.fileOffset) throw new Error(`section ${s.name} misplaced`);
    h.bytes(s.bytes).align(FILE_ALIGN);
  }
  const file = h.toBuffer();
  file.writeUInt32LE(imagehlpChecksum(file, checksumAt), checksumAt);
  return file;
}
