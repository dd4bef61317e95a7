import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { examineSample } from '../../src/examine/index.js';
import { ExamineError } from '../../src/model/index.js';
import { buildSampleCorpus, sampleCorpusSkip } from './sample-fixtures.js';

/**
 * The whole pass (parsers, Authenticode, strings, checks together) on damaged samples: each either yields a report
 * or an ExamineError naming the file and a byte offset inside it; never another exception, never a hang.
 */
const skip = sampleCorpusSkip();
const now = '2100-01-01T00:00:00Z';

/** mulberry32: a fixed seed gives the same mutations on every run. */
function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function survives(buf: Buffer, name: string): 'report' | 'error' {
  try {
    const r = examineSample(buf, name, { now });
    assert.equal(r.size, buf.length);
    return 'report';
  } catch (e) {
    assert.ok(e instanceof ExamineError, `${name}: ${(e as Error).stack}`);
    assert.equal(e.position.file, name);
    // The offset may lie past a truncated end: a directory that points there is reported at the place it points to.
    assert.ok(Number.isInteger(e.position.offset) && e.position.offset! >= 0, `${name}: offset ${e.position.offset}`);
    return 'error';
  }
}

test('truncations and bit flips of a signed PE and an ELF: a report or an ExamineError with file and offset', { skip }, () => {
  const c = buildSampleCorpus();
  const rand = rng(0x5eed);
  const seen = { report: 0, error: 0 };
  for (const path of [c.signed, c.elf]) {
    const orig = readFileSync(path);
    for (let i = 0; i < 12; i++) {
      const cut = Math.floor(rand() * orig.length);
      seen[survives(orig.subarray(0, cut), `${path}#cut${cut}`)]++;
      const flipped = Buffer.from(orig);
      // Flips concentrated in the first 4 KiB, where the headers and tables that steer parsing live.
      for (let k = 0; k < 8; k++) flipped[Math.floor(rand() * Math.min(4096, orig.length))]! ^= 1 << Math.floor(rand() * 8);
      seen[survives(flipped, `${path}#flip${i}`)]++;
    }
  }
  assert.ok(seen.report > 0 && seen.error > 0, `both outcomes met: ${JSON.stringify(seen)}`);
});

test('random bytes behind each magic: a report or an ExamineError, never a crash', () => {
  const rand = rng(42);
  for (let i = 0; i < 30; i++) {
    const buf = Buffer.alloc(64 + Math.floor(rand() * 4096));
    for (let k = 0; k < buf.length; k++) buf[k] = Math.floor(rand() * 256);
    if (i % 3 === 0) buf.write('MZ', 0, 'latin1');
    else if (i % 3 === 1) buf.writeUInt32BE(0x7f454c46, 0);
    survives(buf, `random${i}`);
  }
});
