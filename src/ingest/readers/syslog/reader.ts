/**
 * syslog reader: RFC 3164 (`<PRI>Mmm dd hh:mm:ss host tag[pid]: msg`, also without PRI as in /var/log/auth.log,
 * /var/log/secure, /var/log/messages), RFC 5424 (`<PRI>1 TIMESTAMP HOST APP PROCID MSGID [SD] MSG`) and rsyslog's
 * ISO format (`2024-01-02T03:04:05.123456+00:00 host tag[pid]: msg`).
 *
 * Fields of every event: `host`, `program`, `pid`, `facility`, `severity`, `priority`, `message`, and for RFC 5424
 * `msgid` and `sd`. Then per program (see `programs.ts`): OpenSSH, PAM, sudo, su, shadow-utils, systemd-logind,
 * chronyd and ntpd messages parsed into fields; Sysmon for Linux XML into its Windows-style field map; relayed audit
 * records into auditd's. Logsource `product: linux` with the program's Sigma service (sshd, sudo, auth, cron, syslog…).
 *
 * RFC 3164 times carry neither year nor zone; `clock.ts` says how the year is chosen, and the `timezone` option
 * (UTC, `+08:00`, `Asia/Shanghai`) the zone, else UTC with one anomaly per file saying so.
 */
import type { Anomaly, NormalizedEvent } from '../../../model/index.js';
import { IngestError, UsageError } from '../../../model/index.js';
import { parseZone, type LocalZone } from '../../linux/index.js';
import type { InputSource } from '../../input.js';
import type { ReadBatch, Reader, ReaderOptions } from '../../reader.js';
import { FALLBACK_YEAR, localToNs, startYearFor, YearTracker, type LocalTime } from './clock.js';
import { parseHeader } from './header.js';
import { interpretMessage } from './programs.js';

/**
 * Options this reader understands beyond ReaderOptions (which lives outside this folder): `year` of the first
 * RFC 3164 line, `timezone` of zone-less timestamps.
 */
export interface SyslogReaderOptions extends ReaderOptions {
  year?: number;
  timezone?: string;
}

const FACILITIES = ['kern', 'user', 'mail', 'daemon', 'auth', 'syslog', 'lpr', 'news', 'uucp', 'cron', 'authpriv', 'ftp',
  'ntp', 'security', 'console', 'clock', 'local0', 'local1', 'local2', 'local3', 'local4', 'local5', 'local6', 'local7'];
