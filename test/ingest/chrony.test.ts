import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chronyReader } from '../../src/ingest/readers/chrony/index.js';
import { IngestError } from '../../src/model/index.js';
import { fuzz, readAll } from './syslog-helpers.test.js';

const SEP = '='.repeat(116);
const MEASUREMENTS = [
  SEP,
  '   Date (UTC) Time     IP Address   L St 123 567 ABCD  LP RP Score    Offset  Peer del. Peer disp.  Root del. Root disp. Refid     MTxRx',
  SEP,
  '2016-11-09 05:40:50 203.0.113.15    N  2 111 111 1111  10 10 1.0  -4.966e-03  2.296e-01  1.577e-05  1.615e-01  7.446e-03 CB00717B 4B D K',
  '2016-11-09 05:41:54 203.0.113.15    N  2 111 111 1111  10 10 1.0  -1.001e+00  2.296e-01  1.577e-05  1.615e-01  7.446e-03 CB00717B 4B D K',
  '',
].join('\n');
const STATISTICS = [
  "   Date (UTC) Time     IP Address    Std dev'n Est offset  Offset sd  Diff freq   Est skew  Stress  Ns  Bs  Nr  Asym",
  '2016-08-10 05:40:50 203.0.113.15     6.261e-03 -3.247e-03  2.220e-03  1.874e-06  1.080e-06 7.8e-02  16   0   8  0.00',
].join('\n');
// Without banners: the shape of each line decides.
const TRACKING = '2017-08-22 13:22:36 203.0.113.15     2     -3.541      0.075 -8.621e-06 N  2  2.940e-07 -2.084e-06  1.534e-02  3.472e-04  8.304e-03\n';
const REFCLOCKS = '2009-11-30 14:33:27.000000 PPS2    7 N 0  4.47274e-07 -2.88012e-07  1.000e-06\n';

test('chrony: measurements.log with banners, offsets in seconds', async () => {
  const { events, anomalies } = await readAll(chronyReader, 'measurements.log', MEASUREMENTS);
  assert.equal(anomalies.length, 0);
  assert.equal(events.length, 2);
  const e = events[0]!;
  assert.equal(e.tsNs, BigInt(Date.parse('2016-11-09T05:40:50Z')) * 1_000_000n);
  assert.deepEqual([e.product, e.service, e.category, e.srcIp, e.offset], ['linux', 'chrony', 'time', '203.0.113.15', 4]);
  assert.deepEqual(e.fields, {
    log: 'measurements', source: '203.0.113.15', leap: 'N', stratum: 2, tests_123: '111', tests_567: '111', tests_abcd: '1111',
    poll_local: 10, poll_remote: 10, score: 1, offset_s: -4.966e-3, peer_delay_s: 0.2296, peer_dispersion_s: 1.577e-5,
    root_delay_s: 0.1615, root_dispersion_s: 7.446e-3, refid: 'CB00717B', mode: '4B', tx_timestamp: 'D', rx_timestamp: 'K',
  });
  assert.equal(events[1]!.fields.offset_s, -1.001);
});

test('chrony: statistics, tracking and refclocks logs, with and without banners', async () => {
  const s = (await readAll(chronyReader, 'statistics.log', STATISTICS)).events[0]!;
  assert.deepEqual([s.fields.log, s.fields.est_offset_s, s.fields.samples, s.fields.runs, s.fields.asymmetry], ['statistics', -3.247e-3, 16, 8, 0]);
  const t = (await readAll(chronyReader, 'x.log', TRACKING)).events[0]!;
  assert.deepEqual([t.fields.log, t.fields.stratum, t.fields.freq_ppm, t.fields.offset_s, t.fields.leap, t.fields.max_error_s], ['tracking', 2, -3.541, -8.621e-6, 'N', 8.304e-3]);
  const r = (await readAll(chronyReader, 'y.log', REFCLOCKS)).events[0]!;
  assert.deepEqual([r.fields.log, r.fields.refid, r.fields.cooked_offset_s, r.srcIp], ['refclocks', 'PPS2', -2.88012e-7, undefined]);
});

test('chrony: odd lines are anomalies; other text is an IngestError naming file and line', async () => {
  const { events, anomalies } = await readAll(chronyReader, 'tracking.log', `${TRACKING}2017-08-22 13:22:37 203.0.113.15 2 oops\n${TRACKING}`);
  assert.equal(events.length, 2);
  assert.deepEqual(anomalies.map((a) => [a.offset, a.kind]), [[2, 'chrony-unparsed']]);
  await assert.rejects(readAll(chronyReader, 'notes.txt', Array.from({ length: 30 }, (_, i) => `x ${i}`).join('\n')),
    (e: unknown) => e instanceof IngestError && /notes\.txt:1: /.test(e.message));
});

test('chrony: sniffing by content', () => {
  assert.ok(chronyReader.sniff(Buffer.from(MEASUREMENTS), 'a') >= 0.9);
  assert.ok(chronyReader.sniff(Buffer.from(TRACKING + TRACKING), 'a') >= 0.5);
  assert.equal(chronyReader.sniff(Buffer.from('Jan  1 00:00:00 h sshd[1]: x\n'), 'tracking.log'), 0);
});

test('chrony fuzz: truncated, bit-flipped and random input never crashes or hangs', { timeout: 60_000 }, async () => {
  const r = await fuzz(chronyReader, 'fuzz-measurements.log', Buffer.from(MEASUREMENTS + STATISTICS), 13, 60);
  assert.equal(r.runs, 60);
  assert.ok(r.errors > 0);
});
