/**
 * The detect stage's tables in the case: `findings` (one per match: the rule, its licence-required author, the
 * ATT&CK techniques, first/last time, group-by values of correlations) and `finding_events` (the exact events).
 * Ids are content-derived: sha256(rule id, newline, sorted matched event ids joined by newlines).
 */
import { createHash } from 'node:crypto';
import type { CaseStore } from '../store/index.js';
import type { FindingSummary } from './types.js';

export const FINDINGS_SCHEMA = [
  `CREATE TABLE IF NOT EXISTS findings (
    id VARCHAR PRIMARY KEY,
    kind VARCHAR NOT NULL,
    rule_id VARCHAR NOT NULL,
    title VARCHAR NOT NULL,
    level VARCHAR NOT NULL,
    status VARCHAR,
    author VARCHAR,
    tags JSON NOT NULL,
    techniques JSON NOT NULL,
    source VARCHAR NOT NULL,
    first_ts TIMESTAMP_NS,
    last_ts TIMESTAMP_NS,
    event_count BIGINT NOT NULL,
    group_by JSON
  )`,
  `CREATE TABLE IF NOT EXISTS finding_events (finding_id VARCHAR NOT NULL, event_id VARCHAR NOT NULL)`,
];

export function findingId(ruleId: string, eventIds: readonly string[]): string {
  return createHash('sha256').update(ruleId + '\n' + [...eventIds].sort().join('\n')).digest('hex');
}

export async function ensureFindingTables(store: CaseStore): Promise<void> {
  for (const s of FINDINGS_SCHEMA) await store.exec(s);
}

/** Findings as stored, sorted by rule, first time and id (for the CLI and tests). */
export async function readFindings(store: CaseStore, opts: { ruleId?: string; limit?: number } = {}): Promise<FindingSummary[]> {
  const d = store.dialect;
  const where = opts.ruleId ? `WHERE f.rule_id = ${d.str(opts.ruleId)}` : '';
  const rows = await store.query<Record<string, unknown>>(
    `SELECT f.id, f.kind, f.rule_id, f.title, f.level, f.status, f.author, CAST(f.tags AS VARCHAR) AS tags, CAST(f.techniques AS VARCHAR) AS techniques,
       CAST(f.first_ts AS VARCHAR) AS first_ts, CAST(f.last_ts AS VARCHAR) AS last_ts, CAST(f.group_by AS VARCHAR) AS group_by,
       (SELECT list(event_id ORDER BY event_id) FROM finding_events fe WHERE fe.finding_id = f.id) AS event_ids
     FROM findings f ${where} ORDER BY f.rule_id, f.first_ts NULLS LAST, f.id ${opts.limit ? `LIMIT ${opts.limit}` : ''}`,
  );
  return rows.map((r) => ({
    id: String(r.id), ruleId: String(r.rule_id), kind: r.kind as FindingSummary['kind'], title: String(r.title), level: String(r.level),
    status: r.status === null ? null : String(r.status), author: r.author === null ? null : String(r.author),
    tags: JSON.parse(String(r.tags)) as string[], techniques: JSON.parse(String(r.techniques)) as string[],
    firstTs: r.first_ts === null ? null : String(r.first_ts), lastTs: r.last_ts === null ? null : String(r.last_ts),
    eventIds: (r.event_ids as string[] | null) ?? [],
    groupBy: r.group_by === null ? null : (JSON.parse(String(r.group_by)) as Record<string, string | null>),
  }));
}
