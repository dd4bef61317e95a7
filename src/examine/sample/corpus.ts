import { open, readFile, rename, stat, unlink, writeFile, mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { ExamineError, StoreError, VeritraceError } from '../../model/index.js';
import type { CaseStore } from '../../store/index.js';
import { expandInputs, sha256File } from '../../ingest/files.js';
import { writeManifest } from '../../ingest/index.js';
import { compileYara, scanYara, type YaraMatch } from '../yara/index.js';
import {
  ensureSampleTables, flaggedChecks, mainLanguages, knownSamples, loadClusterKeys, loadFamilies, loadReport, replaceFamilies, writeSample, type StoredFamily,
} from '../store/index.js';
import { examineSample, formatOf } from './examine-sample.js';
import { familyLinks } from './families.js';
import type { SampleReport } from './types.js';

export interface ExamineOptions {
  /** Reference time for the consistency checks, ISO-8601; the caller decides it (never the wall clock here). */
  now: string;
  /** YARA rule files to run over every new sample. */
  yara?: readonly string[];
  topStrings?: number;
  onProgress?: (p: ExamineProgress) => void;
}

export interface ExamineProgress {
  filesDone: number;
  filesTotal: number;
  file: string;
  bytesDone: number;
  bytesTotal: number;
}

/** What the CLI shows per sample, from the report. */
export interface SampleSummary {
  sha256: string;
  type: string;
  compileTime: string | null;
  signer: string | null;
  /** Languages with at least 5% of the natural-language text (see `mainLanguages`). */
  languages: string[];
  checksFlagged: number;
  checks: string[];
  yara: string[] | null;
}

export type SampleOutcome =
  | { path: string; status: 'examined'; sha256: string; summary: SampleSummary }
  | { path: string; status: 'unchanged'; sha256: string; summary: SampleSummary }
  | { path: string; status: 'failed'; sha256?: string; error: string }
  /** Found inside a folder or glob and neither PE nor ELF (a README, a script): left out. Named files fail instead. */
  | { path: string; status: 'skipped'; sha256: string; reason: string };

export interface ExamineResult {
  now: string;
  samples: SampleOutcome[];
  examined: number;
  unchanged: number;
  failed: number;
  skipped: number;
  /** Every family of the case after this run (singletons included), largest first. */
  families: StoredFamily[];
  yaraWarnings: string[];
}

export function summarize(r: SampleReport): SampleSummary {
  return {
    sha256: r.hashes.sha256, type: r.type, compileTime: r.times.compile ?? null, signer: r.signer ?? null,
    languages: mainLanguages(r), checksFlagged: flaggedChecks(r),
    checks: r.checks.filter((c) => c.severity !== 'info').map((c) => c.check),
    yara: r.yara === null ? null : r.yara.map((m) => `${m.namespace}:${m.rule}`),
  };
}

/** The first bytes of a file, enough for the magic. */
async function head(path: string): Promise<Buffer> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(4);
    const { bytesRead } = await fh.read(buf, 0, 4, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

/** Keep the original bytes under `evidence/<sha256>` (write-then-rename: a crash never leaves half a copy). */
async function keepEvidence(caseDir: string, sha256: string, buf: Buffer): Promise<boolean> {
  const dest = join(caseDir, 'evidence', sha256);
  if (await stat(dest).then(() => true, () => false)) return false;
  await mkdir(join(caseDir, 'evidence'), { recursive: true });
  await writeFile(`${dest}.partial`, buf);
  await rename(`${dest}.partial`, dest);
  return true;
}

/** YARA matches per path; a file the engine fails on gets its error instead, and the others still get results. */
async function yaraMatches(rules: readonly string[] | undefined, files: string[]): Promise<{ matches: Map<string, YaraMatch[] | Error>; warnings: string[] }> {
  const matches = new Map<string, YaraMatch[] | Error>();
  if (!rules || rules.length === 0 || files.length === 0) return { matches, warnings: [] };
  const compiled = await compileYara([...rules]);
  try {
    for (const [f, m] of await scanYara(compiled, files)) matches.set(f, m);
  } catch (e) {
    if (!(e instanceof ExamineError)) throw e;
    // One bad file must not cost the others their scan: retry one by one to pin the failure on its file.
    for (const f of files) {
      try {
        matches.set(f, (await scanYara(compiled, [f])).get(f) ?? []);
      } catch (err) {
        if (!(err instanceof ExamineError)) throw err;
        matches.set(f, err);
      }
    }
  }
  return { matches, warnings: compiled.warnings };
}

/**
 * Examine files and folders into the case: one transaction per sample (all its rows or none), the original bytes
 * kept as evidence, samples already in the case (same SHA-256) left unchanged, a file that cannot be examined
 * reported with file and offset while the others go on; then families are recomputed over all samples.
 */
export async function examine(store: CaseStore, paths: readonly string[], opts: ExamineOptions): Promise<ExamineResult> {
  if (!Number.isFinite(Date.parse(opts.now))) throw new VeritraceError(`reference time ${JSON.stringify(opts.now)} is not an ISO-8601 time`);
  await ensureSampleTables(store);
  const files = await expandInputs(paths, [store.dir]);
  // One file at a time: a folder of thousands must not open thousands of files at once.
  const named = new Set(paths.map((p) => resolve(p)));
  const hashed: { path: string; sha256: string; size: number; unreadable?: string; skip?: boolean }[] = [];
  for (const f of files) {
    try {
      const skip = !named.has(resolve(f)) && formatOf(await head(f)) === null;
      hashed.push({ path: f, ...(await sha256File(f)), ...(skip ? { skip } : {}) });
    } catch (e) {
      hashed.push({ path: f, sha256: '', size: 0, unreadable: (e as Error).message });
    }
  }
  const bytesTotal = hashed.reduce((n, h) => n + h.size, 0);
  const known = await knownSamples(store, hashed.map((h) => h.sha256));
  const firstPath = new Map<string, string>();
  const fresh: string[] = [];
  for (const h of hashed) {
    if (h.unreadable || h.skip) continue;
    if (!firstPath.has(h.sha256) && !known.has(h.sha256)) fresh.push(h.path);
    if (!firstPath.has(h.sha256)) firstPath.set(h.sha256, h.path);
  }
  const { matches, warnings } = await yaraMatches(opts.yara, fresh);
  const freshSet = new Set(fresh);
  const result: ExamineResult = { now: opts.now, samples: [], examined: 0, unchanged: 0, failed: 0, skipped: 0, families: [], yaraWarnings: warnings };
  let bytesDone = 0;
  for (let i = 0; i < hashed.length; i++) {
    const { path, sha256, size, unreadable, skip } = hashed[i]!;
    opts.onProgress?.({ filesDone: i, filesTotal: hashed.length, file: path, bytesDone, bytesTotal });
    let outcome: SampleOutcome;
    try {
      if (unreadable) throw new ExamineError({ file: path }, `cannot read: ${unreadable}`);
      outcome = skip
        ? { path, status: 'skipped', sha256, reason: 'not a PE or ELF file' }
        : freshSet.has(path)
        ? await examineOne(store, path, sha256, opts, matches.get(path))
        : await unchanged(store, path, sha256, firstPath.get(sha256)!);
    } catch (e) {
      // A broken case stops everything; anything else is this file's problem and the others go on.
      if (e instanceof StoreError) throw e;
      const message = e instanceof VeritraceError ? e.message : `${path}: examine failed: ${(e as Error).message}`;
      outcome = { path, status: 'failed', ...(sha256 ? { sha256 } : {}), error: message };
    }
    bytesDone += size;
    result.samples.push(outcome);
    result[outcome.status]++;
  }
  opts.onProgress?.({ filesDone: hashed.length, filesTotal: hashed.length, file: '', bytesDone, bytesTotal });
  if (result.examined > 0) await replaceFamilies(store, familyLinks(await loadClusterKeys(store)));
  result.families = await loadFamilies(store);
  await writeManifest(store);
  return result;
}

/** A sample already in the case (or met earlier in this run under another path): record the path, change nothing. */
async function unchanged(store: CaseStore, path: string, sha256: string, first: string): Promise<SampleOutcome> {
  const report = await loadReport(store, sha256);
  // Not stored although its bytes were met before: the earlier copy failed in this run, and so does this one.
  if (!report) throw new ExamineError({ file: path }, `same bytes as ${first}, which could not be examined`);
  await store.exec(`INSERT OR IGNORE INTO evidence_paths VALUES (${store.dialect.str(sha256)}, ${store.dialect.str(path)})`);
  return { path, status: 'unchanged', sha256, summary: summarize(report) };
}

async function examineOne(store: CaseStore, path: string, sha256: string, opts: ExamineOptions, yara: YaraMatch[] | Error | undefined): Promise<SampleOutcome> {
  if (yara instanceof Error) throw yara;
  const buf = await readFile(path);
  const report = examineSample(buf, path, { now: opts.now, ...(opts.topStrings ? { topStrings: opts.topStrings } : {}), yara: opts.yara?.length ? yara ?? [] : null });
  if (report.hashes.sha256 !== sha256) throw new ExamineError({ file: path }, 'the file changed while it was being examined');
  const copied = await keepEvidence(store.dir, sha256, buf);
  try {
    await writeSample(store, report);
  } catch (e) {
    if (copied) await unlink(join(store.dir, 'evidence', sha256)).catch(() => undefined);
    throw e;
  }
  return { path, status: 'examined', sha256, summary: summarize(report) };
}
