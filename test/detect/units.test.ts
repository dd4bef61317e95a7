/** Small pieces: Aho-Corasick, IPv6 normalisation, the ClickHouse form of a compiled rule, stable finding ids. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AhoCorasick } from '../../src/detect/sigma/sql/index.js';
import { ipv6Hex, detectDialect } from '../../src/detect/dialect.js';
import { compileRule } from '../../src/detect/sigma/compile-rule.js';
import { findingId, loadTexts } from '../../src/detect/sigma-test-exports.js';
import { clickhouse, duckdb } from '../../src/store/index.js';

test('Aho-Corasick finds every overlapping literal', () => {
  const ac = new AhoCorasick<number>([['he', 1], ['she', 2], ['his', 3], ['hers', 4], ['\\cmd.exe', 5]]);
  const hits: number[] = [];
  ac.search('ushers c:\\windows\\cmd.exe', (v) => hits.push(v));
  assert.deepEqual(hits.sort(), [1, 2, 4, 5]);
  const none: number[] = [];
  ac.search('xyz', (v) => none.push(v));
  assert.deepEqual(none, []);
});

test('IPv6 text to 32 hex digits', () => {
  assert.equal(ipv6Hex('fe80::1'), 'fe800000000000000000000000000001');
  assert.equal(ipv6Hex('2001:DB8:0:0:1::'), '20010db8000000000001000000000000');
  assert.equal(ipv6Hex('::'), '0'.repeat(32));
  assert.equal(ipv6Hex('1.2.3.4'), null);
  assert.equal(ipv6Hex('1::2::3'), null);
});

test('the same rule compiles for ClickHouse through the dialect seam', () => {
  const set = loadTexts([{ source: 'x.yml', text: `title: t\nlogsource: {product: windows, category: network_connection}\ndetection:\n    sel:\n        DestinationIp|cidr: '10.0.0.0/8'\n        Image|contains: 'x'\n    condition: sel\n` }], { placeholders: {} });
  const ch = compileRule(detectDialect(clickhouse), set.rules[0]!, []).detection.where;
  assert.match(ch, /isIPAddressInRange\(/);
  assert.match(ch, /position\(lowerUTF8\(/);
  assert.doesNotMatch(ch, /json_extract_string|vt_ip4/);
  const dk = compileRule(detectDialect(duckdb), set.rules[0]!, []).detection.where;
  assert.match(dk, /vt_ip4\(/);
});

test('finding ids depend on the rule and the set of events, not their order', () => {
  assert.equal(findingId('r', ['b', 'a']), findingId('r', ['a', 'b']));
  assert.notEqual(findingId('r', ['a']), findingId('r2', ['a']));
  assert.match(findingId('r', ['a']), /^[0-9a-f]{64}$/);
});
