/**
 * The CSV reader (`id: csv`): RFC 4180 with a header row (quoted fields, embedded delimiters, quotes and line
 * breaks), delimiter detected from the header (`,` `;` TAB `|`). Each row becomes `fields` keyed by the header
 * names (all values text, as CSV has no types); typed columns and time come from the user's `FieldMapping`,
 * or the time column is guessed from common names. Rows with a different number of cells are anomalies,
 * kept with what they have; an unterminated quote at the end of input is an anomaly on the last record.
 */
import type { Anomaly, NormalizedEvent } from '../../../model/index.js';
import type { InputSource } from '../../input.js';
import type { ReadBatch, Reader, ReaderOptions } from '../../reader.js';
import { RecordMapper } from '../../net/index.js';
import { CsvRecords, detectDelimiter } from './rfc4180.js';

const BATCH = 4096;

/** Header cells to unique, non-empty names (`_3` for an empty third cell, `name_2` for a repeated one). */
export function headerNames(cells: string[]): string[] {
  const seen = new Map<string, number>();
  return cells.map((c, i) => {
    let name = (i === 0 ? c.replace(/^\uFEFF/, '') : c).trim();
    if (name === '') name = `_${i + 1}`;
    const n = (seen.get(name) ?? 0) + 1;
    seen.set(name, n);
    return n === 1 ? name : `${name}_${n}`;
  });
}

async function* read(input: InputSource, options: ReaderOptions): AsyncIterable<ReadBatch> {
  const file = input.path;
  const mapper = new RecordMapper('csv', file, options.mapping);
  let parser: CsvRecords | null = null;
  let names: string[] | null = null;
  let recordLine = 0;
  let events: NormalizedEvent[] = [];
  let anomalies: Anomaly[] = [];
  const emit = (cells: string[], lineNo: number): void => {
    if (names === null) { names = headerNames(cells); return; }
    if (cells.length === 1 && cells[0] === '') return; // blank line between records
    if (cells.length !== names.length) {
      anomalies.push({ offset: lineNo, kind: 'csv-column-count', message: `${file}:${lineNo}: ${cells.length} cells where the header has ${names.length}; kept as far as they go` });
    }
    const rec: Record<string, unknown> = {};
    for (let i = 0; i < cells.length; i++) rec[i < names.length ? names[i]! : `_${i + 1}`] = cells[i];
    events.push(mapper.toEvent(rec, lineNo, anomalies));
  };
  for await (const batch of input.lines()) {
    const lines = batch.lines;
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!;
      const lineNo = batch.firstLine + i;
      if (parser === null) {
        if (line.length === 0) continue;
        parser = new CsvRecords(detectDelimiter(line));
      }
      if (!parser.open) recordLine = lineNo;
      const cells = parser.push(line);
      if (cells !== null) emit(cells, recordLine);
      if (events.length >= BATCH) {
        yield { events, anomalies };
        events = [];
        anomalies = [];
      }
    }
  }
  const rest = parser?.flush() ?? null;
  if (rest !== null) {
    anomalies.push({ offset: recordLine, kind: 'csv-unterminated-quote', message: `${file}:${recordLine}: quoted field not closed before the end of input; record kept as read` });
    emit(rest, recordLine);
  }
  if (events.length > 0 || anomalies.length > 0) yield { events, anomalies };
}

/** Claims text whose first lines split into the same number (>1) of cells; 0.2 at most (0.1 without a .csv name). */
function sniff(head: Buffer, name: string): number {
  const text = head.toString('utf8');
  const lines = text.split('\n').slice(0, 6).map((l) => l.replace(/\r$/, ''));
  const first = lines[0] ?? '';
  if (first.length === 0 || first.startsWith('{') || first.startsWith('#') || /[\u0000-\u0008\uFFFD]/.test(first)) return 0;
  const delim = detectDelimiter(first);
  const width = new CsvRecords(delim).push(first)?.length ?? 0;
  if (width < 2 || first.length / width > 64) return 0;
  const second = lines[1];
  if (second !== undefined && second.length > 0 && lines.length > 2) {
    const w2 = new CsvRecords(delim).push(second);
    if (w2 !== null && w2.length !== width) return 0;
  }
  return /\.(csv|tsv)(\.gz)?$/i.test(name) ? 0.2 : 0.1;
}

export const csvReader: Reader = {
  id: 'csv',
  description: 'CSV (RFC 4180) with a header row and a user field mapping; delimiter , ; TAB or |',
  sniff,
  read: (input, options) => read(input, options),
};
