import type { Elf } from './parse.js';
import type { ElfSymbol } from './types.js';

const SYM_TYPES = ['NOTYPE', 'OBJECT', 'FUNC', 'SECTION', 'FILE', 'COMMON', 'TLS'];
const SYM_BINDS = ['LOCAL', 'GLOBAL', 'WEAK'];
const MAX_SYMBOLS = 1 << 20;

function stringAt(elf: Elf, strtabIndex: number, off: number): string {
  const s = elf.sections[strtabIndex];
  if (!s || off >= s.size || !elf.b.has(s.offset + off, 1)) return '';
  return elf.b.cstring(s.offset + off, Math.min(4096, s.size - off));
}

/** Symbols of every section of the given type (2 = SHT_SYMTAB, 11 = SHT_DYNSYM), names from the linked table. */
export function readSymbols(elf: Elf, sectionType: number): ElfSymbol[] {
  const out: ElfSymbol[] = [];
  const size = elf.is64 ? 24 : 16;
  for (const s of elf.sections) {
    if (s.type !== sectionType) continue;
    if (!elf.b.has(s.offset, s.size)) continue;
    const n = Math.min(Math.floor(s.size / size), MAX_SYMBOLS);
    for (let i = 1; i < n; i++) {
      const o = s.offset + i * size;
      const b = elf.b;
      const info = b.u8(o + (elf.is64 ? 4 : 12));
      out.push({
        name: stringAt(elf, s.link, b.u32(o)),
        value: (elf.is64 ? b.u64(o + 8) : BigInt(b.u32(o + 4))).toString(),
        size: elf.is64 ? b.u64n(o + 16) : b.u32(o + 8),
        type: SYM_TYPES[info & 0xf] ?? String(info & 0xf),
        bind: SYM_BINDS[info >> 4] ?? String(info >> 4),
        sectionIndex: b.u16(o + (elf.is64 ? 6 : 14)),
      });
    }
  }
  return out;
}

/** DT_NEEDED, DT_SONAME, DT_RPATH, DT_RUNPATH from SHT_DYNAMIC, names from its linked string table. */
export function readDynamic(elf: Elf): { needed: string[]; soname?: string; rpath?: string; runpath?: string } {
  const out: { needed: string[]; soname?: string; rpath?: string; runpath?: string } = { needed: [] };
  const dyn = elf.sections.find((s) => s.type === 6);
  if (!dyn || !elf.b.has(dyn.offset, dyn.size)) return out;
  const size = elf.is64 ? 16 : 8;
  for (let o = dyn.offset; o + size <= dyn.offset + dyn.size; o += size) {
    const tag = elf.is64 ? elf.b.u64n(o) : elf.b.u32(o);
    if (tag === 0) break;
    const val = elf.is64 ? elf.b.u64n(o + 8) : elf.b.u32(o + 4);
    if (tag === 1) out.needed.push(stringAt(elf, dyn.link, val));
    else if (tag === 14) out.soname = stringAt(elf, dyn.link, val);
    else if (tag === 15) out.rpath = stringAt(elf, dyn.link, val);
    else if (tag === 29) out.runpath = stringAt(elf, dyn.link, val);
  }
  return out;
}

/** NT_GNU_BUILD_ID (type 3, owner 'GNU') from note sections, or PT_NOTE segments when sections are stripped. */
export function readNotes(elf: Elf): string | undefined {
  const ranges = elf.sections.filter((s) => s.type === 7).map((s) => [s.offset, s.size] as const);
  if (ranges.length === 0) for (const p of elf.segments) if (p.type === 4) ranges.push([p.offset, p.fileSize]);
  const b = elf.b;
  for (const [start, size] of ranges) {
    if (!b.has(start, size)) continue;
    for (let o = start; o + 12 <= start + size; ) {
      const namesz = b.u32(o), descsz = b.u32(o + 4), type = b.u32(o + 8);
      const nameAt = o + 12;
      const descAt = nameAt + ((namesz + 3) & ~3);
      if (descAt + descsz > start + size) break;
      if (type === 3 && namesz === 4 && b.cstring(nameAt, 4) === 'GNU') return b.slice(descAt, descsz).toString('hex');
      o = descAt + ((descsz + 3) & ~3);
    }
  }
  return undefined;
}
