import { Bytes } from '../pe/bytes.js';
import { entropy } from '../pe/entropy.js';
import { readDynamic, readNotes, readSymbols } from './dynamic.js';
import type { ElfHeader, ElfInfo, ElfSection, ElfSegment } from './types.js';

const TYPES = ['NONE', 'REL', 'EXEC', 'DYN', 'CORE'];
const MACHINES: ReadonlyMap<number, string> = new Map([
  [3, 'x86'], [8, 'MIPS'], [20, 'PowerPC'], [21, 'PowerPC64'], [22, 'S390'], [40, 'ARM'], [42, 'SuperH'],
  [50, 'IA-64'], [62, 'x86-64'], [183, 'AArch64'], [243, 'RISC-V'], [258, 'LoongArch'],
]);
const SEGMENT_TYPES: ReadonlyMap<number, string> = new Map([
  [0, 'NULL'], [1, 'LOAD'], [2, 'DYNAMIC'], [3, 'INTERP'], [4, 'NOTE'], [5, 'SHLIB'], [6, 'PHDR'], [7, 'TLS'],
  [0x6474e550, 'GNU_EH_FRAME'], [0x6474e551, 'GNU_STACK'], [0x6474e552, 'GNU_RELRO'], [0x6474e553, 'GNU_PROPERTY'],
]);
const MAX_TABLE = 1 << 16;

/** Context shared by the readers of one ELF file. */
export interface Elf {
  b: Bytes;
  is64: boolean;
  sections: ElfSection[];
  segments: ElfSegment[];
  anomalies: Set<string>;
}

/**
 * Parses an ELF file: header, section and program headers, symbols, dynamic section, notes, .comment, interpreter.
 * A broken header or header table is an ExamineError with file and offset; a broken table inside is an anomaly.
 */
export function parseElf(buf: Buffer, file: string): ElfInfo {
  const b = new Bytes(buf, file);
  if (buf.length < 16 || b.u32(0) !== 0x464c457f) b.fail(0, 'no ELF magic');
  const cls = b.u8(4);
  const data = b.u8(5);
  if (cls !== 1 && cls !== 2) b.fail(4, `unknown ELF class ${cls}`);
  if (data !== 1 && data !== 2) b.fail(5, `unknown ELF data encoding ${data}`);
  b.bigEndian = data === 2;
  const is64 = cls === 2;
  const word = (o: number, what: string): number => (is64 ? b.u64n(o, what) : b.u32(o, what));
  const type = b.u16(16, 'e_type');
  const machine = b.u16(18, 'e_machine');
  const header: ElfHeader = {
    class: is64 ? 'ELF64' : 'ELF32',
    endianness: b.bigEndian ? 'big' : 'little',
    osAbi: b.u8(7),
    type,
    typeName: TYPES[type] ?? `0x${type.toString(16)}`,
    machine,
    machineName: MACHINES.get(machine) ?? `0x${machine.toString(16)}`,
    entry: (is64 ? b.u64(24, 'e_entry') : BigInt(b.u32(24, 'e_entry'))).toString(),
    flags: b.u32(is64 ? 48 : 36, 'e_flags'),
  };
  const phoff = word(is64 ? 32 : 28, 'e_phoff');
  const shoff = word(is64 ? 40 : 32, 'e_shoff');
  const at = is64 ? 54 : 42;
  const phentsize = b.u16(at), phnum = b.u16(at + 2), shentsize = b.u16(at + 4), shnum = b.u16(at + 6), shstrndx = b.u16(at + 8);

  const elf: Elf = { b, is64, sections: [], segments: [], anomalies: new Set() };
  if (phnum > 0) {
    if (phentsize < (is64 ? 56 : 32)) b.fail(at, `program header size ${phentsize} is too small`);
    b.need(phoff, phnum * phentsize, 'program header table');
    for (let i = 0; i < Math.min(phnum, MAX_TABLE); i++) elf.segments.push(segment(elf, phoff + i * phentsize));
  }
  if (shnum > 0 && shoff !== 0) {
    if (shentsize < (is64 ? 64 : 40)) b.fail(at + 4, `section header size ${shentsize} is too small`);
    b.need(shoff, shnum * shentsize, 'section header table');
    const raw = [];
    for (let i = 0; i < Math.min(shnum, MAX_TABLE); i++) raw.push(section(elf, shoff + i * shentsize, i));
    const strtab = raw[shstrndx];
    for (const s of raw) {
      const st = strtab?.section;
      if (st && s.nameOffset < st.size && b.has(st.offset + s.nameOffset, 1)) s.section.name = b.cstring(st.offset + s.nameOffset, 256);
      elf.sections.push(s.section);
    }
  }
  const info: ElfInfo = {
    file, size: buf.length, header, sections: elf.sections, segments: elf.segments,
    symbols: readSymbols(elf, 2), dynamicSymbols: readSymbols(elf, 11), needed: [], comment: [], anomalies: [],
  };
  Object.assign(info, readDynamic(elf));
  const buildId = readNotes(elf);
  if (buildId) info.buildId = buildId;
  const comment = elf.sections.find((s) => s.name === '.comment' && s.type !== 8);
  if (comment && b.has(comment.offset, comment.size)) {
    info.comment = [...new Set(b.slice(comment.offset, comment.size).toString('utf8').split('\0').filter((s) => s.length > 0))];
  }
  const interp = elf.segments.find((s) => s.type === 3);
  if (interp && b.has(interp.offset, interp.fileSize)) info.interpreter = b.cstring(interp.offset, interp.fileSize);
  info.anomalies = [...elf.anomalies].sort();
  return info;
}

function segment(elf: Elf, o: number): ElfSegment {
  const { b, is64 } = elf;
  const type = b.u32(o);
  const flagsAt = is64 ? o + 4 : o + 24;
  const f = b.u32(flagsAt);
  const w = (k: number): number => (is64 ? b.u64n(o + 8 + k * 8) : b.u32(o + 4 + k * 4));
  return {
    type,
    typeName: SEGMENT_TYPES.get(type) ?? `0x${type.toString(16)}`,
    flags: `${f & 4 ? 'R' : ''}${f & 2 ? 'W' : ''}${f & 1 ? 'X' : ''}`,
    offset: w(0),
    virtualAddress: (is64 ? b.u64(o + 16) : BigInt(b.u32(o + 8))).toString(),
    fileSize: w(3),
    memorySize: w(4),
  };
}

function section(elf: Elf, o: number, index: number): { section: ElfSection; nameOffset: number } {
  const { b, is64 } = elf;
  const w = (k: number): number => (is64 ? b.u64n(o + 8 + k * 8) : b.u32(o + 8 + k * 4));
  const type = b.u32(o + 4);
  const offset = w(2);
  const size = w(3);
  const flags = w(0);
  // SHT_NOBITS (.bss) occupies no file bytes; others must lie in the file to be read.
  const inFile = type !== 8 && b.has(offset, size);
  if (type !== 8 && type !== 0 && !inFile) elf.anomalies.add(`section ${index} lies outside the file`);
  return {
    nameOffset: b.u32(o),
    section: {
      index,
      name: '',
      type,
      flags: `${flags & 1 ? 'W' : ''}${flags & 2 ? 'A' : ''}${flags & 4 ? 'X' : ''}`,
      address: (is64 ? b.u64(o + 16) : BigInt(b.u32(o + 12))).toString(),
      offset,
      size,
      link: b.u32(is64 ? o + 40 : o + 24),
      entropy: inFile ? entropy(b.buf.subarray(offset, offset + size)) : 0,
    },
  };
}
