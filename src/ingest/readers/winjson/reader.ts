/**
 * Windows events exported as JSON (`winjson`): NDJSON, a JSON array, or pretty-printed objects one after another,
 * in the evtx_dump, NXLog/Mordor or Winlogbeat/ECS shape (see shapes.ts). The fields follow the same flat contract
 * as the EVTX reader (documented in readers/evtx/reader.ts) and get the same logsource, so one Sigma rule sees one
 * event the same way whichever export it came from. `offset` is the 1-based line where the object starts.
 *
 * Anomalies (file goes on): `winjson.syntax` (an object that is not valid JSON), `winjson.not_windows` (valid JSON
 * but no Windows event shape), `winjson.junk` (text between objects). IngestError: an object that never closes.
 */
import type { Anomaly, NormalizedEvent } from '../../../model/index.js';
import type { InputSource } from '../../input.js';
import type { ReadBatch, Reader } from '../../reader.js';
import { toWindowsEvent } from '../../windows/index.js';
import { flatten, type Json } from './shapes.js';
import { splitObjects, type SplitProblem } from './split.js';

const BATCH = 2000;

async function* readWinJson(input: InputSource): AsyncIterable<ReadBatch> {
  const problems: SplitProblem[] = [];
  let events: NormalizedEvent[] = [];
  let anomalies: Anomaly[] = [];
  for await (const pieces of splitObjects(input.chunks(), input.path, problems)) {
    for (const pr of problems.splice(0)) anomalies.push({ offset: pr.line, kind: 'winjson.junk', message: pr.message });
    for (const piece of pieces) {
      let obj: Json;
      try {
        obj = JSON.parse(piece.text) as Json;
      } catch (e) {
        anomalies.push({ offset: piece.line, kind: 'winjson.syntax', message: `object skipped: ${(e as Error).message}` });
        continue;
      }
      const flat = flatten(obj);
      if (flat === undefined) {
        anomalies.push({ offset: piece.line, kind: 'winjson.not_windows', message: 'object skipped: not a Windows event (no Event.System, winlog or EventID)' });
        continue;
      }
      events.push(toWindowsEvent(flat.fields, flat.tsNs, 'winjson', piece.line));
      if (events.length >= BATCH) { yield { events, anomalies }; events = []; anomalies = []; }
    }
  }
  for (const pr of problems) anomalies.push({ offset: pr.line, kind: 'winjson.junk', message: pr.message });
  if (events.length > 0 || anomalies.length > 0) yield { events, anomalies };
}

/** Content decides: the object must look like a Windows event in one of the three shapes. */
function sniff(head: Buffer): number {
  const text = head.toString('utf8', 0, Math.min(head.length, 65536));
  const t = text.replace(/^\uFEFF/, '').trimStart();
  if (!t.startsWith('{') && !t.startsWith('[')) return 0;
  if (/"Event"\s*:\s*\{/.test(t) && /"System"\s*:\s*\{/.test(t)) return 0.95;
  if (/"winlog"\s*:\s*\{/.test(t) && /"(event_id|channel|provider_name)"\s*:/.test(t)) return 0.9;
  if (/"EventI[Dd]"\s*:/.test(t) && /"(Channel|SourceName|Hostname|ProviderGuid)"\s*:/.test(t)) return 0.85;
  return 0;
}

export const winjsonReader: Reader = {
  id: 'winjson',
  description: 'Windows events as JSON (evtx_dump, NXLog/Mordor, Winlogbeat/ECS), NDJSON or array',
  sniff,
  read(input: InputSource): AsyncIterable<ReadBatch> {
    return readWinJson(input);
  },
};
