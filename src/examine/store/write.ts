import type { CaseStore } from '../../store/index.js';
import type { SampleReport } from '../sample/types.js';
import {
  CHECKS_COLUMNS, FAMILIES_COLUMNS, SAMPLE_SCHEMA_SQL, SAMPLES_COLUMNS, STRINGS_COLUMNS, YARA_COLUMNS,
} from './schema.js';

/** One row of `sample_families`: a sample's membership of a family, or one link that holds the family together. */
export interface FamilyLink {
  family: string;
  sample: string;
  link: 'member' | 'tlsh' | 'imphash' | 'rich-hash';
  /** The other sample of a TLSH pair. */
  linkedTo: string | null;
  tlshDistance: number | null;
  /** The shared imphash or Rich hash. */
  value: string | null;
}

export async function ensureSampleTables(store: CaseStore): Promise<void> {
  for (const s of SAMPLE_SCHEMA_SQL) await store.exec(s);
}

/** Findings that say something is off; 'info' ones (a user name in a PDB path) are facts, not flags. */
export function flaggedChecks(r: SampleReport): number {
  return r.checks.filter((c) => c.severity !== 'info').length;
}

/**
 * Languages holding at least 5% of the natural-language letters. Short strings give the detector stray answers (a
 * lone 'ro' or 'tl' among English messages); the full list with counts stays in the report.
 */
export function mainLanguages(r: SampleReport): string[] {
  return r.strings.languages.filter((l) => l.share >= 0.05).map((l) => l.language);
}

function samplesRow(r: SampleReport): unknown[] {
  const compile = r.times.compile ? BigInt(Date.parse(r.times.compile)) * 1_000_000n : null;
  const langs = mainLanguages(r).join(',') || null;
  return [
    r.hashes.sha256, r.file, r.size, r.format, r.type, r.hashes.md5, r.hashes.sha1, r.hashes.imphash, r.hashes.richHash,
    r.hashes.tlsh, r.hashes.ssdeep, compile, r.pdbPath ?? null, r.signer ?? null, r.signerCertificate ?? null,
    r.elf?.buildId ?? null, langs, flaggedChecks(r), r.yara === null ? null : r.yara.length, r.now, JSON.stringify(r),
  ];
}

/**
 * Write every artefact of one sample in one transaction, plus its evidence row: all of it lands or none does.
 * Callers write only samples the case does not hold; a failed attempt rolls back whole, so there is nothing of an
 * earlier one to clear first (and the primary key on `samples` refuses a second copy).
 */
export async function writeSample(store: CaseStore, r: SampleReport): Promise<void> {
  const sha = r.hashes.sha256;
  const q = store.dialect.str;
  await store.transaction(async () => {
    await store.append('samples', SAMPLES_COLUMNS, [samplesRow(r)]);
    await store.append('sample_strings', STRINGS_COLUMNS, r.strings.interesting.map((s, i) => [
      sha, i, s.offset, s.section ?? null, s.encoding, s.script ?? null, s.language ?? null, s.kind ?? null, s.value,
    ]));
    await store.append('sample_checks', CHECKS_COLUMNS, r.checks.map((c, i) => [sha, i, c.check, c.severity, c.reason, JSON.stringify(c.evidence)]));
    await store.append('sample_yara', YARA_COLUMNS, (r.yara ?? []).map((m, i) => [
      sha, i, m.namespace, m.rule, JSON.stringify(m.tags), JSON.stringify(m.meta), JSON.stringify(m.strings),
    ]));
    // The sample is evidence of the case like any ingested file: no events, its bytes kept under evidence/<sha256>.
    await store.exec(`INSERT OR IGNORE INTO evidence (sha256, path, size, format, gzip, events, anomalies) VALUES (${q(sha)}, ${q(r.file)}, ${r.size}, ${q(r.format)}, false, 0, 0)`);
    await store.exec(`INSERT OR IGNORE INTO evidence_paths VALUES (${q(sha)}, ${q(r.file)})`);
  });
}

/** Replace the family table whole (families are recomputed over all samples of the case). */
export async function replaceFamilies(store: CaseStore, links: readonly FamilyLink[]): Promise<void> {
  await store.transaction(async () => {
    await store.exec('DELETE FROM sample_families');
    await store.append('sample_families', FAMILIES_COLUMNS, links.map((l) => [l.family, l.sample, l.link, l.linkedTo, l.tlshDistance, l.value]));
  });
}
