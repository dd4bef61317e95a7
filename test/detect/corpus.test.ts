/** Real-data tier: every SigmaHQ rule file loads or is rejected with a reason; at least 99% load. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { SHARED_DATA, SKIP_NO_SHARED } from '../helpers/paths.js';
import { checkRules } from '../../src/detect/sigma-test-exports.js';
import { duckdb } from '../../src/store/index.js';

test('SigmaHQ corpus: every rule loaded or rejected with a reason, >= 99% load', { skip: SKIP_NO_SHARED, timeout: 300_000 }, async () => {
  const sigma = join(SHARED_DATA, 'sigma');
  const dirs = readdirSync(sigma).filter((d) => d.startsWith('rules')).sort().map((d) => join(sigma, d));
  const r = await checkRules(dirs, duckdb);
  const total = r.loaded + r.rejected;
  console.log(`corpus: ${total} rule documents from ${dirs.length} folders: ${r.loaded} loaded, ${r.rejected} rejected (${((100 * r.loaded) / total).toFixed(2)}% load)`);
  for (const [code, n] of Object.entries(r.byReason).sort()) console.log(`corpus: rejected ${code}: ${n}`);
  for (const x of r.rules.filter((y) => y.status === 'rejected')) console.log(`corpus:   ${x.code} ${x.source.slice(sigma.length + 1)}: ${x.message}`);
  assert.ok(total >= 3700, `${total} documents`);
  for (const x of r.rules) {
    if (x.status === 'rejected') assert.ok(x.code && x.message, `${x.source} has a reason`);
    else assert.ok(x.kind !== 'rule' || (x.where && x.where.length > 0), `${x.source} compiled`);
  }
  assert.ok(r.loaded / total >= 0.99);
});
