import type { Anomaly, NormalizedEvent } from '../model/index.js';
import type { LineBlock } from '../store/case-store.js';
import type { InputSource } from './input.js';

export type { LineBlock, LineProjection } from '../store/case-store.js';

/**
 * What a reader yields: events, and record-level anomalies that do not stop the file. From `readLines`, also
 * `lines` for the store to map in SQL; they follow `events` in record order, and `anomalies` then belong to them.
 */
export interface ReadBatch {
  events: NormalizedEvent[];
  anomalies?: Anomaly[];
  lines?: LineBlock;
}

/** Options a user may give a reader (the JSONL/CSV mapping, for instance). Readers ignore what they do not use. */
export interface ReaderOptions {
  /** For jsonl/csv: which native field feeds which typed column, and the logsource to stamp. */
  mapping?: FieldMapping;
  /** For syslog lines without a year (`Mmm dd hh:mm:ss`): the year of the first lines (else inferred from dated lines). */
  year?: number;
  /** For times without a zone: `UTC`, `+08:00` or an IANA zone name (default UTC, recorded as an anomaly). */
  timezone?: string;
}

export interface FieldMapping {
  time?: string;
  /** `epoch`, `epoch_ms`, `iso` or a name of a supported format; default: detect. */
  timeFormat?: string;
  host?: string;
  user?: string;
  image?: string;
  commandLine?: string;
  srcIp?: string;
  srcPort?: string;
  dstIp?: string;
  dstPort?: string;
  proto?: string;
  eventId?: string;
  product?: string;
  category?: string;
  service?: string;
}

/**
 * One reader per format. `sniff` looks at the first bytes of the decompressed input (up to 64 KiB) and the file
 * name and says how sure it is (0: not mine, 1: certainly mine); the content decides, the name only breaks ties.
 * `read` streams the input in batches of a few thousand events and throws `IngestError` (file and offset/line)
 * on file-level corruption, which rejects the whole file.
 */
export interface Reader {
  readonly id: string;
  readonly description: string;
  sniff(head: Buffer, name: string): number;
  read(input: InputSource, options: ReaderOptions): AsyncIterable<ReadBatch>;
  /**
   * The same records for a store that maps JSON lines itself (`LineProjection`): JSON-object lines are handed over
   * as text, never parsed here, and the store computes the very columns and anomalies `read` would give.
   */
  readLines?(input: InputSource, options: ReaderOptions): AsyncIterable<ReadBatch>;
}
