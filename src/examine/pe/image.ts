import { createHash } from 'node:crypto';
import { Bytes } from './bytes.js';
import { entropy } from './entropy.js';
import { SECTION_CHARACTERISTICS, flags } from './names.js';
import type { PeSection } from './types.js';
import type { RawHeaders } from './headers.js';

/** What every directory parser needs: the bytes, the section map (RVA → file offset) and a place for oddities. */
export interface Image {
  b: Bytes;
  raw: RawHeaders;
  sections: PeSection[];
  anomalies: Set<string>;
}

/** The section table, with entropy and md5 of each section's raw bytes. */
export function parseSections(b: Bytes, raw: RawHeaders): PeSection[] {
  const out: PeSection[] = [];
  const { fileAlignment } = raw.headers;
  for (let i = 0; i < raw.headers.numberOfSections; i++) {
    const at = raw.sectionTableOffset + i * 40;
    b.need(at, 40, `section header ${i}`);
    const pointerToRawData = b.u32(at + 20);
    const sizeOfRawData = b.u32(at + 16);
    const characteristics = b.u32(at + 36);
    const start = Math.min(adjustFilePointer(pointerToRawData, fileAlignment), b.length);
    const end = Math.min(start + sizeOfRawData, pointerToRawData + sizeOfRawData, b.length);
    const data = b.buf.subarray(start, Math.max(start, end));
    out.push({
      name: b.buf.toString('latin1', at, at + 8).replace(/\0+$/, ''),
      virtualSize: b.u32(at + 8),
      virtualAddress: b.u32(at + 12),
      sizeOfRawData,
      pointerToRawData,
      characteristics,
      characteristicsFlags: flags(characteristics, SECTION_CHARACTERISTICS),
      entropy: entropy(data),
      md5: createHash('md5').update(data).digest('hex'),
    });
  }
  return out;
}

/** The loader rounds raw pointers down to 512 when FileAlignment is at least 512 (pefile's adjust_FileAlignment). */
function adjustFilePointer(ptr: number, fileAlignment: number): number {
  return fileAlignment < 0x200 ? ptr : Math.floor(ptr / 0x200) * 0x200;
}

function adjustVirtualAddress(va: number, sectionAlignment: number, fileAlignment: number): number {
  const align = sectionAlignment < 0x1000 ? fileAlignment : sectionAlignment;
  return align && va % align ? align * Math.floor(va / align) : va;
}

/**
 * RVA → file offset the way the loader lays sections out (pefile's get_offset_from_rva): inside a section by its
 * adjusted addresses; outside every section an RVA is taken as a file offset (headers, or data past the sections).
 * Undefined when the RVA cannot be in the file.
 */
export function rvaToOffset(img: Image, rva: number): number | undefined {
  const { sectionAlignment, fileAlignment } = img.raw.headers;
  const secs = img.sections;
  for (let i = 0; i < secs.length; i++) {
    const s = secs[i]!;
    const ptrAdj = adjustFilePointer(s.pointerToRawData, fileAlignment);
    const vaAdj = adjustVirtualAddress(s.virtualAddress, sectionAlignment, fileAlignment);
    let size = img.b.length - ptrAdj < s.sizeOfRawData ? s.virtualSize : Math.max(s.sizeOfRawData, s.virtualSize);
    const next = secs[i + 1]?.virtualAddress;
    if (next !== undefined && next > s.virtualAddress && vaAdj + size > next) size = next - vaAdj;
    if (rva >= vaAdj && rva < vaAdj + size) {
      const off = rva - vaAdj + ptrAdj;
      return off < img.b.length ? off : undefined;
    }
  }
  return rva < img.b.length ? rva : undefined;
}

/** RVA → offset, or an ExamineError naming the directory that pointed there. */
export function mustOffset(img: Image, rva: number, what: string, at: number): number {
  const off = rvaToOffset(img, rva);
  if (off === undefined) img.b.fail(at, `${what}: RVA 0x${rva.toString(16)} is outside the file`);
  return off;
}

/** NUL-terminated ASCII string at an RVA (DLL and function names); undefined when it cannot be read. */
export function stringAtRva(img: Image, rva: number, max = 512): string | undefined {
  const off = rvaToOffset(img, rva);
  if (off === undefined) return undefined;
  return img.b.cstring(off, max);
}

export function directory(img: Image, index: number): { rva: number; size: number } | undefined {
  const d = img.raw.dataDirectories[index];
  if (!d || d.virtualAddress === 0) return undefined;
  return { rva: d.virtualAddress, size: d.size };
}
