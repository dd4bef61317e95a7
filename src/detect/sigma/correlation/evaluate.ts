/**
 * Correlation matches from anchored windows (their measures computed in SQL by `window.ts`), kept pure: rows in,
 * matches out.
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
 * - value_sum / value_avg: sum / mean of the values of `field` that read as finite numbers (DuckDB's
 *   `TRY_CAST … AS DOUBLE`; others are skipped; a window without any sums to 0 and has no mean).
 * - value_percentile: the share in percent of the window's events whose `field` equals the anchor event's value
 *   (rare values have a low share: `lte: 1` finds values seen in at most 1% of the window).
 */
import type { CorrelationRule, CountOp } from '../rule/index.js';
import type { AnchorRow } from './window.js';

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

/** temporal_ordered: how many of the referenced rules occur in the listed order within the window's rows. */
function orderedPrefix(w: readonly AnchorRow[]): number {
  let p = 0;
  for (const e of w) if (e.ref === p) p++;
  return p;
}

function satisfied(c: CorrelationRule, m: number): boolean {
  if ((c.correlation === 'temporal' || c.correlation === 'temporal_ordered') && (c.condition.length === 0 || c.correlation === 'temporal_ordered')) {
    return m === c.rules.length;
  }
  if (Number.isNaN(m)) return false;
  return c.condition.every((k) => compareCount(k.op, m, k.value));
}

/**
 * Walk each group's anchors in time order: the first window whose measure satisfies the condition is a match
 * holding all its events; the walk resumes after that window's last row. `rows`: ordered by group, then position.
 */
export function pickMatches(c: CorrelationRule, rows: readonly AnchorRow[]): CorrMatch[] {
  const groups = new Map<string, AnchorRow[]>();
  for (const r of rows) {
    let g = groups.get(r.g);
    if (!g) groups.set(r.g, (g = []));
    g.push(r);
  }
  const out: CorrMatch[] = [];
  for (const key of [...groups.keys()].sort()) {
    const g = groups.get(key)!;
    let i = 0;
    while (i < g.length) {
      const j = g[i]!.endpos - 1;
      const m = c.correlation === 'temporal_ordered' ? orderedPrefix(g.slice(i, j + 1)) : g[i]!.m;
      if (m !== null && satisfied(c, m)) {
        const w = g.slice(i, j + 1);
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
