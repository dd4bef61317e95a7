/**
 * Fuzzing the pattern parser and compiler with a fixed seed: truncations, character flips, token splices and
 * random text. Every input either parses or fails with a PatternSyntaxError inside the text; every parsed
 * pattern compiles or is rejected as a value; and a sample of what compiles is valid SQL that DuckDB runs.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { compileIndicator, parsePattern, PatternSyntaxError } from '../../src/detect/ioc/index.js';
import { duckdb, type CaseStore } from '../../src/store/index.js';
import { matching, openFixtureCase } from './ioc-case.js';

let store: CaseStore;
let close: () => Promise<void>;
before(async () => ({ store, close } = await openFixtureCase()));
after(async () => close());

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

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
  const rand = mulberry32(20261122);
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
