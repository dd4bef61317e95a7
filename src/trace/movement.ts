/**
 * Lateral movement and entry. Movement edges are successful remote logons (SSH, RDP, Windows network logons, remote
 * service installs) whose source address is a known internal host. The entry is the earliest successful logon from an
 * external address, with the failures from that address before it; the chain is every host reachable from the entry
 * host through movement edges that happen after their source host was reached.
 */
import type { CaseStore } from '../store/index.js';

export interface MovementEdge {
  id: string;
  srcHost: string;
  dstHost: string;
  user: string | null;
  kind: string;
  firstUs: number;
  lastUs: number;
  count: number;
}

export interface EntryCandidate {
  host: string;
  user: string | null;
  fromAddr: string;
  firstUs: number;
  failuresBefore: number;
}

const REMOTE_KINDS = `('ssh', 'rdp', 'network', 'service')`;

export async function buildMovement(store: CaseStore): Promise<void> {
  await store.exec(`CREATE TABLE trace_movement AS
    SELECT md5(concat_ws('|', src_host, host, coalesce(user_name, ''), kind)) AS id, src_host, host AS dst_host, user_name, kind,
      min(ts) AS first_ts, max(ts) AS last_ts, count(*) AS count, list(id ORDER BY ts, id) AS event_ids,
      false AS on_chain, NULL::INTEGER AS hop
    FROM trace_logons
    WHERE outcome = 'success' AND kind IN ${REMOTE_KINDS} AND src_host IS NOT NULL AND src_host <> host
    GROUP BY src_host, host, user_name, kind ORDER BY first_ts, id`);
  // Entry candidates: per (host, account, external address), the first success and the failures from the same address
  // to the same host in the day before it (password guessing or a stale list of stolen credentials).
  await store.exec(`CREATE TABLE trace_entry AS
    WITH ok AS (
      SELECT host, user_name, src_addr, min(ts) AS first_ts, count(*) AS successes, list(id ORDER BY ts, id) AS ids
      FROM trace_logons WHERE outcome = 'success' AND src_external AND kind IN ${REMOTE_KINDS}
      GROUP BY host, user_name, src_addr
    ),
    fails AS (
      SELECT ok.host, ok.user_name, ok.src_addr, count(f.id) AS failures, list(f.id ORDER BY f.ts, f.id) FILTER (WHERE f.id IS NOT NULL) AS ids
      FROM ok LEFT JOIN trace_logons f ON f.outcome = 'failure' AND f.host = ok.host AND f.src_addr = ok.src_addr
        AND f.ts <= ok.first_ts AND f.ts >= ok.first_ts - INTERVAL 1 DAY
      GROUP BY ok.host, ok.user_name, ok.src_addr
    )
    SELECT md5(concat_ws('|', ok.host, coalesce(ok.user_name, ''), ok.src_addr)) AS id, ok.host, ok.user_name, ok.src_addr AS from_addr,
      ok.first_ts, ok.successes, fails.failures AS failures_before,
      CASE WHEN fails.failures > 0 THEN 'valid account over external remote service after ' || fails.failures || ' failed attempts'
           ELSE 'valid account over external remote service' END AS vector,
      ['T1133', 'T1078'] || CASE WHEN fails.failures > 0 THEN ['T1110'] ELSE [] END AS techniques,
      list_concat(coalesce(fails.ids, []), ok.ids) AS event_ids,
      row_number() OVER (ORDER BY ok.first_ts, ok.host, ok.src_addr) AS rank
    FROM ok JOIN fails USING (host, user_name, src_addr) ORDER BY rank`);
}

/** Hosts reached from `entryHost` (arrival time in µs) and the edges on that chain, in order of arrival. */
export function chainFrom(entryHost: string, entryUs: number, edges: readonly MovementEdge[]): { reached: Map<string, number>; onChain: Map<string, number> } {
  const reached = new Map<string, number>([[entryHost, entryUs]]);
  const onChain = new Map<string, number>();
  const hop = new Map<string, number>([[entryHost, 0]]);
  // Relax until nothing changes: an edge counts from the first time its source was reached (edges are few).
  for (let changed = true; changed;) {
    changed = false;
    for (const e of [...edges].sort((a, b) => a.firstUs - b.firstUs || a.id.localeCompare(b.id))) {
      const at = reached.get(e.srcHost);
      if (at === undefined || e.lastUs < at) continue;
      const arrival = Math.max(e.firstUs, at);
      if (!onChain.has(e.id)) { onChain.set(e.id, (hop.get(e.srcHost) ?? 0) + 1); changed = true; }
      const prev = reached.get(e.dstHost);
      if (prev === undefined || arrival < prev) {
        reached.set(e.dstHost, arrival);
        hop.set(e.dstHost, (hop.get(e.srcHost) ?? 0) + 1);
        changed = true;
      }
    }
  }
  return { reached, onChain };
}

export async function markChain(store: CaseStore): Promise<{ entry: EntryCandidate | null; path: { host: string; reachedUs: number }[] }> {
  const [first] = await store.query<{ host: string; user_name: string | null; from_addr: string; us: number; failures_before: number }>(
    `SELECT host, user_name, from_addr, epoch_ns(first_ts) // 1000 AS us, failures_before FROM trace_entry ORDER BY rank LIMIT 1`);
  if (!first) return { entry: null, path: [] };
  const edges = (await store.query<{ id: string; src_host: string; dst_host: string; user_name: string | null; kind: string; f: number; l: number; count: number }>(
    `SELECT id, src_host, dst_host, user_name, kind, epoch_ns(first_ts) // 1000 AS f, epoch_ns(last_ts) // 1000 AS l, count FROM trace_movement`,
  )).map((r) => ({ id: r.id, srcHost: r.src_host, dstHost: r.dst_host, user: r.user_name, kind: r.kind, firstUs: r.f, lastUs: r.l, count: r.count }));
  const { reached, onChain } = chainFrom(first.host, first.us, edges);
  for (const [id, hop] of onChain) await store.exec(`UPDATE trace_movement SET on_chain = true, hop = ${hop} WHERE id = ${store.dialect.str(id)}`);
  const path = [...reached].map(([host, reachedUs]) => ({ host, reachedUs })).sort((a, b) => a.reachedUs - b.reachedUs || a.host.localeCompare(b.host));
  return {
    entry: { host: first.host, user: first.user_name, fromAddr: first.from_addr, firstUs: first.us, failuresBefore: first.failures_before },
    path,
  };
}
