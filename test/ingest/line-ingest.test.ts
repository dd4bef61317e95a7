import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { openDuckDBCase } from '../../src/store/index.js';
import { ingest } from '../../src/ingest/index.js';
import { exactBigIntegers } from '../../src/ingest/readers/suricata/index.js';
import { prng } from '../helpers/readers.js';

// With VERITRACE_LINE_SQL=1, Suricata EVE and Zeek JSON lines are mapped by the store in SQL (Reader.readLines);
// otherwise by the JS readers (Reader.read). Both must store the same rows, anomalies and evidence, except `raw`, which the SQL
// path keeps as the line was written (compared here by meaning).

const EVE = [
  '{"timestamp":"2019-05-15T23:08:39.100398+0000","flow_id":1234567890123456789,"in_iface":"eth0","event_type":"alert","src_ip":"10.0.0.5","src_port":49152,"dest_ip":"203.0.113.9","dest_port":80,"proto":"TCP","alert":{"signature_id":2019401,"signature":"ET POLICY curl UA"}}',
  '{"timestamp":"2019-05-15T23:08:40.000001-0200","flow_id":18934598123854731,"event_type":"flow","src_ip":"10.0.0.5","src_port":"49152","dest_ip":"203.0.113.9","dest_port":80.0,"proto":"TCP","flow":{"pkts_toserver":5}}',
  '{"timestamp":"2019-05-15T23:08:41.5+00:00","event_type":"dns","src_ip":"10.0.0.5","src_port":5353,"dest_ip":"10.0.0.1","dest_port":99999,"proto":"UDP","dns":{"rrname":"evil.example"}}',
  '{"timestamp":"2019-05-15T23:08:42Z","event_type":"stats","stats":{"uptime":10}}',
  '{"timestamp":"2019-05-15T23:08:43.000000+0530","event_type":"tls","host":"sensor-1","src_ip":"10.0.0.5","src_port":-1,"dest_ip":"198.51.100.7","dest_port":"0443","proto":""}',
  '{"timestamp":"yesterday","event_type":"anomaly","anomaly":{"type":"decode"}}',
  '{"event_type":"flow","src_ip":"10.0.0.9"}',
  '{"timestamp":1557961719,"event_type":7,"host":42,"proto":6,"src_ip":1.5}',
  '{"timestamp":"0050-01-01T00:00:00Z","event_type":"old","dest_ip":"","src_ip":null,"src_port":true}',
  '{"timestamp":"2019-05-15T23:08:44',
  '[1,2,3]',
  '  {"timestamp":"2019-05-15T23:08:45.000000+0000","event_type":"padded"}  ',
  '{"a":1,}',
  '{"timestamp":"2019-05-15T23:08:46.000000+0000","event_type":NaN}',
  '{"timestamp":"2019-05-15T23:08:47.000000+0000","event_type":"http","http":{"url":"/a,}","note":":NaN, ]"}}',
  '{"timestamp":"2019-05-15T23:08:48.000000+0000","event_type":"fileinfo","fileinfo":{"filename":"\\u00e9t\\u00e9.txt","magic":"a\\"b"},"proto":"\\u0054CP"}\r',
  '',
  'garbage',
  '{"timestamp":"2024-02-30T00:00:00.000000+0000","event_type":"flow"}',
].join('\n');

const ZEEK_CONN = [
  '{"_path":"conn","ts":1521911720.865716,"uid":"C1","id.orig_h":"10.0.0.5","id.orig_p":49152,"id.resp_h":"203.0.113.9","id.resp_p":443,"proto":"tcp","conn_state":"SF","_system_name":"zeek-1"}',
  '{"ts":"1521911721.123456789","uid":"C2","id.orig_h":"10.0.0.6","id.orig_p":"5353","id.resp_h":"10.0.0.1","id.resp_p":53,"proto":"udp"}',
  '{"ts":"2018-03-24T17:15:22.5Z","uid":"C3","id":{"orig_h":"10.0.0.7","orig_p":1,"resp_h":"10.0.0.8","resp_p":2},"proto":"tcp"}',
  '{"ts":XXXXXXXXXX.XXXXXX,"uid":"C4","id_orig_h":"10.0.0.9","id_resp_h":"10.0.0.10","id_resp_p":22}',
  '{"ts":"abc","uid":"C5"}',
  '{"ts":null,"uid":"C6","id.orig_h":null}',
  '{"uid":"C7","src":"10.1.1.1","dst":"10.1.1.2","p":8080,"note":"Scan::Port_Scan","msg":"x"}',
  '{"_path":"","ts":0,"uid":"C8"}',
  '{"_path":"dns","ts":-1.5,"query":"evil.example","rcode":0}',
  '{"ts":1e400,"uid":"C9"}',
  '{not json',
  '{"ts":1521911722,"uid":"C10","id.orig_h":"10.0.0.5","id.resp_h":"10.0.0.6","id.resp_p":"80x","proto":6}',
].join('\n');

