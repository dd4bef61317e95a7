/**
 * Beacon analysis over `tr_conn`: per source/destination pair, the sensor that saw the pair most (Zeek and Suricata
 * see the same flows; counting both would halve every interval), its connection times and sizes streamed out once,
 * scored in JS, and stored in `trace_beacons` with the connection event ids, the verdict and, for periodic traffic to
 * services known to poll (NTP on udp/123, names of operating-system and software update services), the reason it is
 * held benign. Verdicts: `beacon` (periodic, external, not a known poller), `benign_periodic`, `internal_periodic`
 * (scanners, monitoring, internal C2 relays: shown, not called C2), `not_periodic`. `periodic_sources` counts the
 * sources periodic to the same destination: many (a NAC or monitoring service) or few (an implant) is for the analyst.
 */
import type { CaseStore } from '../../store/index.js';
import { STAGED_SQL } from '../schema.js';
import { scorePair } from './score.js';

export interface BeaconOptions {
  /** Fewest connections a pair needs to be scored (default 8). */
  minConnections?: number;
  /** Score at or above which a pair is called periodic (default 0.7). */
  threshold?: number;
}

/** DNS names of services that poll by design. Suffix match on the name the destination was resolved from. */
export const KNOWN_POLLING_SUFFIXES = [
  'windowsupdate.com', 'update.microsoft.com', 'data.microsoft.com', 'delivery.mp.microsoft.com', 'msftconnecttest.com',
  'ubuntu.com', 'debian.org', 'fedoraproject.org', 'centos.org', 'apple.com', 'mzstatic.com', 'googleapis.com', 'gvt1.com',
  'mozilla.org', 'mozilla.net', 'pool.ntp.org', 'time.windows.com', 'time.apple.com', 'time.google.com', 'digicert.com',
  'ocsp.sectigo.com', 'letsencrypt.org', 'snapcraft.io',
] as const;

export const DEFAULT_THRESHOLD = 0.7;

export async function buildBeacons(store: CaseStore, opts: BeaconOptions = {}): Promise<void> {
  const d = store.dialect;
  const minConn = opts.minConnections ?? 8;
  const threshold = opts.threshold ?? DEFAULT_THRESHOLD;
  await store.exec(STAGED_SQL.beaconScores);
  const [win] = await store.query<{ span: number | null }>(`SELECT (max(us) - min(us)) / 1e6 AS span FROM tr_conn`);
  const windowS = win?.span ?? 0;
  await store.exec(`CREATE TEMP TABLE tr_pair_sensor AS SELECT * FROM tr_pair_best WHERE n >= ${minConn}`);
  // Unordered lists sorted here: DuckDB's ordered aggregates cost more than the whole scoring.
  const pairs = await store.query<{ src: string; dst: string; sensor: string; c: { u: number; b: number | null }[] }>(
    `SELECT c.src, c.dst, c.sensor, list({'u': c.us, 'b': c.bytes_out}) AS c
     FROM tr_conn c JOIN tr_pair_sensor p USING (src, dst, sensor) GROUP BY c.src, c.dst, c.sensor ORDER BY c.src, c.dst`);
  const rows: unknown[][] = [];
  for (const p of pairs) {
    const conns = p.c.sort((a, b) => a.u - b.u || (a.b ?? -1) - (b.b ?? -1));
    const s = scorePair({ times: conns.map((x) => x.u / 1e6), bytes: conns.map((x) => x.b) }, windowS);
    rows.push([p.src, p.dst, p.sensor, s.count, s.fit?.periodS ?? null, s.fit?.jitter ?? null, s.fit?.missedFraction ?? null,
      s.tsSkew, s.tsMadm, s.tsScore, s.dsScore, s.durScore, s.countScore, s.rita, s.score]);
  }
  await store.append('tr_beacon_scores', ['src', 'dst', 'sensor', 'conn_count', 'period_s', 'jitter', 'missed_fraction', 'ts_skew', 'ts_madm',
    'ts_score', 'ds_score', 'dur_score', 'count_score', 'rita_score', 'score'], rows);
  const suffixes = KNOWN_POLLING_SUFFIXES.map((x) => `ends_with(lower(n.name), ${d.str('.' + x)}) OR lower(n.name) = ${d.str(x)}`).join(' OR ');
  await store.exec(`CREATE TABLE trace_beacons AS
    WITH names AS (
      SELECT DISTINCT answer AS address, query AS name FROM (
        SELECT json_extract_string(raw, '$.query') AS query, unnest(from_json(json_extract(raw, '$.answers'), '["VARCHAR"]')) AS answer
        FROM events WHERE format = 'zeek' AND service = 'dns' AND json_type(json_extract(raw, '$.answers')) = 'ARRAY')
    ),
    polling AS (SELECT n.address, min(n.name) AS name FROM names n WHERE ${suffixes} GROUP BY n.address),
    conn AS (
      SELECT c.src, c.dst, c.sensor, mode(c.dst_port) AS dst_port, mode(c.proto) AS proto, min(c.ts) AS first_ts, max(c.ts) AS last_ts,
        bool_or(c.dst_external) AS dst_external, sum(c.bytes_out) AS bytes_out, any_value(a.event_ids) AS event_ids
      FROM tr_conn c JOIN tr_pair_sensor p USING (src, dst, sensor) JOIN tr_pair_agg a USING (src, dst, sensor) GROUP BY c.src, c.dst, c.sensor
    )
    SELECT md5(concat_ws('|', s.src, s.dst)) AS id, s.src, s.dst, conn.dst_port, conn.proto, s.sensor, s.conn_count, conn.first_ts, conn.last_ts,
      s.period_s, s.jitter, s.missed_fraction, s.ts_skew, s.ts_madm, s.ts_score, s.ds_score, s.dur_score, s.count_score, s.rita_score, s.score,
      conn.bytes_out, conn.dst_external,
      CASE WHEN conn.dst_port = 123 AND conn.proto = 'udp' THEN 'NTP polling (udp/123)'
           WHEN polling.name IS NOT NULL THEN 'known polling service ' || polling.name
           WHEN NOT conn.dst_external THEN 'internal destination' END AS benign_reason,
      CASE WHEN s.score < ${threshold} THEN 'not_periodic'
           WHEN conn.dst_port = 123 AND conn.proto = 'udp' OR polling.name IS NOT NULL THEN 'benign_periodic'
           WHEN NOT conn.dst_external THEN 'internal_periodic'
           ELSE 'beacon' END AS verdict,
      count(*) FILTER (WHERE s.score >= ${threshold}) OVER (PARTITION BY s.dst) AS periodic_sources,
      conn.event_ids
    FROM tr_beacon_scores s JOIN conn USING (src, dst, sensor) LEFT JOIN polling ON polling.address = s.dst
    ORDER BY s.score DESC, s.src, s.dst`);
}

