/**
 * Rules settled by the literal scan (sigma/sql/settle.ts) decide exactly what their SQL predicates decide: random
 * rules of equals / startswith / endswith / contains / all, lists, and / or / not / `1 of` / `all of`, over
 * random values (absent fields, empty strings, the frame characters U+0001–U+0003 inside values, case, accents),
 * with `null` and `''` tests and inner wildcards (`*`, `?` over astral characters too),
 * run with settling on, off (SQL on the candidates) and with no literal prefilter at all.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { run, sysmon, type Ev } from './helpers.js';

let seed = 11;
const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n);
const pick = <T>(xs: readonly T[]): T => xs[rnd(xs.length)]!;

const PIECES = ['ab', 'Ab', 'c', '\\', '.exe', 'É', 'é', ' -x', 'zz', '\u0002', '\u0003', '\u0001', '😀', '?', '*'];
const FIELDS = ['Image', 'CommandLine', 'ParentImage', 'Company'];
const MODS = ['', '|contains', '|startswith', '|endswith', '|contains|all', '|endswith|all'];

const word = (max: number) => Array.from({ length: rnd(max) }, () => pick(PIECES)).join('');
/** A YAML single-quoted literal without wildcards (the rule's literal parts). */
const lit = () => {
  let w = word(3).replace(/[\u0001-\u0003]/g, '');
  if (w === '') w = pick(['ab', 'c', '.exe']);
  // Now and then an inner wildcard (`*` any run, `?` one character): a like test.
  if (rnd(5) === 0 && w.length > 1) { const k = 1 + rnd(w.length - 1); w = w.slice(0, k) + pick(['*', '?']) + w.slice(k); }
  return `'${w.replace(/'/g, "''")}'`;
};

function selection(name: string): string {
  const lines = [`    ${name}:`];
  const used = new Set<string>();
  for (let k = 1 + rnd(2); k > 0; k--) {
    const f = pick(FIELDS);
    if (used.has(f)) continue;
    used.add(f);
    // Now and then a null or empty test (a value list may not hold null: its own line).
    const special = rnd(8);
    if (special === 0) { lines.push(`        ${f}: null`); continue; }
    if (special === 1) { lines.push(`        ${f}: ''`); continue; }
    const n = 1 + rnd(3);
    lines.push(`        ${f}${pick(MODS)}:`);
    for (let i = 0; i < n; i++) lines.push(`            - ${lit()}`);
  }
  return lines.join('\n');
}

const CONDITIONS = ['a', 'a and b', 'a or b', 'a and not b', 'not a and b', '1 of sel*', 'all of sel*', '(a or b) and not c', 'a and not (b or c)'];

function rule(i: number): string {
  const cond = pick(CONDITIONS);
  const names = cond.includes('sel') ? ['sel1', 'sel2'] : ['a', 'b', 'c'];
  return `title: r${i}
id: 00000000-0000-0000-0000-${String(i).padStart(12, '0')}
logsource: {product: windows, category: process_creation}
detection:
${names.map(selection).join('\n')}
    condition: ${cond}
`;
}

function event(): Ev {
  const data: Record<string, unknown> = {};
  for (const f of FIELDS) {
    const r = rnd(6);
    if (r === 0) continue; // absent
    data[f] = r === 1 ? '' : word(5);
  }
  return sysmon(1, data);
}

test('settled rules match exactly what their SQL matches (random rules and values)', async () => {
  const rules = Array.from({ length: 120 }, (_, i) => rule(i));
  const events = Array.from({ length: 400 }, event);
  const settled = await run(rules, events);
  const sql = await run(rules, events, { settle: false });
  const plain = await run(rules, events, { prefilter: false });
  const flat = (m: Map<string, number[][]>) => [...m].map(([t, l]) => `${t}:${l.flat().join(',')}`).sort();
  assert.deepEqual(flat(settled.hits), flat(sql.hits));
  assert.deepEqual(flat(settled.hits), flat(plain.hits));
  // Not vacuous: many rules fire, and not on every event.
  const fired = [...settled.hits.values()];
  assert.ok(fired.length > 30, `only ${fired.length} rules fired`);
  assert.ok(fired.some((l) => l.length < events.length / 2));
});

test('frame characters and edges: startswith / endswith / equals at the value boundary only', async () => {
  let n = 0;
  const yaml = (title: string, sel: string) => `title: ${title}
id: 00000000-0000-0000-0000-0000000001${String(n++).padStart(2, '0')}
logsource: {product: windows, category: process_creation}
detection:
    sel:
${sel}
    condition: sel
`;
  const rules = [
    yaml('sw', "        Image|startswith: 'ab'"),
    yaml('ew', "        Image|endswith: 'ab'"),
    yaml('eq', "        Image: 'ab'"),
    yaml('notc', "        Image|contains: 'ab'\n    f:\n        CommandLine|contains: 'x'\n    condition: sel and not f").replace(/\n    condition: sel\n$/, '\n'),
  ];
  const values = ['ab', 'xab', 'abx', 'xabx', 'AB', '\u0002ab', 'ab\u0003', 'a\u0003b', ''];
  const events = [...values.map((v) => sysmon(1, { Image: v })), sysmon(1, { Image: 'ab', CommandLine: 'X' }), sysmon(1, {})];
  const out = await run(rules, events);
  const idx = (t: string) => (out.hits.get(t) ?? []).flat().map((i) => (i < values.length ? values[i] : `#${i}`));
  assert.deepEqual(idx('sw'), ['ab', 'abx', 'AB', 'ab\u0003', '#9']);
  assert.deepEqual(idx('ew'), ['ab', 'xab', 'AB', '\u0002ab', '#9']);
  assert.deepEqual(idx('eq'), ['ab', 'AB', '#9']);
  assert.deepEqual(idx('notc'), ['ab', 'xab', 'abx', 'xabx', 'AB', '\u0002ab', 'ab\u0003']);
  const sql = await run(rules, events, { settle: false });
  assert.deepEqual([...out.hits].sort(), [...sql.hits].sort());
});

