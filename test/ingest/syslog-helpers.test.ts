/**
 * Helpers shared by the syslog, auditd, chrony and ntpd reader tests: read a buffer through a reader, and fuzz a
 * reader deterministically (truncation, bit flips, random bytes, corrupted gzip). A `.test.ts` so it sits under
 * this suite's names; its tests pin the PRNG and the helper itself.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import type { Reader } from '../../src/ingest/reader.js';
import { IngestError, UsageError } from '../../src/model/index.js';
import { prng, readAll } from '../helpers/readers.js';

export { readAll, prng };

/**
 * Runs the reader over `runs` corrupted variants of `sample`; every run must end in events or an IngestError,
 * never another exception. Returns how many runs ended in an IngestError.
 */
export async function fuzz(reader: Reader, name: string, sample: Buffer, seed: number, runs = 60): Promise<{ runs: number; errors: number }> {
  const rnd = prng(seed);
  let errors = 0;
  for (let r = 0; r < runs; r++) {
    let data: Buffer;
    const mode = r % 4;
    if (mode === 0) data = sample.subarray(0, Math.floor(rnd() * sample.length));
    else if (mode === 1) {
      data = Buffer.from(sample);
      for (let k = 0; k < 1 + Math.floor(rnd() * 16); k++) data[Math.floor(rnd() * data.length)]! ^= 1 << Math.floor(rnd() * 8);
    } else if (mode === 2) {
      data = Buffer.alloc(1 + Math.floor(rnd() * 4096));
      for (let k = 0; k < data.length; k++) data[k] = Math.floor(rnd() * 256);
    } else {
      const gz = gzipSync(sample);
      data = gz.subarray(0, Math.max(2, Math.floor(rnd() * gz.length)));
    }
    try {
      await readAll(reader, name, data);
    } catch (e) {
      if (!(e instanceof IngestError) && !(e instanceof UsageError)) throw e;
      assert.ok(e.message.includes(name), `error names the file: ${e.message}`);
      errors++;
    }
  }
  return { runs, errors };
}

test('helpers: the PRNG is pinned, so every fuzz run sees the same inputs everywhere', () => {
  const r = prng(42);
  assert.deepEqual([r(), r(), r()].map((x) => Math.floor(x * 1000)), [601, 448, 852]);
});

test('helpers: fuzz fails on an exception that is not an IngestError', async () => {
  const crashing: Reader = {
    id: 'crash', description: 'throws', sniff: () => 0,
    read: () => ({ [Symbol.asyncIterator]: () => ({ next: () => Promise.reject(new TypeError('boom')) }) }),
  };
  await assert.rejects(fuzz(crashing, 'c.log', Buffer.from('abc'), 1, 4), TypeError);
});
