import type { CaseStore } from '../../store/index.js';
import type { SampleReport } from '../sample/types.js';
import type { FamilyLink } from './write.js';

export async function hasSample(store: CaseStore, sha256: string): Promise<boolean> {
  return (await store.query(`SELECT 1 FROM samples WHERE sha256 = ${store.dialect.str(sha256)}`)).length > 0;
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

export async function loadFamilies(store: CaseStore): Promise<FamilyLink[]> {
  const rows = await store.query<{ family: string; sample: string; linked_to: string | null; tlsh_distance: number | null; link: string | null }>(
    `SELECT family, sample, linked_to, tlsh_distance, link FROM sample_families ORDER BY family, sample`,
  );
  return rows.map((r) => ({ family: r.family, sample: r.sample, linkedTo: r.linked_to, tlshDistance: r.tlsh_distance, link: r.link }));
}
