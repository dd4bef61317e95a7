/**
 * One 64 KiB chunk: header and checksums, then its records. A chunk that fails its magic or checksums is skipped
 * with an anomaly (a recovered or half-written chunk must not poison the rest); a record that fails is skipped likewise.
 */
import { crc32 } from 'node:zlib';
import type { Anomaly, NormalizedEvent } from '../../../model/index.js';
import { toWindowsEvent } from '../../windows/index.js';
import { ChunkParser } from './binxml.js';
import { BinXmlError } from './errors.js';
import { renderRecord } from './render.js';

export const CHUNK_SIZE = 0x10000;
const CHUNK_HEADER_SIZE = 512;
const CHUNK_MAGIC = 'ElfChnk\0';
const RECORD_MAGIC = 0x00002a2a;
/** Magic, size, record id, written time, then at least a fragment header and the trailing size copy. */
const MIN_RECORD = 28;

export interface ChunkOutput {
  events: NormalizedEvent[];
  anomalies: Anomaly[];
}

function isZero(b: Buffer, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (b[i] !== 0) return false;
  return true;
}

/** Checks the chunk header; returns where its records end, or null (with an anomaly) when the chunk is unusable. */
function checkHeader(b: Buffer, at: number, anomalies: Anomaly[]): number | null {
  if (b.toString('latin1', 0, 8) !== CHUNK_MAGIC) {
    if (isZero(b, 0, CHUNK_HEADER_SIZE)) return null; // never written: Windows preallocates whole chunks
    anomalies.push({ offset: at, kind: 'evtx.chunk_magic', message: 'chunk skipped: bad chunk signature' });
    return null;
  }
  const headerCrc = crc32(b.subarray(128, CHUNK_HEADER_SIZE), crc32(b.subarray(0, 120)));
  if (headerCrc !== b.readUInt32LE(124)) {
    anomalies.push({ offset: at, kind: 'evtx.chunk_header_checksum', message: 'chunk skipped: header checksum mismatch' });
    return null;
  }
  const free = b.readUInt32LE(48);
  if (free < CHUNK_HEADER_SIZE || free > CHUNK_SIZE) {
    anomalies.push({ offset: at + 48, kind: 'evtx.chunk_free_offset', message: `chunk skipped: free-space offset ${free} out of range` });
    return null;
  }
  if (crc32(b.subarray(CHUNK_HEADER_SIZE, free)) !== b.readUInt32LE(52)) {
    anomalies.push({ offset: at, kind: 'evtx.chunk_data_checksum', message: 'chunk skipped: event records checksum mismatch' });
    return null;
  }
  return free;
}

/** Parse chunk `b` (exactly CHUNK_SIZE bytes) found at file offset `at`, appending to `out`. */
export function readChunk(b: Buffer, at: number, format: string, out: ChunkOutput): void {
  const end = checkHeader(b, at, out.anomalies);
  if (end === null) return;
  const parser = new ChunkParser(b);
  let p = CHUNK_HEADER_SIZE;
  while (p + MIN_RECORD <= end) {
    if (b.readUInt32LE(p) !== RECORD_MAGIC) {
      if (isZero(b, p, Math.min(end, p + 8))) return;
      out.anomalies.push({ offset: at + p, kind: 'evtx.record_magic', message: 'rest of chunk skipped: bad record signature' });
      return;
    }
    const size = b.readUInt32LE(p + 4);
    if (size < MIN_RECORD || p + size > end || b.readUInt32LE(p + size - 4) !== size) {
      out.anomalies.push({ offset: at + p, kind: 'evtx.record_size', message: `rest of chunk skipped: bad record size ${size}` });
      return;
    }
    try {
      const root = parser.fragment(p + 24, p + size - 4, false);
      const r = renderRecord(parser, root);
      out.events.push(toWindowsEvent(r.fields, r.tsNs, format, at + p));
    } catch (e) {
      if (!(e instanceof BinXmlError || e instanceof RangeError)) throw e;
      const where = e instanceof BinXmlError ? e.offset : p;
      out.anomalies.push({ offset: at + where, kind: 'evtx.record_binxml', message: `record ${b.readBigUInt64LE(p + 8)} skipped: ${e.message}` });
    }
    p += size;
  }
}
