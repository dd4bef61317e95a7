import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hashes, ssdeep, ssdeepCompare, tlsh, tlshDiff } from '../../src/examine/hashes/index.js';

/** The 1000 bytes of a 32-bit LCG seeded with 1 (top byte of each state): reproducible without a fixture file. */
function lcg(n: number, seed = 1): Buffer {
  const b = Buffer.alloc(n);
  let x = seed >>> 0;
  for (let i = 0; i < n; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    b[i] = x >>> 24;
  }
  return b;
}
const FOX = Buffer.from('The quick brown fox jumps over the lazy dog. '.repeat(100));

test('cryptographic digests are the standard ones', () => {
  const h = hashes(Buffer.from('abc'));
  assert.equal(h.md5, '900150983cd24fb0d6963f7d28e17f72');
  assert.equal(h.sha1, 'a9993e364706816aba3e25717850c26c9cd0d89d');
  assert.equal(h.sha256, 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
});

// Golden values printed by Debian's `tlsh -f` (tlsh-tools 3.4.4) and `ssdeep -s` (2.14.1) for the same bytes.
test('TLSH equals the reference on fixed inputs', () => {
  assert.equal(tlsh(lcg(1000)), '4A11A541B36006EB7156247EA7B3F6B9F86EC4715A08CD226000A9CE3932BC7D5107BA');
  assert.equal(tlsh(FOX), '9991024A311C1794658A1888438D95B2D2C9C910612114116570604219482359CD8551');
  assert.equal(tlshDiff(tlsh(lcg(1000))!, tlsh(FOX)!), 359);
});

test('ssdeep equals the reference, including a full 64-character signature', () => {
  assert.equal(ssdeep(lcg(1000)), '24:pkv0eFlMxb6WGTEwBMt5WTZ4RxFINFE+aQfUQ3hFvY2d8YI1V:pEFukWyEwBW5MqjFINFbMQ3hrlI1V');
  assert.equal(ssdeep(FOX), '12:Fg6666666666666666666666666666666666666666666666666666666666666V:FB');
  assert.equal(ssdeep(Buffer.from('hello')), '3:iKn:p');
  assert.equal(ssdeep(Buffer.alloc(0)), '3::');
});

test('TLSH is undefined below 256 bytes and for content with too little variety', () => {
  assert.equal(tlsh(lcg(255)), null);
  assert.notEqual(tlsh(lcg(256)), null);
  assert.equal(tlsh(Buffer.alloc(5000, 0x41)), null);
  assert.equal(hashes(Buffer.alloc(10)).tlsh, null);
});

test('tlshDiff: 0 for identical digests, symmetric, accepts the T1 prefix, rejects non-digests', () => {
  const a = tlsh(lcg(4000, 7))!;
  const b = tlsh(Buffer.concat([lcg(3000, 7), lcg(1000, 9)]))!;
  assert.equal(tlshDiff(a, a), 0);
  assert.equal(tlshDiff(a, b), tlshDiff(b, a));
  assert.equal(tlshDiff(`T1${a}`, b), tlshDiff(a, b));
  assert.ok(tlshDiff(a, b) > 0);
  assert.throws(() => tlshDiff('XYZ', a), TypeError);
});

test('ssdeepCompare: 100 for identical, 0 for incompatible block sizes, high for an edited copy', () => {
  const base = lcg(40_000, 3);
  const edited = Buffer.from(base);
  edited.fill(0, 20_000, 20_200);
  const a = ssdeep(base), b = ssdeep(edited);
  assert.equal(ssdeepCompare(a, a), 100);
  assert.ok(ssdeepCompare(a, b) > 50, `${a} vs ${b}`);
  assert.equal(ssdeepCompare('3:abcdefgh:abcd', '96:abcdefgh:abcd'), 0);
  assert.equal(ssdeepCompare(`${a},"file"`, a), 100);
  assert.throws(() => ssdeepCompare('nonsense', a), TypeError);
});

test('fuzz: random, truncated and repetitive buffers never throw and give well-formed digests', () => {
  for (let seed = 1; seed <= 200; seed++) {
    const len = (seed * 7919) % 6000;
    const buf = seed % 5 === 0 ? Buffer.alloc(len, seed) : lcg(len, seed);
    const h = hashes(buf);
    assert.match(h.ssdeep, /^\d+:[0-9A-Za-z+/]{0,64}:[0-9A-Za-z+/]{0,32}$/);
    if (h.tlsh !== null) assert.match(h.tlsh, /^[0-9A-F]{70}$/);
    assert.ok(ssdeepCompare(h.ssdeep, h.ssdeep) >= 0);
  }
});
