/**
 * The timeline: findings and the key events around them (logons that cross a host boundary or come from outside,
 * process creation of images with an ATT&CK meaning, first contact with each external address that plays a role in the
 * intrusion, beacons,
 * exfiltration, time-service changes, service installs, operator sessions), per host and overall, each with its
 * tactics and the events behind it.
 */
import type { CaseStore } from '../store/index.js';
import { LOGON_TACTICS, imageTacticsValues } from './attack.js';
import { hostKeySql, raw } from './sql.js';

async function hasFindings(store: CaseStore): Promise<boolean> {
  const r = await store.query(`SELECT 1 FROM duckdb_tables() WHERE table_name IN ('findings', 'finding_events') AND NOT temporary`);
  return r.length === 2;
}

export async function buildTimeline(store: CaseStore): Promise<{ findings: boolean }> {
  const d = store.dialect;
  const lt = LOGON_TACTICS;
  const arr = (x: string | null) => (x === null ? '[]::VARCHAR[]' : `[${d.str(x)}]`);
  const baseName = `regexp_replace(lower(regexp_extract(image, '[^\\\\/]+$')), '\\.exe$', '')`;
  const findings = await hasFindings(store);
  const parts: string[] = [];
  if (findings) {
    parts.push(`SELECT f.first_ts AS ts, (SELECT min(${hostKeySql('e.host')}) FROM finding_events fe JOIN events e ON e.id = fe.event_id WHERE fe.finding_id = f.id) AS host,
      'finding' AS kind,
      list_transform(list_filter(from_json(f.tags, '["VARCHAR"]'), t -> regexp_matches(lower(t), '^attack\\.[a-z_-]+$') AND NOT regexp_matches(lower(t), '^attack\\.[tgs][0-9]')),
        t -> replace(lower(substr(t, 8)), '_', '-')) AS tactics,
      from_json(f.techniques, '["VARCHAR"]') AS techniques, f.level || ': ' || f.title AS summary, 'finding' AS source, f.id AS ref,
      (SELECT list(fe.event_id ORDER BY fe.event_id) FROM finding_events fe WHERE fe.finding_id = f.id) AS event_ids
      FROM findings f`);
  }
  for (const [key, m] of Object.entries(lt)) {
    const cond = key === 'external_success' ? `src_external AND outcome = 'success'`
      : key === 'external_failure' ? `src_external AND outcome = 'failure'`
      : `NOT coalesce(src_external, false) AND outcome = 'success' AND kind = ${d.str(key)} AND src_host IS NOT NULL AND src_host <> host`;
    parts.push(`SELECT ts, host, 'logon' AS kind, ${arr(m.tactic)}, ${arr(m.technique)},
      ${d.str(m.label)} || ': ' || coalesce(user_name, '?') || ' → ' || host || ' from ' || coalesce(src_host || ' (' || src_addr || ')', src_addr, '?') || ' [' || kind || ']',
      'event', id, [id] FROM trace_logons WHERE ${cond}`);
  }
  parts.push(`SELECT e.ts, ${hostKeySql('e.host')}, 'process', [m.tactic], CASE WHEN m.technique IS NULL THEN [] ELSE [m.technique] END,
      m.label || ': ' || coalesce(e.command_line, e.image), 'event', e.id, [e.id]
    FROM (SELECT *, ${baseName} AS base FROM events WHERE image IS NOT NULL AND ((product = 'windows' AND ((service = 'sysmon' AND event_id = 1) OR event_id = 4688))
      OR (format = 'syslog' AND service = 'sudo'))) e
    JOIN (VALUES ${imageTacticsValues(d.str)}) m(base, tactic, technique, label) ON m.base = e.base`);
  parts.push(`SELECT c.first_ts, coalesce(h.host, c.src), 'first_contact', ['command-and-control'], [],
      'first connection ' || c.src || ' → ' || c.dst || ':' || coalesce(CAST(c.dst_port AS VARCHAR), '?') || coalesce(' (' || i.org || ')', ''), 'analysis',
      md5(c.src || '|' || c.dst || '|' || coalesce(CAST(c.dst_port AS VARCHAR), '')), [c.first_id]
    FROM (SELECT src, dst, dst_port, min(ts) AS first_ts, arg_min(id, us) AS first_id FROM tr_conn WHERE dst_external GROUP BY src, dst, dst_port) c
    LEFT JOIN trace_host_addresses h ON h.address = c.src JOIN trace_infrastructure i ON i.address = c.dst AND i.intrusion`);
  parts.push(`SELECT b.first_ts, coalesce(h.host, b.src), 'beacon', ['command-and-control'], ['T1071', 'T1573'],
      'beacon ' || b.src || ' → ' || b.dst || ':' || coalesce(CAST(b.dst_port AS VARCHAR), '?') || ' every ' || round(b.period_s) || ' s ±' || round(100 * b.jitter) || '% (' || b.conn_count || ' connections, score ' || round(b.score, 2) || ')',
      'analysis', b.id, b.event_ids FROM trace_beacons b LEFT JOIN trace_host_addresses h ON h.address = b.src WHERE b.verdict = 'beacon'`);
  parts.push(`SELECT x.first_ts, coalesce(h.host, x.src), 'exfiltration', ['exfiltration'], ['T1041'],
      'exfiltration ' || x.src || ' → ' || x.dst || ': ' || x.bytes || ' bytes (robust z ' || round(x.robust_z, 1) || ')', 'analysis', x.id, x.event_ids
    FROM trace_exfil x LEFT JOIN trace_host_addresses h ON h.address = x.src WHERE x.flagged`);
  parts.push(`SELECT ts, ${hostKeySql(`coalesce(host, ${raw(d, 'node')})`)}, 'time_service', ['impact'], [],
      'time service: ' || coalesce(${raw(d, 'message')}, ${raw(d, 'proctitle')}, ${raw(d, 'comm')}, 'time change'), 'event', id, [id]
    FROM events WHERE (${raw(d, 'time_event')} IS NOT NULL AND ${raw(d, 'time_event')} <> 'sync')
      OR (format = 'syslog' AND service = 'chronyd' AND ${raw(d, 'message')} LIKE 'Added source%')
      OR (format = 'auditd' AND ${raw(d, 'key')} = 'time-change' AND coalesce(image, '') NOT SIMILAR TO '.*/(chronyd|ntpd|systemd-timesyncd)')
      OR (product = 'windows' AND event_id = 4616)`);
  parts.push(`SELECT ts, ${hostKeySql('host')}, 'service_install', ['persistence'], ['T1543.003'],
      'service installed: ' || coalesce(${raw(d, 'ServiceName')}, '?') || ' ' || coalesce(${raw(d, 'ImagePath')}, ${raw(d, 'ServiceFileName')}, ''), 'event', id, [id]
    FROM events WHERE product = 'windows' AND event_id IN (7045, 4697)`);
  parts.push(`SELECT start_ts, host, 'operator_session', [], [], 'hands-on-keyboard session of ' || coalesce(user_name, '?') || ' on ' || host ||
      coalesce(' from ' || from_addr, '') || ' until ' || CAST(end_ts AS VARCHAR), 'analysis', id, event_ids
    FROM trace_sessions WHERE intrusion AND class = 'human'`);
  await store.exec(`CREATE TABLE trace_timeline AS
    SELECT md5(kind || '|' || ref) AS id, ts, host, kind, list_sort(list_distinct(tactics)) AS tactics, techniques, summary, source, ref, event_ids
    FROM (${parts.join('\nUNION ALL\n')}) t(ts, host, kind, tactics, techniques, summary, source, ref, event_ids)
    WHERE ts IS NOT NULL ORDER BY ts, kind, id`);
  return { findings };
}
