import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import {
  DuckDBInstance,
  DuckDBTimestampNanosecondsValue,
  type DuckDBAppender,
  type DuckDBConnection,
  type DuckDBValue,
} from '@duckdb/node-api';
import { StoreError, type Anomaly } from '../model/index.js';
import type { CaseStore, EvidenceSummary, FileWrite, Row } from './case-store.js';
import { duckdb } from './dialect.js';
import { EventChunkWriter } from './chunk-writer.js';
import { LineWriter } from './line-writer.js';
import { toEventRows } from './rows.js';
import { SCHEMA_SQL, SCHEMA_VERSION } from './schema.js';

export const DB_FILE = 'case.duckdb';

export interface OpenOptions {
  readOnly?: boolean;
  /** Create the case folder and schema when missing. */
  create?: boolean;
}

/** Plain JS values out of DuckDB: safe bigints become numbers, timestamps ISO-like text, lists arrays. */
function toPlain(v: DuckDBValue | unknown): unknown {
  if (v === null || v === undefined) return null;
  if (typeof v === 'bigint') return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v.toString();
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (Array.isArray(v)) return v.map(toPlain);
  if (typeof v === 'object') {
    const o = v as { items?: unknown[]; entries?: Record<string, unknown>; toString(): string };
    if (Array.isArray(o.items)) return o.items.map(toPlain);
    if (o.entries && typeof o.entries === 'object' && !Array.isArray(o.entries)) {
      return Object.fromEntries(Object.entries(o.entries).map(([k, x]) => [k, toPlain(x)]));
    }
    return o.toString();
  }
  return String(v);
}

type ColumnKind = 'varchar' | 'bigint' | 'integer' | 'double' | 'boolean' | 'ts_ns' | 'other';

function kindOf(type: string): ColumnKind {
  const t = type.toUpperCase();
  if (t === 'VARCHAR' || t === 'JSON') return 'varchar';
  if (t === 'BIGINT') return 'bigint';
  if (t === 'INTEGER' || t === 'SMALLINT' || t === 'TINYINT') return 'integer';
  if (t === 'DOUBLE' || t === 'FLOAT') return 'double';
  if (t === 'BOOLEAN') return 'boolean';
  if (t === 'TIMESTAMP_NS') return 'ts_ns';
  return 'other';
}

function appendTyped(a: DuckDBAppender, kind: ColumnKind, v: unknown): void {
  if (v === null || v === undefined) return a.appendNull();
  switch (kind) {
    case 'varchar': return a.appendVarchar(typeof v === 'string' ? v : JSON.stringify(v));
    case 'bigint': return a.appendBigInt(BigInt(v as number | bigint));
    case 'integer': return a.appendInteger(Number(v));
    case 'double': return a.appendDouble(Number(v));
    case 'boolean': return a.appendBoolean(Boolean(v));
    case 'ts_ns': return a.appendTimestampNanoseconds(new DuckDBTimestampNanosecondsValue(BigInt(v as number | bigint)));
    case 'other': return a.appendVarchar(String(v));
  }
}

/** Rows between appender flushes (see writeFile). */
const FLUSH_ROWS = 8192;

export function eventId(sha256: string, record: number): string {
  return `${sha256.slice(0, 16)}-${record}`;
}

class DuckDBCaseStore implements CaseStore {
  readonly dialect = duckdb;
  private columnKinds = new Map<string, ColumnKind[]>();
  constructor(readonly dir: string, private readonly instance: DuckDBInstance, private readonly conn: DuckDBConnection) {}

  async query<T extends Row = Row>(sql: string): Promise<T[]> {
    try {
      const reader = await this.conn.runAndReadAll(sql);
      const names = reader.columnNames();
      return reader.getRows().map((r) => {
        const o: Row = {};
        for (let i = 0; i < names.length; i++) o[names[i]!] = toPlain(r[i]);
        return o as T;
      });
    } catch (e) {
      throw new StoreError(`query failed: ${(e as Error).message}\n${sql.slice(0, 2000)}`, { cause: e });
    }
  }

  async exec(sql: string): Promise<void> {
    try {
      await this.conn.run(sql);
    } catch (e) {
      throw new StoreError(`statement failed: ${(e as Error).message}\n${sql.slice(0, 2000)}`, { cause: e });
    }
  }

