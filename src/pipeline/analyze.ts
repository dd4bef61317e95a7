import { rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { detect, DEFAULT_RULES, type DetectResult } from '../detect/index.js';
import { ingest, type IngestResult } from '../ingest/index.js';
import { openDuckDBCase, type CaseStore } from '../store/index.js';
import { buildReport, type Report } from '../share/report/index.js';
import { renderMarkdown } from '../share/report/markdown.js';
import { splitInputs } from './inputs.js';

export interface AnalyzeOptions {
  caseDir: string;
  /** Extra Sigma rule files or folders, besides veritrace's own `rules/`. */
  rules?: string[];
  /** STIX 2.1 bundles or MISP event files with indicators. */
  indicators?: string[];
  /** Actor profiles (YAML/JSON/STIX) for attribution. */
  actors?: string[];
  onStage?: (stage: string, detail: string) => void;
}

export interface AnalyzeResult {
  ingest: IngestResult;
  detect: DetectResult;
  report: Report;
  files: { json: string; markdown: string };
}

async function writeAtomic(path: string, text: string): Promise<void> {
  await writeFile(`${path}.partial`, text);
  await rename(`${path}.partial`, path);
}

async function runStages(store: CaseStore, inputs: readonly string[], opts: AnalyzeOptions): Promise<Omit<AnalyzeResult, 'files'>> {
  const stage = opts.onStage ?? (() => undefined);
  const split = await splitInputs(inputs, [opts.caseDir]);
  stage('ingest', `${split.logs.length} telemetry files`);
  const ingested = await ingest(store, split.logs, {
    onProgress: (p) => stage('ingest', `${p.filesDone}/${p.filesTotal} files, ${p.events} events`),
  });
  stage('detect', 'Sigma rules and indicators');
  const detected = await detect(store, {
    rules: [DEFAULT_RULES, ...(opts.rules ?? [])],
    onProgress: (m) => stage('detect', m),
  });
  stage('report', 'report.json, report.md');
  const report = await buildReport(store, { ingest: ingested, detect: detected });
  return { ingest: ingested, detect: detected, report };
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
