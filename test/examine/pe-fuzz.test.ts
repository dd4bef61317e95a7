import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ExamineError } from '../../src/model/index.js';
import { parseAuthenticode } from '../../src/examine/authenticode/index.js';
import { parseElf } from '../../src/examine/elf/index.js';
import { parsePe } from '../../src/examine/pe/index.js';
import { npmSamples } from './fixtures/npm-samples.js';
import { prng } from '../helpers/readers.js';

/** Truncated, bit-flipped and random input: an ExamineError naming file and offset, or a result — never a crash. */
function survives(parse: () => unknown, file: string): void {
  try {
    parse();
  } catch (e) {
    assert.ok(e instanceof ExamineError, `not an ExamineError: ${(e as Error).stack}`);
    assert.equal(e.position.file, file);
    assert.equal(typeof e.position.offset, 'number');
    assert.ok(e.message.includes(file) && e.message.includes('at byte'), e.message);
  }
}

function parseAll(buf: Buffer, file: string): void {
  const pe = parsePe(buf, file);
  parseAuthenticode(buf, pe, file);
  JSON.stringify(pe);
}

const samples = npmSamples();
const peSeeds = 'samples' in samples ? samples.samples.filter((s) => /notifu64|snoretoast-x64|conpty\.dll/.test(s.member) && !s.member.includes('arm64')) : [];

test('truncated PE files raise ExamineError with the offset', { skip: 'skip' in samples ? samples.skip : false }, () => {
  for (const s of peSeeds) {
    const buf = readFileSync(s.path);
    const r = prng(7);
    const cuts = [0, 1, 63, 64, 0x3c, 0x80, 0x100, 0x200, 0x400, ...Array.from({ length: 40 }, () => Math.floor(r() * buf.length))];
    for (const n of cuts) survives(() => parseAll(buf.subarray(0, n), 'cut.exe'), 'cut.exe');
  }
  assert.throws(() => parsePe(Buffer.alloc(10), 'tiny.exe'), (e: unknown) => e instanceof ExamineError && e.position.offset === 0);
});

test('bit-flipped PE headers and directories never crash or hang', { skip: 'skip' in samples ? samples.skip : false }, () => {
  const r = prng(42);
  for (const s of peSeeds) {
    const orig = readFileSync(s.path);
    for (let i = 0; i < 150; i++) {
      const buf = Buffer.from(orig);
      // Mostly the first 4 KiB (headers, directories), where a flipped bit changes the parse.
      for (let k = 0; k < 1 + Math.floor(r() * 8); k++) {
        const at = r() < 0.8 ? Math.floor(r() * Math.min(4096, buf.length)) : Math.floor(r() * buf.length);
        buf[at]! ^= 1 << Math.floor(r() * 8);
      }
      survives(() => parseAll(buf, 'flip.exe'), 'flip.exe');
    }
  }
});

test('random bytes behind an MZ/ELF magic are rejected cleanly', () => {
  const r = prng(1234);
  for (let i = 0; i < 300; i++) {
    const buf = Buffer.alloc(Math.floor(r() * 2048));
    for (let k = 0; k < buf.length; k++) buf[k] = Math.floor(r() * 256);
    if (buf.length >= 2 && i % 2 === 0) buf.write('MZ', 0, 'latin1');
    if (buf.length >= 0x40 && i % 4 === 0) buf.writeUInt32LE(0x40, 0x3c);
    if (buf.length >= 0x44 && i % 4 === 0) buf.write('PE\0\0', 0x40, 'latin1');
    survives(() => parseAll(buf, 'rand.exe'), 'rand.exe');
    const e = Buffer.from(buf);
    if (e.length >= 6) {
      e.writeUInt32LE(0x464c457f, 0);
      e[4] = 1 + (i % 2);
      e[5] = 1 + ((i >> 1) % 2);
    }
    survives(() => parseElf(e, 'rand.elf'), 'rand.elf');
  }
});

test('truncated and bit-flipped ELF files never crash', () => {
  const orig = readFileSync('/usr/bin/ls');
  const r = prng(99);
  for (let i = 0; i < 60; i++) survives(() => parseElf(orig.subarray(0, Math.floor(r() * orig.length)), 'ls'), 'ls');
  for (let i = 0; i < 150; i++) {
    const buf = Buffer.from(orig);
    for (let k = 0; k < 4; k++) buf[Math.floor(r() * Math.min(buf.length, 256))]! ^= 1 << Math.floor(r() * 8);
    const shoff = Number(buf.readBigUInt64LE(40));
    for (let k = 0; k < 4 && shoff > 0 && shoff < buf.length; k++) buf[Math.min(buf.length - 1, shoff + Math.floor(r() * 2048))]! ^= 1 << Math.floor(r() * 8);
    survives(() => parseElf(buf, 'ls'), 'ls');
  }
});
