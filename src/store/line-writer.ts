/**
 * `events` rows from JSON lines, mapped in SQL (see `LineProjection`). Lines wait in a temp staging table
 * (ord, line_no, line) in blocks of BLOCK; each block becomes rows with one `INSERT INTO events SELECT …`, in
 * which DuckDB parses every line once (`json_extract` of a list of paths) on all its threads, and `raw` is the line
 * itself. Memory stays bounded by the block, whatever the file size.
 *
 * DuckDB's JSON reader (yyjson) is more lenient than JSON.parse (trailing commas, NaN/Infinity) and stricter
 * in one place (a lone surrogate escape such as `\ud800`). Lines where the two could disagree — those DuckDB
 * rejects, and those whose text contains a trailing-comma or NaN/Inf pattern anywhere — get JS's verdict
 * (`projection.check`), so exactly the lines the JS reader skips become anomalies. Rows stored without time
 * are read back once for the JS reader's time anomaly. Anomalies are returned in line order.
 */
import duckdb from '@duckdb/node-bindings';
import { BIGINT, DuckDBDataChunk, DuckDBVarCharType, type DuckDBConnection } from '@duckdb/node-api';
import type { Anomaly } from '../model/index.js';
import type { LineBlock, LineProjection } from './case-store.js';
import { duckdb as sql } from './dialect.js';

/**
 * Lines per INSERT: large enough for DuckDB to spread the parsing over its threads, small enough to bound memory
 * (one block in DuckDB's hands and one being read: 64k lines cost ~150 MB more peak RSS at 400k events than 32k).
 */
const BLOCK = 32 * 1024;
const SIZE = duckdb.vector_size();
const STAGING = 'vt_line_staging';
/** Staged as JSON (appending does not validate), so `raw` needs no VARCHAR→JSON cast, which would parse every line again. */
const JSON_TEXT = DuckDBVarCharType.create('JSON');

/**
 * Text where yyjson (as DuckDB configures it) may accept what JSON.parse rejects: a comma before a closer, NaN,
 * Inf. Tested here in JS (about 0.2 µs a line; the same regex costs DuckDB as much as parsing the line). A NUL
 * would end the text on its way into DuckDB.
 */
