/** What `trace()` returns and stores in `trace_meta`: the headline of each analysis, small enough to print. */
import type { CaseStore } from '../store/index.js';
import type { EntryCandidate } from './movement.js';

export interface TraceSummary {
  entry: (EntryCandidate & { firstTs: string; vector: string; otherSources: string[]; eventIds: string[] }) | null;
  path: { host: string; reachedTs: string }[];
  movement: { srcHost: string; dstHost: string; user: string | null; kind: string; count: number; firstTs: string; hop: number | null }[];
  beacons: { src: string; dst: string; dstPort: number | null; periodS: number; jitter: number; count: number; score: number; ritaScore: number; periodicSources: number; firstTs: string; lastTs: string }[];
  benignPeriodic: { src: string; dst: string; reason: string; periodS: number; score: number }[];
  exfil: { src: string; dst: string; bytes: number; days: number; firstTs: string; lastTs: string }[];
  sessions: { total: number; human: number; automated: number; intrusionHuman: number };
  infrastructure: { external: number; intrusion: number; dataset: string | null; datasetDate: string | null };
  clusters: { kind: string; key: string; addressCount: number; addresses: string[]; intrusionAddresses: string[]; firstTs: string | null; lastTs: string | null }[];
  entities: number;
  edges: number;
  timeline: number;
  findingsUsed: boolean;
}

const ts = (c: string) => `strftime(${c}, '%Y-%m-%dT%H:%M:%S.%gZ')`;

export async function summarize(store: CaseStore, chain: { entry: EntryCandidate | null; path: { host: string; reachedUs: number }[] }, findingsUsed: boolean): Promise<TraceSummary> {
  const q = <T extends Record<string, unknown>>(sql: string) => store.query<T>(sql);
  let entry: TraceSummary['entry'] = null;
  if (chain.entry) {
    const [row] = await q<{ vector: string; first_ts: string; event_ids: string[] }>(`SELECT vector, ${ts('first_ts')} AS first_ts, event_ids FROM trace_entry ORDER BY rank LIMIT 1`);
    const others = await q<{ a: string }>(`SELECT DISTINCT from_addr AS a FROM trace_entry WHERE host = ${store.dialect.str(chain.entry.host)}
      AND user_name IS NOT DISTINCT FROM ${chain.entry.user === null ? 'NULL' : store.dialect.str(chain.entry.user)} ORDER BY a`);
    entry = { ...chain.entry, firstTs: row!.first_ts, vector: row!.vector, otherSources: others.map((o) => o.a), eventIds: row!.event_ids };
  }
  const path = chain.path.map((p) => ({ host: p.host, reachedTs: new Date(p.reachedUs / 1000).toISOString() }));
  const movement = (await q<{ src_host: string; dst_host: string; user_name: string | null; kind: string; count: number; first_ts: string; hop: number | null }>(
    `SELECT src_host, dst_host, user_name, kind, count, ${ts('first_ts')} AS first_ts, hop FROM trace_movement ORDER BY on_chain DESC, hop NULLS LAST, first_ts, id LIMIT 50`,
  )).map((r) => ({ srcHost: r.src_host, dstHost: r.dst_host, user: r.user_name, kind: r.kind, count: r.count, firstTs: r.first_ts, hop: r.hop }));
  const beacons = (await q<{ src: string; dst: string; dst_port: number | null; period_s: number; jitter: number; conn_count: number; score: number; rita_score: number; ps: number; f: string; l: string }>(
    `SELECT src, dst, dst_port, period_s, jitter, conn_count, score, rita_score, periodic_sources AS ps, ${ts('first_ts')} AS f, ${ts('last_ts')} AS l FROM trace_beacons WHERE verdict = 'beacon' ORDER BY score DESC, src, dst LIMIT 50`,
  )).map((r) => ({ src: r.src, dst: r.dst, dstPort: r.dst_port, periodS: r.period_s, jitter: r.jitter, count: r.conn_count, score: r.score, ritaScore: r.rita_score, periodicSources: r.ps, firstTs: r.f, lastTs: r.l }));
  const benignPeriodic = (await q<{ src: string; dst: string; benign_reason: string; period_s: number; score: number }>(
    `SELECT src, dst, benign_reason, period_s, score FROM trace_beacons WHERE verdict = 'benign_periodic' ORDER BY score DESC, src, dst LIMIT 50`,
  )).map((r) => ({ src: r.src, dst: r.dst, reason: r.benign_reason, periodS: r.period_s, score: r.score }));
  const exfil = (await q<{ src: string; dst: string; bytes: number; days: number; f: string; l: string }>(
    `SELECT src, dst, CAST(sum(bytes) AS DOUBLE) AS bytes, count(*) AS days, ${ts('min(first_ts)')} AS f, ${ts('max(last_ts)')} AS l FROM trace_exfil WHERE flagged GROUP BY src, dst ORDER BY bytes DESC, src, dst`,
  )).map((r) => ({ src: r.src, dst: r.dst, bytes: r.bytes, days: r.days, firstTs: r.f, lastTs: r.l }));
  const [s] = await q<{ total: number; human: number; automated: number; ih: number }>(`SELECT count(*) AS total, count(*) FILTER (WHERE class = 'human') AS human,
    count(*) FILTER (WHERE class = 'automated') AS automated, count(*) FILTER (WHERE class = 'human' AND intrusion) AS ih FROM trace_sessions`);
  const [inf] = await q<{ n: number; i: number; ds: string | null; dd: string | null }>(`SELECT count(*) AS n, count(*) FILTER (WHERE intrusion) AS i, min(dataset) AS ds, min(dataset_date) AS dd FROM trace_infrastructure`);
  const clusters = (await q<{ kind: string; key: string; address_count: number; addresses: string[]; intrusion_addresses: string[]; f: string | null; l: string | null }>(
    `SELECT kind, key, address_count, addresses[1:20] AS addresses, intrusion_addresses, ${ts('first_ts')} AS f, ${ts('last_ts')} AS l FROM trace_infra_clusters LIMIT 30`,
  )).map((r) => ({ kind: r.kind, key: r.key, addressCount: r.address_count, addresses: r.addresses, intrusionAddresses: r.intrusion_addresses, firstTs: r.f, lastTs: r.l }));
  const [g] = await q<{ n: number; e: number; t: number }>(`SELECT (SELECT count(*) FROM trace_entities) AS n, (SELECT count(*) FROM trace_edges) AS e, (SELECT count(*) FROM trace_timeline) AS t`);
  return {
    entry, path, movement, beacons, benignPeriodic, exfil,
    sessions: { total: s?.total ?? 0, human: s?.human ?? 0, automated: s?.automated ?? 0, intrusionHuman: s?.ih ?? 0 },
    infrastructure: { external: inf?.n ?? 0, intrusion: inf?.i ?? 0, dataset: inf?.ds ?? null, datasetDate: inf?.dd ?? null },
    clusters, entities: g?.n ?? 0, edges: g?.e ?? 0, timeline: g?.t ?? 0, findingsUsed,
  };
}
