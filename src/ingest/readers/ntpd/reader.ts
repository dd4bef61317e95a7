/**
 * ntpd reader: the statistics files `peerstats`, `loopstats`, `clockstats` and `rawstats` (ntpd and NTPsec). Each line
 * opens with the Modified Julian Day and seconds past UTC midnight, turned into UTC. Fields as `lines.ts` names them
 * (peer address, decoded status word, offset/delay/dispersion/jitter in seconds), `stats` says which file kind.
 * Logsource `product: linux`, `service: ntpd`, `category: time`; srcIp is the peer where it is an address.
 * The file name (peerstats.20240101) decides the kind when it names one; else each line's shape does.
 */
import type { Anomaly, NormalizedEvent } from '../../../model/index.js';
import { LineProbe, mjdToNs } from '../../linux/index.js';
import type { InputSource } from '../../input.js';
import type { ReadBatch, Reader, ReaderOptions } from '../../reader.js';
import { fieldsOf, statsOfName, statsOfShape } from './lines.js';

const BATCH = 5000;
const HEAD_RE = /^(\d{5}) (\d{1,5}\.\d{1,9}) (.*)$/;
const ADDR = /^(?:\d{1,3}(?:\.\d{1,3}){3}|[0-9a-fA-F:]*:[0-9a-fA-F:.]+)$/;

export const ntpdReader: Reader = {
  id: 'ntpd',
  description: 'ntpd/NTPsec statistics files: peerstats, loopstats, clockstats, rawstats',
  sniff(head: Buffer, name: string): number {
    const lines = head.toString('utf8').split('\n', 41).slice(0, 40).filter((l) => l.trim() !== '');
    if (lines.length > 1) lines.pop();
    if (lines.length === 0) return 0;
    const fits = lines.filter((l) => {
      const m = HEAD_RE.exec(l.trim());
      return m !== null && statsOfShape(m[3]!.split(/\s+/)) !== undefined;
    }).length;
    if (fits === 0) return 0;
    return (fits / lines.length) * 0.85 + (statsOfName(name) ? 0.1 : 0);
  },
  read(input: InputSource, _options: ReaderOptions): AsyncIterable<ReadBatch> {
    return readNtpd(input);
  },
};

async function* readNtpd(input: InputSource): AsyncIterable<ReadBatch> {
  const named = statsOfName(input.path.slice(input.path.lastIndexOf('/') + 1));
  let events: NormalizedEvent[] = [];
  let anomalies: Anomaly[] = [];
  const probe = new LineProbe(input.path, 'ntpd statistics line', 'ntpd-unparsed');
  const reject = (lineNo: number, why: string) => probe.reject(lineNo, why, anomalies);
  for await (const batch of input.lines()) {
    for (let i = 0; i < batch.lines.length; i++) {
      const line = batch.lines[i]!.trim();
      const lineNo = batch.firstLine + i;
      if (line === '') continue;
      const m = HEAD_RE.exec(line);
      const tsNs = m ? mjdToNs(Number(m[1]), m[2]!) : null;
      if (!m || tsNs === null) { reject(lineNo, `no MJD and seconds: ${line.slice(0, 100)}`); continue; }
      const cols = m[3]!.split(/\s+/);
      const kind = named ?? statsOfShape(cols);
      if (!kind) { reject(lineNo, `columns fit no ntpd statistics file: ${line.slice(0, 100)}`); continue; }
      const fields = fieldsOf(kind, cols);
      if (typeof fields === 'string') { reject(lineNo, fields); continue; }
      probe.accept();
      const ev: NormalizedEvent = {
        tsNs, format: 'ntpd', product: 'linux', service: 'ntpd', category: 'time',
        fields: { stats: kind, mjd: Number(m[1]), seconds: Number(m[2]), ...fields }, offset: lineNo,
      };
      if (typeof fields.source === 'string' && ADDR.test(fields.source)) ev.srcIp = fields.source;
      if (typeof fields.destination === 'string' && ADDR.test(fields.destination)) ev.dstIp = fields.destination;
      events.push(ev);
      if (events.length >= BATCH) { yield { events, anomalies }; events = []; anomalies = []; }
    }
  }
  probe.finish();
  if (events.length > 0 || anomalies.length > 0) yield { events, anomalies };
}