const LENIENT = /,[ \t\n\r]*[\]}]|[:,[][ \t\n\r]*[-+]?(?:[Nn][Aa][Nn]|[Ii][Nn][Ff])|\0/;

/** Lone UTF-16 surrogates (JSON.parse accepts their escapes, DuckDB does not) as U+FFFD. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const fix = (s: string) => s.replace(LONE_SURROGATE, '\ufffd');

function wellFormed(v: unknown): unknown {
  if (typeof v === 'string') return fix(v);
  if (Array.isArray(v)) return v.map(wellFormed);
  if (v !== null && typeof v === 'object') {
    const o: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) o[fix(k)] = wellFormed(x);
    return o;
  }
  return v;
}

export class LineWriter {
  private projection: LineProjection | undefined;
  private lineNos: number[] = [];
  private texts: string[] = [];
  private anomalies: Anomaly[] = [];
  /** True once any block was inserted: the caller then takes first/last time from the table. */
  used = false;

  constructor(private readonly conn: DuckDBConnection, private readonly sha: string) {}

  get pending(): number {
    return this.texts.length;
  }

  /** Queue a block (and the reader's anomalies for its lines); true when the caller should `flush` now. */
  add(block: LineBlock, anomalies: readonly Anomaly[]): boolean {
    if (this.projection !== undefined && this.projection !== block.projection && this.texts.length > 0) {
      throw new Error('LineWriter: flush before changing the projection');
    }
    const p = block.projection;
    this.projection = p;
    for (let i = 0; i < block.texts.length; i++) {
      const text = block.texts[i]!;
      if (LENIENT.test(text)) {
        const v = p.check(text, block.lineNos[i]!);
        if ('anomaly' in v) { this.anomalies.push(v.anomaly); continue; }
      }
      this.texts.push(text);
      this.lineNos.push(block.lineNos[i]!);
    }
    for (const a of anomalies) this.anomalies.push(a);
    return this.texts.length >= BLOCK;
  }

  /** Whether `block` can join what is queued (same projection). */
  accepts(block: LineBlock): boolean {
    return this.texts.length === 0 || this.projection === block.projection;
  }

  /** Insert the queued lines as records `record`, `record + 1`, …; returns the rows written and the anomalies in line order. */
  async flush(record: number): Promise<{ events: number; anomalies: Anomaly[] }> {
    const p = this.projection;
    const texts = this.texts;
    const lineNos = this.lineNos;
    const anomalies = this.anomalies;
    this.texts = []; this.lineNos = []; this.anomalies = [];
    if (p === undefined || texts.length === 0) return { events: 0, anomalies: anomalies.sort((a, b) => a.offset - b.offset) };
    this.used = true;
    await this.conn.run(`CREATE OR REPLACE TEMP TABLE ${STAGING} (ord BIGINT, line_no BIGINT, line JSON)`);
    await this.stage(texts, lineNos);
    // Lines DuckDB cannot read (rare: JS reads them alike otherwise, see LENIENT) are judged first, so that the
    // INSERT needs no filter (a WHERE on json_valid costs the INSERT more than this separate pass).
    const dropped = await this.screen(p, anomalies);
    const events = await this.insert(p, record, dropped > 0);
    if (events !== texts.length - dropped) throw new Error(`LineWriter: ${events} rows stored of ${texts.length - dropped}`);
    const timeless = await this.conn.runAndReadAll(
      `SELECT source_offset, raw FROM events WHERE evidence = ${sql.str(this.sha)} AND record >= ${record} AND ts IS NULL ORDER BY record`);
    for (const [offset, raw] of timeless.getRows()) {
      const a = p.timeAnomaly(String(raw), Number(offset));
      if (a) anomalies.push(a);
    }
    await this.conn.run(`DROP TABLE ${STAGING}`);
    return { events, anomalies: anomalies.sort((a, b) => a.offset - b.offset) };
  }

  /** Append the lines to the staging table a data chunk at a time (one N-API call per line). */
  private async stage(texts: string[], lineNos: number[]): Promise<void> {
    const appender = await this.conn.createAppender(STAGING, 'main', 'temp');
    try {
      const chunk = DuckDBDataChunk.create([BIGINT, BIGINT, JSON_TEXT]);
      const ords = new BigInt64Array(SIZE);
      const nos = new BigInt64Array(SIZE);
      for (let start = 0; start < texts.length; start += SIZE) {
        const n = Math.min(SIZE, texts.length - start);
        const v = [0, 1, 2].map((c) => duckdb.data_chunk_get_vector(chunk.chunk, c));
        for (let i = 0; i < n; i++) {
          ords[i] = BigInt(start + i);
          nos[i] = BigInt(lineNos[start + i]!);
          duckdb.vector_assign_string_element(v[2]!, i, texts[start + i]!);
        }
        duckdb.copy_data_to_vector(v[0]!, 0, ords.buffer, 0, n * 8);
        duckdb.copy_data_to_vector(v[1]!, 0, nos.buffer, 0, n * 8);
        duckdb.data_chunk_set_size(chunk.chunk, n);
        appender.appendDataChunk(chunk);
        chunk.reset();
      }
      appender.flushSync();
    } finally {
      appender.closeSync();
    }
  }

  /** JS's verdict on the lines DuckDB cannot read: drops those JS rejects too, repairs the others. Returns how many dropped. */
  private async screen(p: LineProjection, anomalies: Anomaly[]): Promise<number> {
    const doubt = await this.conn.runAndReadAll(
      `SELECT ord, line_no, line FROM ${STAGING} WHERE NOT json_valid(line)`);
    const drop: number[] = [];
    for (const [ord, lineNo, line] of doubt.getRows()) {
      const v = p.check(String(line), Number(lineNo));
      if ('anomaly' in v) { anomalies.push(v.anomaly); drop.push(Number(ord)); continue; }
      // JS takes it, DuckDB cannot (lone surrogate escapes): store it re-serialised with U+FFFD in their place.
      const fixed = JSON.stringify(wellFormed(v.record));
      const ok = (await this.conn.runAndReadAll(`SELECT json_valid(${sql.str(fixed)})`)).getRows()[0]![0] === true;
      if (ok) await this.conn.run(`UPDATE ${STAGING} SET line = ${sql.str(fixed)} WHERE ord = ${Number(ord)}`);
      else {
        anomalies.push({ offset: Number(lineNo), kind: 'json-syntax', message: `${p.file}:${Number(lineNo)}: JSON the store cannot read; line skipped` });
        drop.push(Number(ord));
      }
    }
    if (drop.length > 0) await this.conn.run(`DELETE FROM ${STAGING} WHERE ord IN (${drop.join(', ')})`);
    return drop.length;
  }

  /** INSERT the staged lines (all readable after `screen`); returns how many. */
  private async insert(p: LineProjection, record: number, gaps: boolean): Promise<number> {
    // Records count the stored lines only; without skipped lines that is the staging order itself.
    const rec = gaps ? `(${record} + row_number() OVER (ORDER BY ord) - 1)` : `(${record} + ord)`;
    const paths = `[${p.paths.map((x) => sql.str(x)).join(', ')}]`;
    let from = `(SELECT ord, line_no, line, ${rec} AS record, json_extract(line, ${paths}) AS j FROM ${STAGING})`;
    // One column per path, taken out of the list once (each `j[k]` in an expression would copy the text again).
    from = `(SELECT * EXCLUDE (j), ${p.paths.map((_, i) => `j[${i + 1}] AS j${i + 1}`).join(', ')} FROM ${from})`;
    for (const [name, expr] of p.lets) from = `(SELECT *, ${expr} AS ${name} FROM ${from})`;
    const c = p.columns;
    const prefix = sql.str(`${this.sha.slice(0, 16)}-`);
    const text = `INSERT INTO events SELECT ${prefix} || CAST(record AS VARCHAR), ${sql.str(this.sha)}, record, ${c.ts}, ${sql.str(p.format)}, `
      + `${c.product}, ${c.category}, ${c.service}, ${c.host}, ${c.user_name}, ${c.image}, ${c.command_line}, `
      + `${c.src_ip}, ${c.src_port}, ${c.dst_ip}, ${c.dst_port}, ${c.proto}, ${c.event_id}, line_no, line FROM ${from}${gaps ? ' ORDER BY record' : ''}`;
    return (await this.conn.run(text)).rowsChanged;
  }
}
