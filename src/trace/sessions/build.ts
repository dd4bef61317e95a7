/**
 * Sessions: SSH sessions from the accepted login to the close of the same sshd process; other activity (Windows
 * interactive logons, process creation, sudo, audited syscalls) grouped per host and account, a new session at each
 * interactive logon or after a 30-minute gap. Each is classified by `classifySession` and marked `intrusion` when it
 * comes from an external address or from a host while an intrusion session was open there.
 */
import type { CaseStore } from '../../store/index.js';
import { STAGED_SQL } from '../schema.js';
import { hostKeySql, isExternalSql, raw, userKeySql } from '../sql.js';
import { classifySession } from './classify.js';

const GAP_S = 1800;

export async function buildSessions(store: CaseStore): Promise<void> {
  const d = store.dialect;
  const action = raw(d, 'action');
  // sshd and sudo lines with their native fields read once (the joins below compare columns, never parse JSON).
  await store.exec(`CREATE TEMP TABLE tr_sshd AS SELECT id, ts, ${hostKeySql('host')} AS host, ${raw(d, 'pid')} AS pid, ${action} AS action
    FROM events WHERE format = 'syslog' AND service = 'sshd' AND ts IS NOT NULL`);
  await store.exec(`CREATE TEMP TABLE tr_sudo AS SELECT id, ts, ${hostKeySql('host')} AS host, ${userKeySql('user_name')} AS user_name, ${raw(d, 'COMMAND')} AS command
    FROM events WHERE format = 'syslog' AND service = 'sudo' AND ${action} = 'command' AND ts IS NOT NULL`);
  await store.exec(`CREATE TEMP TABLE tr_ssh_session AS
    SELECT l.id AS logon_id, l.ts AS start_ts, l.host, l.user_name, l.src_addr, l.pid, min(e.ts) AS end_ts
    FROM trace_logons l LEFT JOIN tr_sshd e ON e.host = l.host AND e.pid = l.pid AND e.ts > l.ts AND e.ts <= l.ts + INTERVAL 2 DAY
      AND e.action IN ('disconnected', 'connection_closed', 'received_disconnect', 'session_closed')
    WHERE l.kind = 'ssh' AND l.outcome = 'success'
    GROUP BY l.id, l.ts, l.host, l.user_name, l.src_addr, l.pid`);
  await store.exec(`CREATE TEMP TABLE tr_act AS
    SELECT id, ts, ${hostKeySql('host')} AS host, ${userKeySql(raw(d, 'TargetUserName'))} AS user_name, nullif(nullif(src_ip, '-'), '') AS from_addr,
      CASE TRY_CAST(${raw(d, 'LogonType')} AS INTEGER) WHEN 10 THEN 'rdp' WHEN 2 THEN 'console' WHEN 11 THEN 'cached' END AS logon_kind, NULL AS command
    FROM events WHERE product = 'windows' AND event_id = 4624 AND TRY_CAST(${raw(d, 'LogonType')} AS INTEGER) IN (2, 10, 11) AND ts IS NOT NULL
    UNION ALL
    SELECT id, ts, ${hostKeySql('host')}, ${userKeySql('user_name')}, NULL, NULL, coalesce(command_line, image)
    FROM events WHERE product = 'windows' AND ((service = 'sysmon' AND event_id = 1) OR event_id = 4688) AND ts IS NOT NULL
    UNION ALL
    SELECT id, ts, host, user_name, NULL, NULL, command FROM tr_sudo
    UNION ALL
    SELECT id, ts, ${hostKeySql(`coalesce(host, ${raw(d, 'node')})`)}, 'uid:' || coalesce(nullif(${raw(d, 'auid')}, '4294967295'), ${raw(d, 'uid')}), NULL, NULL,
      coalesce(${raw(d, 'proctitle')}, image)
    FROM events WHERE format = 'auditd' AND ts IS NOT NULL AND image IS NOT NULL`);
  await store.exec(`CREATE TEMP TABLE tr_session_raw AS
    WITH marked AS (
      SELECT *, CASE WHEN logon_kind IS NOT NULL OR lag(ts) OVER w IS NULL OR ts - lag(ts) OVER w > INTERVAL ${GAP_S} SECOND THEN 1 ELSE 0 END AS new_session
      FROM tr_act WINDOW w AS (PARTITION BY host, user_name ORDER BY ts, id)
    ),
    grouped AS (SELECT *, sum(new_session) OVER (PARTITION BY host, user_name ORDER BY ts, id ROWS UNBOUNDED PRECEDING) AS g FROM marked)
    SELECT md5(concat_ws('|', 'act', host, coalesce(user_name, ''), CAST(start_ts AS VARCHAR))) AS id, host, user_name, from_addr, logon_kind, start_ts, end_ts,
      list_transform(x, v -> v.u) AS us, list_filter(list_transform(x, v -> v.c), c -> c IS NOT NULL) AS commands, list_transform(x, v -> v.i) AS event_ids
    FROM (
      -- Sorting each session's list of (time, command, id) is far cheaper than ordered aggregates over all rows.
      SELECT host, user_name, min({'t': ts, 'a': from_addr}).a AS from_addr, min({'t': ts, 'k': logon_kind}).k AS logon_kind, min(ts) AS start_ts, max(ts) AS end_ts,
        list_sort(list({'u': epoch_ns(ts) // 1000, 'i': id, 'c': command})) AS x
      FROM grouped GROUP BY host, user_name, g)
    UNION ALL
    SELECT md5(concat_ws('|', 'ssh', s.logon_id)), s.host, s.user_name, s.src_addr, 'ssh', s.start_ts, coalesce(s.end_ts, s.start_ts),
      [epoch_ns(s.start_ts) // 1000] || CASE WHEN s.end_ts IS NULL THEN [] ELSE [epoch_ns(s.end_ts) // 1000] END,
      (SELECT list(e.command ORDER BY e.ts) FROM tr_sudo e WHERE e.host = s.host AND e.user_name = s.user_name AND e.ts BETWEEN s.start_ts AND coalesce(s.end_ts, s.start_ts)),
      (SELECT list(e.id ORDER BY e.ts, e.id) FROM tr_sshd e WHERE e.host = s.host AND e.pid = s.pid AND e.ts BETWEEN s.start_ts AND coalesce(s.end_ts, s.start_ts))
    FROM tr_ssh_session s`);
  await classifyAll(store);
}

