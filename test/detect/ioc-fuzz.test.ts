/**
 * Fuzzing the pattern parser and compiler with a fixed seed: truncations, character flips, token splices and
 * random text. Every input either parses or fails with a PatternSyntaxError inside the text; every parsed
 * pattern compiles or is rejected as a value; and a sample of what compiles is valid SQL that DuckDB runs.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { compileIndicator, compileIndicatorDocument, parsePattern, PatternSyntaxError } from '../../src/detect/ioc/index.js';
import { clickhouse, duckdb, type CaseStore } from '../../src/store/index.js';
import { matching, openFixtureCase } from './ioc-case.js';
import { prng } from '../helpers/readers.js';

let store: CaseStore;
let close: () => Promise<void>;
before(async () => ({ store, close } = await openFixtureCase()));
after(async () => close());

const SEEDS = [
  "[ipv4-addr:value = '203.0.113.0/24' OR domain-name:value LIKE '%.evil.test']",
  "[file:hashes.'SHA-256' = 'aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f' AND file:name = 'x.exe']",
  "([process:name = 'stage1.exe'] FOLLOWEDBY [ipv4-addr:value = '203.0.113.50']) WITHIN 10 SECONDS",
  "[domain-name:value = 'beacon.test'] REPEATS 3 TIMES WITHIN 20 SECONDS",
  "[network-traffic:dst_port IN (443, 4444) AND network-traffic:dst_ref.value ISSUBSET '198.51.100.0/24']",
  "[x509-certificate:issuer = 'CN=Evil CA' AND x509-certificate:serial_number = '4c:0b']",
  "[process:command_line MATCHES '^nc -e .* \\\\d+$'] START t'2024-01-01T00:00:00Z' STOP t'2024-02-01T00:00:00Z'",
  "[user-account:account_login NOT IN ('root', 'admin') AND NOT EXISTS user-account:user_id]",
  "[ipv6-addr:value = '2001:db8::/32'] AND [url:value = 'http://www.evil.test/gate.php?id=1']",
];
const TOKENS = ['[', ']', '(', ')', "'", '\\', ' AND ', ' OR ', ' NOT ', ' FOLLOWEDBY ', ' WITHIN 5 SECONDS', ' REPEATS 2 TIMES', ' = ', ' != ',
  ' LIKE ', ' MATCHES ', ' IN ', ' ISSUBSET ', 'EXISTS ', ':', '.', '[*]', '[0]', "h'00'", "b'AA=='", "t'2024-01-01T00:00:00Z'", '1.5', '-3',
  "'x''y'", "'%_'", "'(?=a)'", "'\\\\1'", '/*', '*/', '//', 'true', 'file:name', 'ipv4-addr:value', "'10.0.0.0/8'", '\u0000', '\u2028', '💥'];

function mutate(rand: () => number, s: string): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const pos = Math.floor(rand() * (s.length + 1));
  switch (Math.floor(rand() * 6)) {
    case 0: return s.slice(0, pos);
    case 1: return s.slice(0, pos) + String.fromCharCode(Math.floor(rand() * 128)) + s.slice(pos + 1);
    case 2: return s.slice(0, pos) + pick(TOKENS) + s.slice(pos);
    case 3: return s.slice(0, pos) + s.slice(pos + 1 + Math.floor(rand() * 8));
    case 4: {
      const b = Buffer.from(s, 'utf8');
      if (b.length > 0) b[Math.floor(rand() * b.length)]! ^= 1 << Math.floor(rand() * 8);
      return b.toString('utf8');
    }
    default: return Array.from({ length: Math.floor(rand() * 40) }, () => String.fromCharCode(Math.floor(rand() * 0x3000))).join('');
  }
}

test('fuzz: parse, compile and run mutated patterns (seed 20261122)', async (t) => {
  const rand = prng(20261122);
  let parsed = 0;
  let failed = 0;
  let compiled = 0;
  const toRun: string[] = [];
  for (let i = 0; i < 4000; i++) {
    let s = SEEDS[i % SEEDS.length]!;
    const rounds = 1 + Math.floor(rand() * 3);
    for (let r = 0; r < rounds; r++) s = mutate(rand, s);
    try {
      parsePattern(s, { indicatorId: 'indicator--fuzz' });
      parsed++;
    } catch (e) {
      assert.ok(e instanceof PatternSyntaxError, `non-syntax error for ${JSON.stringify(s)}: ${String(e)}`);
      assert.ok(e.patternOffset >= 0 && e.patternOffset <= s.length, `offset ${e.patternOffset} outside ${JSON.stringify(s)}`);
      failed++;
      continue;
    }
    const r = compileIndicator({ type: 'indicator', id: 'indicator--fuzz', pattern: s, pattern_type: 'stix', valid_from: '2000-01-01T00:00:00Z' }, { source: 'fuzz' }, duckdb);
    // The ClickHouse form must come out of the same tree without an exception either.
    const ch = compileIndicator({ type: 'indicator', id: 'indicator--fuzz', pattern: s, pattern_type: 'stix', valid_from: '2000-01-01T00:00:00Z' }, { source: 'fuzz' }, clickhouse);
    assert.equal(ch.ok, r.ok, s);
    if (r.ok) {
      compiled++;
      if (toRun.length < 60) toRun.push(r.compiled.where);
    } else {
      assert.ok(['syntax', 'unsupported'].includes(r.rejected.code), r.rejected.reason);
    }
  }
  // Both outcomes must be exercised, or the mutations are too weak (or too strong) to test anything.
  assert.ok(parsed > 200 && failed > 1000 && compiled > 100, `parsed ${parsed}, failed ${failed}, compiled ${compiled}`);
  t.diagnostic(`parsed ${parsed}, syntax errors ${failed}, compiled ${compiled}, run ${toRun.length}`);
  for (const where of toRun) await matching(store, where);
});

