/**
 * The fast paths of detection agree with the plain forms: the dense literal automaton with Aho-Corasick (every
 * occurrence, across row separators), and a long `contains` list (one RE2 alternation) with one test per value.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AhoCorasick, LiteralDfa } from '../../src/detect/sigma/sql/index.js';
import { run, sysmon } from './helpers.js';

let seed = 7;
const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n);

test('the literal automaton reports what Aho-Corasick reports, row by row', () => {
  const alphabet = ['a', 'b', 'c', '\\', '.', 'é', '😀', 'x'];
  const word = (n: number) => Array.from({ length: n }, () => alphabet[rnd(alphabet.length)]).join('');
  const pats: [string, number][] = Array.from({ length: 60 }, (_, i) => [word(1 + rnd(5)), i]);
  const ac = new AhoCorasick<number>(pats);
  const dfa = new LiteralDfa(pats);
  const rows = Array.from({ length: 200 }, () => word(rnd(40)));
  const text = rows.join('\u0001');
  let pos = 0;
  for (const row of rows) {
    const want: number[] = [];
    ac.search(row, (v) => want.push(v));
    const got: number[] = [];
    pos = dfa.segment(text, pos, 1, (v) => got.push(v));
    assert.deepEqual(got.sort((a, b) => a - b), want.sort((a, b) => a - b), row);
  }
  assert.equal(pos, text.length);
});

test('a long contains list (one alternation) matches exactly what its values match', async () => {
  const vals = ['a.b', 'c\\*d', 'e(f', 'g|h', 'i[j', 'k\\\\l', 'm^n', 'o$p', 'q\\?r', 'ÄBC'];
  const list = (indent: string) => vals.map((v) => `${indent}- '${v}'`).join('\n');
  const rule = (title: string, id: number, cased: boolean, kw: boolean) => `title: ${title}
id: 00000000-0000-0000-0000-00000000000${id}
logsource: {product: windows, category: process_creation}
detection:
    sel:
        CommandLine|contains${cased ? '|cased' : ''}:
${list('            ')}
${kw ? `    kw:\n${list('        ')}\n` : ''}    condition: ${kw ? 'sel or kw' : 'sel'}
`;
  const lines = ['x a.b y', 'aXb', 'c*d', 'cxd', 'e(f', 'g|h', 'gxh', 'i[j', 'k\\l', 'm^n', 'o$p', 'q?r', 'qxr', 'äbc', 'ÄBC', 'nothing'];
  const out = await run([rule('alt', 1, false, false), rule('altkw', 2, false, true), rule('altc', 3, true, false)],
    lines.map((cmd) => sysmon(1, { CommandLine: cmd })));
  const idx = (t: string) => (out.hits.get(t) ?? []).flat().map((i) => lines[i]);
  const want = lines.filter((l) => !['aXb', 'cxd', 'gxh', 'qxr', 'nothing'].includes(l));
  assert.deepEqual(idx('alt'), want);
  assert.deepEqual(idx('altkw'), want);
  // Cased: `äbc` is not `ÄBC`.
  assert.deepEqual(idx('altc'), want.filter((l) => l !== 'äbc'));
});

test('a regex yields the literal run every match contains, or nothing when unsure', async () => {
  const { regexLiteral } = await import('../../src/detect/sigma/sql/prefilter.js');
  const cases: [string, string, string | null][] = [
    ['\\n\\n\\n\\n\\n\\n', '', '\n\n\n\n\n\n'],
    ['ab?cdef', '', 'cdef'],
    ['abcd+ef', '', 'abcd'],
    ['a|bcd', '', null],
    ['(a|b)cdef', '', 'cdef'],
    ['x[a-z]+yyyy', '', 'yyyy'],
    ['\\\\windows\\\\system32\\\\', '', '\\windows\\system32\\'],
    ['abc', 'i', null],
    ['(?i)abc', '', null],
    ['ab{0,3}cde', '', 'cde'],
    ['abc{2}de', '', 'abc'],
    ['\\d+abcd', '', 'abcd'],
    ['[)]abc', '', 'abc'],
    ['Cmd.exe /c (echo|type) .*\\.bat', '', 'exe /c '],
    ['ab', '', null],
  ];
  for (const [p, f, want] of cases) assert.equal(regexLiteral(p, f), want, p);
  // Every literal found occurs in strings the regex matches.
  for (const [p, s] of [['ab?cdef', 'acdef'], ['x[a-z]+yyyy', 'xqyyyy'], ['abcd+ef', 'abcdddef']] as const) {
    assert.ok(new RegExp(p).test(s) && s.includes(regexLiteral(p, '')!), p);
  }
});

test('necessary event ids: equality values, AND takes the smallest, OR unions, NOT and patterns give none', async () => {
  const { necessaryNumbers, groupNumbers } = await import('../../src/detect/sigma/sql/index.js');
  const { loadTexts } = await import('../../src/detect/sigma-test-exports.js');
  const rule = (detection: string) => {
    const set = loadTexts([{ source: 'r.yml', text: `title: t\nid: 00000000-0000-0000-0000-000000000009\nlogsource: {product: windows, service: security}\ndetection:\n${detection}` }], { placeholders: {} });
    assert.equal(set.rejected.length, 0, JSON.stringify(set.rejected));
    return set.rules[0]!;
  };
  const ids = (d: string) => { const s = necessaryNumbers(rule(d), 'EventID'); return s === null ? null : [...s].sort((a, b) => a - b); };
  assert.deepEqual(ids(`    sel:\n        EventID: [4624, 4625]\n    condition: sel`), [4624, 4625]);
  assert.deepEqual(ids(`    a:\n        EventID: 4624\n    b:\n        EventID: [1, 2, 3]\n    condition: a and b`), [4624]);
  assert.deepEqual(ids(`    a:\n        EventID: 4624\n    b:\n        EventID: '4688'\n    condition: a or b`), [4624, 4688]);
  assert.equal(ids(`    a:\n        EventID: 4624\n    b:\n        User: x\n    condition: a or b`), null);
  assert.equal(ids(`    a:\n        EventID: 4624\n    condition: not a`), null);
  assert.equal(ids(`    a:\n        EventID|startswith: '46'\n    condition: a`), null);
  assert.deepEqual(ids(`    a:\n        EventID: 4624\n    f:\n        User: x\n    condition: a and not f`), [4624]);
  assert.deepEqual(groupNumbers([rule(`    a:\n        EventID: 1\n    condition: a`), rule(`    a:\n        EventID: [2, 1]\n    condition: a`)], 'EventID'), [1, 2]);
  assert.equal(groupNumbers([rule(`    a:\n        EventID: 1\n    condition: a`), rule(`    a:\n        User: x\n    condition: a`)], 'EventID'), null);
});
