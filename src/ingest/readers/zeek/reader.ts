/**
 * The Zeek reader (`id: zeek`): TSV logs with their `#` headers, zeek-cut output, and JSON logs, plain or gzip.
 * Produces one event per record with `product: zeek`, `service: <log type>` (conn, dns, ssl, x509, …),
 * `category: dns` for the dns log, typed network columns from `id.*`, and the native fields flat under their
 * Zeek names. Record-level oddities (masked or unset `ts`, wrong column count, a line that is not JSON) are
 * anomalies; binary content where a log should start is an `IngestError`.
 */
import type { Anomaly, NormalizedEvent } from '../../../model/index.js';
import type { InputSource } from '../../input.js';
import type { ReadBatch, Reader } from '../../reader.js';
import { ZeekJson } from './json.js';
import { ZeekJsonLines } from './sql.js';
import { logTypeFromFileName } from './logtype.js';
import { ZeekTsv } from './tsv.js';

/** Events per yielded batch: large enough to amortise the store's insert, small enough to bound memory. */
const BATCH = 4096;

async function* read(input: InputSource): AsyncIterable<ReadBatch> {
  const fileType = logTypeFromFileName(input.path);
  const tsv = new ZeekTsv(input.path, fileType);
  const json = new ZeekJson(input.path, fileType);
  let events: NormalizedEvent[] = [];
  let anomalies: Anomaly[] = [];
  for await (const batch of input.lines()) {
    const lines = batch.lines;
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!;
      if (line.length === 0) continue;
      const lineNo = batch.firstLine + i;
      const c = line.charCodeAt(0);
      if (c === 35 /* # */) tsv.directive(line);
      else if (c === 123 /* { */ && !tsv.hasHeader) json.line(line, lineNo, events, anomalies);
      else tsv.data(line, lineNo, events, anomalies);
      if (events.length >= BATCH) {
        yield { events, anomalies };
        events = [];
        anomalies = [];
      }
    }
  }
  if (events.length > 0 || anomalies.length > 0) yield { events, anomalies };
}

/** `read`, with JSON lines handed to the store as text (see sql.ts); TSV records stay events, in file order. */
async function* readLines(input: InputSource): AsyncIterable<ReadBatch> {
  const fileType = logTypeFromFileName(input.path);
  const tsv = new ZeekTsv(input.path, fileType);
  const json = new ZeekJsonLines(input.path, fileType);
  let events: NormalizedEvent[] = [];
  let anomalies: Anomaly[] = [];
  let lineNos: number[] = [];
  let texts: string[] = [];
  let projection = json.projection;
  // Whether what is gathered is JSON lines (their anomalies then travel with them, to stay in line order).
  let jsonMode = false;
  function* flush(): Iterable<ReadBatch> {
    if (jsonMode) yield { events: [], anomalies, lines: { projection, lineNos, texts } };
    else if (events.length > 0 || anomalies.length > 0) yield { events, anomalies };
    events = []; anomalies = []; lineNos = []; texts = [];
  }
  for await (const batch of input.lines()) {
    const lines = batch.lines;
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!;
      if (line.length === 0) continue;
      const lineNo = batch.firstLine + i;
      const c = line.charCodeAt(0);
      if (c === 35 /* # */) tsv.directive(line);
      else if (c === 123 /* { */ && !tsv.hasHeader) {
        if (!jsonMode) { yield* flush(); jsonMode = true; }
        const text = json.line(line, lineNo, anomalies);
        // A new fallback log type applies from this line on; every queued line has its own `_path`.
        projection = json.projection;
        if (text !== undefined) { lineNos.push(lineNo); texts.push(text); }
      } else {
        if (jsonMode) { yield* flush(); jsonMode = false; }
        tsv.data(line, lineNo, events, anomalies);
        if (events.length >= BATCH) yield* flush();
      }
    }
    yield* flush();
  }
}

/** First line that is not empty and not a `###` comment (btest baselines start with one). */
function firstLine(head: Buffer): string {
  const text = head.toString('utf8', 0, Math.min(head.length, 16384));
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const line = text.slice(start, end).replace(/\r$/, '');
    if (line.length > 0 && !line.startsWith('###')) return line;
    start = end + 1;
  }
  return '';
}

function sniff(head: Buffer, name: string): number {
  const line = firstLine(head);
  const byName = logTypeFromFileName(name) !== undefined ? 0.05 : 0;
  if (line.startsWith('#separator ')) return 1;
  if (line.startsWith('{')) {
    if (line.includes('"_path":')) return 0.95;
    // Zeek's connection tuple under its own flat names is as good as a signature.
    if (line.includes('"id.orig_h":') || (line.includes('"ts":') && line.includes('"uid":'))) return 0.85 + byName;
    return 0;
  }
  // zeek-cut output: a first line of Zeek column names.
  const cols = line.split('\t');
  if (cols.length >= 2 && (cols.includes('uid') || cols.includes('id.orig_h')) && cols.includes('ts')) return 0.6 + byName;
  return 0;
}

export const zeekReader: Reader = {
  id: 'zeek',
  description: 'Zeek logs: TSV with #headers, zeek-cut output, or JSON (one object per line), plain or gzip',
  sniff,
  read: (input) => read(input),
  readLines: (input) => readLines(input),
};
