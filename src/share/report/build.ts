import type { DetectResult } from '../../detect/index.js';
import { readFindings } from '../../detect/index.js';
import type { IngestResult } from '../../ingest/index.js';
import type { CaseStore } from '../../store/index.js';
import type { Report, ReportFinding } from './types.js';

const LEVELS = ['critical', 'high', 'medium', 'low', 'informational'];
const EVENT_IDS_SHOWN = 50;

export interface ReportInputs {
  ingest: IngestResult;
  detect: DetectResult;
  /** Further sections as the stages produce them. */
  sections?: Pick<Report, 'indicators' | 'samples' | 'trace' | 'attribution'>;
}

function countBy<T>(xs: readonly T[], key: (x: T) => string): Record<string, number> {
  const m: Record<string, number> = {};
  for (const x of xs) m[key(x)] = (m[key(x)] ?? 0) + 1;
  return Object.fromEntries(Object.entries(m).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Assemble the report from the case (the source of truth) and the stage results. */
export async function buildReport(store: CaseStore, inputs: ReportInputs): Promise<Report> {
  const evidence = (await store.evidence()).map((e) => ({
    sha256: e.sha256, path: e.path, format: e.format, events: e.events, anomalies: e.anomalies, firstTs: e.firstTs, lastTs: e.lastTs,
  }));
  const [span] = await store.query<{ n: number; first: string | null; last: string | null }>(
    `SELECT count(*) AS n, CAST(min(ts) AS VARCHAR) AS first, CAST(max(ts) AS VARCHAR) AS last FROM events`,
  );
  const hosts = (await store.query<{ host: string }>(`SELECT DISTINCT host FROM events WHERE host IS NOT NULL ORDER BY host`)).map((r) => r.host);
  const findings: ReportFinding[] = (await readFindings(store)).map((f) => ({
    id: f.id, ruleId: f.ruleId, kind: f.kind, title: f.title, level: f.level, author: f.author, techniques: f.techniques,
    firstTs: f.firstTs, lastTs: f.lastTs, eventCount: f.eventIds.length, eventIds: f.eventIds.slice(0, EVENT_IDS_SHOWN), groupBy: f.groupBy,
  }));
  findings.sort((a, b) => LEVELS.indexOf(a.level) - LEVELS.indexOf(b.level) || cmp(a.firstTs ?? '', b.firstTs ?? '') || cmp(a.id, b.id));
  return {
    veritrace: 'report/1',
    case: {
      evidence,
      events: span?.n ?? 0,
      hosts,
      firstTs: span?.first ?? null,
      lastTs: span?.last ?? null,
      failedInputs: inputs.ingest.files.flatMap((f) => (f.status === 'failed' ? [{ path: f.path, error: f.error }] : [])).sort((a, b) => cmp(a.path, b.path)),
    },
    detections: {
      rulesLoaded: inputs.detect.loaded,
      rulesRejected: inputs.detect.rejected.length,
      rejectedByCode: countBy(inputs.detect.rejected, (r) => r.code),
      findingsByLevel: countBy(findings, (f) => f.level),
      findings,
    },
    ...(inputs.sections ?? {}),
  };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
