import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { openDuckDBCase, type CaseStore } from '../../src/store/index.js';
import { ingest } from '../../src/ingest/index.js';

// Files of 4 MiB and more are parsed in a worker thread (src/ingest/ingest.ts); VERITRACE_READ_WORKER=0 keeps them
// on the main thread. Both paths must store the same rows and fail with the same message. VERITRACE_LINE_SQL=1 would
// hand EVE to the store as lines (mapped in SQL, no worker), so these tests pin it to 0.

function suricataLines(n: number): string {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const t = new Date(1_700_000_000_000 + i * 37).toISOString().replace('Z', '+0000');
    const rec: Record<string, unknown> = { timestamp: t, flow_id: 1_234_567_890_123_456_789n.toString(), event_type: i % 2 ? 'flow' : 'dns', src_ip: `10.0.${i % 250}.${1 + (i % 200)}`, src_port: 1024 + (i % 60000), dest_ip: '198.51.100.9', dest_port: i % 7 === 0 ? 99999 : 53, proto: 'UDP', dns: { rrname: `h${i}.example.net`, rrtype: 'A' } };
    out.push(i === 1000 ? 'not json at all' : i === 2000 ? JSON.stringify({ ...rec, timestamp: 'yesterday' }) : JSON.stringify(rec).replace('"1234567890123456789"', '1234567890123456789'));
  }
  return out.join('\n') + '\n';
}

async function digest(store: CaseStore): Promise<unknown> {
  return store.query(`SELECT (SELECT count(*) FROM events) AS n,
    (SELECT sum(hash(x))::VARCHAR FROM (SELECT id, evidence, record, ts, format, product, category, service, host, user_name, image, command_line, src_ip, src_port, dst_ip, dst_port, proto, event_id, source_offset, raw::VARCHAR FROM events) x) AS events,
    (SELECT sum(hash(x))::VARCHAR FROM evidence x) AS evidence,
    (SELECT sum(hash(x))::VARCHAR FROM anomalies x) AS anomalies`);
}

async function run(file: string, worker: boolean): Promise<{ digest: unknown; errors: string[] }> {
  const dir = await mkdtemp(join(tmpdir(), 'vt-worker-'));
  const saved = process.env.VERITRACE_READ_WORKER;
  const savedLines = process.env.VERITRACE_LINE_SQL;
  process.env.VERITRACE_LINE_SQL = '0';
  try {
    if (worker) delete process.env.VERITRACE_READ_WORKER; else process.env.VERITRACE_READ_WORKER = '0';
    const store = await openDuckDBCase(join(dir, 'case'), { create: true });
    const r = await ingest(store, [file]);
    const d = await digest(store);
    await store.close();
    return { digest: d, errors: r.files.flatMap((f) => (f.status === 'failed' ? [f.error] : [])) };
  } finally {
    if (saved === undefined) delete process.env.VERITRACE_READ_WORKER; else process.env.VERITRACE_READ_WORKER = saved;
    if (savedLines === undefined) delete process.env.VERITRACE_LINE_SQL; else process.env.VERITRACE_LINE_SQL = savedLines;
    await rm(dir, { recursive: true, force: true });
  }
}

test('a large file read in a worker stores exactly what the main-thread reader stores', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'vt-worker-in-'));
  try {
    const file = join(dir, 'eve.json');
    await writeFile(file, suricataLines(30_000));
    const a = await run(file, true);
    const b = await run(file, false);
    assert.deepEqual(a.errors, []);
    assert.deepEqual(a.digest, b.digest);
    assert.equal((a.digest as { n: number }[])[0]!.n, 29_999);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('a large corrupt file fails in a worker with the same message and stores nothing', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'vt-worker-in-'));
  try {
    const file = join(dir, 'eve.json.gz');
    const gz = gzipSync(suricataLines(20_000), { level: 0 });
    // Cut the gzip stream: the reader fails somewhere in the middle of the file (still large enough for a worker).
    const cut = gz.subarray(0, Math.floor(gz.length * 0.9));
    assert.ok(cut.length >= 4 * 1024 * 1024, `fixture of ${cut.length} bytes is below the worker threshold`);
    await writeFile(file, cut);
    const a = await run(file, true);
    const b = await run(file, false);
    assert.equal(a.errors.length, 1);
    assert.match(a.errors[0]!, /eve\.json\.gz at byte \d+: cannot read gzip input/);
    assert.deepEqual(a.errors, b.errors);
    assert.deepEqual(a.digest, [{ n: 0, events: null, evidence: null, anomalies: null }]);
    assert.deepEqual(a.digest, b.digest);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