  async transaction<T>(fn: () => Promise<T>): Promise<T> {
    await this.conn.run('BEGIN TRANSACTION');
    try {
      const out = await fn();
      await this.conn.run('COMMIT');
      return out;
    } catch (e) {
      await this.conn.run('ROLLBACK').catch(() => undefined);
      throw e;
    }
  }

  private async kinds(table: string, columns: readonly string[]): Promise<ColumnKind[]> {
    const key = `${table}\u0000${columns.join('\u0000')}`;
    const hit = this.columnKinds.get(key);
    if (hit) return hit;
    const desc = await this.query<{ column_name: string; column_type: string }>(`DESCRIBE ${table}`);
    const byName = new Map(desc.map((d) => [d.column_name, kindOf(d.column_type)]));
    if (desc.length !== columns.length || desc.some((d, i) => d.column_name !== columns[i])) {
      throw new StoreError(`append to ${table}: columns ${columns.join(',')} do not match the table (${desc.map((d) => d.column_name).join(',')})`);
    }
    const kinds = columns.map((c) => byName.get(c) ?? 'other');
    this.columnKinds.set(key, kinds);
    return kinds;
  }

  async append(table: string, columns: readonly string[], rows: readonly (readonly unknown[])[]): Promise<void> {
    if (rows.length === 0) return;
    const kinds = await this.kinds(table, columns);
    const a = await this.conn.createAppender(table);
    try {
      for (const r of rows) {
        for (let i = 0; i < kinds.length; i++) appendTyped(a, kinds[i]!, r[i]);
        a.endRow();
      }
      a.flushSync();
    } finally {
      a.closeSync();
    }
  }

  async hasEvidence(sha256: string): Promise<boolean> {
    const r = await this.query(`SELECT 1 FROM evidence WHERE sha256 = ${duckdb.str(sha256)}`);
    return r.length > 0;
  }

  async writeFile(w: FileWrite): Promise<{ events: number; anomalies: number }> {
    const sha = w.evidence.sha256;
    return this.transaction(async () => {
      // A crash can only leave committed files behind, but a previous failed attempt in this process may not: be exact.
      await this.conn.run(`DELETE FROM events WHERE evidence = ${duckdb.str(sha)}`);
      await this.conn.run(`DELETE FROM anomalies WHERE evidence = ${duckdb.str(sha)}`);
      const a = await this.conn.createAppender('events');
      const chunks = new EventChunkWriter(a, sha);
      const lines = new LineWriter(this.conn, sha);
      let record = 0;
      let flushedAt = 0;
      let anomalies = 0;
      let minTs: bigint | null = null;
      let maxTs: bigint | null = null;
      const anomalyRows: unknown[][] = [];
      const note = (list: readonly Anomaly[] | undefined) => {
        for (const an of list ?? []) { anomalyRows.push([sha, an.offset, an.kind, an.message]); anomalies++; }
      };
      // Queued lines become rows before anything after them, so records stay in file order. DuckDB maps a block
      // on its own threads while this thread reads the next one; `settle` waits for it before anything else runs.
      let inflight: Promise<void> | undefined;
      let failure: unknown;
      const settle = async () => {
        if (inflight) { const f = inflight; inflight = undefined; await f; }
        if (failure !== undefined) throw failure;
      };
      const flushLines = async (wait: boolean) => {
        await settle();
        if (lines.pending === 0) return;
        inflight = lines.flush(record).then((r) => {
          record += r.events;
          flushedAt = record;
          note(r.anomalies);
        }, (e: unknown) => { failure = e; });
        if (wait) await settle();
      };
      try {
        for await (const batch of w.batches) {
          const laidOut = [batch.events.length > 0 ? toEventRows(batch.events) : undefined, batch.rows];
          if (laidOut.some((r) => r !== undefined)) await flushLines(true);
          // Events from a reader on this thread take the same path as rows laid out in a reader's worker.
          for (const rows of laidOut) {
            if (rows === undefined) continue;
            chunks.write(rows, record);
            record += rows.count;
            if (rows.minTs !== null && (minTs === null || rows.minTs < minTs)) minTs = rows.minTs;
            if (rows.maxTs !== null && (maxTs === null || rows.maxTs > maxTs)) maxTs = rows.maxTs;
          }
          // DuckDB's appender buffers up to ~200k rows before it moves them into the transaction's storage; flushing
          // every few thousand rows keeps that buffer (and so peak memory) bounded whatever the file size.
          if (record - flushedAt >= FLUSH_ROWS) { chunks.flush(); a.flushSync(); flushedAt = record; }
          if (batch.lines) {
            if (!lines.accepts(batch.lines)) await flushLines(true);
            if (lines.pending === 0) {
              // Appended rows land before the SQL-mapped ones that follow them.
              await settle();
              chunks.flush(); a.flushSync(); flushedAt = record;
            }
            if (lines.add(batch.lines, batch.anomalies ?? [])) await flushLines(false);
          } else note(batch.anomalies);
          w.onProgress?.(record);
        }
        await flushLines(true);
        chunks.flush();
        a.flushSync();
      } finally {
        // A failed read must not roll back under a running INSERT.
        await inflight?.catch(() => undefined);
        a.closeSync();
      }
      if (lines.used) {
        // Rows mapped in SQL carry their times in the table only.
        const r = await this.conn.runAndReadAll(`SELECT epoch_ns(min(ts)), epoch_ns(max(ts)) FROM events WHERE evidence = ${duckdb.str(sha)}`);
        const [lo, hi] = r.getRows()[0]!;
        minTs = typeof lo === 'bigint' ? lo : null;
        maxTs = typeof hi === 'bigint' ? hi : null;
      }
      await this.append('anomalies', ['evidence', 'source_offset', 'kind', 'message'], anomalyRows);
      const ev = w.evidence;
      await this.append('evidence', ['sha256', 'path', 'size', 'format', 'gzip', 'events', 'anomalies', 'first_ts', 'last_ts'], [
        [sha, ev.path, ev.size, ev.format, ev.gzip, record, anomalies, minTs, maxTs],
      ]);
      return { events: record, anomalies };
    });
  }

