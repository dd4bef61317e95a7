/**
 * The entity graph of the case: hosts, accounts, addresses, domains, processes, files and certificates as nodes;
 * `logged_on_to`, `connected_to`, `spawned`, `wrote`, `resolved`, `presented_certificate` (and `has_address`, which
 * ties a host to its internal addresses) as edges, each with its events, count and first/last time.
 * Entity ids are `kind:value` (readable and stable); processes are per host (`host:image`).
 */
import type { CaseStore } from '../store/index.js';
import { hostKeySql, raw } from './sql.js';

export async function buildGraph(store: CaseStore): Promise<void> {
  const d = store.dialect;
  const proc = (img: string) => `${hostKeySql('host')} || ':' || lower(${img})`;
  const parts = [
    `SELECT 'logged_on_to' AS kind, 'account' AS sk, coalesce(user_name, '?') AS sv, 'host' AS dk, host AS dv, ts, id FROM trace_logons WHERE outcome = 'success'`,
    `SELECT 'spawned', 'process', ${proc(`coalesce(${raw(d, 'ParentImage')}, ${raw(d, 'ParentProcessName')})`)}, 'process', ${proc('image')}, ts, id
       FROM events WHERE product = 'windows' AND ((service = 'sysmon' AND event_id = 1) OR event_id = 4688) AND image IS NOT NULL
       AND coalesce(${raw(d, 'ParentImage')}, ${raw(d, 'ParentProcessName')}) IS NOT NULL`,
    `SELECT 'wrote', 'process', ${proc('image')}, 'file', ${hostKeySql('host')} || ':' || lower(${raw(d, 'TargetFilename')}), ts, id
       FROM events WHERE product = 'windows' AND service = 'sysmon' AND event_id = 11 AND image IS NOT NULL AND ${raw(d, 'TargetFilename')} IS NOT NULL`,
    `SELECT 'resolved', 'domain', lower(query), 'address', answer, ts, id FROM (
       SELECT ts, id, json_extract_string(raw, '$.query') AS query, unnest(from_json(json_extract(raw, '$.answers'), '["VARCHAR"]')) AS answer
       FROM events WHERE format = 'zeek' AND service = 'dns' AND json_type(json_extract(raw, '$.answers')) = 'ARRAY')
       WHERE regexp_matches(answer, '^[0-9a-fA-F:.]+$')`,
    `SELECT 'presented_certificate', 'address', address, 'certificate', key, ts, id FROM tr_obs WHERE kind = 'certificate'`,
    `SELECT 'has_address', 'host', host, 'address', address, NULL::TIMESTAMP_NS, unnest(event_ids) FROM trace_host_addresses`,
  ];
  await store.exec(`CREATE TEMP TABLE tr_edge_obs AS SELECT * FROM (${parts.join('\nUNION ALL\n')}) WHERE sv IS NOT NULL AND dv IS NOT NULL`);
  // connected_to comes ready-made from the connection pass (one sensor per pair).
  await store.exec(`CREATE TABLE trace_edges AS
    SELECT md5(concat_ws('|', kind, src, dst)) AS id, * FROM (
      SELECT kind, sk || ':' || sv AS src, dk || ':' || dv AS dst, count(*) AS count, min(ts) AS first_ts, max(ts) AS last_ts, list_sort(list(id)) AS event_ids
      FROM tr_edge_obs GROUP BY kind, sk, sv, dk, dv
      UNION ALL
      SELECT 'connected_to', 'address:' || a.src, 'address:' || a.dst, a.n, a.first_ts, a.last_ts, a.event_ids FROM tr_pair_agg a JOIN tr_pair_best USING (src, dst, sensor)
    ) ORDER BY kind, src, dst`);
  // Entities from the aggregated edges (far fewer rows than events); their evidence is their edges' events
  // (`trace_edges` WHERE src = id OR dst = id), with one event named here for a quick look.
  await store.exec(`CREATE TABLE trace_entities AS
    SELECT id, split_part(id, ':', 1) AS kind, substr(id, len(split_part(id, ':', 1)) + 2) AS value, sum(count) AS count,
      min(first_ts) AS first_ts, max(last_ts) AS last_ts, count(*) AS edges, min(e) AS first_event_id
    FROM (SELECT src AS id, count, first_ts, last_ts, event_ids[1] AS e FROM trace_edges UNION ALL SELECT dst, count, first_ts, last_ts, event_ids[1] FROM trace_edges)
    GROUP BY id ORDER BY kind, value`);
}
