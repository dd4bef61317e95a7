import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../../examples/demo/prng.js';
import { chainFrom, classifySession, estimatePeriod, isExternalAddress, scorePair, tacticsFromTags } from '../../src/trace/index.js';
import { ipv4ToNumber, ipv6ToBigInt } from '../../src/trace/infra/index.js';
import { csvFields } from '../../src/trace/infra/ranges.js';

function beats(rng: Rng, periodS: number, jitter: number, miss: number, n: number): number[] {
  const t: number[] = [];
  let x = 1_700_000_000;
  for (let b = 0; b < n; b++) {
    if (rng.next() >= miss) t.push(x);
    x += rng.jitter(periodS, jitter);
  }
  return t.slice(1).map((v, i) => v - t[i]!);
}

test('period fit recovers period and jitter with missed beats, up to ±50% jitter', () => {
  const rng = new Rng(11);
  for (const miss of [0, 0.1, 0.3]) {
    for (const jitter of [0, 0.1, 0.25, 0.5]) {
      const fit = estimatePeriod(beats(rng, 600, jitter, miss, 300))!;
      // At ±50 % a double beat can be as short as one period and is then read as one: allow 10 % there.
      assert.ok(Math.abs(fit.periodS - 600) <= 600 * (jitter >= 0.5 ? 0.1 : 0.05), `miss ${miss} jitter ${jitter}: period ${fit.periodS}`);
      assert.ok(Math.abs(fit.jitter - jitter) <= 0.08, `miss ${miss} jitter ${jitter}: jitter ${fit.jitter}`);
      assert.ok(Math.abs(fit.missedFraction - miss) <= 0.08, `miss ${miss} jitter ${jitter}: missed ${fit.missedFraction}`);
    }
  }
});

test('period fit: too few intervals is no fit', () => {
  assert.equal(estimatePeriod([60, 60]), null);
  assert.equal(estimatePeriod([]), null);
});

test('scores: a jittered beacon outscores Poisson traffic of the same rate, and RITA reads both lower', () => {
  const rng = new Rng(5);
  const beacon: number[] = [0];
  for (let i = 0; i < 300; i++) beacon.push(beacon[beacon.length - 1]! + rng.jitter(300, 0.4));
  const poisson: number[] = [0];
  for (let i = 0; i < 300; i++) poisson.push(poisson[poisson.length - 1]! - Math.log(1 - rng.next()) * 300);
  const window = 100000;
  const b = scorePair({ times: beacon, bytes: beacon.map(() => 1200) }, window);
  const p = scorePair({ times: poisson, bytes: poisson.map(() => Math.round(rng.next() * 60000)) }, window);
  assert.ok(b.score >= 0.85, `beacon ${b.score}`);
  assert.ok(p.score < 0.65, `poisson ${p.score}`);
  assert.ok(b.rita < b.score, 'RITA is the weaker reading of a long-jitter beacon');
});

test('scores: connections within a second are one beat', () => {
  const times: number[] = [];
  for (let i = 0; i < 50; i++) times.push(i * 60, i * 60 + 0.2);
  const s = scorePair({ times, bytes: times.map(() => 500) }, 3000);
  assert.ok(s.fit && Math.abs(s.fit.periodS - 60) < 0.5, `period ${s.fit?.periodS}`);
});

test('session rule: interactive logon is human, periodic or service activity is automated, in that order', () => {
  assert.equal(classifySession({ logonKind: 'rdp', user: 'svc_ops', gapsS: [30, 200, 45], commands: ['whoami'] }).class, 'human');
  assert.equal(classifySession({ logonKind: 'ssh', user: 'backup', gapsS: [45], commands: [], siblingStartGapsS: [21600, 21600, 21600, 21601] }).class, 'automated');
  assert.equal(classifySession({ logonKind: null, user: 'system', gapsS: [], commands: ['svchost.exe'] }).class, 'automated');
  assert.equal(classifySession({ logonKind: null, user: 'alice', gapsS: [60, 60, 60, 60], commands: ['a', 'b', 'c', 'd', 'e'] }).class, 'automated');
  const h = classifySession({ logonKind: null, user: 'alice', gapsS: [20, 340, 75, 900], commands: ['whoami', 'net user', 'ipconfig', 'dir', 'net user'] });
  assert.deepEqual(h, { class: 'human', reason: 'irregular sequence of 4 different commands' });
});

test('chain: an edge counts only after its source host was reached', () => {
  const e = (id: string, s: string, d: string, f: number, l = f) => ({ id, srcHost: s, dstHost: d, user: null, kind: 'rdp', firstUs: f, lastUs: l, count: 1 });
  const { reached, onChain } = chainFrom('a', 100, [e('1', 'a', 'b', 200), e('2', 'b', 'c', 150), e('3', 'b', 'd', 300), e('4', 'x', 'a', 50)]);
  assert.deepEqual([...reached.keys()].sort(), ['a', 'b', 'd']);
  assert.deepEqual([...onChain].sort(), [['1', 1], ['3', 2]]);
});

test('addresses: external test and parsers', () => {
  for (const a of ['45.77.12.34', '2a01:4f8::1', '8.8.8.8']) assert.ok(isExternalAddress(a), a);
  for (const a of ['10.1.2.3', '192.168.0.1', '172.16.5.4', '100.64.0.1', '127.0.0.1', 'fe80::1', 'fd00::5', '::1', 'jump01', '']) assert.ok(!isExternalAddress(a), a);
  assert.equal(ipv4ToNumber('1.2.3.4'), 16909060);
  assert.equal(ipv4ToNumber('256.1.1.1'), null);
  assert.equal(ipv6ToBigInt('2001:db8::1'), 0x20010db8000000000000000000000001n);
  assert.equal(ipv6ToBigInt('::ffff:1.2.3.4'), 0xffff01020304n);
  assert.equal(ipv6ToBigInt('1:2:3'), null);
  assert.equal(ipv6ToBigInt('1::2::3'), null);
  assert.deepEqual(csvFields('13335,"Cloudflare, Inc."'), ['13335', 'Cloudflare, Inc.']);
  assert.deepEqual(csvFields('1,"say ""hi""",x'), ['1', 'say "hi"', 'x']);
});

test('address parsers never throw on random text (fixed seed)', () => {
  const rng = new Rng(99);
  const alphabet = '0123456789abcdef:.%xZ ';
  for (let i = 0; i < 5000; i++) {
    let s = '';
    for (let k = rng.int(0, 45); k > 0; k--) s += alphabet[rng.int(0, alphabet.length - 1)];
    const v6 = ipv6ToBigInt(s);
    if (v6 !== null) assert.ok(v6 >= 0n && v6 < 1n << 128n, s);
    const v4 = ipv4ToNumber(s);
    if (v4 !== null) assert.ok(v4 >= 0 && v4 < 2 ** 32, s);
  }
});

test('tactics from Sigma tags', () => {
  assert.deepEqual(tacticsFromTags(['attack.lateral_movement', 'attack.t1021.001', 'attack.execution', 'cve.2021-1']), ['execution', 'lateral-movement']);
});
