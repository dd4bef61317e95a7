/**
 * The correlation windows computed in SQL (sigma/correlation/window.ts) against a direct reference of the
 * documented semantics, on random events with many ties in time and in value: every event anchors a window
 * [t, t + timespan] over the events after it in (time, id) order, the first satisfying window per group is a match
 * and the search resumes after it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { run, type Ev } from './helpers.js';

let seed = 99;
const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) >>> 16) % n;
const S = 1_000_000_000n;
const T0 = 1_700_000_000n * S;

const base = `title: Failed
id: 53ba33fd-3a50-4468-a5ef-c583635cfa92
name: failed
logsource: {product: windows, service: security}
detection:
    selection:
        EventID: 4625
    condition: selection
`;
const corr = (type: string, cond: string, field = '') => `title: C ${type}
id: c-${type}
correlation:
    type: ${type}
    rules: [failed]
    group-by: [TargetUserName]
    timespan: 10s
    condition:
        ${cond}
${field ? `        field: ${field}\n` : ''}`;

interface E { i: number; ts: bigint; user: string; v: string; id: string }

/** The documented semantics, directly: windows over the group's events in (time, id) order. */
function reference(evs: E[], measure: (w: E[]) => number, ok: (m: number) => boolean): number[][] {
  const groups = new Map<string, E[]>();
  for (const e of evs) groups.set(e.user, [...(groups.get(e.user) ?? []), e]);
  const out: number[][] = [];
  for (const g of groups.values()) {
    g.sort((a, b) => (a.ts < b.ts ? -1 : a.ts > b.ts ? 1 : a.id < b.id ? -1 : 1));
    let i = 0;
    while (i < g.length) {
      let j = i;
      while (j + 1 < g.length && g[j + 1]!.ts <= g[i]!.ts + 10n * S) j++;
      const w = g.slice(i, j + 1);
      if (ok(measure(w))) { out.push(w.map((e) => e.i).sort((a, b) => a - b)); i = j + 1; } else i++;
    }
  }
  return out.sort((a, b) => a[0]! - b[0]!);
}

test('correlation windows in SQL equal the reference semantics (ties in time and value, several groups)', async () => {
  const evs: E[] = Array.from({ length: 600 }, (_, i) => ({
    i, ts: T0 + BigInt(rnd(400)) * (S / 2n), user: `u${rnd(4)}`, v: rnd(7) === 0 ? 'x1' : String(rnd(6)), id: '',
  }));
  const events: Ev[] = evs.map((e) => ({ product: 'windows', eventId: 4625, tsNs: e.ts, fields: { EventID: 4625, Channel: 'Security', TargetUserName: e.user, Amount: e.v } }));
  const rules = [base, corr('event_count', 'gte: 12'), corr('value_count', 'gte: 5', 'Amount'), corr('value_sum', 'gt: 22', 'Amount'),
    corr('value_avg', 'gte: 3.2', 'Amount'), corr('value_percentile', 'lte: 10', 'Amount')];
  const out = await run(rules, events);
  // Ties in time are broken by event id (`<evidence>-<record>`): the text order of the record numbers.
  for (const e of evs) e.id = String(e.i);
  const num = (w: E[]) => w.map((e) => Number(e.v)).filter((n) => Number.isFinite(n) && !Number.isNaN(n));
  const cases: [string, (w: E[]) => number, (m: number) => boolean][] = [
    ['event_count', (w) => w.length, (m) => m >= 12],
    ['value_count', (w) => new Set(w.map((e) => e.v)).size, (m) => m >= 5],
    ['value_sum', (w) => num(w.filter((e) => e.v !== 'x1')).reduce((a, b) => a + b, 0), (m) => m > 22],
    ['value_avg', (w) => { const n = num(w.filter((e) => e.v !== 'x1')); return n.length ? n.reduce((a, b) => a + b, 0) / n.length : NaN; }, (m) => m >= 3.2],
    ['value_percentile', (w) => (100 * w.filter((e) => e.v === w[0]!.v).length) / w.length, (m) => m <= 10],
  ];
  for (const [type, measure, ok] of cases) {
    const want = reference(evs, measure, ok);
    assert.ok(want.length > 0, `${type}: the reference finds matches`);
    assert.deepEqual(out.hits.get(`C ${type}`) ?? [], want, type);
  }
});
