import type { AttributionResult } from '../../attribute/index.js';
import type { TraceSummary } from '../../trace/index.js';
import type { SampleSection } from './sections.js';

/**
 * The report as JSON: what a partner reads and checks. Deterministic: sorted lists, content-derived ids, no
 * wall-clock time, so the same inputs give byte-identical `report.json`.
 */
export interface ReportEvidence {
  sha256: string;
  path: string;
  format: string;
  events: number;
  anomalies: number;
  firstTs: string | null;
  lastTs: string | null;
}

export interface ReportFinding {
  id: string;
  ruleId: string;
  kind: string;
  title: string;
  level: string;
  /** Shown with every match, as the Detection Rule License requires. */
  author: string | null;
  techniques: string[];
  firstTs: string | null;
  lastTs: string | null;
  eventCount: number;
  /** The first events (by id) behind the finding; all are in the case's `finding_events`. */
  eventIds: string[];
  groupBy: Record<string, string | null> | null;
}

export interface Report {
  veritrace: 'report/1';
  case: {
    evidence: ReportEvidence[];
    events: number;
    hosts: string[];
    firstTs: string | null;
    lastTs: string | null;
    failedInputs: { path: string; error: string }[];
  };
  detections: {
    rulesLoaded: number;
    rulesRejected: number;
    rejectedByCode: Record<string, number>;
    findingsByLevel: Record<string, number>;
    findings: ReportFinding[];
  };
  indicators?: { loaded: number; rejected: { source: string; id?: string; reason: string }[] } | null;
  samples?: SampleSection;
  trace?: TraceSummary;
  attribution?: AttributionSection;
}

export type AttributionSection = AttributionResult & { profiles: string[]; evidenceItems: number };
