import type { ExamineResult, SampleReport } from '../../examine/index.js';
import type { StoredFamily } from '../../examine/store/index.js';

/** The samples as the report shows them: what each is, when it claims to have been built, what looks planted. */
export interface ReportSample {
  sha256: string;
  file: string;
  type: string;
  compileTime: string | null;
  pdbPath: string | null;
  signer: string | null;
  imphash: string | null;
  richHash: string | null;
  tlsh: string | null;
  languages: { language: string; count: number }[];
  family: string | null;
  checks: { check: string; severity: string; reason: string }[];
  yara: string[];
}

export interface SampleSection {
  samples: ReportSample[];
  families: StoredFamily[];
  failed: { path: string; error: string }[];
  /** The reference time of the checks (the newest event of the case). */
  checkedAgainst: string;
}

export function sampleSection(reports: readonly SampleReport[], families: readonly StoredFamily[], run: ExamineResult): SampleSection {
  const familyOf = new Map(families.flatMap((f) => f.members.map((m) => [m, f.id] as const)));
  return {
    samples: reports.map((r) => ({
      sha256: r.hashes.sha256, file: r.file, type: r.type, compileTime: r.times.compile ?? null, pdbPath: r.pdbPath ?? null, signer: r.signer ?? null,
      imphash: r.hashes.imphash, richHash: r.hashes.richHash, tlsh: r.hashes.tlsh, languages: r.strings.languages,
      family: familyOf.get(r.hashes.sha256) ?? null,
      checks: r.checks.map((c) => ({ check: c.check, severity: c.severity, reason: c.reason })),
      yara: (r.yara ?? []).map((m) => m.rule).sort(),
    })),
    families: [...families],
    failed: run.samples.flatMap((s) => (s.status === 'failed' ? [{ path: s.path, error: s.error }] : [])),
    checkedAgainst: run.now,
  };
}
