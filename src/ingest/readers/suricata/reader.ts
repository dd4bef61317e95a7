/**
 * The Suricata EVE reader (`id: suricata`): one JSON object per line, every `event_type` (alert, flow, dns, http,
 * tls, fileinfo, anomaly, stats, ssh, smb, …). `fields` is the EVE object as Suricata wrote it (nested), except
 * that `flow_id` and `parent_id`, 64-bit integers beyond 2^53, are kept as exact decimal strings for joins.
 * Typed columns: srcIp/srcPort/dstIp/dstPort from src_ip/src_port/dest_ip/dest_port, proto from `proto`
 * (lower-cased, so TCP joins Zeek's tcp), host from `host` (the sensor name, when configured).
 * Logsource: `product: suricata`, `service: <event_type>`, `category: dns` for dns events.
 */
import type { Anomaly, NormalizedEvent } from '../../../model/index.js';
import type { InputSource } from '../../input.js';
import type { ReadBatch, Reader } from '../../reader.js';
import { isoToNs, jsonObjectOrNull, toPort, toText } from '../../net/index.js';
import { exactBigIntegers } from './ids.js';
import { readEveLines } from './sql.js';

const BATCH = 4096;

export function eveEvent(rec: Record<string, unknown>, tsNs: bigint | null, offset: number): NormalizedEvent {
  const type = toText(rec['event_type']);
  const proto = rec['proto'];
  return {
    tsNs,
    format: 'suricata',
    product: 'suricata',
    category: type === 'dns' ? 'dns' : undefined,
    service: type,
    host: toText(rec['host']),
    user: undefined,
    image: undefined,
    commandLine: undefined,
    srcIp: toText(rec['src_ip']),
    srcPort: toPort(rec['src_port']),
    dstIp: toText(rec['dest_ip']),
    dstPort: toPort(rec['dest_port']),
    proto: typeof proto === 'string' ? proto.toLowerCase() : toText(proto),
    eventId: undefined,
    fields: rec,
    offset,
  };
}

/** A line that is not a JSON object: skipped, with JSON.parse's reason. */
export function eveSyntaxAnomaly(file: string, lineNo: number, reason: string): Anomaly {
  return { offset: lineNo, kind: 'json-syntax', message: `${file}:${lineNo}: not a JSON object (${reason}); line skipped` };
}

/** An event whose `timestamp` (`t`, as parsed) is absent or no time: kept without time. */
export function eveTimeAnomaly(file: string, lineNo: number, t: unknown): Anomaly {
  return { offset: lineNo, kind: t === undefined ? 'missing-time' : 'bad-time', message: `${file}:${lineNo}: ${t === undefined ? 'no timestamp' : `timestamp ${JSON.stringify(t).slice(0, 60)} is not a time`}; event kept without time` };
}

async function* read(input: InputSource): AsyncIterable<ReadBatch> {
  const file = input.path;
  let events: NormalizedEvent[] = [];
  let anomalies: Anomaly[] = [];
  for await (const batch of input.lines()) {
    const lines = batch.lines;
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!;
      if (line.length === 0) continue;
      const lineNo = batch.firstLine + i;
      const rec = jsonObjectOrNull(line);
      if (typeof rec === 'string') {
        anomalies.push(eveSyntaxAnomaly(file, lineNo, rec));
        continue;
      }
      exactBigIntegers(line, rec);
      const t = rec['timestamp'];
      const tsNs = typeof t === 'string' ? isoToNs(t) : null;
      if (tsNs === null) anomalies.push(eveTimeAnomaly(file, lineNo, t));
      events.push(eveEvent(rec, tsNs, lineNo));
      if (events.length >= BATCH) {
        yield { events, anomalies };
        events = [];
        anomalies = [];
      }
    }
  }
  if (events.length > 0 || anomalies.length > 0) yield { events, anomalies };
}

function sniff(head: Buffer): number {
  const text = head.toString('utf8', 0, Math.min(head.length, 8192));
  const start = text.search(/\S/);
  if (start < 0 || text.charCodeAt(start) !== 123) return 0;
  const nl = text.indexOf('\n', start);
  const line = text.slice(start, nl < 0 ? text.length : nl);
  if (line.includes('"event_type":') && line.includes('"timestamp":')) return 0.95;
  return 0;
}

export const suricataReader: Reader = {
  id: 'suricata',
  description: 'Suricata EVE JSON (eve.json), every event_type, plain or gzip',
  sniff,
  read: (input) => read(input),
  readLines: (input) => readEveLines(input),
};
