import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ingest } from '../../src/ingest/index.js';
import { openDuckDBCase } from '../../src/store/index.js';
import { timeline, trace } from '../../src/trace/index.js';
import { SHARED_DATA, SKIP_NO_SHARED } from '../helpers/paths.js';

const BRIM = join(SHARED_DATA, 'zeek', 'brimdata', 'zeek-default');

test('real Zeek logs (WRCCDC 2018, brimdata): the trace runs and says what it claims', { skip: SKIP_NO_SHARED || (!existsSync(BRIM) && 'brimdata absent') }, async () => {
  const dir = await mkdtemp(join(tmpdir(), 'vt-trace-real-'));
  const store = await openDuckDBCase(join(dir, 'case'), { create: true });
  try {
    const r = await ingest(store, [BRIM]);
    assert.equal(r.failed, 0);
    const s = await trace(store);
    // This capture has no conn.log: connections come from ssl/ssh/rdp records, so there are no byte counts.
    console.log(`real zeek: ${r.events} events; ${s.beacons.length} external beacons, ${s.infrastructure.external} external addresses (${s.infrastructure.intrusion} with an intrusion role)`);
    for (const b of s.beacons.slice(0, 8)) console.log(`  beacon ${b.src} → ${b.dst}:${b.dstPort} every ${b.periodS.toFixed(1)} s ±${(100 * b.jitter).toFixed(0)}% ×${b.count} score ${b.score.toFixed(2)} RITA ${b.ritaScore.toFixed(2)} sources ${b.periodicSources}`);
    const named = await store.query<{ address: string; org: string | null; domains: string[] }>(`SELECT address, org, domains[1:3] AS domains FROM trace_infrastructure WHERE intrusion ORDER BY address`);
    for (const n of named) console.log(`  infra ${n.address} ${n.org ?? '?'} ${n.domains.join(' ')}`);
    for (const c of s.clusters.slice(0, 8)) console.log(`  cluster ${c.kind} ${c.key}: ${c.addressCount} addresses`);
    assert.equal(s.exfil.length, 0, 'no byte counts in this capture, so no exfiltration claim');
    assert.ok(s.infrastructure.external > 500);
    assert.ok(s.clusters.some((c) => c.kind === 'certificate' && c.addresses.length > 1), 'shared certificates across addresses are found');
    const [bad] = await store.query<{ n: number }>(`SELECT count(*) AS n FROM trace_infrastructure WHERE dataset IS NULL OR dataset_date IS NULL`);
    assert.equal(bad!.n, 0);
    for (const b of s.beacons) assert.ok(b.periodS > 0 && b.count >= 8 && b.score >= 0.7);
    assert.ok((await timeline(store)).length > 0);
  } finally {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }
});