test('null and empty values are settled at the frame: absent, JSON null, empty and present values', async () => {
  const yaml = (id: number, title: string, sel: string, cond = 'sel') => `title: ${title}
id: 00000000-0000-0000-0000-0000000002${String(id).padStart(2, '0')}
logsource: {product: windows, category: process_creation}
detection:
    sel:
        Image|endswith: '.exe'
${sel}
    condition: ${cond}
`;
  const rules = [
    yaml(1, 'nul', "    f:\n        CommandLine: null", 'sel and f'),
    yaml(2, 'notnul', "    f:\n        CommandLine: null", 'sel and not f'),
    yaml(3, 'empty', "    f:\n        CommandLine: ''", 'sel and f'),
    yaml(4, 'either', "    f:\n        CommandLine: ''\n    g:\n        CommandLine: null", 'sel and not (f or g)'),
  ];
  const cmds: unknown[] = [undefined, null, '', 'x', ' ', '\u0003', '\u0002'];
  const events = cmds.map((c) => sysmon(1, c === undefined ? { Image: 'a.exe' } : { Image: 'a.exe', CommandLine: c }));
  const out = await run(rules, events);
  const idx = (t: string) => (out.hits.get(t) ?? []).flat();
  assert.deepEqual(idx('nul'), [0, 1]);
  assert.deepEqual(idx('notnul'), [2, 3, 4, 5, 6]);
  assert.deepEqual(idx('empty'), [2]);
  assert.deepEqual(idx('either'), [3, 4, 5, 6]);
  const sql = await run(rules, events, { settle: false });
  assert.deepEqual([...out.hits].sort(), [...sql.hits].sort());
});

test('inner wildcards are settled by an anchored test of the value: * any run, ? one character (an astral one too)', async () => {
  let n = 0;
  const yaml = (title: string, value: string) => `title: ${title}
id: 00000000-0000-0000-0000-0000000003${String(n++).padStart(2, '0')}
logsource: {product: windows, category: process_creation}
detection:
    sel:
        Image|endswith: '.exe'
        CommandLine: '${value}'
    condition: sel
`;
  const rules = [yaml('q', 'a?c'), yaml('star', 'a*c'), yaml('both', '*x?y*'), yaml('esc', 'a\\*c')];
  const cmds = ['abc', 'ac', 'a😀c', 'aXYc', 'A-C', 'a*c', 'zzx1yzz', 'xy', 'abcd', 'a\nc'];
  const events = cmds.map((c) => sysmon(1, { Image: 'a.exe', CommandLine: c }));
  const out = await run(rules, events);
  const idx = (t: string) => (out.hits.get(t) ?? []).flat().map((i) => cmds[i]);
  assert.deepEqual(idx('q'), ['abc', 'a😀c', 'A-C', 'a*c', 'a\nc']);
  assert.deepEqual(idx('star'), ['abc', 'ac', 'a😀c', 'aXYc', 'A-C', 'a*c', 'a\nc']);
  assert.deepEqual(idx('both'), ['zzx1yzz']);
  assert.deepEqual(idx('esc'), ['a*c']);
  const sql = await run(rules, events, { settle: false });
  assert.deepEqual([...out.hits].sort(), [...sql.hits].sort());
});

test('a rule that fails at run time inside the scan pass is reported; the other rules (of its group and of others) keep their matches', async () => {
  const rule = (id: number, title: string, category: string, sel: string) => `title: ${title}
id: 00000000-0000-0000-0000-0000000004${String(id).padStart(2, '0')}
logsource: {product: windows, category: ${category}}
detection:
    sel:
${sel}
    condition: sel
`;
  const rules = [
    rule(1, 'proc', 'process_creation', "        Image|endswith: '.exe'"),
    rule(2, 'file ok', 'file_event', "        TargetFilename|endswith: '.txt'"),
    // RE2 refuses more than 1000 repetitions (JavaScript accepts it, so it loads); no literal, so it rides in the
    // process_creation scan, which runs after file_event's over the same row range.
    rule(3, 'proc bad', 'process_creation', "        CommandLine|re: 'a{1001}'"),
  ];
  const events = [sysmon(1, { Image: 'a.exe' }), sysmon(11, { TargetFilename: 'x.txt' }), sysmon(1, { Image: 'b.exe' }), sysmon(11, { TargetFilename: 'y.txt' })];
  const out = await run(rules, events);
  assert.deepEqual(out.hits.get('proc'), [[0], [2]]);
  assert.deepEqual(out.hits.get('file ok'), [[1], [3]]);
  assert.equal(out.hits.get('proc bad'), undefined);
  assert.deepEqual(out.result.rejected.map((r) => [r.id, r.code]), [['00000000-0000-0000-0000-000000000403', 'runtime-error']]);
});
