/**
 * The generic JSON Lines reader (`id: jsonl`): one JSON object per line, mapped to typed columns by the user's
 * `FieldMapping` (time field and format, host, user, process, addresses, logsource). Without a mapping the time
 * field is guessed from common names; the record is kept under `fields` exactly as parsed (nested stays nested).
 * It is the most general reader: it claims any file of JSON objects with a low score, so specific readers win.
 */
import type { Anomaly, NormalizedEvent } from '../../../model/index.js';
import type { InputSource } from '../../input.js';
import type { ReadBatch, Reader, ReaderOptions } from '../../reader.js';
import { jsonObjectOrNull, RecordMapper } from '../../net/index.js';

const BATCH = 4096;

async function* read(input: InputSource, options: ReaderOptions): AsyncIterable<ReadBatch> {
  const file = input.path;
  const mapper = new RecordMapper('jsonl', file, options.mapping);
  let events: NormalizedEvent[] = [];
  let anomalies: Anomaly[] = [];
  for await (const batch of input.lines()) {
    const lines = batch.lines;
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!;
      if (line.length === 0 || isBlank(line)) continue;
      const lineNo = batch.firstLine + i;
      const rec = jsonObjectOrNull(line);
      if (typeof rec === 'string') {
        anomalies.push({ offset: lineNo, kind: 'json-syntax', message: `${file}:${lineNo}: not a JSON object (${rec}); line skipped` });
        continue;
      }
      events.push(mapper.toEvent(rec, lineNo, anomalies));
      if (events.length >= BATCH) {
        yield { events, anomalies };
        events = [];
        anomalies = [];
      }
    }
  }
  if (events.length > 0 || anomalies.length > 0) yield { events, anomalies };
}

function isBlank(line: string): boolean {
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c !== 32 && c !== 9) return false;
  }
  return true;
}

/** Claims input whose first lines are JSON objects; 0.3 at most, so every specific JSON reader outranks it. */
function sniff(head: Buffer, name: string): number {
  const text = head.toString('utf8');
  const lines = text.split('\n');
  // The last line of a 64 KiB head may be cut short; judge only complete lines when there are several.
  const complete = lines.length > 1 ? lines.slice(0, -1) : lines;
  let objects = 0;
  for (const l of complete.slice(0, 20)) {
    const t = l.trim();
    if (t.length === 0) continue;
    if (typeof jsonObjectOrNull(t) === 'string') return 0;
    objects++;
  }
  if (objects === 0) return 0;
  return /\.(jsonl|ndjson|json)(\.gz)?$/i.test(name) ? 0.3 : 0.25;
}

export const jsonlReader: Reader = {
  id: 'jsonl',
  description: 'JSON Lines (one object per line) with a user field mapping; time field guessed when not mapped',
  sniff,
  read: (input, options) => read(input, options),
};