  async evidence(): Promise<EvidenceSummary[]> {
    const rows = await this.query<Record<string, unknown>>(
      `SELECT sha256, path, size, format, gzip, events, anomalies, CAST(first_ts AS VARCHAR) AS first_ts, CAST(last_ts AS VARCHAR) AS last_ts FROM evidence ORDER BY sha256`,
    );
    return rows.map((r) => ({
      sha256: String(r.sha256), path: String(r.path), size: Number(r.size), format: String(r.format), gzip: Boolean(r.gzip),
      events: Number(r.events), anomalies: Number(r.anomalies),
      firstTs: r.first_ts === null ? null : String(r.first_ts), lastTs: r.last_ts === null ? null : String(r.last_ts),
    }));
  }

  async close(): Promise<void> {
    this.conn.closeSync();
    this.instance.closeSync();
  }
}

/** Open (and with `create`, make) the case at `dir`. */
export async function openDuckDBCase(dir: string, opts: OpenOptions = {}): Promise<CaseStore> {
  if (opts.create) await mkdir(join(dir, 'evidence'), { recursive: true });
  let instance: DuckDBInstance;
  try {
    // A bounded buffer pool keeps memory flat in input size: DuckDB spills to the case's own temp folder instead of
    // growing with the data (its default is 80% of RAM).
    const config: Record<string, string> = { memory_limit: process.env.VERITRACE_MEMORY_LIMIT ?? '1GB', temp_directory: join(dir, 'tmp', 'duckdb') };
    if (opts.readOnly) config.access_mode = 'READ_ONLY';
    // DuckDB does not create the parent of its temp directory; a spilling query would fail without it.
    await mkdir(join(dir, 'tmp'), { recursive: true }).catch(() => undefined);
    instance = await DuckDBInstance.create(join(dir, DB_FILE), config);
  } catch (e) {
    throw new StoreError(`cannot open case ${dir}: ${(e as Error).message}`, { cause: e });
  }
  const conn = await instance.connect();
  const store = new DuckDBCaseStore(dir, instance, conn);
  if (!opts.readOnly) {
    for (const s of SCHEMA_SQL) await store.exec(s);
    await store.exec(`INSERT OR REPLACE INTO meta VALUES ('schema_version', '${SCHEMA_VERSION}')`);
  }
  return store;
}
