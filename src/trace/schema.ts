/**
 * The trace stage's tables. Every derived row carries the events behind it (`event_ids`, a list column), so a claim
 * in the reconstruction is one step from raw evidence. All are rebuilt together by `trace()` (drop and create in one
 * transaction), so they always describe the same state of the case.
 */
export const TRACE_TABLES = [
  'trace_meta', 'trace_host_addresses', 'trace_logons', 'trace_movement', 'trace_entry', 'trace_entities', 'trace_edges',
  'trace_beacons', 'trace_exfil', 'trace_sessions', 'trace_infrastructure', 'trace_infra_clusters', 'trace_timeline',
] as const;

export type TraceTable = (typeof TRACE_TABLES)[number];

/** Tables filled row by row from JS (the rest are `CREATE TABLE … AS SELECT`). */
export const STAGED_SQL = {
  trace_meta: `CREATE TABLE trace_meta (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL)`,
  beaconScores: `CREATE TEMP TABLE tr_beacon_scores (src VARCHAR, dst VARCHAR, sensor VARCHAR, conn_count BIGINT, period_s DOUBLE, jitter DOUBLE,
    missed_fraction DOUBLE, ts_skew DOUBLE, ts_madm DOUBLE, ts_score DOUBLE, ds_score DOUBLE, dur_score DOUBLE, count_score DOUBLE,
    rita_score DOUBLE, score DOUBLE)`,
  sessionClass: `CREATE TEMP TABLE tr_session_class (id VARCHAR, class VARCHAR, reason VARCHAR, intrusion BOOLEAN)`,
  infra: `CREATE TEMP TABLE tr_infra_lookup (address VARCHAR, asn BIGINT, org VARCHAR, country VARCHAR, hosting BOOLEAN, anonymiser BOOLEAN,
    dataset VARCHAR, dataset_date VARCHAR)`,
} as const;

export async function dropTraceTables(exec: (sql: string) => Promise<void>): Promise<void> {
  for (const t of TRACE_TABLES) await exec(`DROP TABLE IF EXISTS ${t}`);
}
