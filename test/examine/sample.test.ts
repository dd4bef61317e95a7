import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { compareSamples, examineSample, VERDICT_THRESHOLDS } from '../../src/examine/index.js';
import { parsePe } from '../../src/examine/pe/index.js';
import { ExamineError } from '../../src/model/index.js';
import { pasteRichHeader } from './fixtures/build-pe.js';
import { npmSamples } from './fixtures/npm-samples.js';
import { buildSampleCorpus, sampleCorpusSkip } from './sample-fixtures.js';

/** One sample in memory: format by magic, hashes, structure, signature, checks; and how two samples relate. */
const skip = sampleCorpusSkip();
const now = '2100-01-01T00:00:00.000Z';
const read = (p: string) => examineSample(readFileSync(p), p, { now });

test('a PE is examined whole: hashes, type, times, PDB path, checks against the given reference time', { skip }, () => {
  const c = buildSampleCorpus();
  const buf = readFileSync(c.mingw);
  const r = examineSample(buf, c.mingw, { now });
  assert.equal(r.format, 'pe');
  assert.equal(r.type, 'PE32+ AMD64 EXE (WINDOWS_CUI)');
  assert.equal(r.hashes.sha256, createHash('sha256').update(buf).digest('hex'));
  assert.equal(r.hashes.md5, createHash('md5').update(buf).digest('hex'));
  assert.equal(r.hashes.imphash, parsePe(buf, c.mingw).imphash);
  assert.equal(r.hashes.richHash, null, 'mingw writes no Rich header');
  assert.match(r.hashes.tlsh ?? '', /^[0-9A-F]{70}$/);
  assert.match(r.hashes.ssdeep, /^\d+:/);
  assert.equal(r.pdbPath, 'agent.pdb');
  assert.match(r.times.compile ?? '', /^\d{4}-\d\d-\d\dT/);
  assert.equal(r.now, now);
  assert.equal(r.yara, null, 'no rules given: null, not "no match"');
  assert.equal(r.signer, undefined);
  // Strings: the planted UTF-16 Chinese message is among the interesting strings, with where it sits.
  const zh = r.strings.interesting.find((s) => s.language === 'zh');
  assert.deepEqual(zh && { value: zh.value, section: zh.section, encoding: zh.encoding, kind: zh.kind, at: buf.indexOf(Buffer.from(zh.value, 'utf16le')) },
    { value: '远程控制服务已启动，请勿关闭此窗口', section: '.rdata', encoding: 'utf-16le', kind: 'natural-language', at: zh?.offset });
  assert.ok(r.strings.languages.some((l) => l.language === 'zh' && l.count >= 1));
  assert.ok(r.strings.scripts.some((s) => s.script === 'Han'));
  assert.ok(r.strings.total > r.strings.interesting.length);
  assert.ok(r.strings.interesting.length <= 50);
  assert.equal(r.strings.language, r.strings.languages[0]?.language, 'the dominant language is what the checks get');
  assert.ok(!r.strings.interesting.some((s) => s.value.startsWith('!This program cannot be run')), 'boilerplate left out');
  assert.deepEqual(examineSample(buf, c.mingw, { now }), r, 'the same input gives the same report');
});

test('the signed copy carries its signer, signing times, and the planted-time finding', { skip }, () => {
  const c = buildSampleCorpus();
  const r = read(c.signed);
  assert.equal(r.signer, 'CN=Example Remote Tools Ltd');
  assert.match(r.signerCertificate ?? '', /^[0-9a-f]{64}$/);
  assert.equal(r.times.signing, '2020-01-01T00:00:00.000Z');
  assert.equal(r.times.counterSignature, '2020-01-01T00:00:00.000Z');
  const checks = r.checks.map((f) => f.check);
  assert.ok(checks.includes('signing-time-outside-validity'), checks.join(', '));
  assert.ok(checks.includes('signature-self-signed'));
});

test('the reference time decides what is "in the future": the clock is never read', { skip }, () => {
  const c = buildSampleCorpus();
  const buf = readFileSync(c.beaconV1);
  const past = examineSample(buf, c.beaconV1, { now: '2001-01-01T00:00:00Z' });
  assert.ok(past.checks.some((f) => f.check === 'compile-time-future'));
  assert.ok(!read(c.beaconV1).checks.some((f) => f.check === 'compile-time-future'));
});

