import type { Dialect } from './dialect.js';
import type { NormalizedEvent, Anomaly } from '../model/index.js';
import type { EventRows } from './rows.js';

/** One input file as the case records it. */
export interface EvidenceRecord {
  sha256: string;
  /** The path the user gave (relative paths kept as given, for the manifest). */
  path: string;
  size: number;
  format: string;
  gzip: boolean;
}

export interface EvidenceSummary extends EvidenceRecord {
  events: number;
  anomalies: number;
  firstTs: string | null;
  lastTs: string | null;
}

export type Row = Record<string, unknown>;

/** Batches of one file's events, written all-or-nothing. */
export interface FileWrite {
  evidence: EvidenceRecord;
  /** `rows`, when present, are events laid out off the main thread (`toEventRows`); they follow `events` in record order. */
  batches: AsyncIterable<{ events: NormalizedEvent[]; anomalies?: Anomaly[]; rows?: EventRows }>;
  /** Called after each batch is written, with the running event count. */
  onProgress?: (events: number) => void;
}

/**
 * The narrow interface every stage sees. Stages receive it; none opens a database of its own.
 * `query` is read-only by contract; `exec` is for stages that own tables of their own (findings, trace, …).
 */
export interface CaseStore {
  readonly dir: string;
  readonly dialect: Dialect;
  query<T extends Row = Row>(sql: string): Promise<T[]>;
  exec(sql: string): Promise<void>;
  /** Run `fn` in one transaction: all its writes land or none do. */
  transaction<T>(fn: () => Promise<T>): Promise<T>;
  /** Append rows to a table in column order (fast path for bulk writes of derived tables). */
  append(table: string, columns: readonly string[], rows: readonly (readonly unknown[])[]): Promise<void>;
  hasEvidence(sha256: string): Promise<boolean>;
  writeFile(write: FileWrite): Promise<{ events: number; anomalies: number }>;
  evidence(): Promise<EvidenceSummary[]>;
  close(): Promise<void>;
}
