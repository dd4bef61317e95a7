/**
 * `events` rows into DuckDB a data chunk (2048 rows) at a time. The appender's per-value calls cost about 20
 * N-API crossings per row, plus a BigInt and a value object for the timestamp; here fixed-width columns and null
 * masks are filled in typed arrays and copied into the chunk's vectors once per chunk, and only non-null text
 * crosses per value (one call per string). Columns that are usually one value for a whole chunk (`evidence`
 * always; `format` and the logsource most of the time) cross once per chunk as a constant vector instead.
 * Same column order and values as `appendEvent` in duckdb-store.ts.
 */
import duckdb from '@duckdb/node-bindings';
import { BIGINT, DuckDBDataChunk, DuckDBVarCharType, INTEGER, TIMESTAMP_NS, VARCHAR, type DuckDBAppender, type DuckDBType } from '@duckdb/node-api';
import type { EventRows } from './rows.js';

const SIZE = duckdb.vector_size();
const JSON_TYPE = DuckDBVarCharType.create('JSON');

// Column indexes in EVENT_COLUMNS order.
const C = { id: 0, evidence: 1, record: 2, ts: 3, format: 4, srcPort: 13, dstPort: 15, eventId: 17, offset: 18, raw: 19 } as const;
const TYPES: DuckDBType[] = [
  VARCHAR, VARCHAR, BIGINT, TIMESTAMP_NS, VARCHAR, VARCHAR, VARCHAR, VARCHAR, VARCHAR, VARCHAR,
  VARCHAR, VARCHAR, VARCHAR, INTEGER, VARCHAR, INTEGER, VARCHAR, INTEGER, BIGINT, JSON_TYPE,
];
type TextKey = 'format' | 'product' | 'category' | 'service' | 'host' | 'user' | 'image' | 'commandLine' | 'srcIp' | 'dstIp' | 'proto';
/**
 * Text columns, gathered for the chunk and written at flush: one constant when the chunk holds one value (format,
 * logsource and host nearly always, user often), else value by value. A column whose values differ costs one
 * comparison more than writing each value at once would.
 */
const TEXT: readonly [number, TextKey][] = [
  [C.format, 'format'], [5, 'product'], [6, 'category'], [7, 'service'], [8, 'host'], [9, 'user'], [10, 'image'],
  [11, 'commandLine'], [12, 'srcIp'], [14, 'dstIp'], [16, 'proto'],
];
const INTS: readonly [number, 'srcPort' | 'dstPort' | 'eventId'][] = [[C.srcPort, 'srcPort'], [C.dstPort, 'dstPort'], [C.eventId, 'eventId']];

/** 64-bit little-endian integers written as two 32-bit halves: no BigInt per row. */
function setInt64(u32: Uint32Array, i: number, v: number): void {
  u32[2 * i] = v >>> 0;
  u32[2 * i + 1] = Math.floor(v / 4294967296) >>> 0;
}

export class EventChunkWriter {
  private readonly chunk = DuckDBDataChunk.create(TYPES);
  private vectors: duckdb.Vector[] = [];
  private n = 0;
  private readonly record = new Uint32Array(SIZE * 2);
  private readonly offset = new Uint32Array(SIZE * 2);
  private readonly ts = new BigInt64Array(SIZE);
  private readonly ints = INTS.map(() => new Int32Array(SIZE));
  private readonly text = TEXT.map(() => new Array<string | undefined | null>(SIZE));
  private readonly evidence: duckdb.Value;
  /** Per column: a null mask (bit set = valid), or undefined while every row of the chunk is valid. */
  private masks: (Uint8Array | undefined)[] = [];

  constructor(private readonly appender: DuckDBAppender, private readonly sha: string) {
    this.evidence = duckdb.create_varchar(sha);
    this.start();
  }

  private start(): void {
    this.n = 0;
    this.vectors = TYPES.map((_, c) => duckdb.data_chunk_get_vector(this.chunk.chunk, c));
    this.masks = TYPES.map(() => undefined);
  }

  private setNull(c: number, i: number): void {
    let m = this.masks[c];
    if (m === undefined) { m = new Uint8Array(SIZE / 8).fill(0xff); this.masks[c] = m; }
    m[i >> 3]! &= ~(1 << (i & 7));
  }

  /** Append `rows`, numbering them from `record`. */
  write(rows: EventRows, record: number): void {
    const prefix = `${this.sha.slice(0, 16)}-`;
    // The batch's arrays looked up once, not by key for every row.
    const text = TEXT.map(([, key]) => rows[key] as (string | undefined | null)[]);
    const ints = INTS.map(([, key]) => rows[key]);
    for (let r = 0; r < rows.count; r++, record++) {
      const i = this.n;
      const v = this.vectors;
      duckdb.vector_assign_string_element(v[C.id]!, i, prefix + record);
      setInt64(this.record, i, record);
      if (rows.tsNull[r] === 1) this.setNull(C.ts, i); else this.ts[i] = rows.ts[r]!;
      for (let k = 0; k < TEXT.length; k++) this.text[k]![i] = text[k]![r];
      for (let k = 0; k < INTS.length; k++) {
        const x = ints[k]![r]!;
        if (x !== x) this.setNull(INTS[k]![0], i); else this.ints[k]![i] = x;
      }
      setInt64(this.offset, i, rows.offset[r]!);
      duckdb.vector_assign_string_element(v[C.raw]!, i, rows.raw[r]!);
      if (++this.n === SIZE) this.flush();
    }
  }

  /** A gathered text column: one constant vector when every row has the same value, else value by value. */
  private flushText(c: number, values: (string | undefined | null)[], n: number): void {
    const first = values[0];
    let same = first !== undefined && first !== null;
    for (let i = 1; same && i < n; i++) same = values[i] === first;
    if (same) {
      duckdb.vector_reference_value(this.vectors[c]!, duckdb.create_varchar(first!));
      return;
    }
    for (let i = 0; i < n; i++) {
      const s = values[i];
      if (s === undefined || s === null) this.setNull(c, i); else duckdb.vector_assign_string_element(this.vectors[c]!, i, s);
    }
  }

  /** Hand the rows gathered so far to the appender. */
  flush(): void {
    const n = this.n;
    if (n === 0) return;
    const v = this.vectors;
    duckdb.copy_data_to_vector(v[C.record]!, 0, this.record.buffer, 0, n * 8);
    duckdb.copy_data_to_vector(v[C.ts]!, 0, this.ts.buffer, 0, n * 8);
    duckdb.copy_data_to_vector(v[C.offset]!, 0, this.offset.buffer, 0, n * 8);
    for (let k = 0; k < INTS.length; k++) duckdb.copy_data_to_vector(v[INTS[k]![0]]!, 0, this.ints[k]!.buffer, 0, n * 4);
    duckdb.vector_reference_value(v[C.evidence]!, this.evidence);
    for (let k = 0; k < TEXT.length; k++) this.flushText(TEXT[k]![0], this.text[k]!, n);
    for (let c = 0; c < TYPES.length; c++) {
      const m = this.masks[c];
      if (m === undefined) continue;
      duckdb.vector_ensure_validity_writable(v[c]!);
      duckdb.copy_data_to_vector_validity(v[c]!, 0, m.buffer as ArrayBuffer, 0, Math.ceil(n / 64) * 8);
    }
    duckdb.data_chunk_set_size(this.chunk.chunk, n);
    this.appender.appendDataChunk(this.chunk);
    this.chunk.reset();
    this.start();
  }
}