test('an ELF is examined: type from the header, no PE-only hashes', { skip }, () => {
  const c = buildSampleCorpus();
  const r = read(c.elf);
  assert.equal(r.format, 'elf');
  assert.match(r.type, /^ELF64 x86-64 (DYN|EXEC)$/);
  assert.equal(r.hashes.imphash, null);
  assert.equal(r.hashes.richHash, null);
  assert.ok(r.elf?.needed.includes('libc.so.6'));
  assert.deepEqual(r.times, {});
});

test('anything but PE or ELF is refused at offset 0; a truncated PE names the byte where it breaks', () => {
  assert.throws(() => examineSample(Buffer.from('#!/bin/sh\necho hi\n'), 'x.sh', { now }), (e: unknown) => {
    assert.ok(e instanceof ExamineError);
    assert.deepEqual(e.position, { file: 'x.sh', offset: 0 });
    assert.match(e.message, /not a PE or ELF file/);
    return true;
  });
  assert.throws(() => examineSample(Buffer.alloc(0), 'empty', { now }), /empty at byte 0: not a PE or ELF file/);
  if (skip) return;
  const c = buildSampleCorpus();
  assert.throws(() => read(c.truncated), (e: unknown) => {
    assert.ok(e instanceof ExamineError);
    assert.equal(e.position.file, c.truncated);
    assert.equal(e.position.offset, 672);
    return true;
  });
});

test('compare: two builds of one program are the same family; a PE and an unrelated ELF are unrelated', { skip }, () => {
  const c = buildSampleCorpus();
  const v1 = read(c.beaconV1);
  const v2 = read(c.beaconV2);
  const same = compareSamples(v1, v2);
  assert.equal(same.verdict, 'same family');
  assert.ok(same.tlshDistance !== null && same.tlshDistance <= VERDICT_THRESHOLDS.tlshSameFamily, `TLSH ${same.tlshDistance}`);
  assert.equal(same.same.imphash, true);
  assert.equal(same.same.richHash, null, 'neither has a Rich header: nothing to compare');
  assert.equal(same.shared.imports.shared, same.shared.imports.a);
  assert.ok(same.reasons.some((r) => r.startsWith('TLSH distance')));
  assert.deepEqual(same.times, { a: v1.times, b: v2.times });

  const other = compareSamples(v1, read(c.elf));
  assert.equal(other.verdict, 'unrelated');
  assert.ok(other.tlshDistance! > VERDICT_THRESHOLDS.tlshRelated);
  assert.equal(other.ssdeepScore, 0);
  assert.equal(other.same.imphash, null);
  assert.equal(other.shared.imports.shared, 0);

  const self = compareSamples(v1, v1);
  assert.equal(self.verdict, 'identical');
  assert.equal(self.tlshDistance, 0);
  assert.equal(compareSamples(v2, v1).verdict, 'same family', 'symmetric');
});

test('compare: a signed copy of a build is the same family; the signer decides nothing on its own', { skip }, () => {
  const c = buildSampleCorpus();
  const cmp = compareSamples(read(c.mingw), read(c.signed));
  assert.equal(cmp.verdict, 'same family');
  assert.equal(cmp.same.signer, null, 'only one side is signed');
  assert.equal(cmp.same.pdbPath, true);
});

const npm = npmSamples();
test('compare: a Rich header pasted from an MSVC binary makes the pair "related", by that artefact alone', { skip: skip || ('skip' in npm ? npm.skip : false) }, () => {
  if (!('samples' in npm)) return;
  const c = buildSampleCorpus();
  const donorPath = npm.samples.find((s) => s.member.endsWith('notifu64.exe'))!.path;
  const donor = read(donorPath);
  const forged = examineSample(pasteRichHeader(readFileSync(donorPath), readFileSync(c.mingw)), 'forged.exe', { now });
  const cmp = compareSamples(donor, forged);
  assert.equal(cmp.same.richHash, true);
  assert.ok(cmp.tlshDistance! > VERDICT_THRESHOLDS.tlshRelated, `TLSH ${cmp.tlshDistance}`);
  assert.equal(cmp.verdict, 'related');
  assert.ok(cmp.reasons.some((r) => r.startsWith('same Rich hash')));
  assert.ok(forged.checks.some((f) => f.check === 'rich-in-non-msvc-binary'), 'and the forgery itself is flagged');
});