/** Replace a random node of a JSON document with a random value. */
function scramble(rand: () => number, doc: unknown): unknown {
  const values: unknown[] = [null, 0, -1, 1.5, '', 'x', true, [], {}, [null], { a: null }, '1', '9999999999999999999', "[a:b = 'c']"];
  const copy = JSON.parse(JSON.stringify(doc)) as unknown;
  const nodes: { parent: Record<string, unknown> | unknown[]; key: string | number }[] = [];
  const walk = (x: unknown): void => {
    if (Array.isArray(x)) x.forEach((v, i) => { nodes.push({ parent: x, key: i }); walk(v); });
    else if (x && typeof x === 'object') for (const [k, v] of Object.entries(x)) { nodes.push({ parent: x as Record<string, unknown>, key: k }); walk(v); }
  };
  walk(copy);
  const n = nodes[Math.floor(rand() * nodes.length)];
  if (n) (n.parent as Record<string | number, unknown>)[n.key] = values[Math.floor(rand() * values.length)];
  return copy;
}

test('fuzz: scrambled STIX bundles and MISP events never throw (seed 7)', () => {
  const rand = prng(7);
  const now = '2024-01-01T00:00:00.000Z';
  const bundle = { type: 'bundle', id: 'bundle--00000000-0000-4000-8000-000000000001', objects: [
    { type: 'identity', id: 'identity--00000000-0000-4000-8000-000000000002', name: 'I' },
    { type: 'attack-pattern', id: 'attack-pattern--00000000-0000-4000-8000-000000000003', external_references: [{ source_name: 'mitre-attack', external_id: 'T1071' }] },
    { type: 'indicator', id: 'indicator--00000000-0000-4000-8000-000000000004', created_by_ref: 'identity--00000000-0000-4000-8000-000000000002', created: now,
      name: 'n', confidence: 50, labels: ['l'], kill_chain_phases: [{ kill_chain_name: 'k', phase_name: 'p' }],
      pattern: "[ipv4-addr:value = '10.0.0.1'] FOLLOWEDBY [domain-name:value = 'x.test']", pattern_type: 'stix', valid_from: now, valid_until: '2025-01-01T00:00:00Z' },
    { type: 'relationship', relationship_type: 'indicates', source_ref: 'indicator--00000000-0000-4000-8000-000000000004', target_ref: 'attack-pattern--00000000-0000-4000-8000-000000000003' },
  ] };
  const misp = { Event: { info: 'i', threat_level_id: '2', Orgc: { name: 'o' }, Tag: [{ name: 'T1059' }], Attribute: [
    { uuid: '5f0c0001-0000-4000-8000-000000000000', type: 'ip-dst|port', value: '10.0.0.1|443', to_ids: true, timestamp: '1704067200', Tag: [{ name: 't' }] },
    { uuid: '5f0c0002-0000-4000-8000-000000000000', type: 'filename|sha256', value: `a.exe|${'a'.repeat(64)}`, to_ids: '1', comment: 'c' },
  ], Object: [{ name: 'file', Attribute: [{ type: 'md5', value: 'b'.repeat(32), to_ids: true }] }] } };
  let compiled = 0;
  let rejected = 0;
  for (let i = 0; i < 3000; i++) {
    let doc: unknown = i % 2 ? bundle : misp;
    for (let r = 0; r < 1 + Math.floor(rand() * 3); r++) doc = scramble(rand, doc);
    const out = compileIndicatorDocument(doc, 'fuzz.json', duckdb);
    compiled += out.compiled.length;
    rejected += out.rejected.length;
    for (const c of out.compiled) assert.equal(typeof c.where, 'string');
  }
  assert.ok(compiled > 1000 && rejected > 100, `compiled ${compiled}, rejected ${rejected}`);
});