const SEVERITIES = ['emerg', 'alert', 'crit', 'err', 'warning', 'notice', 'info', 'debug'];
const BATCH = 5000;
/** Lines held back while looking for a dated line that fixes the year of RFC 3164 times. */
const HOLD_LIMIT = 50_000;
const PROBE_LINES = 20;
const AUDIT_EPOCH = /audit\((\d{9,11})\./;

interface Held { ev: NormalizedEvent; local?: LocalTime; anchor?: { year: number; month: number } }

export const syslogReader: Reader = {
  id: 'syslog',
  description: 'syslog (RFC 3164, RFC 5424, rsyslog ISO): OpenSSH, sudo, PAM, accounts, chronyd/ntpd, Sysmon for Linux',
  sniff(head: Buffer, name: string): number {
    const lines = head.toString('utf8').split('\n', 41).slice(0, 40).filter((l) => l.trim() !== '');
    if (lines.length > 1) lines.pop();
    if (lines.length === 0) return 0;
    const ok = lines.filter((l) => parseHeader(l.replace(/\r$/, ''), 0)?.program !== undefined).length;
    if (ok === 0) return 0;
    const bonus = /(auth|secure|syslog|messages|daemon|kern)(\.log)?(\.\d+)?(\.gz)?$/i.test(name) ? 0.05 : 0;
    return (ok / lines.length) * 0.8 + bonus;
  },
  read(input: InputSource, options: ReaderOptions): AsyncIterable<ReadBatch> {
    return readSyslog(input, options as SyslogReaderOptions);
  },
};

async function* readSyslog(input: InputSource, options: SyslogReaderOptions): AsyncIterable<ReadBatch> {
  let zone: LocalZone = () => 0;
  if (options.timezone !== undefined) {
    const z = parseZone(options.timezone);
    if (!z) throw new UsageError(`unknown timezone ${JSON.stringify(options.timezone)} (use UTC, +08:00 or an IANA name)`);
    zone = z;
  }
  if (options.year !== undefined && !(Number.isInteger(options.year) && options.year >= 1 && options.year <= 9999)) {
    throw new UsageError(`year must be an integer 1..9999, got ${options.year}`);
  }
  let tracker: YearTracker | null = options.year !== undefined ? new YearTracker(options.year) : null;
  let held: Held[] = [];
  let out: NormalizedEvent[] = [];
  let anomalies: Anomaly[] = [];
  let zoneNoted = options.timezone !== undefined;
  let probing = true;
  let bad = 0;
  let firstBad = 0;

  const emit = (h: Held, t: YearTracker) => {
    if (h.anchor) t.anchor(h.anchor.year, h.anchor.month);
    if (h.local && h.ev.tsNs === null) {
      const year = t.yearOf(h.local.month);
      h.ev.tsNs = localToNs(h.local, year, zone);
      if (h.ev.tsNs === null) anomalies.push({ offset: h.ev.offset, kind: 'syslog-bad-date', message: `no such date: ${year}-${h.local.month}-${h.local.day}` });
    }
    out.push(h.ev);
  };
  const resolve = (anchor: { year: number; month: number } | undefined) => {
    const months = held.filter((h) => !h.anchor && h.local).map((h) => h.local!.month);
    let start = FALLBACK_YEAR;
    if (anchor) start = startYearFor(months, anchor.year, anchor.month);
    else anomalies.push({ offset: held[0]?.ev.offset ?? 1, kind: 'syslog-year-assumed', message: `no year option and no dated line: RFC 3164 times read as from ${FALLBACK_YEAR}` });
    tracker = new YearTracker(start);
    for (const h of held) emit(h, tracker);
    held = [];
  };

  for await (const batch of input.lines()) {
    for (let i = 0; i < batch.lines.length; i++) {
      const line = batch.lines[i]!;
      if (line.length === 0) continue;
      const lineNo = batch.firstLine + i;
      const hdr = parseHeader(line, 0);
      if (!hdr) {
        if (line.trim() === '') continue;
        if (probing) {
          if (firstBad === 0) firstBad = lineNo;
          if (++bad >= PROBE_LINES) throw new IngestError({ file: input.path, line: firstBad }, 'no syslog line (RFC 3164, RFC 5424 or ISO timestamp) in the first lines: not a syslog file');
        }
        anomalies.push({ offset: lineNo, kind: 'syslog-unparsed', message: `not a syslog line: ${line.slice(0, 120)}` });
        continue;
      }
      probing = false;
      const fields: Record<string, unknown> = {};
      const ev: NormalizedEvent = { tsNs: null, format: 'syslog', product: 'linux', fields, offset: lineNo };
      if (hdr.host !== undefined) { fields.host = hdr.host; ev.host = hdr.host; }
      if (hdr.program !== undefined) fields.program = hdr.program;
      if (hdr.pid !== undefined) fields.pid = hdr.pid;
      if (hdr.pri !== undefined) {
        fields.priority = hdr.pri;
        fields.facility = FACILITIES[hdr.pri >> 3];
        fields.severity = SEVERITIES[hdr.pri & 7];
      }
      if (hdr.msgid !== undefined) fields.msgid = hdr.msgid;
      if (hdr.sd !== undefined) fields.sd = hdr.sd;
      fields.message = hdr.message;
      let anchor: { year: number; month: number } | undefined;
      if (hdr.iso) {
        ev.tsNs = hdr.iso.ns;
        if (!hdr.iso.hasZone) {
          ev.tsNs -= BigInt(zone(hdr.iso.year, hdr.iso.month, hdr.iso.day, hdr.iso.hour)) * 60_000_000_000n;
          if (!zoneNoted) { zoneNoted = true; anomalies.push({ offset: lineNo, kind: 'syslog-zone-assumed', message: 'timestamps without zone read as UTC (no timezone option)' }); }
        }
        anchor = { year: hdr.iso.year, month: hdr.iso.month };
      }
      interpretMessage(hdr.program, hdr.message, ev);
      if (hdr.local) {
        if (!zoneNoted) { zoneNoted = true; anomalies.push({ offset: lineNo, kind: 'syslog-zone-assumed', message: 'RFC 3164 times read as UTC (no timezone option)' }); }
        if (ev.tsNs !== null) {
          // The message itself was dated (Sysmon's TimeCreated, audit(EPOCH)): it wins and fixes the year.
          anchor = utcYearMonth(ev.tsNs);
        } else {
          const epoch = AUDIT_EPOCH.exec(hdr.message);
          if (epoch) anchor = utcYearMonth(BigInt(epoch[1]!) * 1_000_000_000n);
        }
      }
      const h: Held = { ev };
      if (hdr.local) h.local = hdr.local;
      if (anchor) h.anchor = anchor;
      if (tracker) emit(h, tracker);
      else {
        held.push(h);
        if (anchor || held.length >= HOLD_LIMIT) resolve(anchor);
      }
      if (out.length >= BATCH) { yield { events: out, anomalies }; out = []; anomalies = []; }
    }
  }
  if (probing && firstBad !== 0) throw new IngestError({ file: input.path, line: firstBad }, 'no syslog line found: not a syslog file');
  if (held.length > 0) resolve(undefined);
  if (out.length > 0 || anomalies.length > 0) yield { events: out, anomalies };
}

function utcYearMonth(ns: bigint): { year: number; month: number } {
  const d = new Date(Number(ns / 1_000_000n));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1 };
}
