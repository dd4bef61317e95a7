import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseAuthenticode } from '../../src/examine/authenticode/index.js';
import { checkSample } from '../../src/examine/checks/index.js';
import { parsePe } from '../../src/examine/pe/index.js';
import { buildPeFixtures, fixtureToolsSkip, pasteRichHeader, PLANTED_SIGNING_TIME, type PeFixtures } from './fixtures/build-pe.js';
import { npmSamples } from './fixtures/npm-samples.js';

/** Planted artefacts in binaries built here with mingw-w64 / osslsigncode / openssl must be read and flagged. */
const skip = fixtureToolsSkip();
let fx: PeFixtures | undefined;
const fixtures = (): PeFixtures => (fx ??= buildPeFixtures());
const ctx = { now: '2100-01-01T00:00:00Z' };

test('UTF-16 Chinese strings and a zh-CN (0x804) resource are planted and read back', { skip }, () => {
  const buf = readFileSync(fixtures().mingw);
  assert.ok(buf.includes(Buffer.from('远程控制服务已启动', 'utf16le')), 'UTF-16LE Chinese text in the binary');
  const pe = parsePe(buf, fixtures().mingw);
  assert.ok(pe.resources.length >= 2);
  assert.ok(pe.resources.every((r) => r.language === 0x804), 'every resource is stamped zh-CN');
  assert.equal(pe.versionInfo?.stringTables[0]?.langCodepage, '080404b0');
  assert.equal(pe.versionInfo?.stringTables[0]?.strings.CompanyName, 'Example Remote Tools');
  assert.deepEqual(pe.versionInfo?.translations, ['080404b0']);
  const findings = checkSample({ pe }, { ...ctx, stringsLanguage: 'ru' });
  const lang = findings.find((f) => f.check === 'resource-language-vs-strings');
  assert.ok(lang, 'resource language unlike the strings language is flagged');
  assert.deepEqual(lang.evidence.resourceLanguages, ['zh']);
  assert.equal(checkSample({ pe }, { ...ctx, stringsLanguage: 'zh' }).some((f) => f.check === 'resource-language-vs-strings'), false);
});

test('a real debug-directory PDB path is reported; a mere .pdb string in data is not', { skip }, () => {
  const buf = readFileSync(fixtures().mingw);
  assert.ok(buf.includes(Buffer.from('notreal.pdb')), 'decoy string is in the data');
  const pe = parsePe(buf, fixtures().mingw);
  const cv = pe.debug.filter((d) => d.codeView);
  assert.equal(cv.length, 1);
  assert.equal(cv[0]!.codeView!.signature, 'RSDS');
  assert.equal(cv[0]!.codeView!.pdbPath, 'agent.pdb');
  assert.ok(!JSON.stringify(pe.debug).includes('notreal'), 'the decoy is not taken for debug info');
  assert.equal(pe.rich, undefined, 'mingw writes no Rich header');
  assert.equal(checkSample({ pe }, ctx).filter((f) => f.check.startsWith('rich')).length, 0);
});

const samples = npmSamples();
test('an MSVC Rich header pasted into a mingw binary is flagged', { skip: skip || ('skip' in samples ? samples.skip : false) }, () => {
  if (!('samples' in samples)) return;
  const donorPath = samples.samples.find((s) => s.member.endsWith('notifu64.exe'))!.path;
  const donor = parsePe(readFileSync(donorPath), donorPath);
  const forged = pasteRichHeader(readFileSync(donorPath), readFileSync(fixtures().mingw));
  const pe = parsePe(forged, 'forged.exe');
  assert.ok(pe.rich, 'the pasted header is decoded');
  assert.equal(pe.rich.richHash, donor.rich!.richHash, 'rich hash equals the donor (that is what makes it attractive to forge)');
  const checks = checkSample({ pe }, ctx).map((f) => f.check);
  assert.ok(checks.includes('rich-in-non-msvc-binary'), `flagged: ${checks.join(', ')}`);
  assert.ok(checks.includes('rich-linker-mismatch'), 'Linker1200 in the Rich header vs GNU ld 2.x in the optional header');
  // The genuine donor raises none of these.
  assert.deepEqual(checkSample({ pe: donor }, ctx).filter((f) => f.check.startsWith('rich')), []);
});

test('a self-signed signature whose signing time predates the certificate is flagged', { skip }, () => {
  const buf = readFileSync(fixtures().signed);
  const pe = parsePe(buf, fixtures().signed);
  const ac = parseAuthenticode(buf, pe, fixtures().signed);
  assert.ok(ac);
  const s = ac.signatures[0]!;
  assert.equal(s.hashMatches, true, 'image hash recomputes');
  assert.equal(s.signatureVerified, true, 'signature verifies offline');
  assert.equal(s.signer?.subject, 'CN=Example Remote Tools Ltd');
  assert.equal(s.signingTime, fixtures().signingTime);
  assert.equal(s.counterSignatureKind, 'rfc3161');
  assert.equal(s.counterSignatureTime, new Date(PLANTED_SIGNING_TIME * 1000).toISOString());
  assert.ok(s.flags.includes('self-signed'));
  assert.ok(s.flags.includes('signing-time-outside-validity'));
  const findings = checkSample({ pe, authenticode: ac }, ctx);
  const f = findings.find((x) => x.check === 'signing-time-outside-validity');
  assert.ok(f, 'check finding raised');
  assert.equal(f.evidence.signingTime, fixtures().signingTime);

  // One byte changed after signing: the hash no longer matches.
  const tampered = Buffer.from(buf);
  const text = pe.sections.find((x) => x.name === '.text')!;
  tampered[text.pointerToRawData + 16]! ^= 0xff;
  const ac2 = parseAuthenticode(tampered, parsePe(tampered, 't.exe'), 't.exe')!;
  assert.equal(ac2.signatures[0]!.hashMatches, false);
  assert.ok(ac2.signatures[0]!.flags.includes('hash-mismatch'));
});