// No `_path` and no telling file name: the first record without `_path` decides the type (dns here).
const ZEEK_GUESS = ['{"ts":1521911720.5,"uid":"C0","query":"a.example","rcode":0,"qtype_name":"A"}', '{"_path":"ssl","ts":1521911721,"server_name":"x","cipher":"y"}', '{"ts":1521911722,"uid":"C1"}'].join('\n');

const ZEEK_TSV = ['#separator \\x09', '#set_separator\t,', '#empty_field\t(empty)', '#unset_field\t-', '#path\tconn',
  '#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto', '#types\ttime\tstring\taddr\tport\taddr\tport\tenum',
  '1521911720.865716\tC1\t10.0.0.5\t49152\t203.0.113.9\t443\ttcp', 'XXXXXXXXXX.XXXXXX\tC2\t10.0.0.5\t1\t10.0.0.6\t2\tudp'].join('\n') + '\n';

interface Stored { outcomes: unknown[]; events: Record<string, unknown>[]; anomalies: unknown[]; evidence: unknown[] }

async function ingestAll(files: string[], sql: boolean): Promise<Stored> {
  const dir = await mkdtemp(join(tmpdir(), 'vt-lines-'));
  const saved = process.env.VERITRACE_LINE_SQL;
  process.env.VERITRACE_LINE_SQL = sql ? '1' : '0';
  try {
    const store = await openDuckDBCase(join(dir, 'case'), { create: true });
    const r = await ingest(store, files);
    const events = await store.query(`SELECT * EXCLUDE (ts), CAST(ts AS VARCHAR) AS ts FROM events ORDER BY evidence, record`);
    const anomalies = await store.query(`SELECT evidence, source_offset, kind, message FROM anomalies ORDER BY evidence, source_offset, kind, message`);
    const evidence = await store.query(`SELECT sha256, events, anomalies, CAST(first_ts AS VARCHAR) AS f, CAST(last_ts AS VARCHAR) AS l FROM evidence ORDER BY sha256`);
    await store.close();
    return { outcomes: r.files, events, anomalies, evidence };
  } finally {
    if (saved === undefined) delete process.env.VERITRACE_LINE_SQL; else process.env.VERITRACE_LINE_SQL = saved;
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * `raw` by meaning: the JS path stored EVE's 64-bit ids as strings and a number beyond doubles (1e400) as null;
 * the SQL path keeps the line's digits.
 */
function meaning(raw: string, format: unknown): unknown {
  const v = JSON.parse(raw) as Record<string, unknown>;
  if (format === 'suricata') exactBigIntegers(raw, v);
  return JSON.parse(JSON.stringify(v));
}

function assertSame(js: Stored, sql: Stored): void {
  assert.deepEqual(sql.outcomes, js.outcomes);
  assert.deepEqual(sql.evidence, js.evidence);
  assert.deepEqual(sql.anomalies, js.anomalies);
  assert.equal(sql.events.length, js.events.length);
  for (let i = 0; i < js.events.length; i++) {
    const { raw: a, ...restA } = js.events[i]!;
    const { raw: b, ...restB } = sql.events[i]!;
    assert.deepEqual(restB, restA, `event ${i}`);
    assert.deepEqual(meaning(String(b), restB.format), meaning(String(a), restA.format), `raw of event ${i}`);
  }
}

async function withFiles(files: Record<string, string | Buffer>, fn: (paths: string[]) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'vt-lines-in-'));
  try {
    const paths: string[] = [];
    for (const [name, data] of Object.entries(files)) {
      await mkdir(join(dir, String(paths.length)));
      const p = join(dir, String(paths.length), name);
      await writeFile(p, data);
      paths.push(p);
    }
    await fn(paths);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

test('SQL line mapping stores what the JS readers store: columns, records, times, anomalies, evidence', async () => {
  await withFiles({ 'eve.json': EVE, 'eve.json.gz': gzipSync(EVE + '\n{"timestamp":"2019-05-15T23:09:00Z","event_type":"gz"}\n'), 'conn.log': ZEEK_CONN, 'x.json': ZEEK_GUESS, 'tsv.log': ZEEK_TSV }, async (files) => {
    const js = await ingestAll(files, false);
    const sql = await ingestAll(files, true);
    assertSame(js, sql);
    assert.ok(sql.events.length > 30);
    // The fixture reaches the anomalies it was written for.
    const kinds = new Set((sql.anomalies as { kind: string }[]).map((a) => a.kind));
    for (const k of ['json-syntax', 'bad-time', 'missing-time', 'masked-time']) assert.ok(kinds.has(k), k);
  });
});

test('EVE flow_id beyond 2^53 keeps its exact digits in raw', async () => {
  await withFiles({ 'eve.json': EVE }, async ([file]) => {
    const dir = await mkdtemp(join(tmpdir(), 'vt-lines-'));
    const saved = process.env.VERITRACE_LINE_SQL;
    process.env.VERITRACE_LINE_SQL = '1';
    try {
      const store = await openDuckDBCase(join(dir, 'case'), { create: true });
      await ingest(store, [file!]);
      const rows = await store.query<{ id: string; t: string }>(`SELECT json_extract_string(raw, '$.flow_id') AS id, json_type(raw, '$.flow_id') AS t FROM events WHERE source_offset IN (1, 2) ORDER BY record`);
      await store.close();
      assert.deepEqual(rows.map((r) => r.id), ['1234567890123456789', '18934598123854731']);
      // The number as written (the JS path stores it as a string).
      assert.deepEqual(rows.map((r) => r.t), ['UBIGINT', 'UBIGINT']);
    } finally {
      if (saved === undefined) delete process.env.VERITRACE_LINE_SQL; else process.env.VERITRACE_LINE_SQL = saved;
      await rm(dir, { recursive: true, force: true });
    }
  });
});

test('blocks: a file of more than one staging block, with skipped lines in the second, numbers records as JS does', async () => {
  const lines: string[] = [];
  for (let i = 0; i < 70_000; i++) {
    const t = new Date(1_700_000_000_000 + i * 37).toISOString().replace('Z', '+0000');
    lines.push(i === 66_000 ? 'not json' : i === 67_000 ? '{"x":1,}' : i === 68_000 ? `{"timestamp":"bad","event_type":"flow"}`
      : `{"timestamp":"${t}","flow_id":${1_000_000_000_000_000 + i},"event_type":"flow","src_ip":"10.0.${i % 250}.1","src_port":${1024 + i},"dest_ip":"198.51.100.9","dest_port":53,"proto":"UDP"}`);
  }
  await withFiles({ 'eve.json': lines.join('\n') + '\n' }, async (files) => {
    const js = await ingestAll(files, false);
    const sql = await ingestAll(files, true);
    assertSame(js, sql);
    assert.equal(sql.events.length, 69_998);
  });
});

/** Truncations, bit flips and random bytes of `seed`, and cut gzip streams, as in the readers' fuzz tests. */
function fuzzInputs(seed: Buffer, seedNo: number, n: number): Buffer[] {
  const rand = prng(seedNo);
  const out: Buffer[] = [];
  for (let i = 0; i < n; i++) out.push(seed.subarray(0, 1 + Math.floor(rand() * (seed.length - 1))));
  for (let i = 0; i < 2 * n; i++) {
    const b = Buffer.from(seed);
    for (let k = 1 + Math.floor(rand() * 8); k > 0; k--) { const at = Math.floor(rand() * b.length); b[at] = b[at]! ^ (1 << Math.floor(rand() * 8)); }
    out.push(b);
  }
  for (let i = 0; i < n / 2; i++) out.push(Buffer.from(Array.from({ length: 1 + Math.floor(rand() * 4096) }, () => Math.floor(rand() * 256))));
  const gz = gzipSync(seed);
  for (let i = 0; i < n / 2; i++) out.push(Buffer.from(gz.subarray(0, 10 + Math.floor(rand() * (gz.length - 10)))));
  return out;
}

test('fuzz: truncated, bit-flipped and random input gives the same outcome on both paths', { timeout: 120_000 }, async () => {
  const inputs = [...fuzzInputs(Buffer.from(EVE), 11, 10), ...fuzzInputs(Buffer.from(ZEEK_CONN), 12, 10)];
  const files: Record<string, Buffer> = {};
  inputs.forEach((b, i) => { files[i < inputs.length / 2 ? `eve-${i}.json` : `conn-${i}.log`] = b; });
  await withFiles(files, async (paths) => {
    const js = await ingestAll(paths, false);
    const sql = await ingestAll(paths, true);
    assertSame(js, sql);
    assert.ok(sql.events.length > 100);
  });
});

test('a gzip EVE cut in the middle fails whole on the SQL path: no events, anomalies or evidence, same message as JS', async () => {
  const lines: string[] = [];
  for (let i = 0; i < 150_000; i++) lines.push(`{"timestamp":"2019-05-15T23:08:39.${String(i % 1e6).padStart(6, '0')}+0000","event_type":"flow","src_ip":"10.0.0.${i % 250}","flow_id":${i}}`);
  const gz = gzipSync(lines.join('\n') + '\n', { level: 1 });
  // Cut after more than one staging block, so that a block is already in the table when the read fails.
  await withFiles({ 'eve.json.gz': gz.subarray(0, Math.floor(gz.length * 0.8)) }, async (files) => {
    const js = await ingestAll(files, false);
    const sql = await ingestAll(files, true);
    assertSame(js, sql);
    assert.equal((sql.outcomes[0] as { status: string }).status, 'failed');
    assert.match((sql.outcomes[0] as { error: string }).error, /eve\.json\.gz at byte \d+: cannot read gzip input/);
    assert.deepEqual([sql.events.length, sql.anomalies.length, sql.evidence.length], [0, 0, 0]);
  });
});
