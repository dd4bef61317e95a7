/**
 * Correlation windows in SQL: the measure of every anchored window is computed by the database with window
 * functions (grouped by the group-by values, ordered by time), so the work that grows with the data (counting,
 * distinct values, sums over each window) runs in DuckDB; what remains in `evaluate.ts` is the walk over the
 * anchors that takes the first satisfying window and resumes after it.
 *
 * Input: a table (g, ts, k, ids, ref, v): the group-by values as a JSON array text, the time in epoch
 * nanoseconds, a tie-breaking key (the first event id), the event ids as a JSON array text, the index of the
 * referenced rule, the value of the correlation's `field`. Rows are numbered in (ts, k, ref) order per group
 * (`pos`); the window anchored at a row holds it and the rows after it up to `ts + timespan` inclusive, i.e.
 * positions pos..endpos, where endpos is the largest position whose time is within the range (a RANGE frame over
 * the time, so events tied with the window's end are in).
 *
 * DuckDB's form (variable-width ROWS frames); the ClickHouse backend will need its own.
 */
import type { CorrelationRule } from '../rule/index.js';

export const CORR_TABLE_COLUMNS = '(g VARCHAR, ts BIGINT, k VARCHAR, ids VARCHAR, ref INTEGER, v VARCHAR)';

/** One anchored window as the SQL returns it (rows ordered by group, then position). */
export interface AnchorRow {
  g: string;
  pos: number;
  endpos: number;
  ts: bigint;
  ids: string[];
  ref: number;
  /** The window's measure; null for temporal_ordered (an order, measured on the rows themselves). */
  m: number | null;
}

function measureSql(c: CorrelationRule): string {
  // Exactly the rows pos..endpos of the group (the frame's end varies per row).
  const frame = `(PARTITION BY g ORDER BY pos ROWS BETWEEN CURRENT ROW AND (endpos - pos) FOLLOWING)`;
  switch (c.correlation) {
    case 'event_count': return `endpos - pos + 1`;
    case 'value_count': return `count(DISTINCT v) OVER ${frame}`;
    case 'temporal': return `count(DISTINCT ref) OVER ${frame}`;
    case 'temporal_ordered': return `NULL`;
    // Values DuckDB reads as a finite number; a window without any sums to 0 and has no mean.
    case 'value_sum': return `COALESCE(sum(x) OVER ${frame}, 0)`;
    case 'value_avg': return `avg(x) OVER ${frame}`;
    // The share (percent) of the window's events whose value is the anchor's: the anchor's value partition has
    // its own positions in the same order, so the same window is pos2..endpos2 there.
    case 'value_percentile': return `CAST(100 AS DOUBLE) * (endpos2 - pos2 + 1) / (endpos - pos + 1)`;
  }
}

export function windowSql(c: CorrelationRule, table: string): string {
  const span = c.timespanNs.toString();
  return `SELECT g, pos, endpos, CAST(ts AS VARCHAR) AS ts, ids, ref, CAST(${measureSql(c)} AS DOUBLE) AS m FROM (
    SELECT *, max(pos) OVER (PARTITION BY g ORDER BY ts RANGE BETWEEN CURRENT ROW AND ${span} FOLLOWING) AS endpos,
      max(pos2) OVER (PARTITION BY g, v ORDER BY ts RANGE BETWEEN CURRENT ROW AND ${span} FOLLOWING) AS endpos2
    FROM (SELECT *, row_number() OVER (PARTITION BY g ORDER BY ts, k, ref) AS pos,
        row_number() OVER (PARTITION BY g, v ORDER BY ts, k, ref) AS pos2,
        CASE WHEN isfinite(TRY_CAST(v AS DOUBLE)) THEN TRY_CAST(v AS DOUBLE) END AS x
      FROM ${table}))
    ORDER BY g, pos`;
}

export function toAnchorRows(rows: readonly Record<string, unknown>[]): AnchorRow[] {
  return rows.map((r) => ({
    g: String(r.g), pos: Number(r.pos), endpos: Number(r.endpos), ts: BigInt(String(r.ts)),
    ids: JSON.parse(String(r.ids)) as string[], ref: Number(r.ref), m: r.m === null || r.m === undefined ? null : Number(r.m),
  }));
}
