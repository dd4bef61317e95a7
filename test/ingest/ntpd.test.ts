import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodePeerStatus, ntpdReader } from '../../src/ingest/readers/ntpd/index.js';
import { IngestError } from '../../src/model/index.js';
import { fuzz, readAll } from './syslog-helpers.test.js';

const PEERSTATS = '60310 43200.125 192.0.2.1 9614 -0.000123456 0.012345678 0.000987654 0.000111222\n'
  + '60310 43264.500 198.51.100.7 9014 0.250000000 0.030000000 0.001000000 0.002000000\n';
const LOOPSTATS = '60310 43200.250 0.000006019 13.778190 0.000351733 0.013380 6\n';
const CLOCKSTATS = '60310 525.624 127.127.20.0 $GPRMC,000845,A,3150.00,N,11730.00,E,0.0,0.0,040324,,*1A\n';
const RAWSTATS = '60310 43200.375 192.0.2.1 10.0.0.5 3918720000.000000000 3918720000.010000000 3918720000.010500000 3918720000.020000000 0 4 4 1 6 -23 0.000000 0.000200 GPS\n';

test('ntpd: peerstats with MJD time, decoded status word, seconds as numbers', async () => {
  const { events, anomalies } = await readAll(ntpdReader, 'peerstats.20240101', PEERSTATS);
  assert.equal(anomalies.length, 0);
  const e = events[0]!;
  // MJD 60310 = 2024-01-01 (MJD 40587 = 1970-01-01); 43200.125 s past midnight.
  assert.equal(e.tsNs, BigInt(Date.parse('2024-01-01T12:00:00.125Z')) * 1_000_000n);
  assert.deepEqual([e.product, e.service, e.category, e.srcIp], ['linux', 'ntpd', 'time', '192.0.2.1']);
  assert.deepEqual([e.fields.stats, e.fields.source, e.fields.status_word, e.fields.offset_s, e.fields.delay_s, e.fields.dispersion_s, e.fields.jitter_s],
    ['peerstats', '192.0.2.1', '9614', -0.000123456, 0.012345678, 0.000987654, 0.000111222]);
  assert.deepEqual([e.fields.configured, e.fields.reachable, e.fields.select, e.fields.event_count, e.fields.event], [true, true, 'sys.peer', 1, 'reachable']);
  assert.deepEqual([events[1]!.fields.select, events[1]!.fields.offset_s], ['reject', 0.25]);
});

test('ntpd: loopstats, clockstats and rawstats by shape when the name does not say', async () => {
  const l = (await readAll(ntpdReader, 'a', LOOPSTATS)).events[0]!;
  assert.deepEqual([l.fields.stats, l.fields.offset_s, l.fields.drift_ppm, l.fields.time_constant], ['loopstats', 0.000006019, 13.77819, 6]);
  const c = (await readAll(ntpdReader, 'clockstats', CLOCKSTATS)).events[0]!;
  assert.deepEqual([c.fields.stats, c.fields.source, String(c.fields.timecode).slice(0, 6)], ['clockstats', '127.127.20.0', '$GPRMC']);
  const r = (await readAll(ntpdReader, 'b', RAWSTATS)).events[0]!;
  assert.equal(r.fields.stats, 'rawstats');
  assert.ok(Math.abs((r.fields.offset_s as number) - 0.00025) < 1e-6, `offset ${r.fields.offset_s}`);
  assert.ok(Math.abs((r.fields.delay_s as number) - 0.0195) < 1e-6, `delay ${r.fields.delay_s}`);
  assert.deepEqual([r.fields.stratum, r.fields.refid, r.dstIp], [1, 'GPS', '10.0.0.5']);
});

test('ntpd: status word decoding', () => {
  assert.deepEqual(decodePeerStatus('961a'), { configured: true, auth_enabled: false, authentic: false, reachable: true, broadcast: false, select: 'sys.peer', event_count: 1, event: 'sys_peer' });
  assert.equal(decodePeerStatus('zz'), undefined);
});

test('ntpd: odd lines are anomalies; other text is an IngestError naming file and line', async () => {
  const { events, anomalies } = await readAll(ntpdReader, 'peerstats', `${PEERSTATS}60310 1.0 192.0.2.1 zz 1 2 3 4\n`);
  assert.equal(events.length, 2);
  assert.deepEqual(anomalies.map((a) => [a.offset, a.kind]), [[3, 'ntpd-unparsed']]);
  await assert.rejects(readAll(ntpdReader, 'notes.txt', Array.from({ length: 30 }, (_, i) => `x ${i}`).join('\n')),
    (e: unknown) => e instanceof IngestError && /notes\.txt:1: /.test(e.message));
});

test('ntpd: sniffing', () => {
  assert.ok(ntpdReader.sniff(Buffer.from(PEERSTATS + PEERSTATS), 'peerstats.20240101') > ntpdReader.sniff(Buffer.from(PEERSTATS + PEERSTATS), 'x'));
  assert.ok(ntpdReader.sniff(Buffer.from(LOOPSTATS + LOOPSTATS), 'x') >= 0.8);
  assert.equal(ntpdReader.sniff(Buffer.from('2016-11-09 05:40:50 203.0.113.15 N 2\n'), 'x'), 0);
});

test('ntpd fuzz: truncated, bit-flipped and random input never crashes or hangs', { timeout: 60_000 }, async () => {
  const r = await fuzz(ntpdReader, 'fuzz-peerstats', Buffer.from(PEERSTATS + LOOPSTATS + RAWSTATS), 17, 60);
  assert.equal(r.runs, 60);
  assert.ok(r.errors > 0);
});
