import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileTimeIso } from '../../src/ingest/readers/evtx/index.js';
import { prng } from '../helpers/readers.js';

/** FILETIME → ISO as it was before the same-second cache: Date for the second, BigInt for the 100 ns ticks. */
function reference(ft: bigint): string {
  const ticks = ft - 116444736000000000n;
  let secs = ticks / 10000000n;
  let frac = ticks % 10000000n;
  if (frac < 0n) { frac += 10000000n; secs -= 1n; }
  const d = new Date(Number(secs) * 1000);
  if (Number.isNaN(d.getTime())) return `FILETIME(${ft})`;
  return `${d.toISOString().slice(0, 19)}.${frac.toString().padStart(7, '0')}Z`;
}

test('FILETIME to ISO is exact whether the second repeats, changes, goes back or is out of range', () => {
  const rand = prng(7);
  const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  const base = 134087028101653249n;
  const cases: bigint[] = [base, base + 1n, base + 9_999_999n, base + 10_000_000n, base - 1n, base, 0n, 116444736000000000n,
    116444736000000000n - 1n, 0xffffffffffffffffn, base];
  for (let i = 0; i < 5000; i++) cases.push(base + BigInt(int(0, 50)) * 10_000_000n + BigInt(int(0, 9_999_999)));
  for (const ft of cases) assert.equal(fileTimeIso(ft), reference(ft), `FILETIME ${ft}`);
  assert.equal(fileTimeIso(base), '2025-11-27T07:40:10.1653249Z');
});
