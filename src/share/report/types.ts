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
  [section: string]: unknown;
}
