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
