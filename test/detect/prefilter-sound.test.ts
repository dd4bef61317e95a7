/**
 * The literal prefilter only prunes: for each of these rules the fast paths find exactly what the SQL predicate finds
 * (`prefilter: false`). Each case once produced a "necessary" literal the matching row does not hold: EventID written
 * as 01 / 0x1 / 1.0 / 1e0 / +1 (compared as a number, the row's text is "1"), cased İ and Σ (DuckDB and JavaScript
 * lower-case them differently), and regex escapes whose arguments are not literal text (\x41, \pL, octal, \cJ,
 * \u0041) or a POSIX class inside a class.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { procRule, run, sysmon, type Ev } from './helpers.js';

const hits = async (yaml: string, events: Ev[], options = {}) => [...(await run(yaml, events, options)).hits.values()].flat().flat();
const sel = (body: string) => procRule(`    selection:\n      ${body}`);

const cases: [string, string, Ev[]][] = [
  ['EventID quoted with a leading zero', sel(`EventID: '01'`), [sysmon(1, { Image: 'x' })]],
  ['EventID 0x1', sel('EventID: 0x1'), [sysmon(1, { Image: 'x' })]],
  ['EventID 1.0', sel('EventID: 1.0'), [sysmon(1, { Image: 'x' })]],
  ['EventID 1e0', sel('EventID: 1e0'), [sysmon(1, { Image: 'x' })]],
  ['EventID +1', sel('EventID: +1'), [sysmon(1, { Image: 'x' })]],
  ['cased dotted capital I', sel(`Image|cased: 'İstanbul'`), [sysmon(1, { Image: 'İstanbul' })]],
  ['cased final sigma', sel(`Image|cased|endswith: 'ΑΣ'`), [sysmon(1, { Image: 'ΑΣ' })]],
  ['regex \\x41', sel(`Image|re: '\\x41bcd'`), [sysmon(1, { Image: 'Abcd' })]],
  ['regex \\pL', sel(`Image|re: '\\pLabc'`), [sysmon(1, { Image: 'Xabc' })]],
  ['regex octal \\012', sel(`Image|re: '\\012abc'`), [sysmon(1, { Image: '\nabc' })]],
  ['regex (JavaScript) \\cJ', sel(`Image|re: '\\cJabc(?=d)'`), [sysmon(1, { Image: '\nabcd' })]],
  ['regex (JavaScript) \\u0041', sel(`Image|re: '\\u0041bc(?=d)'`), [sysmon(1, { Image: 'Abcd' })]],
  ['regex (JavaScript) octal \\101', sel(`Image|re: '\\101bcd'`), [sysmon(1, { Image: 'Abcd' })]],
  ['regex POSIX class in a class', sel(`Image|re: '[[:alpha:]]abc'`), [sysmon(1, { Image: 'xabc' })]],
];

for (const [name, yaml, events] of cases) {
  test(`prefilter is sound: ${name}`, async () => {
    const want = await hits(yaml, events, { prefilter: false });
    assert.deepEqual(want, [0], 'the SQL predicate matches the event');
    assert.deepEqual(await hits(yaml, events), want);
    assert.deepEqual(await hits(yaml, events, { settle: false }), want);
  });
}

test('text anchors \\A, \\z and \\Z: in RE2 and in the JavaScript fallback (lookahead), whatever the flags', async () => {
  const values = ['abc', 'xabc', 'abcx', 'abc\n', 'x\nabc'];
  const events = values.map((v) => sysmon(1, { Image: v }));
  const got = async (re: string, mods = '') => (await hits(sel(`Image|re${mods}: '${re}'`), events)).map((i) => values[i]);
  assert.deepEqual(await got('\\Aabc\\z'), ['abc']);
  assert.deepEqual(await got('\\Aab(?=c)'), ['abc', 'abcx', 'abc\n']);
  assert.deepEqual(await got('bc(?=\\z)'), ['abc', 'xabc', 'x\nabc']);
  assert.deepEqual(await got('bc(?=\\Z)'), ['abc', 'xabc', 'abc\n', 'x\nabc']);
  assert.deepEqual(await got('\\Aab(?=c)', '|m'), ['abc', 'abcx', 'abc\n'], 'multiline does not make \\A a line start');
});
