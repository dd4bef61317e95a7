/**
 * The working sets every analysis reads, built once per trace run as temporary tables:
 * `tr_conn` (connections from Zeek conn, Suricata flow and Sysmon 3, with bytes each way; Zeek ssl/ssh/rdp records as
 * connections of their own sensor, for captures whose conn.log is missing — each pair later keeps one sensor),
 * `trace_host_addresses` (which internal address is which host, with the events that say so) and
 * `trace_logons` (SSH and Windows logons and remote service installs, one row per event).
 */
import type { CaseStore } from '../store/index.js';
import { hostKeySql, isExternalSql, isInternalSql, micros, raw, userKeySql } from './sql.js';

export async function buildConnections(store: CaseStore): Promise<void> {
  const d = store.dialect;
  // One JSON parse per record (a list of paths), not one per field: this table is the widest scan of the trace.
  await store.exec(`CREATE TEMP TABLE tr_conn AS
    SELECT id, ts, us, sensor, src, dst, dst_port, proto,
      CAST(CASE WHEN service = 'conn' THEN TRY_CAST(b[1] AS DOUBLE) WHEN format = 'suricata' THEN TRY_CAST(b[3] AS DOUBLE) END AS BIGINT) AS bytes_out,
      CAST(CASE WHEN service = 'conn' THEN TRY_CAST(b[2] AS DOUBLE) WHEN format = 'suricata' THEN TRY_CAST(b[4] AS DOUBLE) END AS BIGINT) AS bytes_in,
      ${isExternalSql(d, 'dst')} AS dst_external
    FROM (
      SELECT id, ts, ${micros('ts')} AS us, format, service, format || ':' || coalesce(service, category, '') AS sensor, src_ip AS src, dst_ip AS dst,
        dst_port, lower(proto) AS proto,
        CASE WHEN service = 'conn' OR format = 'suricata'
          THEN json_extract_string(raw, ['$."orig_bytes"', '$."resp_bytes"', '$.flow.bytes_toserver', '$.flow.bytes_toclient']) END AS b
      FROM events
      WHERE ts IS NOT NULL AND src_ip IS NOT NULL AND dst_ip IS NOT NULL AND (
        (format = 'zeek' AND service IN ('conn', 'ssl', 'ssh', 'rdp')) OR (format = 'suricata' AND service = 'flow')
        OR (product = 'windows' AND service = 'sysmon' AND event_id = 3)))`);
  // Sensors overlap (Zeek and Suricata see the same flow; Zeek's ssl.log repeats conn.log): each pair keeps the one
  // sensor that saw it most, so counts and intervals are never doubled. (max of a struct: ordered aggregates are slow.)
  // One pass over the connections gives each (pair, sensor) its count, span and events; the graph reuses it.
  await store.exec(`CREATE TEMP TABLE tr_pair_agg AS
    SELECT src, dst, sensor, count(*) AS n, min(ts) AS first_ts, max(ts) AS last_ts, list_sort(list(id)) AS event_ids FROM tr_conn GROUP BY src, dst, sensor`);
  await store.exec(`CREATE TEMP TABLE tr_pair_best AS
    SELECT src, dst, m.s AS sensor, m.n AS n FROM (SELECT src, dst, max({'n': n, 's': sensor}) AS m FROM tr_pair_agg GROUP BY src, dst)`);
}

export async function buildHostAddresses(store: CaseStore): Promise<void> {
  const d = store.dialect;
  // Three independent witnesses of "this address is that host": the workstation named in a Windows logon, Sysmon's own
  // source address, and internal DNS answers. Each address goes to the host most events name.
  await store.exec(`CREATE TABLE trace_host_addresses AS
    WITH said AS (
      SELECT src_ip AS address, ${hostKeySql(raw(d, 'WorkstationName'))} AS host, id, 'windows_logon_workstation' AS witness
        FROM events WHERE product = 'windows' AND event_id IN (4624, 4625, 4648) AND ${raw(d, 'WorkstationName')} NOT IN ('-', '')
      UNION ALL
      SELECT src_ip, ${hostKeySql(raw(d, 'SourceHostname'))}, id, 'sysmon_source' FROM events
        WHERE product = 'windows' AND service = 'sysmon' AND event_id = 3 AND ${raw(d, 'SourceHostname')} NOT IN ('-', '')
      UNION ALL
      SELECT a.answer, ${hostKeySql(raw(d, 'query'))}, a.id, 'dns_answer' FROM (
        SELECT id, raw, unnest(from_json(json_extract(raw, '$.answers'), '["VARCHAR"]')) AS answer FROM events
        WHERE format = 'zeek' AND service = 'dns' AND json_type(json_extract(raw, '$.answers')) = 'ARRAY') a
    ),
    counted AS (
      SELECT address, host, count(*) AS n, list(DISTINCT witness ORDER BY witness) AS witnesses, list(id ORDER BY id) AS event_ids
      FROM said WHERE ${isInternalSql(d, 'address')} AND host IS NOT NULL AND host <> '' AND address NOT IN ('127.0.0.1', '::1')
      GROUP BY address, host
    )
    SELECT address, arg_max(host, n) AS host, max(n) AS events, arg_max(witnesses, n) AS witnesses, arg_max(event_ids, n) AS event_ids
    FROM counted GROUP BY address ORDER BY address`);
}

