import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { csvReader, CsvRecords, detectDelimiter, headerNames } from '../../src/ingest/readers/csv/index.js';
import { collect, fuzzReader } from './zeek-helpers.test.js';

const CSV = [
  '\uFEFFtime,src,dst,dport,note,note',
  '2024-03-01T10:00:00Z,10.0.0.1,10.0.0.2,443,"plain, with comma",x',
  '2024-03-01T10:00:01.5Z,10.0.0.1,10.0.0.3,22,"he said ""hi""",y',
  '2024-03-01T10:00:02Z,10.0.0.1,10.0.0.4,80,"two',
  'lines",z',
  '',
  '2024-03-01T10:00:03Z,10.0.0.1,,,,',
  'short,row',
  '',
].join('\r\n');

test('csv: RFC 4180 quoting, embedded newlines and quotes, header row, guessed time', async () => {
  const { events, anomalies } = await collect(csvReader, 'flows.csv.gz', gzipSync(Buffer.from(CSV)), { mapping: { srcIp: 'src', dstIp: 'dst', dstPort: 'dport', product: 'firewall-x' } });
  assert.equal(events.length, 5);
  assert.deepEqual(events[0]!.fields, { time: '2024-03-01T10:00:00Z', src: '10.0.0.1', dst: '10.0.0.2', dport: '443', note: 'plain, with comma', note_2: 'x' });
  assert.equal(events[0]!.tsNs, 1709287200000000000n);
  assert.deepEqual([events[0]!.srcIp, events[0]!.dstIp, events[0]!.dstPort, events[0]!.product, events[0]!.format], ['10.0.0.1', '10.0.0.2', 443, 'firewall-x', 'csv']);
  assert.equal(events[1]!.fields['note'], 'he said "hi"');
  assert.equal(events[1]!.tsNs, 1709287201500000000n);
  assert.equal(events[2]!.fields['note'], 'two\nlines');
  assert.equal(events[2]!.offset, 4);
  assert.equal(events[3]!.offset, 7);
  assert.equal(events[3]!.dstPort, undefined);
  assert.equal(events[3]!.fields['dst'], '');
  assert.deepEqual(anomalies.map((a) => [a.kind, a.offset]), [['csv-column-count', 8], ['bad-time', 8]]);
});

test('csv: an unterminated quote at the end is an anomaly on the last record', async () => {
  const { events, anomalies } = await collect(csvReader, 'cut.csv', 'ts,msg\n1700000000,"open\nnever closed\n');
  assert.equal(events.length, 1);
  assert.equal(events[0]!.fields['msg'], 'open\nnever closed'); // the final line break ends the input, not the field
  assert.equal(events[0]!.tsNs, 1700000000000000000n);
  assert.deepEqual(anomalies.map((a) => a.kind), ['csv-unterminated-quote']);
});

test('csv parts: delimiter detection, header names, record parser', () => {
  assert.equal(detectDelimiter('a;b;"c;d"'), ';');
  assert.equal(detectDelimiter('a\tb\tc'), '\t');
  assert.equal(detectDelimiter('"a,b";c'), ';');
  assert.deepEqual(headerNames(['a', '', 'a', 'a']), ['a', '_2', 'a_2', 'a_3']);
  const p = new CsvRecords(',');
  assert.deepEqual(p.push('a,"b ""q"" c",d'), ['a', 'b "q" c', 'd']);
  assert.deepEqual(p.push(',,'), ['', '', '']);
  assert.equal(p.push('"x'), null);
  assert.equal(p.open, true);
  assert.deepEqual(p.push('y",z'), ['x\ny', 'z']);
  assert.deepEqual(p.push('"a"b,c'), ['ab', 'c']); // lenient: text after a closing quote is kept
});

test('csv sniff: consistent columns are claimed weakly; JSON and Zeek are not', () => {
  assert.equal(csvReader.sniff(Buffer.from('a,b,c\n1,2,3\n4,5,6\n'), 'x.csv'), 0.2);
  assert.equal(csvReader.sniff(Buffer.from('a,b,c\n1,2,3\n4,5,6\n'), 'x.txt'), 0.1);
  assert.equal(csvReader.sniff(Buffer.from('{"a":1}\n'), 'x.csv'), 0);
  assert.equal(csvReader.sniff(Buffer.from('#separator \\x09\n'), 'x.csv'), 0);
  assert.equal(csvReader.sniff(Buffer.from('a,b,c\n1,2\n4,5,6\n'), 'x.csv'), 0);
});

test('csv fuzz: truncated, bit-flipped and random input never crashes or hangs', { timeout: 60_000 }, async () => {
  const r = await fuzzReader(csvReader, 'fuzz.csv', Buffer.from(CSV), 5);
  assert.equal(r.runs, 140);
});
