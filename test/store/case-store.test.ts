import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IngestError, type NormalizedEvent } from '../../src/model/index.js';
import { openDuckDBCase, eventId } from '../../src/store/index.js';

function ev(i: number): NormalizedEvent {
  return {
    tsNs: 1_700_000_000_123_456_789n + BigInt(i),
    format: 'test', product: 'linux', service: 'auth', host: `h${i % 3}`, user: 'root',
    srcIp: '192.0.2.1', srcPort: 40000 + i, dstPort: 22, eventId: i,
    fields: { n: i, 'id.orig_h': '192.0.2.1', nested: { a: [1, 2] } }, offset: i + 1,
  };
}

async function* batches(n: number, failAt = -1) {
  for (let i = 0; i < n; i += 10) {
    if (failAt >= 0 && i >= failAt) throw new IngestError({ file: 'x.log', line: i + 1 }, 'corrupt record');
    yield { events: Array.from({ length: Math.min(10, n - i) }, (_, k) => ev(i + k)), anomalies: i === 0 ? [{ offset: 1, kind: 'odd', message: 'odd' }] : [] };
  }
}

const evidence = (sha: string) => ({ sha256: sha, path: `${sha}.log`, size: 1, format: 'test', gzip: false });

test('a file is written whole with full-precision times, native fields and stable ids', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'vt-store-'));
  try {
    const store = await openDuckDBCase(dir, { create: true });
    const sha = 'a'.repeat(64);
    const r = await store.writeFile({ evidence: evidence(sha), batches: batches(25) });
    assert.deepEqual(r, { events: 25, anomalies: 1 });
    const rows = await store.query(`SELECT id, CAST(ts AS VARCHAR) AS ts, src_port, json_extract_string(raw, '$."id.orig_h"') AS orig, raw->'$.nested.a' AS a FROM events ORDER BY record LIMIT 2`);
    assert.deepEqual(rows[0], { id: eventId(sha, 0), ts: '2023-11-14 22:13:20.123456789', src_port: 40000, orig: '192.0.2.1', a: '[1,2]' });
    const [e] = await store.evidence();
    assert.equal(e?.events, 25);
    assert.equal(e?.firstTs, '2023-11-14 22:13:20.123456789');
    await store.close();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('a file that fails midway leaves nothing behind and earlier files intact', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'vt-store-'));
  try {
    const store = await openDuckDBCase(dir, { create: true });
    await store.writeFile({ evidence: evidence('b'.repeat(64)), batches: batches(15) });
    await assert.rejects(store.writeFile({ evidence: evidence('c'.repeat(64)), batches: batches(50, 30) }), /x\.log:31: corrupt record/);
    const [n] = await store.query(`SELECT count(*) AS n, count(DISTINCT evidence) AS files FROM events`);
    assert.deepEqual(n, { n: 15, files: 1 });
    assert.equal((await store.evidence()).length, 1);
    const [a] = await store.query(`SELECT count(*) AS n FROM anomalies`);
    assert.equal(a?.n, 1);
    await store.close();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('a read-only case refuses writes', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'vt-store-'));
  try {
    const w = await openDuckDBCase(dir, { create: true });
    await w.close();
    const r = await openDuckDBCase(dir, { readOnly: true });
    await assert.rejects(r.exec(`DELETE FROM events`), /read-only/i);
    await r.close();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