export async function buildLogons(store: CaseStore): Promise<void> {
  const d = store.dialect;
  const action = raw(d, 'action');
  const logonType = `TRY_CAST(${raw(d, 'LogonType')} AS INTEGER)`;
  await store.exec(`CREATE TEMP TABLE tr_logon_raw AS
    SELECT id, ts, ${hostKeySql('host')} AS host, ${userKeySql(`coalesce(${raw(d, 'user')}, user_name)`)} AS user_name, src_ip AS src_addr,
      'ssh' AS kind, NULL::INTEGER AS logon_type, CASE WHEN ${action} = 'accepted' THEN 'success' ELSE 'failure' END AS outcome,
      ${raw(d, 'method')} AS method, ${raw(d, 'pid')} AS pid
    FROM events WHERE format = 'syslog' AND service = 'sshd' AND ${action} IN ('accepted', 'failed', 'invalid_user', 'max_auth_attempts') AND ts IS NOT NULL
    UNION ALL
    SELECT id, ts, ${hostKeySql('host')}, ${userKeySql(raw(d, 'TargetUserName'))}, nullif(nullif(src_ip, '-'), ''),
      CASE ${logonType} WHEN 10 THEN 'rdp' WHEN 3 THEN 'network' WHEN 2 THEN 'console' WHEN 11 THEN 'cached' WHEN 7 THEN 'unlock' ELSE 'other' END,
      ${logonType}, CASE event_id WHEN 4624 THEN 'success' ELSE 'failure' END, ${raw(d, 'AuthenticationPackageName')}, ${raw(d, 'TargetLogonId')}
    FROM events WHERE product = 'windows' AND event_id IN (4624, 4625) AND ts IS NOT NULL
      AND ${raw(d, 'TargetUserName')} NOT LIKE '%$' AND lower(${raw(d, 'TargetUserName')}) NOT IN ('anonymous logon', '-', 'system', 'local service', 'network service')`);
  // A service installed on a host (7045 System, 4697 Security) is remote execution when a network logon from another
  // address precedes it by at most five minutes; that logon supplies the source.
  await store.exec(`CREATE TEMP TABLE tr_service AS
    SELECT s.id, s.ts, s.host, CASE WHEN s.ts - n.ts <= INTERVAL 5 MINUTE THEN n.user_name END AS user_name,
      CASE WHEN s.ts - n.ts <= INTERVAL 5 MINUTE THEN n.src_addr END AS src_addr, 'service' AS kind, NULL::INTEGER AS logon_type, 'success' AS outcome,
      ${raw(d, 'ServiceName')} AS method, NULL AS pid
    FROM (SELECT id, ts, ${hostKeySql('host')} AS host, raw FROM events WHERE product = 'windows' AND event_id IN (7045, 4697) AND ts IS NOT NULL) s
    ASOF LEFT JOIN (SELECT * FROM tr_logon_raw WHERE kind = 'network' AND outcome = 'success') n ON s.host = n.host AND s.ts >= n.ts`);
  await store.exec(`CREATE TABLE trace_logons AS
    SELECT l.id, l.ts, l.host, l.user_name, l.src_addr, h.host AS src_host, ${isExternalSql(d, 'l.src_addr')} AS src_external,
      l.kind, l.logon_type, l.outcome, l.method, l.pid
    FROM (SELECT * FROM tr_logon_raw UNION ALL SELECT * FROM tr_service) l LEFT JOIN trace_host_addresses h ON h.address = l.src_addr
    ORDER BY l.ts, l.id`);
}
