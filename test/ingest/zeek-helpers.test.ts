/**
 * Helpers shared by the zeek, suricata, jsonl and csv reader tests: read a buffer through a reader, and fuzz a
 * reader deterministically. A `.test.ts` so it sits under this suite's names; its one test pins the PRNG.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { bufferInput } from '../../src/ingest/input.js';
import type { Reader } from '../../src/ingest/reader.js';
import { IngestError } from '../../src/model/index.js';
import { prng as rng, readAll } from '../helpers/readers.js';

export { readAll as collect, rng };

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

test('fuzz PRNG is deterministic, so a fuzz failure reproduces', () => {
  const a = rng(7);
  const b = rng(7);
  const xs = Array.from({ length: 5 }, () => a());
  assert.deepEqual(xs, Array.from({ length: 5 }, () => b()));
  assert.ok(xs.every((x) => x >= 0 && x < 1));
  assert.notDeepEqual(xs, Array.from({ length: 5 }, rng(8)));
});
