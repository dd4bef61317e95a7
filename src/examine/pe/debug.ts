import { directory, mustOffset, type Image } from './image.js';
import { DEBUG_TYPES } from './names.js';
import type { PeDebugEntry } from './types.js';

const MAX_ENTRIES = 256;

/**
 * The debug directory (IMAGE_DEBUG_DIRECTORY, 28 bytes each). Each entry carries its own TimeDateStamp, which the
 * linker writes together with the COFF one; a rewritten COFF time that leaves these alone shows. Entry data is read
 * at PointerToRawData, as the debugger (and pefile) do.
 */
export function parseDebug(img: Image): PeDebugEntry[] {
  const dir = directory(img, 6);
  if (!dir) return [];
  const at = mustOffset(img, dir.rva, 'debug directory', img.raw.directoriesOffset + 6 * 8);
  const b = img.b;
  const count = Math.min(Math.floor(dir.size / 28), MAX_ENTRIES);
  const out: PeDebugEntry[] = [];
  for (let i = 0; i < count; i++) {
    const e = at + i * 28;
    if (!b.has(e, 28)) {
      img.anomalies.add(`debug directory runs past the end at ${e}`);
      break;
    }
    const type = b.u32(e + 12);
    const entry: PeDebugEntry = {
      type,
      typeName: DEBUG_TYPES.get(type) ?? 'UNKNOWN',
      timeDateStamp: b.u32(e + 4),
      majorVersion: b.u16(e + 8),
      minorVersion: b.u16(e + 10),
      sizeOfData: b.u32(e + 16),
      addressOfRawData: b.u32(e + 20),
      pointerToRawData: b.u32(e + 24),
    };
    const dataOk = entry.sizeOfData > 0 && b.has(entry.pointerToRawData, entry.sizeOfData);
    if (!dataOk && entry.sizeOfData > 0) img.anomalies.add(`debug entry ${i} data lies outside the file`);
    if (dataOk && type === 2) {
      const cv = codeView(b.buf.subarray(entry.pointerToRawData, entry.pointerToRawData + entry.sizeOfData));
      if (cv) entry.codeView = cv;
    }
    if (dataOk && type === 13) entry.pogoEntries = pogo(b.buf.subarray(entry.pointerToRawData, entry.pointerToRawData + entry.sizeOfData));
    out.push(entry);
  }
  return out;
}

function nulString(d: Buffer, from: number): string {
  const end = d.indexOf(0, from);
  return d.toString('utf8', from, end < 0 ? d.length : end);
}

/** CodeView RSDS: GUID, age, UTF-8 PDB path; NB10: signature (a time), age, path. */
function codeView(d: Buffer): PeDebugEntry['codeView'] {
  const sig = d.toString('latin1', 0, 4);
  if (sig === 'RSDS' && d.length >= 24) {
    return { signature: 'RSDS', guid: guidString(d.subarray(4, 20)), age: d.readUInt32LE(20), pdbPath: nulString(d, 24) };
  }
  if (sig === 'NB10' && d.length >= 16) {
    return { signature: 'NB10', guid: d.readUInt32LE(8).toString(16).padStart(8, '0'), age: d.readUInt32LE(12), pdbPath: nulString(d, 16) };
  }
  return undefined;
}

/** A GUID in its registry form: the first three fields are little-endian, the last eight bytes in order. */
export function guidString(g: Buffer): string {
  const h = (n: number, w: number): string => n.toString(16).padStart(w, '0');
  const tail = g.subarray(8, 16).toString('hex');
  return `${h(g.readUInt32LE(0), 8)}-${h(g.readUInt16LE(4), 4)}-${h(g.readUInt16LE(6), 4)}-${tail.slice(0, 4)}-${tail.slice(4)}`.toUpperCase();
}

/** POGO ('PGU\0'/'PGI\0'/'PGO\0'): (rva, size, name) records naming the section contributions. */
function pogo(d: Buffer): string[] {
  const out: string[] = [];
  let p = 4;
  while (p + 8 < d.length && out.length < 4096) {
    const end = d.indexOf(0, p + 8);
    if (end < 0) break;
    out.push(d.toString('latin1', p + 8, end));
    p = (end + 4) & ~3;
  }
  return out;
}
