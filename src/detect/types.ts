/**
 * The shapes the detect stage exchanges: what a compiled detection is, what `detect` takes and returns.
 * A Sigma rule and a STIX indicator both become a `CompiledDetection`: one SQL predicate over table `events`.
 */

export type Level = 'informational' | 'low' | 'medium' | 'high' | 'critical';
export const LEVELS: readonly Level[] = ['informational', 'low', 'medium', 'high', 'critical'];

export interface CompiledDetection {
  kind: 'sigma' | 'indicator';
  id: string;
  title: string;
  level: string;
  status?: string;
  /** Shown with every match: the Detection Rule License requires it for SigmaHQ rules. */
  author?: string;
  tags: string[];
  /** ATT&CK technique ids (`T1059.001`) from `attack.t…` tags or indicator kill-chain phases. */
  techniques: string[];
  /** File (and document) the detection came from. */
  source: string;
  /** SQL predicate over table `events` (compiled through the store's dialect). */
  where: string;
}

/** The indicator engine's output, consumed as is by the runner. */
export type CompiledIndicator = CompiledDetection;

export interface DetectOptions {
  /** Sigma rule files or folders (default: the repository's `rules/`). */
  rules?: string[];
  /** Minimum level of the findings kept (`informational` keeps all). */
  minLevel?: Level;
  indicators?: CompiledIndicator[];
  /** STIX bundles / MISP event files, compiled by `ioc/` (their rejections join `DetectResult.rejected`). */
  indicatorFiles?: string[];
  /** Values for `|expand` placeholders (`%Administrators%` → list); rules using an undefined placeholder are rejected. */
  placeholders?: Record<string, string[]>;
  /** Literal prefilter (Aho-Corasick candidates) before the SQL predicates; default on. Off only to check it changes nothing. */
  prefilter?: boolean;
  /** Rules made only of literal tests decided by the literal scan (sigma/sql/settle.ts); default on. Off only to check it changes nothing. */
  settle?: boolean;
  /** Called with progress text for long runs. */
  onProgress?: (message: string) => void;
}

export interface Rejected {
  source: string;
  id?: string;
  title?: string;
  code: string;
  message: string;
}

export interface FindingSummary {
  id: string;
  ruleId: string;
  kind: 'sigma' | 'correlation' | 'indicator';
  title: string;
  level: string;
  status: string | null;
  author: string | null;
  tags: string[];
  techniques: string[];
  firstTs: string | null;
  lastTs: string | null;
  eventIds: string[];
  groupBy: Record<string, string | null> | null;
}

export interface DetectResult {
  loaded: number;
  rejected: Rejected[];
  findings: number;
  /** Findings per rule id, sorted by rule id. */
  perRule: { ruleId: string; title: string; level: string; findings: number }[];
  /** Rules whose regexes needed the JavaScript fallback (RE2 cannot take them). */
  jsRegexRules: string[];
}
