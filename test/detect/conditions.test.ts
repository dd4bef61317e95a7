/** The condition grammar (every form), Sigma filters, and rejections with reason codes; a fixed-seed fuzz of the parser. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadTexts, parseSigma } from '../../src/detect/sigma-test-exports.js';
import { matched, procRule, run, sysmon, type Ev } from './helpers.js';

const p = (data: Record<string, unknown>): Ev => sysmon(1, data);
const ev = [
  p({ Image: 'a.exe', CommandLine: 'x' }), // 0: sel_a
  p({ Image: 'b.exe', CommandLine: 'x' }), // 1: sel_b
  p({ Image: 'a.exe', CommandLine: 'y' }), // 2: sel_a, filter
  p({ Image: 'c.exe', CommandLine: 'y' }), // 3: filter only
];
const body = `    sel_a:\n        Image: 'a.exe'\n    sel_b:\n        Image: 'b.exe'\n    filter_y:\n        CommandLine: 'y'\n    _hidden:\n        Image: 'c.exe'`;
const cond = (c: string) => matched(procRule(body, c), ev);

test('and / or / not with precedence or < and < not', async () => {
  assert.deepEqual(await cond('sel_a and not filter_y'), [0]);
  assert.deepEqual(await cond('sel_a or sel_b and filter_y'), [0, 2], 'and binds tighter than or');
  assert.deepEqual(await cond('not sel_a and not sel_b'), [3]);
});

test('parentheses override precedence', async () => {
  assert.deepEqual(await cond('(sel_a or sel_b) and filter_y'), [2]);
  assert.deepEqual(await cond('not (sel_a or filter_y)'), [1]);
});

test('1 of / all of a pattern; 1 of / all of them (identifiers starting with _ excluded)', async () => {
  assert.deepEqual(await cond('1 of sel_*'), [0, 1, 2]);
  assert.deepEqual(await cond('all of sel_*'), []);
  assert.deepEqual(await cond('1 of sel_* and not 1 of filter*'), [0, 1]);
  assert.deepEqual(await cond('1 of them'), [0, 1, 2, 3]);
  assert.deepEqual(await cond('all of them'), []);
  assert.deepEqual(await matched(procRule(`    sel_1:\n        Image: 'a.exe'\n    sel_2:\n        CommandLine: 'y'\n    _x:\n        Image: 'zzz'`, 'all of them'), ev), [2]);
});

test('a list of conditions is ORed', async () => {
  assert.deepEqual(await matched(procRule(body, '\n        - sel_b\n        - filter_y and not sel_a'), ev), [1, 3]);
});

test('not over an absent field matches (NULL is no match, not unknown)', async () => {
  assert.deepEqual(await matched(procRule(`    selection:\n        ParentImage|endswith: 'x.exe'`, 'not selection'), [p({}), p({ ParentImage: 'c:\\x.exe' })]), [0]);
});

test('a list of maps is ORed, the items of a map ANDed', async () => {
  const r = procRule(`    selection:\n        - Image: 'a.exe'\n          CommandLine: 'y'\n        - Image: 'b.exe'`);
  assert.deepEqual(await matched(r, ev), [1, 2]);
});

test('Sigma filters: a filter document removes its matches from the rules it names', async () => {
  const rule = procRule(`    selection:\n        Image|endswith: '.exe'`, 'selection');
  const filter = `title: Filter y\nlogsource: {product: windows, category: process_creation}\nfilter:\n    rules:\n        - 00000000-0000-0000-0000-000000000001\n    selection:\n        CommandLine: 'y'\n    condition: not selection\n`;
  const notY = `title: Filter not-y\nlogsource: {product: windows, category: process_creation}\nfilter:\n    rules:\n        - 00000000-0000-0000-0000-000000000001\n    selection:\n        CommandLine: 'y'\n    condition: selection\n`;
  const out = await run([rule, notY], ev);
  assert.deepEqual([...out.hits.values()].flat().flat().sort(), [0, 1]);
  const out2 = await run([rule, filter], ev);
  assert.deepEqual([...out2.hits.values()].flat().flat().sort(), [2, 3]);
  const other = filter.replace('00000000-0000-0000-0000-000000000001', '11111111-0000-0000-0000-000000000000');
  const out3 = await run([rule, other], ev);
  assert.equal([...out3.hits.values()].flat().length, 4, 'a filter for another rule changes nothing');
});

const codes = (text: string) => loadTexts([{ source: 'x.yml', text }], { placeholders: {} }).rejected.map((r) => r.code);
const base = (det: string, extra = '') => `title: t\nlogsource: {product: windows}\ndetection:\n${det}\n${extra}`;

test('rejections carry a reason code and a position', () => {
  assert.deepEqual(codes(base(`    sel:\n        A: 1\n    condition: sel and`)), ['condition-syntax']);
  assert.deepEqual(codes(base(`    sel:\n        A: 1\n    condition: sel and other`)), ['unknown-identifier']);
  assert.deepEqual(codes(base(`    sel:\n        A|bogus: 1\n    condition: sel`)), ['unknown-modifier']);
  assert.deepEqual(codes(base(`    sel:\n        A: 1\n    condition: sel | count() > 5`)), ['deprecated-aggregation']);
  assert.deepEqual(codes(base(`    sel:\n        A|re: '(unclosed'\n    condition: sel`)), ['invalid-regex']);
  assert.deepEqual(codes(base(`    sel:\n        A|cidr: '10.0.0.0/33'\n    condition: sel`)), ['invalid-cidr']);
  assert.deepEqual(codes(base(`    sel:\n        A:\n            - 'x'\n            - null\n    condition: sel`)), ['null-in-list']);
  assert.deepEqual(codes(base(`    sel:\n        A|exists: 'yes'\n    condition: sel`)), ['modifier-value']);
  assert.deepEqual(codes(base(`    sel:\n        A|contains|base64: 'x'\n    condition: sel`)), ['modifier-value']);
  assert.deepEqual(codes(`title: t\ndetection:\n    sel:\n        A: 1\n    condition: sel\n`), ['missing-field']);
  assert.deepEqual(codes(`title: [unclosed\n`), ['yaml-syntax']);
  assert.deepEqual(codes(base(`    sel:\n        A: 1\n    condition: 2 of sel`)), ['condition-syntax']);
  const r = loadTexts([{ source: 'x.yml', text: base(`    sel:\n        A: 1\n    condition: sel or nope`) }], { placeholders: {} }).rejected[0]!;
  assert.equal(r.pos?.line, 6);
  const dup = base(`    sel:\n        A: 1\n    condition: sel`, 'id: 11111111-1111-1111-1111-111111111111');
  assert.deepEqual(loadTexts([{ source: 'a.yml', text: dup }, { source: 'b.yml', text: dup }], { placeholders: {} }).rejected.map((x) => x.code), ['duplicate-id']);
});

test('fuzz: truncated, bit-flipped and random rule texts give rules or rejections, never a crash (fixed seed)', () => {
  let seed = 0x5eed;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  const good = base(`    sel:\n        CommandLine|contains|all:\n            - 'a'\n            - 'b'\n        Image|endswith: '\\x.exe'\n    filter:\n        User|re: '^adm'\n    condition: sel and not 1 of filter*`);
  for (let i = 0; i < 600; i++) {
    let t = good;
    const mode = i % 3;
    if (mode === 0) t = good.slice(0, Math.floor(rnd() * good.length));
    else if (mode === 1) {
      const b = Buffer.from(good);
      for (let k = 0; k < 3; k++) b[Math.floor(rnd() * b.length)]! ^= 1 << Math.floor(rnd() * 8);
      t = b.toString('latin1');
    } else t = Buffer.from(Array.from({ length: 200 }, () => Math.floor(rnd() * 256))).toString('latin1');
    const out = parseSigma(t, 'fuzz.yml', { placeholders: {} });
    for (const o of out) if (!o.ok) assert.ok(o.rejection.code && o.rejection.message);
  }
});
