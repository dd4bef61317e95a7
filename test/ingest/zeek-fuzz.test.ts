import { test } from 'node:test';
import assert from 'node:assert/strict';
import { zeekReader } from '../../src/ingest/readers/zeek/index.js';
import { fuzzReader } from './zeek-helpers.test.js';

const TSV = Buffer.from([
  '#separator \\x09', '#set_separator\t,', '#empty_field\t(empty)', '#unset_field\t-', '#path\tconn',
  '#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\tservice\ttunnel_parents',
  '#types\ttime\tstring\taddr\tport\taddr\tport\tenum\tstring\tset[string]',
  ...Array.from({ length: 30 }, (_, i) => `1521911720.${String(i).padStart(6, '0')}\tC${i}\t10.0.0.${i}\t${1000 + i}\t10.0.1.1\t53\tudp\tdns\t(empty)`),
  '#close\t2024', '',
].join('\n'));

const JSON_LOG = Buffer.from(Array.from({ length: 30 }, (_, i) =>
  JSON.stringify({ _path: 'dns', ts: `2018-03-24T17:15:${String(i).padStart(2, '0')}.865716Z`, uid: `C${i}`, 'id.orig_h': '10.0.0.1', 'id.orig_p': 53, query: `q${i}.example`, answers: ['a', 'b'] })).join('\n') + '\n');

test('zeek fuzz: truncated, bit-flipped and random input never crashes or hangs', { timeout: 60_000 }, async () => {
  const a = await fuzzReader(zeekReader, 'fuzz-conn.log', TSV, 1);
  const b = await fuzzReader(zeekReader, 'fuzz-dns.json', JSON_LOG, 2);
  assert.equal(a.runs + b.runs, 280);
  // The corrupted gzip inputs and random bytes must have produced some file-level errors.
  assert.ok(a.errors > 0 && b.errors > 0, `errors: ${a.errors}, ${b.errors}`);
});
