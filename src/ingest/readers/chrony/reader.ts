/**
 * chrony reader: chronyd's `measurements.log`, `statistics.log`, `tracking.log` and `refclocks.log`, with or without
 * the `====` banners chronyd repeats. One event per data line; fields as `lines.ts` names them (offsets in seconds
 * as numbers), `log` says which file kind. Logsource `product: linux`, `service: chrony`, `category: time`;
 * srcIp is the measured source where it is an address. Times are the UTC date and time of the line's first columns.
 * chronyd's syslog messages are read by the syslog reader (`messages.ts` here).
 */
import type { Anomaly, NormalizedEvent } from '../../../model/index.js';
import { LineProbe, parseIsoTime } from '../../linux/index.js';
import type { InputSource } from '../../input.js';
import type { ReadBatch, Reader, ReaderOptions } from '../../reader.js';
import { fieldsOf, logOfBanner, logOfShape, type ChronyLog } from './lines.js';

const BATCH = 5000;
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const ADDR_RE = /^(?:\d{1,3}(?:\.\d{1,3}){3}|[0-9a-fA-F:]*:[0-9a-fA-F:.]+)$/;

export const chronyReader: Reader = {
  id: 'chrony',
  description: 'chrony statistics logs: measurements, statistics, tracking, refclocks',
  sniff(head: Buffer, name: string): number {
    const lines = head.toString('utf8').split('\n', 41).slice(0, 40).filter((l) => l.trim() !== '');
    if (lines.length > 1) lines.pop();
    let banner = false, data = 0, other = 0;
    for (const l of lines) {
      if (logOfBanner(l)) { banner = true; continue; }
      if (/^=+\s*$/.test(l)) continue;
      const t = l.trim().split(/\s+/);
      if (DATE_RE.test(t[0]!) && logOfShape(t.slice(2))) data++;
      else other++;
    }
    if (data === 0 && !banner) return 0;
    const share = data / Math.max(1, data + other);
    const hint = /(measurements|statistics|tracking|refclocks)\.log/.test(name) ? 0.04 : 0;
    return (banner ? 0.9 : 0.5 + 0.4 * share) + hint;
  },
  read(input: InputSource, _options: ReaderOptions): AsyncIterable<ReadBatch> {
    return readChrony(input);
  },
};

async function* readChrony(input: InputSource): AsyncIterable<ReadBatch> {
  let log: ChronyLog | undefined;
  let events: NormalizedEvent[] = [];
  let anomalies: Anomaly[] = [];
  const probe = new LineProbe(input.path, 'chrony log line', 'chrony-unparsed');
  const reject = (lineNo: number, why: string) => probe.reject(lineNo, why, anomalies);
  for await (const batch of input.lines()) {
    for (let i = 0; i < batch.lines.length; i++) {
      const line = batch.lines[i]!;
      const lineNo = batch.firstLine + i;
      const trimmed = line.trim();
      if (trimmed === '' || trimmed.startsWith('=')) continue;
      const banner = logOfBanner(line);
      if (banner) { log = banner; continue; }
      const t = trimmed.split(/\s+/);
      const time = t.length >= 2 && DATE_RE.test(t[0]!) ? parseIsoTime(`${t[0]}T${t[1]}Z`) : null;
      if (!time) { reject(lineNo, `no UTC date and time: ${line.slice(0, 100)}`); continue; }
      const cols = t.slice(2);
      const kind = log ?? logOfShape(cols);
      if (!kind) { reject(lineNo, `columns fit no chrony log: ${line.slice(0, 100)}`); continue; }
      const fields = fieldsOf(kind, cols);
      if (typeof fields === 'string') { reject(lineNo, fields); continue; }
      probe.accept();
      const ev: NormalizedEvent = {
        tsNs: time.ns, format: 'chrony', product: 'linux', service: 'chrony', category: 'time',
        fields: { log: kind, ...fields }, offset: lineNo,
      };
      if (typeof fields.source === 'string' && ADDR_RE.test(fields.source)) ev.srcIp = fields.source;
      events.push(ev);
      if (events.length >= BATCH) { yield { events, anomalies }; events = []; anomalies = []; }
    }
  }
  probe.finish();
  if (events.length > 0 || anomalies.length > 0) yield { events, anomalies };
}
