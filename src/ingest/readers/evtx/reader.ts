/**
 * EVTX reader (`evtx`): Windows XML Event Log files, parsed chunk by chunk from the stream (memory stays flat in
 * file size) and rendered from Binary XML straight into a flat field map; no XML text is ever built.
 *
 * Field contract (the Sigma engine relies on it; the winjson reader produces the same):
 * - `fields` is FLAT. System: `EventID` (number; `Qualifiers` beside it when present), `Version`, `Level`, `Task`,
 *   `Opcode`, `Keywords` (`0x8000000000000000`), `EventRecordID`, `Channel`, `Computer`, `Provider_Name`,
 *   `Provider_Guid` (`{…}` upper case), `EventSourceName` when present, `TimeCreated` (ISO 8601 UTC at full 100 ns
 *   precision, `2025-11-27T07:40:10.1653249Z`), `ProcessID`, `ThreadID`, `UserID` (Security/@UserID, a SID),
 *   `ActivityID` / `RelatedActivityID`.
 * - EventData: `<Data Name="X">` → `X`; unnamed `<Data>` → `Data` (a string, or an array when several);
 *   other EventData children (`Binary`) by their element name.
 * - UserData (and any other section): leaf elements by their own names, nested paths flattened to the leaf name;
 *   attributes of those elements (but `xmlns`) by the attribute name. RenderingInfo leaves as `RenderingInfo.X`.
 * - A name that collides with a System key keeps the System value; the other goes to `EventData.X` (or `UserData.X`).
 *   A repeated non-System name becomes an array in document order.
 * - Values are the text Windows renders: integers stay numbers (64-bit ones beyond 2^53 are decimal strings),
 *   hex types `0x…` lower case, GUIDs `{…}` upper case, SIDs `S-1-…`, binary as upper-case hex, booleans
 *   `true`/`false`, FILETIME as ISO at 100 ns, SYSTEMTIME as ISO at 1 ms; arrays of these as arrays.
 *   A normal substitution with no value renders as `''`; an optional one omits the element, as Windows does.
 * - Typed columns: `eventId`, `host` = Computer, `user`, `image`, `commandLine`, `srcIp`/`srcPort`/`dstIp`/`dstPort`,
 *   `proto` (see windows/event.ts); logsource from windows/logsource.ts; `tsNs` = System/TimeCreated at 100 ns.
 *   `offset` = the record's byte offset in the file.
 *
 * Anomalies (file goes on): `evtx.dirty` / `evtx.header_checksum` (file header), `evtx.chunk_*` (chunk skipped),
 * `evtx.record_*` (record or rest of chunk skipped). IngestError: not an EVTX file, or truncated.
 */
import { crc32 } from 'node:zlib';
import { IngestError, type Anomaly } from '../../../model/index.js';
import type { InputSource } from '../../input.js';
import type { ReadBatch, Reader } from '../../reader.js';
import { ByteQueue } from './byte-queue.js';
import { CHUNK_SIZE, readChunk, type ChunkOutput } from './chunk.js';

const FILE_MAGIC = 'ElfFile\0';
const FILE_HEADER_BLOCK = 4096;
const FLAG_DIRTY = 0x1;

/** File header: magic, chunk count and flags. A bad checksum or the dirty flag is worth telling, not fatal. */
function checkFileHeader(h: Buffer, path: string, anomalies: Anomaly[]): number {
  if (h.toString('latin1', 0, 8) !== FILE_MAGIC) throw new IngestError({ file: path, offset: 0 }, 'not an EVTX file (no ElfFile signature)');
  if (crc32(h.subarray(0, 120)) !== h.readUInt32LE(124)) {
    anomalies.push({ offset: 124, kind: 'evtx.header_checksum', message: 'file header checksum mismatch' });
  }
  if ((h.readUInt32LE(120) & FLAG_DIRTY) !== 0) {
    anomalies.push({ offset: 120, kind: 'evtx.dirty', message: 'file was not closed cleanly (dirty flag); header counts may lag the chunks' });
  }
  return h.readUInt16LE(42);
}

async function* readEvtx(input: InputSource, format: string): AsyncIterable<ReadBatch> {
  const q = new ByteQueue();
  const it = input.chunks()[Symbol.asyncIterator]();
  let ended = false;
  const fill = async (n: number): Promise<boolean> => {
    while (q.length < n && !ended) {
      const r = await it.next();
      if (r.done === true) ended = true;
      else q.push(r.value);
    }
    return q.length >= n;
  };
  if (!(await fill(FILE_HEADER_BLOCK))) {
    const head = q.take(q.length);
    if (head.length < 8 || head.toString('latin1', 0, 8) !== FILE_MAGIC) throw new IngestError({ file: input.path, offset: 0 }, 'not an EVTX file (no ElfFile signature)');
    throw new IngestError({ file: input.path, offset: head.length }, `truncated: file header needs ${FILE_HEADER_BLOCK} bytes, file has ${head.length}`);
  }
  const header = q.take(FILE_HEADER_BLOCK);
  const first: ChunkOutput = { events: [], anomalies: [] };
  const declared = checkFileHeader(header, input.path, first.anomalies);
  if (first.anomalies.length > 0) yield first;
  let at = FILE_HEADER_BLOCK;
  let seen = 0;
  for (;;) {
    if (!(await fill(CHUNK_SIZE))) break;
    const out: ChunkOutput = { events: [], anomalies: [] };
    readChunk(q.take(CHUNK_SIZE), at, format, out);
    at += CHUNK_SIZE;
    seen++;
    yield out;
  }
  if (q.length > 0) {
    throw new IngestError({ file: input.path, offset: at }, `truncated: chunk at byte ${at} has ${q.length} of ${CHUNK_SIZE} bytes`);
  }
  if (seen < declared) {
    throw new IngestError({ file: input.path, offset: at }, `truncated: header declares ${declared} chunks, file has ${seen}`);
  }
}

export const evtxReader: Reader = {
  id: 'evtx',
  description: 'Windows XML Event Log (.evtx): Security, System, Sysmon, PowerShell, … rendered to flat fields',
  sniff(head: Buffer): number {
    return head.length >= 8 && head.toString('latin1', 0, 8) === FILE_MAGIC ? 1 : 0;
  },
  read(input: InputSource): AsyncIterable<ReadBatch> {
    return readEvtx(input, 'evtx');
  },
};
