/**
 * auditd reader: /var/log/audit/audit.log (raw or enriched), also behind a syslog prefix (audispd, dmesg).
 *
 * Produces one event per audit event: the records that share `msg=audit(SECONDS.MS:SERIAL)` on one node (SYSCALL,
 * EXECVE, CWD, PATH…, PROCTITLE, EOE) merged as described in `event.ts`; hex values decoded, `CommandLine` rebuilt
 * from `argc`/`a0..aN`. Logsource `product: linux`, `service: auditd`; `category: process_creation` for execve.
 * Typed columns: host (`node`), user (`acct`, else `UID`/`auid`/`uid`), image (`exe`), commandLine (argv, else
 * proctitle), srcIp/dstIp/ports from SOCKADDR (connect → destination, bind/accept → source) or `addr`.
 *
 * Records of one event are usually adjacent but may interleave with others; events wait in a small window and
 * leave it in the order of their first line, when complete (EOE) or pushed out by newer ones.
 */
import type { Anomaly, NormalizedEvent } from '../../../model/index.js';
import { IngestError } from '../../../model/index.js';
import type { InputSource } from '../../input.js';
import type { ReadBatch, Reader, ReaderOptions } from '../../reader.js';
import { buildEvent } from './event.js';
import { parseAuditLine, type AuditRecord } from './record.js';

const WINDOW = 64;
const BATCH = 2000;
/** Lines with no audit record before the first one that rejects the file as not audit at all. */
const PROBE_LINES = 20;
const SNIFF_RE = /(?:^|\s)type=[A-Z0-9_]+ (?:msg=)?audit\(\d{9,12}(?:\.\d{1,9})?:\d+\): ?/;

interface Pending {
  records: AuditRecord[];
  line: number;
  done: boolean;
}

export const auditdReader: Reader = {
  id: 'auditd',
  description: 'Linux audit log (auditd raw/enriched, audispd via syslog): one event per audit serial',
  sniff(head: Buffer, name: string): number {
    const lines = head.toString('utf8').split('\n', 41).slice(0, 40).filter((l) => l.trim() !== '');
    if (lines.length > 1) lines.pop(); // probably cut by the 64 KiB window
    if (lines.length === 0) return 0;
    const hits = lines.filter((l) => SNIFF_RE.test(l)).length;
    if (hits === 0) return 0;
    const share = hits / lines.length;
    const bonus = /audit/i.test(name) ? 0.04 : 0;
    return share >= 0.5 ? 0.9 + bonus : 0.3 + share * 0.5 + bonus;
  },
  read(input: InputSource, _options: ReaderOptions): AsyncIterable<ReadBatch> {
    return readAudit(input);
  },
};

async function* readAudit(input: InputSource): AsyncIterable<ReadBatch> {
  const open = new Map<string, Pending>();
  let events: NormalizedEvent[] = [];
  let anomalies: Anomaly[] = [];
  let seen = 0;
  let firstBad = 0;
  let probing = true;
  const flush = (all: boolean) => {
    for (const [key, p] of open) {
      if (!all && !p.done && open.size <= WINDOW) break;
      open.delete(key);
      events.push(buildEvent(p.records, p.line));
    }
  };
  for await (const batch of input.lines()) {
    for (let i = 0; i < batch.lines.length; i++) {
      const line = batch.lines[i]!;
      const lineNo = batch.firstLine + i;
      if (line.length === 0 || line.trim() === '') continue;
      const rec = parseAuditLine(line);
      if (!rec) {
        if (probing) {
          if (firstBad === 0) firstBad = lineNo;
          if (++seen >= PROBE_LINES) throw new IngestError({ file: input.path, line: firstBad }, 'no audit record (`type=… msg=audit(…)`) in the first lines: not an audit log');
        }
        anomalies.push({ offset: lineNo, kind: 'auditd-unparsed', message: `not an audit record: ${line.slice(0, 120)}` });
        continue;
      }
      probing = false;
      const key = `${rec.node ?? ''}|${rec.stamp}`;
      const p = open.get(key);
      if (p) {
        if (p.done) anomalies.push({ offset: lineNo, kind: 'auditd-late-record', message: `${rec.type} record after EOE of ${rec.stamp}` });
        p.records.push(rec);
        if (rec.type === 'EOE') p.done = true;
      } else {
        open.set(key, { records: [rec], line: lineNo, done: rec.type === 'EOE' });
      }
      flush(false);
      if (events.length >= BATCH) {
        yield { events, anomalies };
        events = [];
        anomalies = [];
      }
    }
  }
  if (probing && firstBad !== 0) throw new IngestError({ file: input.path, line: firstBad }, 'no audit record (`type=… msg=audit(…)`) found: not an audit log');
  flush(true);
  if (events.length > 0 || anomalies.length > 0) yield { events, anomalies };
}