type RawSession = { id: string; host: string; user_name: string | null; from_addr: string | null; logon_kind: string | null; s: number; e: number; us: number[]; commands: (string | null)[] | null; on_chain: boolean };

async function classifyAll(store: CaseStore): Promise<void> {
  const d = store.dialect;
  // Sessions that begin with a logon on the movement chain (see markChain) are the intruder's wherever they come from.
  const rows = await store.query<RawSession>(`WITH chain AS (SELECT DISTINCT unnest(event_ids) AS id FROM trace_movement WHERE on_chain)
    SELECT r.id, r.host, r.user_name, r.from_addr, r.logon_kind, epoch_ns(r.start_ts) // 1000 AS s, epoch_ns(r.end_ts) // 1000 AS e, r.us, r.commands,
      EXISTS (SELECT 1 FROM chain WHERE chain.id = r.event_ids[1]) AS on_chain
    FROM tr_session_raw r ORDER BY r.start_ts, r.id`);
  const siblings = new Map<string, number[]>();
  for (const r of rows) {
    const k = `${r.host}|${r.user_name}|${r.from_addr}|${r.logon_kind}`;
    siblings.set(k, [...(siblings.get(k) ?? []), r.s]);
  }
  const hostAddr = new Map((await store.query<{ address: string; host: string }>(`SELECT address, host FROM trace_host_addresses`)).map((r) => [r.address, r.host]));
  const external = new Set((await store.query<{ a: string }>(`SELECT DISTINCT from_addr AS a FROM tr_session_raw WHERE ${isExternalSql(d, 'from_addr')}`)).map((r) => r.a));
  const out: unknown[][] = [];
  const intrusion = new Set<string>();
  for (const r of rows) if ((r.from_addr !== null && external.has(r.from_addr) && r.logon_kind !== null) || r.on_chain) intrusion.add(r.id);
  // Propagate along time: a session on host H from an address of host G is the intruder's when an intrusion session
  // was open on G when it began; activity on a host under an account the intruder holds there, inside its session, too.
  const onHost = new Map<string, RawSession[]>();
  const mark = (r: RawSession) => { intrusion.add(r.id); onHost.set(r.host, [...(onHost.get(r.host) ?? []), r]); };
  for (const r of rows) if (intrusion.has(r.id)) mark(r);
  const open = (o: RawSession, at: number) => o.s - 300e6 <= at && at <= o.e + 300e6;
  for (let changed = true; changed;) {
    changed = false;
    for (const r of rows) {
      if (intrusion.has(r.id)) continue;
      const fromHost = r.from_addr !== null ? hostAddr.get(r.from_addr) : undefined;
      const hit = (fromHost !== undefined && (onHost.get(fromHost) ?? []).some((o) => open(o, r.s))) ||
        (r.logon_kind === null && (onHost.get(r.host) ?? []).some((o) => o.user_name === r.user_name && open(o, r.s)));
      if (hit) { mark(r); changed = true; }
    }
  }
  for (const r of rows) {
    const gaps = r.us.slice(1).map((u, i) => (u - r.us[i]!) / 1e6);
    const starts = siblings.get(`${r.host}|${r.user_name}|${r.from_addr}|${r.logon_kind}`) ?? [];
    const c = classifySession({
      logonKind: r.logon_kind, user: r.user_name, gapsS: gaps, commands: (r.commands ?? []).filter((x): x is string => x !== null),
      siblingStartGapsS: r.logon_kind === null ? [] : starts.slice(1).map((u, i) => (u - starts[i]!) / 1e6),
    });
    out.push([r.id, c.class, c.reason, intrusion.has(r.id)]);
  }
  await store.exec(STAGED_SQL.sessionClass);
  await store.append('tr_session_class', ['id', 'class', 'reason', 'intrusion'], out);
  await store.exec(`CREATE TABLE trace_sessions AS
    SELECT r.id, r.host, r.user_name, r.from_addr, r.logon_kind, r.start_ts, r.end_ts, c.class, c.reason, c.intrusion,
      len(r.event_ids) AS event_count, coalesce(r.commands, []) AS commands, r.event_ids
    FROM tr_session_raw r JOIN tr_session_class c USING (id) ORDER BY r.start_ts, r.id`);
}
