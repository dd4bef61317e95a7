import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { checkSample, MSVC_LINKERS } from '../../src/examine/checks/index.js';
import { parsePe, type PeInfo } from '../../src/examine/pe/index.js';
import { npmSamples } from './fixtures/npm-samples.js';

/** The checks on one genuine MSVC build, before and after its fields are rewritten the way forgers do. */
const samples = npmSamples();
const skip = 'skip' in samples ? samples.skip : false;
function notifu(): PeInfo {
  if (!('samples' in samples)) throw new Error('no samples');
  const p = samples.samples.find((s) => s.member.endsWith('notifu64.exe'))!.path;
  return parsePe(readFileSync(p), p);
}
const ctx = { now: '2026-01-01T00:00:00Z' };

test('a genuine build raises only the PDB user-name artefact', { skip }, () => {
  assert.deepEqual(checkSample({ pe: notifu() }, ctx).map((f) => f.check), ['pdb-path-user-name']);
});

test('a compile time after the reference time is flagged; the wall clock is not used', { skip }, () => {
  const pe = notifu();
  assert.ok(checkSample({ pe }, { now: '2019-01-01T00:00:00Z' }).some((f) => f.check === 'compile-time-future'));
  assert.ok(!checkSample({ pe }, ctx).some((f) => f.check === 'compile-time-future'));
});

test('a compile time before the linker existed and unlike the debug entries is flagged', { skip }, () => {
  const pe = notifu();
  pe.headers.timeDateStamp = Date.UTC(2009, 5, 1) / 1000; // linker 12.0 is VS2013 (2013-10-17)
  const checks = checkSample({ pe }, ctx);
  const before = checks.find((f) => f.check === 'compile-time-before-linker');
  assert.ok(before);
  assert.equal(before.evidence.linkerRelease, '2013-10-17');
  assert.ok(checks.some((f) => f.check === 'compile-time-vs-debug'));
});

test('a Rich header that does not fit the import count or the linker is flagged', { skip }, () => {
  const pe = notifu();
  pe.headers.minorLinkerVersion = 10;
  pe.imports[0]!.functions.push(...Array.from({ length: 50 }, (_, i) => ({ name: `Extra${i}` })));
  const checks = checkSample({ pe }, ctx).map((f) => f.check);
  assert.ok(checks.includes('rich-linker-mismatch'));
  assert.ok(checks.includes('rich-import-count'));
});

test('PDB paths in another script than the strings are flagged', { skip }, () => {
  const pe = notifu();
  pe.debug[0]!.codeView!.pdbPath = 'C:\\Users\\Иван\\проект\\Release\\tool.pdb';
  const checks = checkSample({ pe }, { ...ctx, stringsLanguage: 'zh' });
  assert.equal(checks.find((f) => f.check === 'pdb-path-user-name')?.evidence.userName, 'Иван');
  assert.deepEqual(checks.find((f) => f.check === 'pdb-path-non-ascii')?.evidence.scripts, ['Cyrillic']);
  assert.ok(checks.some((f) => f.check === 'pdb-path-language-vs-strings'));
  assert.ok(!checkSample({ pe }, { ...ctx, stringsLanguage: 'ru' }).some((f) => f.check === 'pdb-path-language-vs-strings'));
});

test('the linker table is sorted by version and date', () => {
  for (let i = 1; i < MSVC_LINKERS.length; i++) {
    const [a, b] = [MSVC_LINKERS[i - 1]!, MSVC_LINKERS[i]!];
    assert.ok(a[0] * 100 + a[1] < b[0] * 100 + b[1] && a[2] < b[2], `${a} before ${b}`);
  }
});
