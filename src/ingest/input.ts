import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createGunzip, gunzipSync } from 'node:zlib';
import type { Readable } from 'node:stream';
import { IngestError } from '../model/index.js';

const GZIP_MAGIC = 0x1f8b;
export const SNIFF_BYTES = 64 * 1024;

/** One input file, decompressed on the fly. Readers get this, never a path, so gzip is transparent to all of them. */
export interface InputSource {
  /** The path as the user named it; every error message carries it. */
  readonly path: string;
  readonly gzip: boolean;
  /** Decompressed bytes as a stream of chunks. */
  chunks(): AsyncIterable<Buffer>;
  /** Decompressed text, line by line (LF or CRLF), with 1-based line numbers. */
  lines(): AsyncIterable<LineBatch>;
}

/** A run of lines: `lines[i]` is line number `firstLine + i`. Batching keeps the per-line cost low. */
export interface LineBatch {
  firstLine: number;
  lines: string[];
}

export async function isGzip(path: string): Promise<boolean> {
  const fh = await open(path, 'r');
  try {
    const b = Buffer.alloc(2);
    const { bytesRead } = await fh.read(b, 0, 2, 0);
    return bytesRead === 2 && b.readUInt16BE(0) === GZIP_MAGIC;
  } finally {
    await fh.close();
  }
}

/** The first up-to-64 KiB of the decompressed content, for sniffing. A truncated gzip still yields what it has. */
export async function readHead(path: string, gzip: boolean): Promise<Buffer> {
  const fh = await open(path, 'r');
  try {
    const raw = Buffer.alloc(gzip ? 1024 * 1024 : SNIFF_BYTES);
    const { bytesRead } = await fh.read(raw, 0, raw.length, 0);
    const bytes = raw.subarray(0, bytesRead);
    if (!gzip) return bytes;
    return await gunzipHead(bytes);
  } finally {
    await fh.close();
  }
}

function gunzipHead(bytes: Buffer): Promise<Buffer> {
  return new Promise((resolve) => {
    const out: Buffer[] = [];
    let size = 0;
    const z = createGunzip();
    const finish = () => resolve(Buffer.concat(out).subarray(0, SNIFF_BYTES));
    z.on('data', (d: Buffer) => {
      out.push(d);
      size += d.length;
      if (size >= SNIFF_BYTES) { z.removeAllListeners('data'); z.destroy(); finish(); }
    });
    z.on('error', finish);
    z.on('end', finish);
    z.on('close', finish);
    z.end(bytes);
  });
}

export function openInput(path: string, gzip: boolean): InputSource {
  const stream = (): Readable => {
    const file = createReadStream(path, { highWaterMark: 1024 * 1024 });
    if (!gzip) return file;
    const z = createGunzip({ chunkSize: 256 * 1024 });
    file.on('error', (e) => z.destroy(e));
    return file.pipe(z);
  };
  async function* chunks(): AsyncIterable<Buffer> {
    let produced = 0;
    try {
      for await (const c of stream()) {
        produced += (c as Buffer).length;
        yield c as Buffer;
      }
    } catch (e) {
      throw new IngestError({ file: path, offset: produced }, `cannot read${gzip ? ' gzip' : ''} input: ${(e as Error).message}`, { cause: e });
    }
  }
  async function* lines(): AsyncIterable<LineBatch> {
    let carry = '';
    let lineNo = 1;
    const decoder = new TextDecoder('utf-8');
    for await (const c of chunks()) {
      const text = carry + decoder.decode(c, { stream: true });
      const parts = text.split('\n');
      carry = parts.pop() ?? '';
      if (parts.length === 0) continue;
      for (let i = 0; i < parts.length; i++) {
        const p = parts[i]!;
        if (p.length > 0 && p.charCodeAt(p.length - 1) === 13) parts[i] = p.slice(0, -1);
      }
      yield { firstLine: lineNo, lines: parts };
      lineNo += parts.length;
    }
    carry += decoder.decode();
    if (carry.length > 0) {
      if (carry.charCodeAt(carry.length - 1) === 13) carry = carry.slice(0, -1);
      yield { firstLine: lineNo, lines: [carry] };
    }
  }
  return { path, gzip, chunks, lines };
}

/** For tests and small in-memory inputs: the same interface over a buffer. */
export function bufferInput(path: string, data: Buffer): InputSource {
  const gzip = data.length >= 2 && data.readUInt16BE(0) === GZIP_MAGIC;
  const bytes = () => (gzip ? gunzipSync(data) : data);
  async function* chunks(): AsyncIterable<Buffer> {
    let b: Buffer;
    try { b = bytes(); } catch (e) { throw new IngestError({ file: path, offset: 0 }, `cannot read gzip input: ${(e as Error).message}`, { cause: e }); }
    for (let i = 0; i < b.length; i += 1024 * 1024) yield b.subarray(i, Math.min(b.length, i + 1024 * 1024));
  }
  async function* lines(): AsyncIterable<LineBatch> {
    let b: Buffer;
    try { b = bytes(); } catch (e) { throw new IngestError({ file: path, offset: 0 }, `cannot read gzip input: ${(e as Error).message}`, { cause: e }); }
    const text = b.toString('utf8');
    const parts = text.split('\n');
    if (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
    yield { firstLine: 1, lines: parts.map((p) => (p.endsWith('\r') ? p.slice(0, -1) : p)) };
  }
  return { path, gzip, chunks, lines };
}
