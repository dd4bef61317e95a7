import type { CaseStore } from '../../store/index.js';
import type { SampleReport } from '../sample/types.js';
import type { FamilyLink } from './write.js';

/** Which of these SHA-256s are samples of the case already (one query, whatever the count). */
export async function knownSamples(store: CaseStore, sha256s: readonly string[]): Promise<Set<string>> {
  if (sha256s.length === 0) return new Set();
  const list = [...new Set(sha256s)].map((s) => store.dialect.str(s)).join(', ');
  const rows = await store.query<{ sha256: string }>(`SELECT sha256 FROM samples WHERE sha256 IN (${list})`);
  return new Set(rows.map((r) => r.sha256));
}

/** What clustering needs of every sample, straight from the columns (no report JSON parsed). */
export async function loadClusterKeys(store: CaseStore): Promise<{ sha256: string; tlsh: string | null; imphash: string | null; richHash: string | null }[]> {
  const rows = await store.query<{ sha256: string; tlsh: string | null; imphash: string | null; rich_hash: string | null }>(
    'SELECT sha256, tlsh, imphash, rich_hash FROM samples ORDER BY sha256',
  );
  return rows.map((r) => ({ sha256: r.sha256, tlsh: r.tlsh, imphash: r.imphash, richHash: r.rich_hash }));
}

/** The stored report of a sample by SHA-256 (a unique prefix of at least 8 hex digits is enough). */
export async function loadReport(store: CaseStore, sha256: string): Promise<SampleReport | undefined> {
  const prefix = sha256.toLowerCase();
  const rows = await store.query<{ report: string }>(
    `SELECT CAST(report AS VARCHAR) AS report FROM samples WHERE starts_with(sha256, ${store.dialect.str(prefix)}) ORDER BY sha256 LIMIT 2`,
  );
  if (rows.length !== 1) return undefined;
  return JSON.parse(rows[0]!.report) as SampleReport;
}

/** Every stored report, by SHA-256. */
export async function loadReports(store: CaseStore): Promise<SampleReport[]> {
  const rows = await store.query<{ report: string }>(`SELECT CAST(report AS VARCHAR) AS report FROM samples ORDER BY sha256`);
  return rows.map((r) => JSON.parse(r.report) as SampleReport);
}

/** A family as stored: its members and the links that hold it together (families of one sample have no links). */
export interface StoredFamily {
  id: string;
  members: string[];
  links: StoredFamilyLink[];
}

export interface StoredFamilyLink {
  sample: string;
  link: Exclude<FamilyLink['link'], 'member'>;
  linkedTo: string | null;
  tlshDistance: number | null;
  value: string | null;
}

/** Every family of the case, largest first, then by id. */
export async function loadFamilies(store: CaseStore): Promise<StoredFamily[]> {
  const rows = await store.query<{ family: string; sample: string; link: FamilyLink['link']; linked_to: string | null; tlsh_distance: number | null; value: string | null }>(
    `SELECT family, sample, link, linked_to, tlsh_distance, value FROM sample_families ORDER BY family, link, sample, linked_to NULLS FIRST`,
  );
  const byId = new Map<string, StoredFamily>();
  for (const r of rows) {
    const f = byId.get(r.family) ?? { id: r.family, members: [], links: [] };
    byId.set(r.family, f);
    if (r.link === 'member') f.members.push(r.sample);
    else f.links.push({ sample: r.sample, link: r.link as StoredFamilyLink['link'], linkedTo: r.linked_to, tlshDistance: r.tlsh_distance, value: r.value });
  }
  return [...byId.values()].sort((a, b) => b.members.length - a.members.length || (a.id < b.id ? -1 : 1));
}
