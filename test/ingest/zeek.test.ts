import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { zeekReader, decodeZeekEscapes, logTypeFromFileName } from '../../src/ingest/readers/zeek/index.js';
import { IngestError, type NormalizedEvent } from '../../src/model/index.js';
import { collect } from './zeek-helpers.test.js';

const T = '\t';
const row = (...cells: string[]) => cells.join(T);

/** Two header blocks in one file: the second adds a column and changes the set separator. */
const TWO_BLOCKS = [
  '#separator \\x09',
  row('#set_separator', ','),
  row('#empty_field', '(empty)'),
  row('#unset_field', '-'),
  row('#path', 'dns'),
  row('#open', '2024-04-12-19-29-12'),
  row('#fields', 'ts', 'uid', 'id.orig_h', 'id.orig_p', 'id.resp_h', 'id.resp_p', 'proto', 'query', 'AA', 'answers', 'TTLs', 'rtt'),
  row('#types', 'time', 'string', 'addr', 'port', 'addr', 'port', 'enum', 'string', 'bool', 'vector[string]', 'vector[interval]', 'interval'),
  row('1521911720.865716', 'CqKst53mF3det3eDV9', '10.47.1.100', '41772', '10.0.0.100', '53', 'udp', 'ise.wrccdc.org', 'F', 'a.example,134.71.3.16', '2230.000000,41830.000000', '0.000870'),
  row('1521911721.000001', 'C8bqc84K9TqNqzE9Yd', '10.47.1.100', '53995', '10.0.0.100', '53', 'udp', 'x\\x09y\\x2cz', 'T', '(empty)', '-', '-'),
  row('#close', '2024-04-12-19-30-00'),
  row('#set_separator', '|'),
  row('#fields', 'ts', 'uid', 'id.orig_h', 'id.orig_p', 'id.resp_h', 'id.resp_p', 'proto', 'query', 'qtype_name', 'answers'),
  row('#types', 'time', 'string', 'addr', 'port', 'addr', 'port', 'enum', 'string', 'string', 'set[string]'),
  row('1521911722.5', 'Cxyz', 'fe80::1', '5353', 'ff02::fb', '5353', 'udp', '(empty)', 'A', 'b,c|d'),
  '',
].join('\n');

test('zeek TSV: two header blocks, types, sets, escapes, unset and empty', async () => {
  const { events, anomalies } = await collect(zeekReader, 'some/where/odd-name.log', TWO_BLOCKS);
  assert.equal(events.length, 3);
  assert.deepEqual(anomalies, []);
  const [a, b, c] = events as [NormalizedEvent, NormalizedEvent, NormalizedEvent];
  assert.equal(a.tsNs, 1521911720865716000n);
  assert.equal(a.format, 'zeek');
  assert.equal(a.product, 'zeek');
  assert.equal(a.service, 'dns');
  assert.equal(a.category, 'dns');
  assert.equal(a.srcIp, '10.47.1.100');
  assert.equal(a.srcPort, 41772);
  assert.equal(a.dstIp, '10.0.0.100');
  assert.equal(a.dstPort, 53);
  assert.equal(a.proto, 'udp');
  assert.equal(a.offset, 9);
  assert.deepEqual(a.fields, {
    ts: 1521911720.865716, uid: 'CqKst53mF3det3eDV9', 'id.orig_h': '10.47.1.100', 'id.orig_p': 41772,
    'id.resp_h': '10.0.0.100', 'id.resp_p': 53, proto: 'udp', query: 'ise.wrccdc.org', AA: false,
    answers: ['a.example', '134.71.3.16'], TTLs: [2230, 41830], rtt: 0.00087,
  });
  // Escapes decoded, `(empty)` is an empty vector, `-` leaves the field out.
  assert.equal(b.fields['query'], 'x\ty,z');
  assert.equal(b.fields['AA'], true);
  assert.deepEqual(b.fields['answers'], []);
  assert.equal('TTLs' in b.fields, false);
  assert.equal('rtt' in b.fields, false);
  // Second block: new columns, new set separator; the string marker `(empty)` is an empty string.
  assert.equal(c.tsNs, 1521911722500000000n);
  assert.equal(c.fields['query'], '');
  assert.equal(c.fields['qtype_name'], 'A');
  assert.deepEqual(c.fields['answers'], ['b,c', 'd']);
  assert.equal(c.offset, 15);
});

test('zeek TSV: gzip is transparent and the file name gives the log type when #path is absent', async () => {
  const text = TWO_BLOCKS.replace('#path\tdns\n', '');
  const { events } = await collect(zeekReader, 'dns.04:00:00-05:00:00.log.gz', gzipSync(Buffer.from(text)));
  assert.equal(events.length, 3);
  assert.equal(events[0]!.service, 'dns');
  assert.equal(logTypeFromFileName('/x/conn.log'), 'conn');
  assert.equal(logTypeFromFileName('ssl.json.gz'), 'ssl');
  assert.equal(logTypeFromFileName('test.log'), undefined);
});

