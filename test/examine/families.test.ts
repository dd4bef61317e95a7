import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { clusterFamilies, type FamilySample } from '../../src/examine/families/index.js';
import { tlsh, tlshDiff } from '../../src/examine/hashes/index.js';

function lcg(n: number, seed: number): Buffer {
  const b = Buffer.alloc(n);
  let x = seed >>> 0;
  for (let i = 0; i < n; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    b[i] = x >>> 24;
  }
  return b;
}

/** A "program": text-like bytes from a seed's vocabulary, so variants stay within TLSH reach of each other. */
function program(seed: number, n = 20_000): Buffer {
  const vocab = Array.from({ length: 40 }, (_, i) => lcg(3 + (i % 7), seed * 100 + i).toString('hex'));
  const r = lcg(n, seed);
  return Buffer.from(Array.from(r, (b) => vocab[b % vocab.length]).join(' '));
}

function variant(base: Buffer, seed: number): Buffer {
  const v = Buffer.from(base);
  const r = lcg(40, seed);
  for (let i = 0; i < 40; i++) v[(r[i]! * 997 + i * 4099) % v.length] = r[i]!;
  return v;
}

const sample = (buf: Buffer, extra: Partial<FamilySample> = {}): FamilySample => ({
  sha256: createHash('sha256').update(buf).digest('hex'), tlsh: tlsh(buf), ...extra,
});

test('variants of one program form a family; an unrelated program stays apart; links carry distances', () => {
  const a = program(1), b = program(2);
  const samples = [sample(a), sample(variant(a, 1)), sample(variant(a, 2)), sample(b)];
  const fams = clusterFamilies(samples);
  assert.equal(fams.length, 2);
  assert.equal(fams[0]!.members.length, 3);
  assert.deepEqual(fams[1]!.members, [samples[3]!.sha256]);
  for (const l of fams[0]!.tlshLinks) {
    const ta = samples.find((s) => s.sha256 === l.a)!.tlsh!, tb = samples.find((s) => s.sha256 === l.b)!.tlsh!;
    assert.equal(l.distance, tlshDiff(ta, tb));
    assert.ok(l.distance <= 100 && l.a < l.b);
  }
  assert.ok(fams[0]!.tlshLinks.length >= 2);
  assert.equal(clusterFamilies(samples, { tlshThreshold: 0 }).length, 4);
});

test('identical imphash or rich hash links samples TLSH does not', () => {
  const s1 = sample(program(3), { imphash: 'AA11' }), s2 = sample(program(4), { imphash: 'aa11' });
  const s3 = sample(program(5), { richHash: 'r1' }), s4 = sample(program(6), { richHash: 'r1' });
  const s5 = sample(lcg(100, 9)); // no TLSH at all: a family of its own
  const fams = clusterFamilies([s1, s2, s3, s4, s5], { tlshThreshold: 10 });
  assert.equal(fams.length, 3);
  const imp = fams.find((f) => f.sharedImphash.length > 0)!;
  assert.deepEqual(imp.sharedImphash, [{ value: 'aa11', members: [s1.sha256, s2.sha256].sort() }]);
  const rich = fams.find((f) => f.sharedRichHash.length > 0)!;
  assert.deepEqual(rich.members, [s3.sha256, s4.sha256].sort());
});

test('ids and order depend on content only, not on input order or duplicates', () => {
  const bufs = [program(7), program(8), program(9)];
  const samples = [...bufs.map((b) => sample(b)), ...bufs.map((b, i) => sample(variant(b, i + 10)))];
  const one = clusterFamilies(samples);
  const two = clusterFamilies([...samples].reverse().concat(samples.slice(0, 2)));
  assert.deepEqual(two, one);
  for (const f of one) {
    assert.match(f.id, /^fam-[0-9a-f]{16}$/);
    assert.deepEqual(f.members, [...f.members].sort());
    assert.equal(f.id, `fam-${createHash('sha256').update(f.members.join('\n')).digest('hex').slice(0, 16)}`);
  }
});

test('bad input is refused with the offending value named', () => {
  assert.throws(() => clusterFamilies([{ sha256: 'xyz' }]), /not a SHA-256: "xyz"/);
  assert.throws(() => clusterFamilies([{ sha256: 'a'.repeat(64), tlsh: 'T1bad' }]), /not a TLSH digest/);
  assert.deepEqual(clusterFamilies([]), []);
});
