import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { bufferInput } from '../../src/ingest/input.js';
import type { Reader } from '../../src/ingest/reader.js';
import { zeekReader } from '../../src/ingest/readers/zeek/index.js';
import { IngestError } from '../../src/model/index.js';

/** Deterministic PRNG (mulberry32) so a failure reproduces. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Truncations, bit flips and random bytes of `seed`, plain and gzip; the reader must finish or throw IngestError. */
export async function fuzzReader(reader: Reader, name: string, seed: Buffer, seedNo: number): Promise<{ runs: number; errors: number }> {
  const rand = rng(seedNo);
  const inputs: Buffer[] = [];
  for (let i = 0; i < 40; i++) inputs.push(seed.subarray(0, Math.floor(rand() * seed.length)));
  for (let i = 0; i < 60; i++) {
    const b = Buffer.from(seed);
    const flips = 1 + Math.floor(rand() * 8);
    for (let k = 0; k < flips; k++) {
      const at = Math.floor(rand() * b.length);
      b[at] = b[at]! ^ (1 << Math.floor(rand() * 8));
    }
    inputs.push(b);
  }
  for (let i = 0; i < 20; i++) inputs.push(Buffer.from(Array.from({ length: Math.floor(rand() * 4096) }, () => Math.floor(rand() * 256))));
  const gz = gzipSync(seed);
  for (let i = 0; i < 20; i++) {
    const b = Buffer.from(gz.subarray(0, 10 + Math.floor(rand() * (gz.length - 10))));
    if (i % 2 === 1) { const at = 10 + Math.floor(rand() * (b.length - 10)); b[at] = b[at]! ^ 0x10; }
    inputs.push(b);
  }
  let errors = 0;
  for (const data of inputs) {
    try {
      for await (const batch of reader.read(bufferInput(name, data), {})) {
        for (const e of batch.events) assert.ok(e.tsNs === null || typeof e.tsNs === 'bigint');
      }
    } catch (e) {
      if (!(e instanceof IngestError)) throw e;
      assert.ok(e.message.startsWith(name), e.message);
      errors++;
    }
  }
  return { runs: inputs.length, errors };
}

const TSV = Buffer.from([
  '#separator \\x09', '#set_separator\t,', '#empty_field\t(empty)', '#unset_field\t-', '#path\tconn',
  '#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\tservice\ttunnel_parents',
  '#types\ttime\tstring\taddr\tport\taddr\tport\tenum\tstring\tset[string]',
  ...Array.from({ length: 30 }, (_, i) => `1521911720.${String(i).padStart(6, '0')}\tC${i}\t10.0.0.${i}\t${1000 + i}\t10.0.1.1\t53\tudp\tdns\t(empty)`),
  '#close\t2024', '',
].join('\n'));

const JSON_LOG = Buffer.from(Array.from({ length: 30 }, (_, i) =>
  JSON.stringify({ _path: 'dns', ts: `2018-03-24T17:15:${String(i).padStart(2, '0')}.865716Z`, uid: `C${i}`, 'id.orig_h': '10.0.0.1', 'id.orig_p': 53, query: `q${i}.example`, answers: ['a', 'b'] })).join('\n') + '\n');

test('zeek fuzz: truncated, bit-flipped and random input never crashes or hangs', { timeout: 60_000 }, async () => {
  const a = await fuzzReader(zeekReader, 'fuzz-conn.log', TSV, 1);
  const b = await fuzzReader(zeekReader, 'fuzz-dns.json', JSON_LOG, 2);
  assert.equal(a.runs + b.runs, 280);
  // The corrupted gzip inputs and random bytes must have produced some file-level errors.
  assert.ok(a.errors > 0 && b.errors > 0, `errors: ${a.errors}, ${b.errors}`);
});
