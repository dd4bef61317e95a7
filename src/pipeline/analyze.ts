import { rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { attributeCase } from '../attribute/from-case/index.js';
import { detect, DEFAULT_RULES, type DetectResult } from '../detect/index.js';
import { examine, loadReports, loadFamilies, type ExamineResult } from '../examine/index.js';
import { ingest, type IngestResult } from '../ingest/index.js';
import { compileIndicatorFiles } from '../detect/ioc/index.js';
import { openDuckDBCase, type CaseStore } from '../store/index.js';
import { trace, type TraceSummary } from '../trace/index.js';
import { buildReport, renderMarkdown, type Report } from '../share/report/index.js';
import { sampleSection } from '../share/report/sections.js';
import { splitInputs } from './inputs.js';

export interface AnalyzeOptions {
  caseDir: string;
  /** Extra Sigma rule files or folders, besides veritrace's own `rules/`. */
  rules?: string[];
  /** STIX 2.1 bundles or MISP event files with indicators. */
  indicators?: string[];
  /** Actor profiles (YAML/JSON/STIX) for attribution. */
  actors?: string[];
  /** YARA rule files for the samples. */
  yara?: string[];
  onStage?: (stage: string, detail: string) => void;
}

export interface AnalyzeResult {
  ingest: IngestResult;
  examine: ExamineResult;
  detect: DetectResult;
  trace: TraceSummary;
  report: Report;
  files: { json: string; markdown: string };
}

async function writeAtomic(path: string, text: string): Promise<void> {
  await writeFile(`${path}.partial`, text);
  await rename(`${path}.partial`, path);
}

/** The reference "now" of the sample checks: the newest event of the case, so the same inputs give the same report. */
async function caseNow(store: CaseStore): Promise<string> {
  const [r] = await store.query<{ t: string | null }>(`SELECT strftime(max(ts), '%Y-%m-%dT%H:%M:%SZ') AS t FROM events`);
  return r?.t ?? new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate())).toISOString();
}

async function runStages(store: CaseStore, inputs: readonly string[], opts: AnalyzeOptions): Promise<Omit<AnalyzeResult, 'files'>> {
  const stage = opts.onStage ?? (() => undefined);
  const split = await splitInputs(inputs, [opts.caseDir]);
  stage('ingest', `${split.logs.length} telemetry files`);
  const ingested = await ingest(store, split.logs, { onProgress: (p) => stage('ingest', `${p.filesDone}/${p.filesTotal} files, ${p.events} events`) });
  stage('examine', `${split.binaries.length} binaries`);
  const examined = await examine(store, split.binaries, {
    now: await caseNow(store), yara: opts.yara,
    onProgress: (p) => stage('examine', `${p.filesDone}/${p.filesTotal} ${p.file}`),
  });
  stage('detect', 'Sigma rules and indicators');
  const indicators = opts.indicators?.length ? await compileIndicatorFiles(opts.indicators, store.dialect) : undefined;
  const detected = await detect(store, {
    rules: [DEFAULT_RULES, ...(opts.rules ?? [])],
    ...(indicators ? { indicators: indicators.compiled } : {}),
    onProgress: (m) => stage('detect', m),
  });
  stage('trace', 'timeline, movement, beacons, exfiltration, sessions, infrastructure');
  const traced = await trace(store, { onStep: (step) => stage('trace', step) });
  stage('attribute', 'competing hypotheses');
  const attribution = await attributeCase(store, opts.actors ?? []);
  stage('report', 'report.json, report.md');
  const report = await buildReport(store, {
    ingest: ingested,
    detect: detected,
    sections: {
      indicators: indicators ? { loaded: indicators.compiled.length, rejected: indicators.rejected } : null,
      samples: sampleSection(await loadReports(store), await loadFamilies(store), examined),
      trace: traced,
      attribution: { profiles: attribution.actors, evidenceItems: attribution.evidence.length, ...attribution.result },
    },
  });
  return { ingest: ingested, examine: examined, detect: detected, trace: traced, report };
}

/**
 * The main job: ingest the telemetry, examine the binaries among the inputs, detect, trace, attribute, and write
 * `report.json` and `report.md` into the case. Same inputs, same case: byte-identical report.json.
 */
export async function analyze(inputs: readonly string[], opts: AnalyzeOptions): Promise<AnalyzeResult> {
  const store = await openDuckDBCase(opts.caseDir, { create: true });
  try {
    const r = await runStages(store, inputs, opts);
    const files = { json: join(opts.caseDir, 'report.json'), markdown: join(opts.caseDir, 'report.md') };
    await writeAtomic(files.json, JSON.stringify(r.report, null, 2) + '\n');
    await writeAtomic(files.markdown, renderMarkdown(r.report));
    return { ...r, files };
  } finally {
    await store.close();
  }
}
