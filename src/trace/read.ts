/**
 * Reading the stored reconstruction: the timeline (per host, per time window), its Timesketch JSONL form, and the
 * human sessions attribution's working-hours analysis uses. Reads fail with a usage hint when `trace` has not run.
 */
import { UsageError } from '../model/index.js';
import type { CaseStore } from '../store/index.js';
import { hostKeySql } from './sql.js';

export interface TimelineQuery {
  host?: string;
  /** ISO 8601 times (UTC when no offset), inclusive. */
  from?: string;
  to?: string;
}

export interface TimelineRow {
  id: string;
  ts: string;
  host: string | null;
  kind: string;
  tactics: string[];
  techniques: string[];
  summary: string;
  source: string;
  ref: string;
  eventIds: string[];
}

export interface HumanSession {
  id: string;
  startNs: bigint;
  endNs: bigint;
  host: string;
  user: string | null;
  from: string | null;
  eventIds: string[];
}

async function requireTrace(store: CaseStore): Promise<void> {
  const r = await store.query(`SELECT 1 FROM duckdb_tables() WHERE table_name = 'trace_meta'`);
  if (r.length === 0) throw new UsageError(`case ${store.dir} has not been traced yet; run 'veritrace trace ${store.dir}' first`);
}

function timeLiteral(store: CaseStore, t: string, what: string): string {
  const ms = Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(t) || !t.includes('T') ? t : t + 'Z');
  if (Number.isNaN(ms)) throw new UsageError(`${what}: '${t}' is not an ISO 8601 time`);
  return `CAST(${store.dialect.str(new Date(ms).toISOString().replace('T', ' ').replace('Z', ''))} AS TIMESTAMP_NS)`;
}

export async function timeline(store: CaseStore, q: TimelineQuery = {}): Promise<TimelineRow[]> {
  await requireTrace(store);
  const where: string[] = [];
  if (q.host) where.push(`host = ${hostKeySql(store.dialect.str(q.host))}`);
  if (q.from) where.push(`ts >= ${timeLiteral(store, q.from, '--from')}`);
  if (q.to) where.push(`ts <= ${timeLiteral(store, q.to, '--to')}`);
  const rows = await store.query<{ id: string; ts: string; host: string | null; kind: string; tactics: string[]; techniques: string[]; summary: string; source: string; ref: string; event_ids: string[] }>(
    `SELECT id, strftime(ts, '%Y-%m-%dT%H:%M:%S.%fZ') AS ts, host, kind, tactics, techniques, summary, source, ref, event_ids FROM trace_timeline
     ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY trace_timeline.ts, kind, id`);
  return rows.map((r) => ({ id: r.id, ts: r.ts, host: r.host, kind: r.kind, tactics: r.tactics, techniques: r.techniques, summary: r.summary, source: r.source, ref: r.ref, eventIds: r.event_ids }));
}

/** One Timesketch import line: `message`, `datetime`, `timestamp_desc` are required; `timestamp` is microseconds. */
export function timesketchLine(r: TimelineRow): string {
  const ms = Date.parse(r.ts);
  const micros = BigInt(ms) * 1000n + BigInt(Number(r.ts.slice(23, 26) || '0'));
  return JSON.stringify({
    message: r.summary, datetime: r.ts, timestamp: Number(micros), timestamp_desc: r.kind === 'operator_session' ? 'Session start' : r.source === 'finding' ? 'Detection first seen' : 'Event time',
    host: r.host, kind: r.kind, tactics: r.tactics.join(','), techniques: r.techniques.join(','), source: r.source, ref: r.ref,
    event_ids: r.eventIds.slice(0, 1000), event_count: r.eventIds.length, tag: r.tactics,
  });
}

export interface HumanSessionQuery {
  /** 'intrusion' (default): only sessions tied to the intrusion; 'all': every hands-on-keyboard session. */
  scope?: 'intrusion' | 'all';
}

export async function humanSessions(store: CaseStore, q: HumanSessionQuery = {}): Promise<HumanSession[]> {
  await requireTrace(store);
  const rows = await store.query<{ id: string; s: string; e: string; host: string; user_name: string | null; from_addr: string | null; event_ids: string[] }>(
    `SELECT id, CAST(epoch_ns(start_ts) AS VARCHAR) AS s, CAST(epoch_ns(end_ts) AS VARCHAR) AS e, host, user_name, from_addr, event_ids
     FROM trace_sessions WHERE class = 'human' ${q.scope === 'all' ? '' : 'AND intrusion'} ORDER BY start_ts, id`);
  return rows.map((r) => ({ id: r.id, startNs: BigInt(r.s), endNs: BigInt(r.e), host: r.host, user: r.user_name, from: r.from_addr, eventIds: r.event_ids }));
}

/** The summary the last `trace()` stored. */
export async function storedSummary(store: CaseStore): Promise<unknown> {
  await requireTrace(store);
  const [r] = await store.query<{ value: string }>(`SELECT value FROM trace_meta WHERE key = 'summary'`);
  return r ? (JSON.parse(r.value) as unknown) : null;
}
