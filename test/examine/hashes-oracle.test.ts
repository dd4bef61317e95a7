/**
 * Oracle: TLSH and ssdeep (digests, distances, scores) equal Debian's `tlsh` (tlsh-tools) and `ssdeep` on this
 * machine's ELF libraries, the pinned npm Windows binaries when they can be fetched, and generated buffers chosen
 * for the edge cases (empty, < 50 and < 256 bytes, length-bucket boundaries, repetitive, text, edited copies).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ssdeep, ssdeepCompare, tlsh, tlshDiff } from '../../src/examine/hashes/index.js';
import { npmSamples } from './fixtures/npm-samples.js';

const has = (bin: string): boolean => spawnSync('sh', ['-c', `command -v ${bin}`]).status === 0;
const SKIP_TLSH = has('tlsh') ? false : "Debian's tlsh (package tlsh-tools) is not installed";
const SKIP_SSDEEP = has('ssdeep') ? false : "Debian's ssdeep (package ssdeep) is not installed";
const LIBDIR = '/usr/lib/x86_64-linux-gnu';

function lcg(n: number, seed: number): Buffer {
  const b = Buffer.alloc(n);
  let x = seed >>> 0;
  for (let i = 0; i < n; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    b[i] = x >>> 24;
  }
  return b;
}

function words(n: number, seed: number): Buffer {
  const vocab = ['time', 'server', 'offset', 'stratum', 'clock', 'leap', 'second', 'peer', 'drift', 'poll', 'the', 'of'];
  const r = lcg(n, seed);
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(vocab[r[i]! % vocab.length]!);
  return Buffer.from(out.join(' '));
}

/** About 30 ELF files spread over the size range (largest capped so the suite stays fast). */
function libraryCorpus(): string[] {
  let names: string[];
  try {
    names = readdirSync(LIBDIR).sort();
  } catch {
    return [];
  }
  const files = names
    .map((n) => join(LIBDIR, n))
    .filter((p) => {
      const st = statSync(p, { throwIfNoEntry: false });
      return st?.isFile() && st.size <= 6_000_000 && readFileSync(p).subarray(0, 4).toString('latin1') === '\x7fELF';
    })
    .sort((a, b) => statSync(a).size - statSync(b).size || (a < b ? -1 : 1));
  const step = Math.max(1, Math.floor(files.length / 30));
  return files.filter((_, i) => i % step === 0).slice(0, 30);
}

function generatedCorpus(): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'veritrace-hashes-'));
  const base = lcg(60_000, 11);
  const edited = Buffer.from(base);
  for (let i = 0; i < edited.length; i += 6000) edited.fill(0, i, i + 120);
  const text = words(8000, 5);
  const bufs: Record<string, Buffer> = {
    empty: Buffer.alloc(0), one: Buffer.from([0x41]), b20: lcg(20, 1), b49: lcg(49, 2), b50: lcg(50, 3),
    b100: lcg(100, 4), b255: lcg(255, 5), b256: lcg(256, 6), b257: lcg(257, 7), b656: lcg(656, 8), b657: lcg(657, 9),
    b3199: lcg(3199, 10), b3200: lcg(3200, 11), b3201: lcg(3201, 12), random1m: lcg(1_000_000, 13),
    zeros: Buffer.alloc(10_000), repeat: Buffer.from('abc'.repeat(3000)), text, textEdited: Buffer.from(text.toString().replace(/server/g, 'client')),
    textHalf: text.subarray(0, text.length >> 1), base, edited, baseTail: base.subarray(20_000),
  };
  return Object.entries(bufs).map(([name, b]) => {
    const p = join(dir, name);
    writeFileSync(p, b);
    return p;
  });
}

const npm = npmSamples();
const CORPUS = [...libraryCorpus(), ...generatedCorpus(), ...('samples' in npm ? npm.samples.map((s) => s.path) : [])];

test('TLSH digests and all pairwise distances equal `tlsh`', { skip: SKIP_TLSH }, () => {
  const listed: string[] = [];
  let nulls = 0;
  for (const f of CORPUS) {
    const r = spawnSync('tlsh', ['-f', f], { encoding: 'utf8' });
    const ref = /^([0-9A-F]{70})\t/m.exec(r.stdout)?.[1] ?? null;
    const mine = tlsh(readFileSync(f));
    assert.equal(mine, ref, f);
    if (ref) listed.push(`${ref}\t${f}`);
    else nulls++;
  }
  assert.ok(nulls >= 5 && listed.length >= 30, `corpus has both undefined (${nulls}) and defined (${listed.length}) digests`);
  const list = join(mkdtempSync(join(tmpdir(), 'veritrace-tlsh-')), 'list.txt');
  writeFileSync(list, listed.join('\n') + '\n');
  const digest = new Map(listed.map((l) => [l.split('\t')[1]!, l.split('\t')[0]!]));
  const xref = execFileSync('tlsh', ['-xref', '-l', list], { encoding: 'utf8', maxBuffer: 64 << 20 });
  let pairs = 0;
  for (const line of xref.split('\n')) {
    const [a, b, d] = line.split('\t');
    if (d === undefined) continue;
    assert.equal(tlshDiff(digest.get(a!)!, digest.get(b!)!), Number(d), `${a} ~ ${b}`);
    pairs++;
  }
  assert.equal(pairs, (listed.length * (listed.length - 1)) / 2);
});

test('ssdeep digests and all pairwise scores equal `ssdeep`', { skip: SKIP_SSDEEP }, () => {
  const out = execFileSync('ssdeep', ['-s', ...CORPUS], { encoding: 'utf8', maxBuffer: 64 << 20 });
  const lines = out.split('\n').slice(1).filter(Boolean);
  assert.equal(lines.length, CORPUS.length);
  const sig = new Map<string, string>();
  for (const line of lines) {
    const m = /^(.*),"(.*)"$/.exec(line)!;
    sig.set(m[2]!, m[1]!);
    assert.equal(ssdeep(readFileSync(m[2]!)), m[1], m[2]);
  }
  const sigFile = join(mkdtempSync(join(tmpdir(), 'veritrace-ssdeep-')), 'sigs.txt');
  writeFileSync(sigFile, out);
  const cmp = execFileSync('ssdeep', ['-s', '-a', '-x', sigFile], { encoding: 'utf8', maxBuffer: 64 << 20 });
  let pairs = 0, nonZero = 0;
  for (const line of cmp.split('\n')) {
    const m = /^[^:]*:(.*) matches [^:]*:(.*) \((\d+)\)$/.exec(line);
    if (!m) continue;
    const score = ssdeepCompare(sig.get(m[1]!)!, sig.get(m[2]!)!);
    assert.equal(score, Number(m[3]), `${m[1]} ~ ${m[2]}`);
    pairs++;
    if (score > 0) nonZero++;
  }
  assert.equal(pairs, CORPUS.length * (CORPUS.length - 1));
  assert.ok(nonZero >= 6, `some pairs are similar (${nonZero})`);
});
