import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NormalizedEvent } from '../../src/model/index.js';
import { openDuckDBCase, eventId } from '../../src/store/index.js';

/**
 * The chunk writer sends `evidence`, and `format`/`product`/`category`/`service` when a whole data chunk (2048 rows)
 * holds one value, as one constant vector; otherwise value by value with NULLs. Runs of one value that start and
 * end inside chunks, values changing every row, and NULLs among them must all come back row for row.
 */
function ev(i: number): NormalizedEvent {
  const run = Math.floor(i / 3000); // runs of 3000: some chunks uniform, some split between two values
  return {
    tsNs: i % 7 === 0 ? null : 1_700_000_000_000_000_000n + BigInt(i),
    format: run % 2 === 0 ? 'evtx' : 'winjson',
    // One odd row in three data chunks: the second row of the first, the last of the second, the first of the fourth.
    product: i === 1 || i === 4095 || i === 6144 ? 'linux' : 'windows',
    category: i % 5000 < 2500 ? undefined : 'process_creation',
    service: i >= 4096 && i < 6144 ? undefined : i % 2 === 0 ? 'sysmon' : 'security',
    host: `h${i % 3}`, eventId: i, fields: { n: i }, offset: i,
  };
}

function expected(i: number): Record<string, unknown> {
  const e = ev(i);
  return { record: i, format: e.format, product: e.product ?? null, category: e.category ?? null, service: e.service ?? null, host: e.host ?? null, event_id: i, null_ts: e.tsNs === null };
}

test('uniform and mixed text columns come back row for row across data chunks', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'vt-chunk-'));
  try {
    const store = await openDuckDBCase(dir, { create: true });
    const sha = 'd'.repeat(64);
    const n = 13_000;
    async function* batches() {
      for (let i = 0; i < n; i += 777) yield { events: Array.from({ length: Math.min(777, n - i) }, (_, k) => ev(i + k)) };
    }
    const r = await store.writeFile({ evidence: { sha256: sha, path: 'x.evtx', size: 1, format: 'evtx', gzip: false }, batches: batches() });
    assert.equal(r.events, n);
    const rows = await store.query(`SELECT record, format, product, category, service, host, event_id, ts IS NULL AS null_ts FROM events ORDER BY record`);
    assert.equal(rows.length, n);
    for (let i = 0; i < n; i++) assert.deepEqual(rows[i], expected(i), `record ${i}`);
    const [ids] = await store.query(`SELECT count(*) AS n, count(DISTINCT id) AS ids, min(evidence) AS lo, max(evidence) AS hi FROM events`);
    assert.deepEqual(ids, { n, ids: n, lo: sha, hi: sha });
    const [last] = await store.query(`SELECT id FROM events WHERE record = ${n - 1}`);
    assert.equal(last?.id, eventId(sha, n - 1));
    await store.close();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
