import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AddressDataset } from '../../src/trace/index.js';

test('offline enrichment: ASN, organisation, registration country, dataset and date, IPv4 and IPv6', () => {
  const ds = AddressDataset.get();
  assert.match(ds.name, /^@ip-location-db\/asn@\S+ \+ @ip-location-db\/asn-country@\S+$/);
  assert.match(ds.date, /^\d{4}-\d{2}-\d{2}$/);
  const cf = ds.enrich('1.1.1.1');
  assert.equal(cf.asn, 13335);
  assert.match(cf.org ?? '', /cloudflare/i);
  assert.equal(cf.dataset, ds.name);
  const g6 = ds.enrich('2001:4860:4860::8888');
  assert.equal(g6.asn, 15169);
  assert.equal(g6.country, 'US');
  const h = ds.enrich('2a01:4f8::1');
  assert.equal(h.asn, 24940);
  assert.equal(h.hosting, true);
  const priv = ds.enrich('10.0.0.1');
  assert.deepEqual([priv.asn, priv.org, priv.country], [null, null, null]);
  assert.equal(ds.enrich('not an address').asn, null);
});

test('bulk enrichment in the engine (ASOF join) agrees with the JS binary search, IPv4 and IPv6', async () => {
  const { mkdtemp, rm } = await import('node:fs/promises');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const { openDuckDBCase } = await import('../../src/store/index.js');
  const { enrichInEngine } = await import('../../src/trace/infra/engine.js');
  const { Rng } = await import('../../examples/demo/prng.js');
  const rng = new Rng(3);
  const addrs = ['1.1.1.1', '45.77.12.34', '0.0.0.1', '255.255.255.255', '2001:4860:4860::8888', '2a01:4f8::1', '::ffff:8.8.8.8', '999.1.1.1'];
  for (let i = 0; i < 300; i++) addrs.push(`${rng.int(1, 223)}.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(0, 255)}`);
  for (let i = 0; i < 50; i++) addrs.push(`2${rng.hex(3)}:${rng.hex(4)}::${rng.hex(2)}`);
  const dir = await mkdtemp(join(tmpdir(), 'vt-enrich-'));
  const store = await openDuckDBCase(join(dir, 'c'), { create: true });
  try {
    await store.exec(`CREATE TEMP TABLE x (address VARCHAR)`);
    await store.append('x', ['address'], [...new Set(addrs)].map((a) => [a]));
    await store.exec(`CREATE TEMP TABLE y (address VARCHAR, asn BIGINT, org VARCHAR, country VARCHAR, hosting BOOLEAN, anonymiser BOOLEAN, dataset VARCHAR, dataset_date VARCHAR)`);
    await enrichInEngine(store, 'x', 'y');
    const rows = await store.query<{ address: string; asn: number | null; org: string | null; country: string | null; hosting: boolean; anonymiser: boolean; dataset: string }>(`SELECT * FROM y ORDER BY address`);
    assert.equal(rows.length, new Set(addrs).size);
    const ds = AddressDataset.get();
    for (const r of rows) {
      const e = ds.enrich(r.address);
      assert.deepEqual([r.asn, r.org, r.country, r.hosting, r.anonymiser, r.dataset], [e.asn, e.org, e.country, e.hosting, e.anonymiser, e.dataset], r.address);
    }
  } finally {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }
});
