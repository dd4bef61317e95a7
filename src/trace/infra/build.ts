/**
 * Attacker infrastructure: every external address the case names, enriched offline (ASN, organisation, registration
 * country, hosting/anonymiser hints, with the dataset and its date on every row), marked with the roles it played in
 * the intrusion, and clustered by what addresses share: provider (ASN), TLS certificate, certificate subject/issuer,
 * JA3/JA3S/JA4 fingerprints, SSH host key and HASSH, and DNS names (each with its first and last use).
 */
import type { CaseStore } from '../../store/index.js';
import { STAGED_SQL } from '../schema.js';
import { isExternalSql, raw } from '../sql.js';
import { enrichInEngine } from './engine.js';

/** Observations `(address, kind, key)` of the server side of TLS, SSH and DNS, one per event. */
function observationsSql(store: CaseStore): string {
  const d = store.dialect;
  const fps = `json_extract(raw, '$.cert_chain_fps')`;
  const firstFp = `CASE json_type(${fps}) WHEN 'ARRAY' THEN json_extract_string(${fps}, '$[0]') WHEN 'VARCHAR' THEN json_extract_string(${fps}, '$') END`;
  const zeek = (service: string) => `format = 'zeek' AND service = ${d.str(service)}`;
  const parts = [
    `SELECT dst_ip AS address, 'certificate' AS kind, lower(replace(${firstFp}, ':', '')) AS key, ts, id FROM events WHERE ${zeek('ssl')}`,
    `SELECT dst_ip, 'certificate', lower(replace(${raw(d, 'tls', 'fingerprint')}, ':', '')), ts, id FROM events WHERE format = 'suricata' AND service = 'tls'`,
    `SELECT dst_ip, 'certificate_subject', ${raw(d, 'tls', 'subject')} || ' / issuer ' || ${raw(d, 'tls', 'issuerdn')}, ts, id FROM events WHERE format = 'suricata' AND service = 'tls'`,
    `SELECT dst_ip, 'ja3', ${raw(d, 'ja3')}, ts, id FROM events WHERE ${zeek('ssl')}`,
    `SELECT dst_ip, 'ja3s', ${raw(d, 'ja3s')}, ts, id FROM events WHERE ${zeek('ssl')}`,
    `SELECT dst_ip, 'ja4', ${raw(d, 'ja4')}, ts, id FROM events WHERE ${zeek('ssl')}`,
    `SELECT dst_ip, 'ja3', ${raw(d, 'tls', 'ja3', 'hash')}, ts, id FROM events WHERE format = 'suricata' AND service = 'tls'`,
    `SELECT dst_ip, 'ja3s', ${raw(d, 'tls', 'ja3s', 'hash')}, ts, id FROM events WHERE format = 'suricata' AND service = 'tls'`,
    `SELECT dst_ip, 'ja4', ${raw(d, 'tls', 'ja4')}, ts, id FROM events WHERE format = 'suricata' AND service = 'tls'`,
    `SELECT dst_ip, 'domain', lower(${raw(d, 'server_name')}), ts, id FROM events WHERE ${zeek('ssl')}`,
    `SELECT dst_ip, 'domain', lower(${raw(d, 'tls', 'sni')}), ts, id FROM events WHERE format = 'suricata' AND service = 'tls'`,
    `SELECT dst_ip, 'domain', lower(${raw(d, 'DestinationHostname')}), ts, id FROM events WHERE product = 'windows' AND service = 'sysmon' AND event_id = 3`,
    `SELECT dst_ip, 'ssh_host_key', ${raw(d, 'host_key')}, ts, id FROM events WHERE ${zeek('ssh')}`,
    `SELECT dst_ip, 'hassh_server', ${raw(d, 'hasshServer')}, ts, id FROM events WHERE ${zeek('ssh')}`,
    `SELECT answer, 'domain', lower(query), ts, id FROM (
       SELECT ts, id, json_extract_string(raw, '$.query') AS query, unnest(from_json(json_extract(raw, '$.answers'), '["VARCHAR"]')) AS answer
       FROM events WHERE ${zeek('dns')} AND json_type(json_extract(raw, '$.answers')) = 'ARRAY')`,
  ];
  return `SELECT * FROM (${parts.join('\nUNION ALL\n')}) o WHERE key IS NOT NULL AND key NOT IN ('', '-') AND ${isExternalSql(d, 'address')}`;
}

/**
 * The part that reads only `events`: external addresses and their enrichment. Run before the trace's transaction:
 * DuckDB plans the ASOF join of the enrichment as a nested loop inside a transaction that has written large
 * tables (statistics of uncommitted data), which turns a second into hours.
 */
export async function prepareInfrastructure(store: CaseStore): Promise<void> {
  const d = store.dialect;
  // NTP sources that chrony and ntpd name (JSON read once, here; joins below must never parse per comparison).
  await store.exec(`CREATE TEMP TABLE tr_time_sources AS SELECT * FROM (
      SELECT ${raw(d, 'source')} AS address, ts, id FROM events WHERE format IN ('syslog', 'chrony', 'ntpd') AND ${raw(d, 'time_event')} IS NOT NULL)
    WHERE ${isExternalSql(d, 'address')}`);
  // Every external address, with the events that name it (typed columns, and the NTP sources chrony and sudo name).
  await store.exec(`CREATE TEMP TABLE tr_ext AS
    SELECT address, min(ts) AS first_ts, max(ts) AS last_ts, count(*) AS event_count, min(id) AS first_id, max(id) AS last_id FROM (
      SELECT src_ip AS address, ts, id FROM events WHERE ${isExternalSql(d, 'src_ip')}
      UNION ALL SELECT dst_ip, ts, id FROM events WHERE ${isExternalSql(d, 'dst_ip')} AND dst_ip IS DISTINCT FROM src_ip
      UNION ALL SELECT address, ts, id FROM tr_time_sources
    ) GROUP BY address`);
  await store.exec(STAGED_SQL.infra);
  await enrichInEngine(store, 'tr_ext', 'tr_infra_lookup');
}

