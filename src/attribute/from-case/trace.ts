import type { CaseStore } from '../../store/index.js';
import { makeEvidence, type EvidenceItem } from '../evidence.js';

/** At most this many event ids are quoted per item; every id stays in the case tables the item names. */
const IDS_QUOTED = 20;

async function hasTable(store: CaseStore, name: string): Promise<boolean> {
  const r = await store.query(`SELECT 1 FROM information_schema.tables WHERE table_name = ${store.dialect.str(name)}`);
  return r.length > 0;
}

const iso = (ts: string) => ts.replace(' ', 'T').replace(/(\.\d{3})\d*$/, '$1') + (ts.includes('.') ? 'Z' : '.000Z');

/**
 * Activity times from the trace stage's human, intrusion-linked operator sessions only: beacons and scheduled tasks
 * run around the clock and say nothing about where the operators sit.
 */
export async function activityEvidence(store: CaseStore): Promise<EvidenceItem[]> {
  if (!(await hasTable(store, 'trace_sessions'))) return [];
  // A session is work from its start to its end: it is sampled every half hour, so a long session weighs more than a
  // short one and the working day is seen whole, not only when the operators logged on.
  const rows = await store.query<{ start: string; first_event: string; at: string[] }>(
    `SELECT CAST(start_ts AS VARCHAR) AS start, event_ids[1] AS first_event,
       [CAST(t AS VARCHAR) FOR t IN generate_series(CAST(start_ts AS TIMESTAMP), CAST(greatest(end_ts, start_ts) AS TIMESTAMP), INTERVAL 30 MINUTE)] AS at
     FROM trace_sessions WHERE intrusion AND class = 'human' AND start_ts IS NOT NULL ORDER BY start_ts, id`,
  );
  if (rows.length === 0) return [];
  return [makeEvidence('activity-time', { timestamps: rows.flatMap((r) => r.at.map(iso)) },
    { events: rows.map((r) => r.first_event).slice(0, IDS_QUOTED) }, 'activity-time:operator-sessions',
    `${rows.length} hands-on-keyboard operator sessions of the intrusion (trace_sessions)`)];
}

/** Every external address the intrusion used (entry, C2, exfiltration, operator source), one item each, one group. */
export async function infrastructureEvidence(store: CaseStore): Promise<EvidenceItem[]> {
  if (!(await hasTable(store, 'trace_infrastructure'))) return [];
  const rows = await store.query<{ address: string; asn: number | null; country: string | null; domains: string[]; first: string | null; last: string | null; ids: string[] }>(
    `SELECT address, asn, registration_country AS country, domains, CAST(first_ts AS VARCHAR) AS first, CAST(last_ts AS VARCHAR) AS last,
       event_ids[1:${IDS_QUOTED}] AS ids
     FROM trace_infrastructure WHERE intrusion ORDER BY address`,
  );
  const items: EvidenceItem[] = rows.map((r) => makeEvidence('infrastructure', {
    ips: [r.address], ...(r.asn !== null ? { asns: [r.asn] } : {}), ...(r.domains.length ? { domains: r.domains } : {}),
    ...(r.country ? { hostingCountry: r.country } : {}),
    ...(r.first ? { firstSeen: iso(r.first) } : {}), ...(r.last ? { lastSeen: iso(r.last) } : {}),
  }, { events: r.ids }, 'infrastructure:intrusion-addresses', `intrusion address ${r.address}${r.asn !== null ? ` (AS${r.asn})` : ''}`));
  // Fingerprints the intrusion's servers presented: JA3/JA4 of the implant, certificates, SSH host keys.
  if (await hasTable(store, 'trace_infra_clusters')) {
    const fp = await store.query<{ kind: string; key: string }>(
      `SELECT DISTINCT c.kind, c.key FROM trace_infra_clusters c
       WHERE c.kind IN ('ja3', 'ja4', 'x509_sha256', 'cert_sha256', 'ssh_host_key') AND list_has_any(c.addresses, (SELECT list(address) FROM trace_infrastructure WHERE intrusion))
       ORDER BY c.kind, c.key`,
    ).catch(() => [] as { kind: string; key: string }[]);
    const pick = (k: string[]) => fp.filter((f) => k.includes(f.kind)).map((f) => f.key);
    const value = { ja3: pick(['ja3']), ja4: pick(['ja4']), certSha256: pick(['x509_sha256', 'cert_sha256']), sshHostKeys: pick(['ssh_host_key']) };
    if (Object.values(value).some((v) => v.length > 0)) {
      items.push(makeEvidence('infrastructure', value, { analyst: 'trace_infra_clusters' }, 'infrastructure:fingerprints', 'TLS and SSH fingerprints of the intrusion servers'));
    }
  }
  return items;
}

/** ATT&CK techniques of the findings: what the intruders did, as the rules tagged it. */
export async function ttpEvidence(store: CaseStore): Promise<EvidenceItem[]> {
  if (!(await hasTable(store, 'findings'))) return [];
  const rows = await store.query<{ t: string; ids: string[] }>(
    `SELECT f.t, list(DISTINCT fe.event_id ORDER BY fe.event_id)[1:${IDS_QUOTED}] AS ids
     FROM (SELECT unnest(from_json(techniques, '["VARCHAR"]')) AS t, id FROM findings) f JOIN finding_events fe ON fe.finding_id = f.id
     GROUP BY f.t ORDER BY f.t`,
  );
  if (rows.length === 0) return [];
  return [makeEvidence('ttp', { techniques: rows.map((r) => r.t) }, { events: [...new Set(rows.flatMap((r) => r.ids))].sort().slice(0, IDS_QUOTED) },
    'ttp:findings', `${rows.length} ATT&CK techniques tagged on the findings`)];
}
