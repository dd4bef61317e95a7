import { copyFile, mkdir, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { formatPosition, IngestError, StoreError, VeritraceError, type Anomaly, type InputPosition } from '../model/index.js';
import type { CaseStore } from '../store/index.js';
// Not through the store's index: the worker thread must not load DuckDB.
import { toEventRows, type EventRows } from '../store/rows.js';
import { expandInputs, sha256File } from './files.js';
import { isGzip, openInput, readHead } from './input.js';
import type { ReadBatch, Reader, ReaderOptions } from './reader.js';
import { READERS } from './readers/index.js';

export interface IngestOptions {
  reader?: ReaderOptions;
  /** Force a reader by id instead of sniffing (e.g. `jsonl` with a mapping). */
  format?: string;
  readers?: readonly Reader[];
  onProgress?: (p: IngestProgress) => void;
}

export interface IngestProgress {
  filesDone: number;
  filesTotal: number;
  file: string;
  events: number;
  bytesDone: number;
  bytesTotal: number;
}

export type FileOutcome =
  | { path: string; status: 'ingested'; sha256: string; format: string; events: number; anomalies: number }
  | { path: string; status: 'unchanged'; sha256: string }
  | { path: string; status: 'failed'; sha256?: string; error: string };

export interface IngestResult {
  files: FileOutcome[];
  ingested: number;
  unchanged: number;
  failed: number;
  events: number;
}

/** Pick the reader whose sniffer is surest; ties go to the earlier reader in the list. */
export function chooseReader(head: Buffer, name: string, readers: readonly Reader[]): Reader | undefined {
  let best: Reader | undefined;
  let bestScore = 0;
  for (const r of readers) {
    const s = r.sniff(head, name);
    if (s > bestScore) { best = r; bestScore = s; }
  }
  return best;
}

/** Copy the original bytes into `evidence/<sha256>` (write-then-rename, so a crash never leaves half a copy). */
async function keepEvidence(caseDir: string, path: string, sha256: string): Promise<boolean> {
  const dest = join(caseDir, 'evidence', sha256);
  try {
    await stat(dest);
    return false;
  } catch { /* not yet kept */ }
  await mkdir(join(caseDir, 'evidence'), { recursive: true });
  const tmp = `${dest}.partial`;
  await copyFile(path, tmp);
  await rename(tmp, dest);
  return true;
}

/** `manifest.json`: what came from where, sorted by SHA-256, rewritten atomically after every ingest. */
export async function writeManifest(store: CaseStore): Promise<void> {
  const evidence = await store.evidence();
  const paths = await store.query<{ sha256: string; path: string }>(`SELECT sha256, path FROM evidence_paths ORDER BY sha256, path`);
  const byShaPaths = new Map<string, string[]>();
  for (const p of paths) byShaPaths.set(p.sha256, [...(byShaPaths.get(p.sha256) ?? []), p.path]);
  const manifest = {
    veritrace: 'case-manifest/1',
    evidence: evidence.map((e) => ({ ...e, seenAs: byShaPaths.get(e.sha256) ?? [e.path] })),
  };
  const file = join(store.dir, 'manifest.json');
  await writeFile(`${file}.partial`, JSON.stringify(manifest, null, 2) + '\n');
  await rename(`${file}.partial`, file);
}

async function ingestOne(store: CaseStore, path: string, opts: IngestOptions, readers: readonly Reader[], progress: (events: number) => void): Promise<FileOutcome> {
  const { sha256, size } = await sha256File(path);
  const seenAs = `INSERT OR IGNORE INTO evidence_paths VALUES (${store.dialect.str(sha256)}, ${store.dialect.str(path)})`;
  if (await store.hasEvidence(sha256)) {
    await store.exec(seenAs);
    return { path, status: 'unchanged', sha256 };
  }
  if (size === 0) throw new IngestError({ file: path, offset: 0 }, 'empty file');
  const gzip = await isGzip(path);
  let reader: Reader | undefined;
  if (opts.format) {
    reader = readers.find((r) => r.id === opts.format);
    if (!reader) throw new IngestError({ file: path }, `unknown format '${opts.format}' (known: ${readers.map((r) => r.id).join(', ')})`);
  } else {
    const head = await readHead(path, gzip);
    reader = chooseReader(head, basename(path).replace(/\.gz$/i, ''), readers);
    if (!reader) throw new IngestError({ file: path, offset: 0 }, 'unrecognised format: no reader knows this content');
  }
  const copied = await keepEvidence(store.dir, path, sha256);
  // VERITRACE_LINE_SQL=1: readers of JSON lines hand the store text to map in SQL (DuckDB parses it on its own
  // threads, so no read worker). Not the default: measured against the JS mapping it costs as much CPU and more
  // memory (bench/ingest, November 2026), so it stays a choice for raw lines kept exactly as written.
  const byLines = reader.readLines !== undefined && process.env.VERITRACE_LINE_SQL === '1';
  const inWorker = !byLines && size >= WORKER_MIN_BYTES && READERS.includes(reader) && process.env.VERITRACE_READ_WORKER !== '0';
  const input = openInput(path, gzip);
  let written;
  try {
    written = await store.writeFile({
      evidence: { sha256, path, size, format: reader.id, gzip },
      batches: inWorker
        ? readInWorker({ veritraceReadJob: true, readerId: reader.id, path, gzip, options: opts.reader ?? {} })
        : byLines ? reader.readLines!(input, opts.reader ?? {}) : reader.read(input, opts.reader ?? {}),
      onProgress: progress,
    });
  } catch (e) {
    // The file is rejected whole: no events, no evidence row, and no copy that the manifest would not explain.
    if (copied) await unlink(join(store.dir, 'evidence', sha256)).catch(() => undefined);
    throw e;
  }
  await store.exec(seenAs);
  const { events, anomalies } = written;
  return { path, status: 'ingested', sha256, format: reader.id, events, anomalies };
}

/**
 * Take files, folders and globs into the case. Each file is all-or-nothing (one transaction); a file that fails is
 * reported with its position and the others go on; a file already in the case (same SHA-256) changes nothing.
 */
export async function ingest(store: CaseStore, inputs: readonly string[], opts: IngestOptions = {}): Promise<IngestResult> {
  const readers = opts.readers ?? READERS;
  const files = await expandInputs(inputs, [store.dir]);
  const sizes = await Promise.all(files.map(async (f) => (await stat(f)).size));
  const bytesTotal = sizes.reduce((a, b) => a + b, 0);
  const result: IngestResult = { files: [], ingested: 0, unchanged: 0, failed: 0, events: 0 };
  let bytesDone = 0;
  for (let i = 0; i < files.length; i++) {
    const path = files[i]!;
    const report = (events: number) =>
      opts.onProgress?.({ filesDone: i, filesTotal: files.length, file: path, events: result.events + events, bytesDone, bytesTotal });
    report(0);
    let outcome: FileOutcome;
    try {
      outcome = await ingestOne(store, path, opts, readers, report);
    } catch (e) {
      // A broken case stops everything; anything else is this file's problem and the others go on.
      if (e instanceof StoreError) throw e;
      const message = e instanceof VeritraceError ? e.message : `${path}: reader failed: ${(e as Error).message}`;
      outcome = { path, status: 'failed', error: message };
    }
    bytesDone += sizes[i]!;
    result.files.push(outcome);
    if (outcome.status === 'ingested') { result.ingested++; result.events += outcome.events; }
    else if (outcome.status === 'unchanged') result.unchanged++;
    else result.failed++;
  }
  opts.onProgress?.({ filesDone: files.length, filesTotal: files.length, file: '', events: result.events, bytesDone, bytesTotal });
  await writeManifest(store);
  return result;
}

/*
 * Reading in a worker thread. DuckDB's appends run on the main thread and cost about as much as parsing does, so a
 * large file is parsed (and its rows laid out, `raw` JSON built) in a worker while the main thread writes the
 * previous batches. The worker runs at most WORKER_AHEAD_ROWS rows ahead, so memory stays bounded. Small files stay
 * on the main thread: starting a worker costs more than it saves there.
 */
const WORKER_MIN_BYTES = 4 * 1024 * 1024;
/**
 * Rows (not batches) the worker may lay out ahead of the writer: at least one appender flush (FLUSH_ROWS in
 * duckdb-store.ts), so the reader keeps parsing while the main thread is inside DuckDB's flush. Counted in batches
 * (4), an EVTX reader (one batch per 64 KiB chunk, a few dozen events) stalled for the whole of every flush.
 * An empty batch (anomalies only) counts as one row, so the look-ahead stays bounded.
 */
const WORKER_AHEAD_ROWS = 8192;

interface ReadJob { veritraceReadJob: true; readerId: string; path: string; gzip: boolean; options: ReaderOptions }
type WorkerMessage =
  | { type: 'batch'; rows: EventRows; anomalies: Anomaly[] }
  | { type: 'end' }
  | { type: 'error'; name: string; message: string; position?: InputPosition; veritrace: boolean };

/** The reader's error as the main thread would have seen it (same class for IngestError, same text). */
function rebuild(m: Extract<WorkerMessage, { type: 'error' }>): Error {
  if (m.name === 'IngestError' && m.position) {
    const prefix = `${formatPosition(m.position)}: `;
    return new IngestError(m.position, m.message.startsWith(prefix) ? m.message.slice(prefix.length) : m.message);
  }
  return m.veritrace ? new VeritraceError(m.message) : new Error(m.message);
}

/** A worker running this module. Run from TypeScript source (tests under tsx), the worker registers tsx first. */
function startWorker(job: ReadJob): Worker {
  const self = import.meta.url;
  if (!self.endsWith('.ts')) return new Worker(new URL(self), { workerData: job });
  const boot = `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(self)}); })`;
  return new Worker(boot, { eval: true, workerData: job });
}

async function* readInWorker(job: ReadJob): AsyncIterable<ReadBatch & { rows: EventRows }> {
  const worker = startWorker(job);
  const queue: WorkerMessage[] = [];
  let failure: Error | undefined;
  let exited = false;
  let wake: (() => void) | undefined;
  const poke = () => { const w = wake; wake = undefined; w?.(); };
  worker.on('message', (m: WorkerMessage) => { queue.push(m); poke(); });
  worker.on('error', (e: Error) => { failure = e; poke(); });
  worker.on('exit', () => { exited = true; poke(); });
  try {
    for (;;) {
      while (queue.length === 0) {
        if (failure) throw failure;
        if (exited) throw new Error('reader worker stopped without finishing');
        await new Promise<void>((r) => { wake = r; });
      }
      const m = queue.shift()!;
      if (m.type === 'end') return;
      if (m.type === 'error') throw rebuild(m);
      yield { events: [], anomalies: m.anomalies, rows: m.rows };
      worker.postMessage(Math.max(1, m.rows.count)); // these rows are written: as many more may come
    }
  } finally {
    await worker.terminate();
  }
}

async function workerMain(job: ReadJob): Promise<void> {
  const port = parentPort!;
  let credits = WORKER_AHEAD_ROWS;
  let wake: (() => void) | undefined;
  port.on('message', (rows: number) => { credits += rows; const w = wake; wake = undefined; w?.(); });
  try {
    const reader = READERS.find((r) => r.id === job.readerId);
    if (!reader) throw new Error(`no reader ${job.readerId}`);
    for await (const b of reader.read(openInput(job.path, job.gzip), job.options)) {
      const rows = toEventRows(b.events);
      while (credits <= 0) await new Promise<void>((r) => { wake = r; });
      credits -= Math.max(1, rows.count);
      const msg: WorkerMessage = { type: 'batch', rows, anomalies: b.anomalies ?? [] };
      port.postMessage(msg, [rows.ts.buffer, rows.tsNull.buffer, rows.srcPort.buffer, rows.dstPort.buffer, rows.eventId.buffer, rows.offset.buffer] as ArrayBuffer[]);
    }
    port.postMessage({ type: 'end' } satisfies WorkerMessage);
  } catch (e) {
    const err = e instanceof Error ? e : new Error(String(e));
    port.postMessage({
      type: 'error', name: err.name, message: err.message, veritrace: err instanceof VeritraceError,
      position: err instanceof IngestError ? err.position : undefined,
    } satisfies WorkerMessage);
  }
  port.removeAllListeners('message');
  port.unref();
}

const job = isMainThread ? undefined : (workerData as Partial<ReadJob> | null);
if (job?.veritraceReadJob === true) await workerMain(job as ReadJob);