test('zeek TSV: multi-character separator, masked times and a wrong column count are anomalies, not errors', async () => {
  const text = [
    '#separator ||', '#set_separator||,', '#empty_field||(empty)', '#unset_field||-', '#path||ssh',
    '#fields||t||id.orig_h||status', '#types||time||addr||string',
    'XXXXXXXXXX.XXXXXX||1.2.3.4||fa\\x7c\\x7cure',
    '1.5||1.2.3.4', '',
  ].join('\n');
  const { events, anomalies } = await collect(zeekReader, 'ssh.log', text);
  assert.equal(events.length, 2);
  assert.equal(events[0]!.fields['status'], 'fa||ure');
  assert.equal(events[0]!.fields['t'], 'XXXXXXXXXX.XXXXXX');
  assert.equal(events[0]!.tsNs, null); // no `ts` column: the time stays unknown
  assert.deepEqual(anomalies.map((a) => [a.kind, a.offset]), [['zeek-column-count', 9]]);
  assert.match(anomalies[0]!.message, /ssh\.log:9/);
  const masked = await collect(zeekReader, 'conn.log', '#fields\tts\tuid\n#types\ttime\tstring\nXXXXXXXXXX.XXXXXX\tC1\n');
  assert.equal(masked.events[0]!.tsNs, null);
  assert.deepEqual(masked.anomalies.map((a) => a.kind), ['masked-time']);
});

test('zeek escapes: backslash, ASCII and UTF-8 bytes decoded; invalid UTF-8 keeps its escaped spelling', () => {
  assert.equal(decodeZeekEscapes('\\\\\\\\10.0.0.12\\\\smb2'), '\\\\10.0.0.12\\smb2');
  assert.equal(decodeZeekEscapes('foo \\xc2\\xae bar'), 'foo \u00ae bar');
  assert.equal(decodeZeekEscapes('abc\\x0a\\xffdef'), 'abc\\x0a\\xffdef');
  assert.equal(decodeZeekEscapes('\\x23Kaputt'), '#Kaputt');
  assert.equal(decodeZeekEscapes('odd \\q end\\'), 'odd \\q end\\');
});

test('zeek-cut output: a first line of names is the header, types inferred from names', async () => {
  const { events, anomalies } = await collect(zeekReader, 'conn.log', 'ts\tuid\tid.orig_p\n1.000001\tC1\t80\n2\tC2\t-\n');
  assert.equal(events.length, 2);
  assert.equal(events[0]!.tsNs, 1000001000n);
  assert.equal(events[0]!.srcPort, 80);
  assert.equal(events[0]!.fields['uid'], 'C1');
  assert.equal(events[0]!.service, 'conn');
  assert.deepEqual(anomalies.map((a) => a.kind), ['zeek-no-header']);
});

test('zeek JSON: epoch and ISO times, _path over file name, field-set guess, unknown fields kept', async () => {
  const lines = [
    '{"_path":"ssl","ts":1521911720.865716,"uid":"C1","id.orig_h":"10.0.0.1","id.orig_p":1234,"id.resp_h":"10.0.0.2","id.resp_p":443,"server_name":"a.example","new_in_v9":{"x":1}}',
    '{"ts":"2018-03-24T17:15:20.865716Z","uid":"C2","id.orig_h":"::1","id.orig_p":53,"id.resp_h":"::2","id.resp_p":53,"query":"b.example","qtype_name":"A"}',
    '{"t":XXXXXXXXXX.XXXXXX,"ts":XXXXXXXXXX.XXXXXX}',
    '{not json',
    '',
  ].join('\n');
  const { events, anomalies } = await collect(zeekReader, 'mixed.json', lines);
  assert.equal(events.length, 3);
  assert.equal(events[0]!.tsNs, 1521911720865716000n);
  assert.equal(events[0]!.service, 'ssl');
  assert.equal(events[0]!.dstPort, 443);
  assert.deepEqual(events[0]!.fields['new_in_v9'], { x: 1 });
  assert.equal(events[1]!.tsNs, 1521911720865716000n); // the same instant as epoch 1521911720.865716
  assert.equal(events[1]!.service, 'dns');
  assert.equal(events[1]!.category, 'dns');
  assert.equal(events[2]!.tsNs, null);
  assert.deepEqual(anomalies.map((a) => [a.kind, a.offset]), [['masked-time', 3], ['json-syntax', 4]]);
});

test('zeek: binary content where a log should start is an IngestError naming file and line', async () => {
  await assert.rejects(collect(zeekReader, 'junk.log', Buffer.from([0x0a, 0x00, 0x01, 0x02, 0xff, 0x0a])), (e: unknown) => {
    assert.ok(e instanceof IngestError);
    assert.match(e.message, /junk\.log:2/);
    return true;
  });
});

test('zeek sniff: content decides, the name only breaks ties', () => {
  assert.equal(zeekReader.sniff(Buffer.from(TWO_BLOCKS), 'x.txt'), 1);
  assert.ok(zeekReader.sniff(Buffer.from('{"_path":"conn","ts":1}\n'), 'x') > 0.9);
  assert.ok(zeekReader.sniff(Buffer.from('{"ts":1,"uid":"C","id.orig_h":"1.2.3.4"}\n'), 'conn.log') > zeekReader.sniff(Buffer.from('{"ts":1,"uid":"C","id.orig_h":"1.2.3.4"}\n'), 'x'));
  assert.equal(zeekReader.sniff(Buffer.from('{"event_type":"alert","timestamp":"x"}\n'), 'conn.log'), 0);
  assert.equal(zeekReader.sniff(Buffer.from('Jan  1 00:00:00 host sshd[1]: hello\n'), 'conn.log'), 0);
});
