import { test } from 'node:test';
import assert from 'node:assert/strict';
import { jsonlReader } from '../../src/ingest/readers/jsonl/index.js';
import { IngestError } from '../../src/model/index.js';
import { isoToNs, epochStringToNs, timeValueToNs } from '../../src/ingest/net/index.js';
import { collect, fuzzReader } from './zeek-helpers.test.js';

const LINES = [
  '{"when":1700000000123,"src":{"ip":"10.1.1.1","port":"4444"},"dst.ip":"10.2.2.2","dport":22,"who":"root","exe":"/usr/bin/ssh","cmd":"ssh x","node":"gw1","id":"4624"}',
  '{"when":"not a time","src":{"ip":"10.1.1.2"}}',
  '   ',
  '[1,2]',
  '',
].join('\n');

test('jsonl with a mapping: time format, typed columns from flat and nested names, logsource stamped', async () => {
  const mapping = {
    time: 'when', timeFormat: 'epoch_ms', srcIp: 'src.ip', srcPort: 'src.port', dstIp: 'dst.ip', dstPort: 'dport',
    user: 'who', image: 'exe', commandLine: 'cmd', host: 'node', eventId: 'id', product: 'linux', category: 'network_connection', service: 'custom',
  };
  const { events, anomalies } = await collect(jsonlReader, 'app.jsonl', LINES, { mapping });
  assert.equal(events.length, 2);
  const e = events[0]!;
  assert.equal(e.tsNs, 1700000000123000000n);
  assert.deepEqual([e.srcIp, e.srcPort, e.dstIp, e.dstPort, e.user, e.image, e.commandLine, e.host, e.eventId], ['10.1.1.1', 4444, '10.2.2.2', 22, 'root', '/usr/bin/ssh', 'ssh x', 'gw1', 4624]);
  assert.deepEqual([e.format, e.product, e.category, e.service], ['jsonl', 'linux', 'network_connection', 'custom']);
  assert.deepEqual(e.fields['src'], { ip: '10.1.1.1', port: '4444' });
  assert.equal(events[1]!.tsNs, null);
  assert.deepEqual(anomalies.map((a) => [a.kind, a.offset]), [['bad-time', 2], ['json-syntax', 4]]);
});

test('jsonl without a mapping: the time field is guessed; a file without one gets a single anomaly', async () => {
  const guessed = await collect(jsonlReader, 'x.jsonl', '{"@timestamp":"2024-01-02T03:04:05.123456789+01:00","m":1}\n{"@timestamp":"2024-01-02T03:04:06Z"}\n');
  assert.equal(guessed.events[0]!.tsNs, 1704161045123456789n);
  assert.equal(guessed.events[1]!.tsNs, 1704164646000000000n);
  assert.deepEqual(guessed.anomalies, []);
  const none = await collect(jsonlReader, 'y.jsonl', '{"a":1}\n{"a":2}\n{"a":3}\n');
  assert.equal(none.events.length, 3);
  assert.deepEqual(none.anomalies.map((a) => a.kind), ['no-time-field']);
});

test('jsonl: an unknown time format in the mapping is an IngestError naming the file', async () => {
  await assert.rejects(collect(jsonlReader, 'z.jsonl', '{"t":1}\n', { mapping: { time: 't', timeFormat: 'strftime' } }), (e: unknown) => e instanceof IngestError && /z\.jsonl/.test(e.message));
});

test('time parsing: epoch units exact, ISO 8601 and RFC 3339 offsets, invalid dates rejected', () => {
  assert.equal(epochStringToNs('1521911720.865716'), 1521911720865716000n);
  assert.equal(epochStringToNs('1700000000123', 'ms'), 1700000000123000000n);
  assert.equal(epochStringToNs('-1.5'), -1500000000n);
  assert.equal(epochStringToNs('12a'), null);
  assert.equal(timeValueToNs(1700000000123456, 'auto'), 1700000000123456000n);
  assert.equal(timeValueToNs('1700000000123456789', 'epoch_ns'), 1700000000123456789n);
  assert.equal(isoToNs('2019-05-15T23:08:39.100398+0000'), 1557961719100398000n);
  assert.equal(isoToNs('2019-05-15 23:08:39Z'), 1557961719000000000n);
  assert.equal(isoToNs('2019-05-15T23:08:39.1-05:30'), 1557981519100000000n);
  assert.equal(isoToNs('2019-05-15'), 1557878400000000000n);
  assert.equal(isoToNs('2019-02-29T00:00:00Z'), null);
  assert.equal(isoToNs('2019-13-01T00:00:00Z'), null);
  assert.equal(isoToNs('2019-05-15T23:08:39+0000x'), null);
});

test('jsonl fuzz: truncated, bit-flipped and random input never crashes or hangs', { timeout: 60_000 }, async () => {
  const seed = Buffer.from(Array.from({ length: 20 }, (_, i) => JSON.stringify({ ts: 1700000000 + i, msg: `m${i}`, nested: { a: [i] } })).join('\n'));
  const r = await fuzzReader(jsonlReader, 'fuzz.jsonl', seed, 4);
  assert.equal(r.runs, 140);
});
