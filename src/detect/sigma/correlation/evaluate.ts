/**
 * Correlation windows, stateful by nature, kept pure: rows in, matches out.
 *
 * Semantics (chosen against the spec, which asks that the time frame "not be restricted to boundaries"):
 * sliding windows, never fixed buckets. Within each group (the `group-by` values, alias-resolved; NULL is a
 * value of its own), events are ordered by time and every event anchors a window [t, t + timespan], both ends
 * inclusive, so an event exactly `timespan` after the anchor is inside and one nanosecond later is outside. The
 * condition is tested on each anchored window in time order; the first window that satisfies it becomes a match
 * holding all its events, and the search resumes after that window's last event, so matches never share events.
 *
 * - event_count: number of events in the window.
 * - value_count: number of distinct non-null values of `field`.
 * - temporal: number of distinct referenced rules present; without a condition all of them must be present.
 * - temporal_ordered: the referenced rules occur in the listed order (each strictly after the previous one's
 *   event, ties in time broken by event id) within the window; a condition, if given, is ignored.
 * - value_sum / value_avg: sum / mean of the numeric values of `field` (non-numeric values are skipped).
 * - value_percentile: the share in percent of the window's events whose `field` equals the anchor event's value
 *   (rare values have a low share: `lte: 1` finds values seen in at most 1% of the window).
 */
import type { CorrelationRule, CountOp } from '../rule/index.js';

export interface CorrEvent {
  ts: bigint;
  /** Underlying event ids (one for a base-rule match, several for a sub-correlation's match). */
  ids: string[];
  /** Index into `correlation.rules` of the rule that produced the row. */
  ref: number;
  /** Values of the correlation's group-by fields, in order. */
  groups: (string | null)[];
  value: string | null;
}

export interface CorrMatch {
  ids: string[];
  firstTs: bigint;
  lastTs: bigint;
  groups: Record<string, string | null>;
  /** The measured quantity that satisfied the condition. */
  measure: number;
}

export function compareCount(op: CountOp, x: number, v: number): boolean {
  switch (op) {
    case 'gt': return x > v;
    case 'gte': return x >= v;
    case 'lt': return x < v;
    case 'lte': return x <= v;
    case 'eq': return x === v;
    case 'neq': return x !== v;
  }
}

function measure(c: CorrelationRule, w: CorrEvent[]): number {
  switch (c.correlation) {
    case 'event_count': return w.length;
    case 'value_count': return new Set(w.map((e) => e.value).filter((v) => v !== null)).size;
    case 'temporal': return new Set(w.map((e) => e.ref)).size;
    case 'temporal_ordered': {
      let p = 0;
      for (const e of w) if (e.ref === p) p++;
      return p;
    }
    case 'value_sum': case 'value_avg': {
      const nums = w.map((e) => Number(e.value)).filter((n, i) => w[i]!.value !== null && Number.isFinite(n));
      const sum = nums.reduce((a, b) => a + b, 0);
      return c.correlation === 'value_sum' ? sum : nums.length ? sum / nums.length : NaN;
    }
    case 'value_percentile': {
      const anchor = w[0]!.value;
      return (100 * w.filter((e) => e.value === anchor).length) / w.length;
    }
  }
}

function satisfied(c: CorrelationRule, m: number): boolean {
  if ((c.correlation === 'temporal' || c.correlation === 'temporal_ordered') && (c.condition.length === 0 || c.correlation === 'temporal_ordered')) {
    return m === c.rules.length;
  }
  if (Number.isNaN(m)) return false;
  return c.condition.every((k) => compareCount(k.op, m, k.value));
}

const byTime = (a: CorrEvent, b: CorrEvent) => (a.ts < b.ts ? -1 : a.ts > b.ts ? 1 : a.ids[0]! < b.ids[0]! ? -1 : a.ids[0]! > b.ids[0]! ? 1 : a.ref - b.ref);

export function evaluateCorrelation(c: CorrelationRule, rows: readonly CorrEvent[]): CorrMatch[] {
  const groups = new Map<string, CorrEvent[]>();
  for (const r of rows) {
    const k = JSON.stringify(r.groups);
    let g = groups.get(k);
    if (!g) groups.set(k, (g = []));
    g.push(r);
  }
  const out: CorrMatch[] = [];
  for (const key of [...groups.keys()].sort()) {
    const g = groups.get(key)!.sort(byTime);
    let i = 0;
    let j = 0;
    while (i < g.length) {
      const end = g[i]!.ts + c.timespanNs;
      if (j < i) j = i;
      while (j + 1 < g.length && g[j + 1]!.ts <= end) j++;
      const w = g.slice(i, j + 1);
      const m = measure(c, w);
      if (satisfied(c, m)) {
        const vals = JSON.parse(key) as (string | null)[];
        out.push({
          ids: [...new Set(w.flatMap((e) => e.ids))].sort(),
          firstTs: w[0]!.ts, lastTs: w[w.length - 1]!.ts, measure: m,
          groups: Object.fromEntries(c.groupBy.map((f, k) => [f, vals[k] ?? null])),
        });
        i = j + 1;
      } else i++;
    }
  }
  return out;
}