export async function buildInfrastructure(store: CaseStore): Promise<void> {
  const d = store.dialect;
  await store.exec(`CREATE TEMP TABLE tr_obs AS ${observationsSql(store)}`);
  // Roles in the intrusion, each from a table that already carries its evidence.
  await store.exec(`CREATE TEMP TABLE tr_roles AS
    SELECT from_addr AS address, 'entry' AS role FROM trace_entry
    UNION SELECT dst, 'c2_beacon' FROM trace_beacons WHERE verdict = 'beacon'
    UNION SELECT dst, 'exfiltration' FROM trace_exfil WHERE flagged
    UNION SELECT from_addr, 'operator_source' FROM trace_sessions WHERE intrusion AND class = 'human' AND from_addr IS NOT NULL
    UNION SELECT m.a, 'named_in_intruder_command' FROM (
      SELECT unnest(regexp_extract_all(c, '\\b(\\d{1,3}(?:\\.\\d{1,3}){3})\\b', 1)) AS a FROM (SELECT unnest(commands) AS c FROM trace_sessions WHERE intrusion)) m`);
  await store.exec(`CREATE TABLE trace_infrastructure AS
    WITH roles AS (SELECT address, list(DISTINCT role ORDER BY role) AS roles FROM tr_roles GROUP BY address),
    names AS (SELECT address, list(DISTINCT key ORDER BY key) AS domains FROM tr_obs WHERE kind = 'domain' GROUP BY address)
    SELECT x.address, l.asn, l.org, l.country AS registration_country, l.hosting, l.anonymiser, l.dataset, l.dataset_date,
      coalesce(roles.roles, []) AS roles, roles.roles IS NOT NULL AS intrusion, coalesce(names.domains, []) AS domains,
      x.first_ts, x.last_ts, x.event_count,
      -- Every event for an address with a role; the first and last (by id) for the others, which are context, not claims.
      CASE WHEN roles.roles IS NOT NULL THEN full_ids.event_ids ELSE list_distinct([x.first_id, x.last_id]) END AS event_ids,
      roles.roles IS NOT NULL AS event_ids_complete
    FROM tr_ext x LEFT JOIN tr_infra_lookup l USING (address) LEFT JOIN roles USING (address) LEFT JOIN names USING (address)
    LEFT JOIN (
      SELECT address, list_sort(list(DISTINCT id)) AS event_ids FROM (
        SELECT r.address, e.id FROM (SELECT DISTINCT address FROM tr_roles) r JOIN events e ON e.src_ip = r.address
        UNION ALL
        SELECT r.address, e.id FROM (SELECT DISTINCT address FROM tr_roles) r JOIN events e ON e.dst_ip = r.address
        UNION ALL
        SELECT r.address, t.id FROM (SELECT DISTINCT address FROM tr_roles) r JOIN tr_time_sources t ON t.address = r.address)
      GROUP BY address
    ) full_ids USING (address)
    ORDER BY intrusion DESC, x.address`);
  // Clusters: one row per shared key with at least two addresses, or any key an intrusion address shows; providers
  // (ASN) only where an intrusion address sits, since every provider of a busy network would otherwise be a cluster.
  await store.exec(`CREATE TABLE trace_infra_clusters AS
    WITH obs AS (
      SELECT kind, key, address, ts, id FROM tr_obs
      UNION ALL
      SELECT 'asn', 'AS' || i.asn || ' ' || coalesce(i.org, ''), x.address, x.first_ts, x.first_id FROM trace_infrastructure i JOIN tr_ext x USING (address) WHERE i.asn IS NOT NULL AND i.asn IN (SELECT asn FROM trace_infrastructure WHERE intrusion)
      UNION ALL
      SELECT 'asn', 'AS' || i.asn || ' ' || coalesce(i.org, ''), x.address, x.last_ts, x.last_id FROM trace_infrastructure i JOIN tr_ext x USING (address) WHERE i.asn IS NOT NULL AND i.asn IN (SELECT asn FROM trace_infrastructure WHERE intrusion)
    ),
    c AS (
      SELECT kind, key, list(DISTINCT address ORDER BY address) AS addresses, min(ts) AS first_ts, max(ts) AS last_ts,
        list_sort(list(id) FILTER (WHERE id IS NOT NULL)) AS event_ids
      FROM obs GROUP BY kind, key
    ),
    ia AS (
      SELECT u.kind, u.key, list(DISTINCT u.a ORDER BY u.a) AS intrusion_addresses
      FROM (SELECT kind, key, unnest(addresses) AS a FROM c) u JOIN trace_infrastructure i ON i.address = u.a AND i.intrusion GROUP BY u.kind, u.key
    )
    SELECT md5(c.kind || '|' || c.key) AS id, c.kind, c.key, c.addresses, len(c.addresses) AS address_count,
      coalesce(ia.intrusion_addresses, []) AS intrusion_addresses, c.first_ts, c.last_ts, coalesce(c.event_ids, []) AS event_ids
    FROM c LEFT JOIN ia USING (kind, key)
    WHERE len(c.addresses) >= 2 OR ia.intrusion_addresses IS NOT NULL
    ORDER BY len(coalesce(ia.intrusion_addresses, [])) DESC, address_count DESC, c.kind, c.key`);
}
