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

/** The typed `events` columns a `LineProjection` computes (id, evidence, record, format, source_offset and raw are the store's). */
export type ProjectedColumn =
  | 'ts' | 'product' | 'category' | 'service' | 'host' | 'user_name' | 'image' | 'command_line'
  | 'src_ip' | 'src_port' | 'dst_ip' | 'dst_port' | 'proto' | 'event_id';

/**
 * How the store turns one-JSON-object-per-line text into `events` rows in SQL, so that the lines are parsed once,
 * by DuckDB, and `raw` is the line as the sensor wrote it. The SQL sees `j1`…`jN`, the JSON text at each of
 * `paths` (one `json_extract(line, [paths])` per line; NULL when absent), then each `lets` entry as a column of
 * its own SELECT layer (an expensive value computed once per row), then `columns`. The two functions give the JS
 * reader's exact anomalies for the rare rows that need them.
 */
export interface LineProjection {
  readonly format: string;
  /** The input's path, for anomaly messages. */
  readonly file: string;
  readonly paths: readonly string[];
  readonly lets: readonly (readonly [string, string])[];
  readonly columns: Readonly<Record<ProjectedColumn, string>>;
  /** JS's verdict on a line DuckDB rejects or might accept too leniently: the object, or the anomaly to record. */
  check(text: string, lineNo: number): { record: Record<string, unknown> } | { anomaly: Anomaly };
  /** For a stored row without time: the anomaly the JS reader records for it, if any. */
  timeAnomaly(raw: string, lineNo: number): Anomaly | undefined;
}

/** Lines of one file for `LineProjection`: `texts[i]` is line `lineNos[i]`; each a JSON object per the JS reader's first look. */
export interface LineBlock {
  projection: LineProjection;
  lineNos: number[];
  texts: string[];
}

/** One batch of a file: events (laid out here or off-thread as `rows`), or lines for the store to map in SQL. */
export interface WriteBatch {
  events: NormalizedEvent[];
  anomalies?: Anomaly[];
  /** Events laid out off the main thread (`toEventRows`); they follow `events` in record order. */
  rows?: EventRows;
  /** Lines mapped by the store; they follow `events`/`rows` in record order. */
  lines?: LineBlock;
}

/** Batches of one file's events, written all-or-nothing. */
export interface FileWrite {
  evidence: EvidenceRecord;
  batches: AsyncIterable<WriteBatch>;
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
