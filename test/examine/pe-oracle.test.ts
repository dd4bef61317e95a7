import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { parsePe, type PeInfo } from '../../src/examine/pe/index.js';
import { DEBIAN_PYTHON, PEFILE_DUMP, npmSamples, pefileSkip, type NpmSample } from './fixtures/npm-samples.js';

/**
 * Oracle: every field veritrace reads from real MSVC / Go / Rust-built Windows binaries equals what Debian's
 * python3-pefile reads from the same pinned bytes.
 */
type Oracle = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- JSON from python

const fetched = npmSamples();
const skip: string | false = 'skip' in fetched ? fetched.skip : pefileSkip();
const samples: NpmSample[] = 'samples' in fetched ? fetched.samples : [];

let oracle: Record<string, Oracle> | undefined;
function pefileView(path: string): Oracle {
  oracle ??= JSON.parse(execFileSync(DEBIAN_PYTHON, [PEFILE_DUMP, ...samples.map((s) => s.path)], { maxBuffer: 1 << 28, timeout: 300_000 }).toString()) as Record<string, Oracle>;
  return oracle[path]!;
}

function compare(ours: PeInfo, py: Oracle): void {
  const h = ours.headers;
  for (const k of Object.keys(py.headers)) assert.equal((h as unknown as Oracle)[k], py.headers[k], `header ${k}`);
  assert.deepEqual(ours.sections.map((s) => ({
    name: s.name, virtualAddress: s.virtualAddress, virtualSize: s.virtualSize, sizeOfRawData: s.sizeOfRawData,
    pointerToRawData: s.pointerToRawData, characteristics: s.characteristics, md5: s.md5,
  })), py.sections.map((s: Oracle) => ({ ...s, entropy: undefined })).map(({ entropy: _e, ...s }: Oracle) => s), 'sections');
  ours.sections.forEach((s, i) => assert.ok(Math.abs(s.entropy - py.sections[i].entropy) < 1e-9, `entropy of ${s.name}`));
  assert.deepEqual(ours.imports.map((l) => ({ dll: l.dll, delayLoad: l.delayLoad, functions: l.functions.map((f) => (f.name ? { name: f.name } : { ordinal: f.ordinal })) })), py.imports, 'imports');
  assert.equal(ours.imphash, py.imphash, 'imphash');
  assert.deepEqual(ours.exports?.symbols ?? [], py.exports ?? [], 'exports');
  if (py.rich) {
    assert.ok(ours.rich, 'rich header present');
    assert.equal(ours.rich.key, py.rich.key, 'rich key');
    assert.deepEqual(ours.rich.entries.map((e) => ({ productId: e.productId, build: e.build, count: e.count })), py.rich.entries, 'rich entries');
    assert.equal(ours.rich.richHash, py.rich.richHash, 'rich hash');
  } else {
    assert.equal(ours.rich, undefined, 'no rich header');
  }
  assert.deepEqual(ours.debug.map((d) => {
    const e: Oracle = { type: d.type, timeDateStamp: d.timeDateStamp };
    if (d.codeView?.signature === 'RSDS') {
      e.pdbPath = d.codeView.pdbPath;
      e.age = d.codeView.age;
      e.signatureString = d.codeView.guid.replace(/-/g, '') + d.codeView.age.toString(16).toUpperCase();
    }
    return e;
  }), py.debug, 'debug directory');
  assert.deepEqual(ours.resources.map((r) => ({ type: r.type, name: r.name, language: r.language, dataRva: r.dataRva, size: r.size })), py.resources, 'resources');
  assert.equal(ours.resourceTimeDateStamp ?? 0, py.resourceTimeDateStamp ?? 0, 'resource directory time');
  if (py.versionInfo) {
    assert.ok(ours.versionInfo, 'version info present');
    assert.equal(ours.versionInfo.fileVersion, py.versionInfo.fileVersion, 'file version');
    assert.deepEqual(ours.versionInfo.stringTables, py.versionInfo.stringTables, 'StringFileInfo');
    assert.deepEqual(ours.versionInfo.translations, py.versionInfo.translations, 'translations');
  } else {
    assert.equal(ours.versionInfo, undefined, 'no version info');
  }
  assert.equal(ours.overlay?.offset ?? null, py.overlayOffset, 'overlay offset');
}

test('npm-shipped Windows binaries parse exactly as python3-pefile reads them', { skip }, async (t) => {
  assert.ok(samples.length >= 15, 'all pinned samples fetched');
  for (const s of samples) {
    await t.test(`${s.pkg} ${s.member}`, () => compare(parsePe(readFileSync(s.path), s.path), pefileView(s.path)));
  }
});

test('the corpus covers what the oracle is meant to show', { skip }, () => {
  const infos = samples.map((s) => parsePe(readFileSync(s.path), s.path));
  const esbuild = infos.find((i) => i.file.endsWith('esbuild.exe'))!;
  assert.equal(esbuild.rich, undefined, 'Go-built esbuild has no Rich header');
  const pty = infos.find((i) => i.file.endsWith('win32-x64/pty.node'))!;
  assert.ok(pty.rich && pty.rich.keyValid, 'MSVC build: Rich key recomputes');
  assert.ok(pty.rich.entries.some((e) => e.tool === 'Linker1400' && e.visualStudio?.startsWith('VS20')), 'linker mapped to a VS release');
  assert.ok(infos.some((i) => i.imports.some((l) => l.delayLoad)), 'delay-load imports occur');
  assert.ok(infos.some((i) => i.imports.some((l) => l.functions.some((f) => f.name === undefined))), 'ordinal imports occur');
  assert.ok(infos.some((i) => i.versionInfo && i.versionInfo.stringTables.length > 0), 'version info occurs');
  assert.ok(infos.every((i) => i.headers.checkSum === 0 || i.headers.checkSum === i.headers.computedCheckSum), 'stored checksums recompute');
});
